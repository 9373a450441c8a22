using System.Globalization;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering;

/// <summary>
/// <c>scan</c>'s text output: a summary line, the hosts grouped by outcome (ok, then each diagnosis id), then by finding
/// (legacy algorithms, weak host keys, host key changed, not in known_hosts), then the changes since the last scan.
/// At most <see cref="RowsPerGroup"/> hosts per group; --json and --csv list all. Renders the report, decides nothing.
/// </summary>
internal sealed class ScanRenderer(Terminal output, ScanText text)
{
    public const int RowsPerGroup = 20;

    public void Render(ScanReport report)
    {
        var summary = report.Summary!;
        var hosts = report.Hosts ?? [];
        output.WriteLine($"{output.Bold(text.Scanned)} {summary.Hosts.ToString(CultureInfo.InvariantCulture)} {text.Hosts}, {summary.ElapsedSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s: ok {summary.Ok.ToString(CultureInfo.InvariantCulture)}, {text.Failed} {summary.Failed.ToString(CultureInfo.InvariantCulture)}");
        if (summary.Shard is { } shard)
        {
            output.WriteLine($"  {text.ShardLine(shard, summary.Hosts, summary.InventoryHosts)}");
        }

        if (summary.Duplicates > 0)
        {
            output.WriteLine($"  {summary.Duplicates.ToString(CultureInfo.InvariantCulture)} {text.Duplicates}");
        }

        foreach (var note in Notes(report, text))
        {
            output.WriteLine($"  {output.Paint(note, "33")}");
        }

        output.WriteLine();
        output.WriteLine(output.Bold(text.Outcomes));
        foreach (var outcome in summary.Outcomes)
        {
            output.WriteLine($"  {output.Paint(outcome.Name, outcome.Name == "ok" ? Style.Good : Style.Failed)} ({outcome.Count.ToString(CultureInfo.InvariantCulture)})");
            Rows(hosts.Where(h => h.Outcome == outcome.Name), h => Describe(h));
        }

        if (summary.Findings.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(output.Bold(text.Findings));
            foreach (var finding in summary.Findings)
            {
                output.WriteLine($"  {output.Paint(text.Name(finding.Name), Style.Warning)} ({finding.Count.ToString(CultureInfo.InvariantCulture)})");
                Rows(hosts.Where(h => h.Findings.Any(f => f.Kind == finding.Name)), h => string.Join("; ", h.Findings.Where(f => f.Kind == finding.Name).Select(f => f.Detail)));
            }
        }

        if (hosts.Any(h => h.Keys.Count > 0))
        {
            output.WriteLine();
            output.WriteLine(output.Bold(text.Name("keys")));
            Rows(hosts.Where(h => h.Keys.Count > 0), h => text.KeyAnswers(h.Keys));
        }

        if (hosts.Any(h => h.PreviousScan is not null))
        {
            output.WriteLine();
            output.WriteLine(output.Bold(text.Changes));
            RenderChanges(hosts.SelectMany(h => h.Changes).ToList());
        }
    }

    /// <summary>What a reader must know before the table: this scan was stopped, or the scan it is compared with was.</summary>
    public static IEnumerable<string> Notes(ScanReport report, ScanText text)
    {
        if (!report.Complete)
        {
            var summary = report.Summary!;
            yield return text.Stopped(report.StoppedBy ?? "a signal", summary.Hosts, summary.Hosts + summary.NotProbed);
        }

        if (report.PreviousScan is { Complete: false } previous)
        {
            yield return text.PreviousWasIncomplete(previous);
        }
    }

    /// <summary>The changes of --since and --history, and of a scan.</summary>
    public void RenderChanges(IReadOnlyList<HostChangeReport> changes)
    {
        if (changes.Count == 0)
        {
            output.WriteLine($"  {text.NoChanges}");
            return;
        }

        foreach (var change in changes)
        {
            var flag = change.Downgrade ? output.Paint($" [{text.Downgrade}]", Style.Failed) : output.Paint("", null);
            var id = change.Id is null ? "" : $" ({change.Id})";
            output.WriteLine($"  {change.Host,-24} {output.Paint(text.ChangeName(change.Kind), Style.Warning)}{id}{flag}: {change.Before} ({change.PreviousScan}) → {change.After} ({change.ThisScan})");
        }
    }

