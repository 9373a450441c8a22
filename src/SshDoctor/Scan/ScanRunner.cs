using SshDoctor.Localization;
using SshDoctor.Probing.Connect;
using SshDoctor.Probing.Resolve;
using SshDoctor.Scan.History;
using SshDoctor.Scan.Inventory;

namespace SshDoctor.Scan;

/// <summary>
/// Runs a scan: every inventory entry through <see cref="HostProbe"/> under the <see cref="PolitenessGate"/>, each result
/// compared with the history's last snapshot of the host and recorded at once (so a killed scan keeps what it saw).
/// Results come back in inventory order. Cancelled (Ctrl-C, SIGTERM), it returns the hosts finished before, leaves the
/// scan incomplete in the history, and drops a host whose probe the cancellation cut short: its result would be the
/// cut, not the host.
/// </summary>
public sealed class ScanRunner(ScanSettings settings, ProbeEnvironment environment, Language language, IHistoryStore? history)
{
    public async Task<ScanRun> RunAsync(IReadOnlyList<InventoryEntry> entries, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        var started = settings.Clock.GetUtcNow();
        var part = settings.Part ?? ScanPart.Whole(entries.Count);
        var scanId = history?.StartScan(started, part);
        var previous = scanId is { } id ? history!.LatestSnapshots(id) : [];
        var previousScan = scanId is { } current ? history!.Scans(DateTimeOffset.MinValue).LastOrDefault(s => s.Id < current) : null;
        using var gate = new PolitenessGate(settings.Concurrency, settings.PerNetwork);
        // ssh -G is CPU work: more of them at once than cores only queues them.
        using var resolving = new SemaphoreSlim(Math.Max(2, Environment.ProcessorCount * 2));
        // Hosts behind one jump host share one connection to it (one login), each in its own channel.
        await using var jumps = new JumpCarriers();
        var probe = new HostProbe(settings, environment, gate, resolving, language, jumps);
        var results = new HostScanResult?[entries.Count];
        var done = 0;
        var failed = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Concurrency * 2), CancellationToken = cancellationToken };
        progress?.Report(new ScanProgress(0, 0, entries.Count));
        var complete = true;
        try
        {
            await ProbeAllAsync();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            complete = false;
        }

        var finished = settings.Clock.GetUtcNow();
        if (complete && scanId is { } finishedId)
        {
            history!.FinishScan(finishedId, finished, part);
        }

        return new ScanRun(results.OfType<HostScanResult>().ToList(), started, finished, scanId)
        {
            Total = entries.Count,
            Complete = complete,
            PreviousScan = previousScan,
            AllHostKeys = settings.AllHostKeys,
        };

        Task ProbeAllAsync() => Parallel.ForEachAsync(Enumerable.Range(0, entries.Count), options, async (index, ct) =>
        {
            var entry = entries[index];
            var before = previous.GetValueOrDefault(HostProbe.HostId(Destination.Parse(entry.Destination)));
            var (report, snapshot, elapsed, connections) = await probe.RunAsync(entry, before, ct);
            cancellationToken.ThrowIfCancellationRequested();
            var changes = before is not null ? ChangeDetector.Compare(before, snapshot) : [];
            history?.Record(scanId!.Value, snapshot, changes);
            results[index] = new HostScanResult
            {
                Entry = entry,
                Report = report,
                Snapshot = snapshot,
                Elapsed = elapsed,
                Connections = connections,
                Findings = FindingKinds.Of(snapshot),
                Changes = changes,
                PreviousScan = before?.ScannedAt,
            };
            var failures = snapshot.Outcome == "ok" ? Volatile.Read(ref failed) : Interlocked.Increment(ref failed);
            progress?.Report(new ScanProgress(Interlocked.Increment(ref done), failures, entries.Count));
        });
    }
}

/// <summary>How far a scan is: hosts done (of which failed) out of the total.</summary>
public sealed record ScanProgress(int Done, int Failed, int Total);

/// <summary>A finished scan: the hosts in inventory order, its times, and its id in the history (null without one).</summary>
public sealed record ScanRun(IReadOnlyList<HostScanResult> Hosts, DateTimeOffset Started, DateTimeOffset Finished, long? ScanId)
{
    /// <summary>The hosts the inventory asked for (more than <see cref="Hosts"/> when the scan was stopped).</summary>
    public int Total { get; init; }

    /// <summary>False when the scan was stopped before every host was probed; the history keeps it as incomplete.</summary>
    public bool Complete { get; init; } = true;

    /// <summary>The scan before this one in the history (complete or not), when there is one.</summary>
    public ScanRecord? PreviousScan { get; init; }

    /// <summary>--all-host-keys: every host key type offered was fetched, not only the negotiated one.</summary>
    public bool AllHostKeys { get; init; }
}
