using System.Globalization;
using SshDoctor.Localization;
using SshDoctor.Reporting;
using SshDoctor.Scan.History;
using SshDoctor.Scan.Inventory;

namespace SshDoctor.Scan;

/// <summary>Turns a scan run, or what the history holds, into the <see cref="ScanReport"/> contract.</summary>
public static class ScanReportBuilder
{
    /// <param name="stoppedBy">The signal that stopped the scan, when one did.</param>
    public static ScanReport Build(ScanRun run, HostInventory inventory, Language language, string? historyPath, InventoryShard? shard = null, string? stoppedBy = null)
    {
        var hosts = run.Hosts;
        var failed = hosts.Count(h => h.Snapshot.Outcome != "ok");
        return new ScanReport
        {
            Status = failed > 0 || inventory.Problems.Count > 0 || !run.Complete ? "problem" : "ok",
            Language = LanguageCode(language),
            Started = Time(run.Started),
            Finished = Time(run.Finished),
            History = historyPath,
            Complete = run.Complete,
            StoppedBy = run.Complete ? null : stoppedBy,
            HostKeysFetched = run.AllHostKeys ? "all" : "negotiated",
            PreviousScan = run.PreviousScan is { } previous ? Scan(previous) : null,
            Summary = new ScanSummaryReport
            {
                Hosts = hosts.Count,
                NotProbed = Math.Max(0, run.Total - hosts.Count),
                Ok = hosts.Count - failed,
                Failed = failed,
                Duplicates = inventory.Duplicates,
                Shard = shard?.ToString(),
                InventoryHosts = inventory.Entries.Count,
                ElapsedSeconds = Math.Round((run.Finished - run.Started).TotalSeconds, 3),
                Outcomes = Counts(hosts.Select(h => h.Snapshot.Outcome)),
                Findings = Counts(hosts.SelectMany(h => h.Findings.Select(f => f.Kind).Distinct()), FindingKinds.All),
                Changes = Counts(hosts.SelectMany(h => h.Changes.Select(c => c.Kind).Distinct()), ChangeKinds.All),
            },
            InventoryProblems = inventory.Problems.Select(p => new InventoryProblemReport { Where = p.Where, Message = p.Message }).ToList(),
            Hosts = hosts.Select(Host).ToList(),
        };
    }

    /// <summary><c>--since</c>: the scans since then and the changes they found.</summary>
    public static ScanReport Since(IReadOnlyList<ScanRecord> scans, IReadOnlyList<HostChange> changes, Language language, string historyPath) => new()
    {
        Status = changes.Count == 0 ? "ok" : "problem",
        Language = LanguageCode(language),
        History = historyPath,
        Scans = scans.Select(Scan).ToList(),
        Changes = changes.Select(Change).ToList(),
    };

    /// <summary><c>--history HOST</c>: every snapshot of the host, oldest first, and its changes.</summary>
    public static ScanReport HostHistory(IReadOnlyList<(ScanRecord Scan, HostSnapshot Snapshot)> rows, IReadOnlyList<HostChange> changes, Language language, string historyPath) => new()
    {
        Status = changes.Count == 0 ? "ok" : "problem",
        Language = LanguageCode(language),
        History = historyPath,
        Snapshots = rows.Select(r => new ScanSnapshotReport
        {
            Scan = r.Scan.Id,
            ScannedAt = Time(r.Snapshot.ScannedAt),
            ScanComplete = r.Scan.Complete,
            Host = r.Snapshot.HostId,
            Destination = r.Snapshot.Destination,
            Outcome = r.Snapshot.Outcome,
            Addresses = r.Snapshot.Addresses,
            Banner = r.Snapshot.Banner,
            HostKey = HostKey(r.Snapshot),
            HostKeyTypes = r.Snapshot.HostKeyTypes,
            HostKeys = FetchedKeys(r.Snapshot),
            Algorithms = Algorithms(r.Snapshot),
            Keys = UserKeys(r.Snapshot),
        }).ToList(),
        Changes = changes.Select(Change).ToList(),
    };

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static ScanHostReport Host(HostScanResult host) => new()
    {
        Destination = host.Entry.Destination,
        Source = host.Entry.Source,
        Name = host.Entry.Name,
        Outcome = host.Snapshot.Outcome,
        ElapsedMs = (long)Math.Round(host.Elapsed.TotalMilliseconds),
        Connections = host.Connections,
        Addresses = host.Snapshot.Addresses,
        Banner = host.Snapshot.Banner,
        Algorithms = Algorithms(host.Snapshot),
        HostKey = HostKey(host.Snapshot),
        HostKeyTypes = host.Snapshot.HostKeyTypes,
        HostKeys = FetchedKeys(host.Snapshot),
        Findings = host.Findings.Select(f => new ScanFindingReport { Kind = f.Kind, Detail = f.Detail }).ToList(),
        Changes = host.Changes.Select(Change).ToList(),
        Keys = UserKeys(host.Snapshot),
        PreviousScan = host.PreviousScan is { } previous ? Time(previous) : null,
        Target = host.Report.Target,
        Stages = host.Report.Stages,
        Diagnoses = host.Report.Diagnoses,
    };