    /// <summary>The rows of <c>--history HOST</c>: one per scan that saw the host.</summary>
    public void RenderHistory(ScanReport report)
    {
        foreach (var snapshot in report.Snapshots ?? [])
        {
            var incomplete = snapshot.ScanComplete ? "" : $" ({text.Incomplete})";
            output.WriteLine($"{snapshot.ScannedAt} #{snapshot.Scan.ToString(CultureInfo.InvariantCulture)}{incomplete} {snapshot.Host} {output.Paint(snapshot.Outcome, snapshot.Outcome == "ok" ? Style.Good : Style.Failed)} {string.Join(",", snapshot.Addresses)} {snapshot.Banner ?? ""} {snapshot.HostKey?.Type ?? ""} {snapshot.HostKey?.Fingerprint ?? ""}");
            if (snapshot.HostKeyTypes.Count > 0)
            {
                // Which types that scan fetched (the negotiated one unless --all-host-keys) of those offered: a type not fetched was not compared.
                output.WriteLine($"    {text.Name("host-keys-fetched")}: {string.Join(" ", snapshot.HostKeys.Select(k => k.Type))}; {text.Name("host-keys-offered")}: {string.Join(" ", snapshot.HostKeyTypes)}");
            }

            var legacy = snapshot.Algorithms.SelectMany(a => a.Legacy.Select(l => a.Slot + ":" + l)).ToList();
            if (legacy.Count > 0)
            {
                output.WriteLine($"    {output.Paint(text.Name("legacy-algorithms"), Style.Warning)}: {string.Join(" ", legacy)}");
            }

            if (snapshot.Keys.Count > 0)
            {
                output.WriteLine($"    {text.KeyAnswers(snapshot.Keys)}");
            }
        }

        output.WriteLine();
        output.WriteLine(output.Bold(text.Changes));
        RenderChanges(report.Changes ?? []);
    }

    /// <summary>The scans of <c>--since</c>, then their changes.</summary>
    public void RenderSince(ScanReport report)
    {
        foreach (var scan in report.Scans ?? [])
        {
            var incomplete = scan.Complete ? "" : $" ({text.Incomplete})";
            output.WriteLine($"#{scan.Id.ToString(CultureInfo.InvariantCulture)} {scan.Started}{incomplete}: {scan.Recorded.ToString(CultureInfo.InvariantCulture)}/{scan.Hosts.ToString(CultureInfo.InvariantCulture)} {text.Hosts}");
        }

        output.WriteLine();
        output.WriteLine(output.Bold(text.Changes));
        RenderChanges(report.Changes ?? []);
    }

    private void Rows(IEnumerable<ScanHostReport> hosts, Func<ScanHostReport, string> detail)
    {
        var list = hosts.ToList();
        foreach (var host in list.Take(RowsPerGroup))
        {
            output.WriteLine($"    {host.Destination,-28} {detail(host)}");
        }

        if (list.Count > RowsPerGroup)
        {
            output.WriteLine($"    … {(list.Count - RowsPerGroup).ToString(CultureInfo.InvariantCulture)} {text.More}");
        }
    }

    private static string Describe(ScanHostReport host)
    {
        var address = host.Addresses.Count > 0 ? host.Addresses[0] : "";
        if (host.Outcome == "ok" || host.Banner is not null && host.HostKey is not null)
        {
            return $"{address} {host.Banner ?? ""} {host.HostKey?.Type ?? ""} {host.HostKey?.Fingerprint ?? ""}".Trim();
        }

        var failed = host.Stages.FirstOrDefault(s => s.Status == "failed");
        return $"{address} {failed?.Stage}: {failed?.Detail}".Trim();
    }
}
