namespace SshDoctor.Scan.Inventory;

/// <summary>An inventory line that was skipped, with where it is (<c>FILE:LINE</c>) and why.</summary>
public sealed record InventoryProblem(string Where, string Message);
