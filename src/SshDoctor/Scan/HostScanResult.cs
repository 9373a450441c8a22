using SshDoctor.Reporting;
using SshDoctor.Scan.History;
using SshDoctor.Scan.Inventory;

namespace SshDoctor.Scan;

/// <summary>One host of a scan: the inventory entry, diagnose's report (target, stages, diagnoses), the snapshot the history keeps, the findings and the changes since the last scan.</summary>
public sealed record HostScanResult
{
    public required InventoryEntry Entry { get; init; }

    public required Report Report { get; init; }

    public required HostSnapshot Snapshot { get; init; }

    public required TimeSpan Elapsed { get; init; }

    /// <summary>The TCP connections the scan opened to the host (what the server's MaxStartups and PerSourcePenalties count).</summary>
    public int Connections { get; init; }

    public IReadOnlyList<HostFinding> Findings { get; init; } = [];

    public IReadOnlyList<HostChange> Changes { get; init; } = [];

    /// <summary>When the history last saw this host (null for a host new to it, or without a history).</summary>
    public DateTimeOffset? PreviousScan { get; init; }
}
