using SshDoctor.Scan.Inventory;

namespace SshDoctor.Scan.History;

/// <summary>
/// Which part of a scan a process records: the whole inventory, or one shard of it. Shards given the same
/// <paramref name="Run"/> name share one scan row; without a name each process records a scan of its own.
/// </summary>
/// <param name="InventoryHosts">The hosts of the whole inventory (every shard's), kept as the scan's host count.</param>
public sealed record ScanPart(string? Run, InventoryShard? Shard, int InventoryHosts)
{
    /// <summary>The part's name in the history: <c>I/N</c>, or <c>1/1</c> for a whole scan.</summary>
    public string Name => (Shard ?? new InventoryShard(1, 1)).ToString();

    public int Parts => Shard?.Count ?? 1;

    public static ScanPart Whole(int hosts) => new(null, null, hosts);
}
