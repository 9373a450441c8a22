
namespace SshDoctor.Scan.Inventory;

/// <summary>One host to scan: the destination as diagnose takes it, and where the inventory named it.</summary>
/// <param name="Destination"><c>[user@]host[:port]</c>.</param>
/// <param name="Source">Where it came from: <c>argument</c>, <c>FILE:LINE</c>.</param>
/// <param name="Name">The inventory's own name for the host (an Ansible name, a Host alias), when it differs from the destination's host.</param>
public sealed record InventoryEntry(string Destination, string Source, string? Name = null);
