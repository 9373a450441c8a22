namespace SshDoctor.Scan.History;

/// <summary>
/// The scan history, wherever it is kept (<see cref="SqliteHistoryStore"/> for a file, <see cref="PostgresHistoryStore"/>
/// for a <c>postgresql://</c> URL shared by many shards): one row per scan, one snapshot per host and scan, the changes
/// each scan found. A host's snapshot is committed as soon as it is probed, so a scan killed half-way leaves what it saw,
/// and its scan row without an end: "incomplete", and read like any other. Safe to call from many threads.
/// </summary>
public interface IHistoryStore : IDisposable
{
    /// <summary>Where the history is, as it may be shown: a path, or the URL without its password.</summary>
    string Location { get; }

    /// <summary>The schema it is read at: <see cref="HistorySchema.Current"/>, or an older one that a read-only open left as it was.</summary>
    int SchemaVersion { get; }

    /// <summary>Starts a scan, or joins the one its <see cref="ScanPart.Run"/> name already started; returns its id.</summary>
    long StartScan(DateTimeOffset started, ScanPart part);

    /// <summary>Ends this process's part; the scan is complete once every part has ended.</summary>
    void FinishScan(long scanId, DateTimeOffset finished, ScanPart part);

    /// <summary>The latest snapshot of every host from scans before <paramref name="beforeScan"/> (complete or not).</summary>
    Dictionary<string, HostSnapshot> LatestSnapshots(long beforeScan);

    /// <summary>Stores a host's snapshot and the changes found for it, in one transaction.</summary>
    void Record(long scanId, HostSnapshot snapshot, IReadOnlyList<HostChange> changes);

    /// <summary>The scans that started at or after <paramref name="since"/>, oldest first.</summary>
    IReadOnlyList<ScanRecord> Scans(DateTimeOffset since);

    /// <summary>Every snapshot of a host (<c>name</c> or <c>name:port</c>), oldest first, with its scan.</summary>
    IReadOnlyList<(ScanRecord Scan, HostSnapshot Snapshot)> HostHistory(string host);

    /// <summary>The changes recorded by scans after <paramref name="since"/> (for one host when <paramref name="host"/> is given), oldest first.</summary>
    IReadOnlyList<HostChange> Changes(DateTimeOffset since, string? host = null);
}