    private static List<ScanKeyReport> FetchedKeys(HostSnapshot snapshot) =>
        snapshot.HostKeys.Select(k => new ScanKeyReport { Type = k.Type, Fingerprint = k.Fingerprint }).ToList();

    private static List<ScanUserKeyReport> UserKeys(HostSnapshot snapshot) =>
        snapshot.Keys.Select(k => new ScanUserKeyReport { Identity = k.Identity, Type = k.Type, Fingerprint = k.Fingerprint, Result = k.Result }).ToList();

    private static ScanHostKeyReport? HostKey(HostSnapshot snapshot) => snapshot.HostKeyFingerprint is null ? null : new ScanHostKeyReport
    {
        Type = snapshot.HostKeyType,
        Fingerprint = snapshot.HostKeyFingerprint,
        KnownHosts = snapshot.KnownHosts,
        Weakness = HostKeyStrength.Weakness(snapshot.HostKeyType, snapshot.HostKey),
    };

    private static List<AlgorithmListReport> Algorithms(HostSnapshot snapshot) => snapshot.Reached
        ? snapshot.Algorithms.Select(a => new AlgorithmListReport
        {
            Slot = a.Slot,
            Server = Ssh.RemoteText.Head(a.Names),
            Legacy = a.Names.Where(n => LegacyAlgorithms.Why(a.Slot, n) is not null).ToList(),
        }).ToList()
        : [];

    private static HostChangeReport Change(HostChange change) => new()
    {
        Host = change.HostId,
        Kind = change.Kind,
        Id = change.Id,
        Downgrade = change.Downgrade,
        Before = change.Before,
        After = change.After,
        PreviousScan = Time(change.PreviousScan),
        ThisScan = Time(change.ThisScan),
    };

    private static ScanRecordReport Scan(ScanRecord scan) => new()
    {
        Id = scan.Id,
        Started = Time(scan.Started),
        Finished = scan.Finished is { } finished ? Time(finished) : null,
        Complete = scan.Complete,
        Hosts = scan.Hosts,
        Recorded = scan.Recorded,
    };

    /// <summary>Counts by name, most frequent first ("ok" first among outcomes); <paramref name="order"/> fixes the order instead.</summary>
    private static List<CountReport> Counts(IEnumerable<string> names, IReadOnlyList<string>? order = null)
    {
        var counts = names.GroupBy(n => n, StringComparer.Ordinal).Select(g => new CountReport { Name = g.Key, Count = g.Count() });
        return order is not null
            ? counts.OrderBy(c => order.IndexOf(c.Name)).ToList()
            : counts.OrderBy(c => c.Name == "ok" ? 0 : 1).ThenByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    private static string LanguageCode(Language language) => language == Language.Japanese ? "ja" : "en";
}

file static class ListExtensions
{
    public static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return list.Count;
    }
}
