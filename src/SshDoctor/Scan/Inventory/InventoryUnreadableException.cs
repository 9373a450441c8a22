namespace SshDoctor.Scan.Inventory;

/// <summary>An inventory named on the command line that cannot be read at all (bad input: exit 2, before any connection).</summary>
public sealed class InventoryUnreadableException(string message) : Exception(message);
