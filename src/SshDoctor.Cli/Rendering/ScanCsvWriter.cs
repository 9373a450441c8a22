using System.Globalization;
using System.Text;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering;

/// <summary><c>scan --csv</c>: one row per host (with <c>--history HOST</c>: per scan of it), every field escaped (<see cref="SafeText"/>) and quoted as RFC 4180 needs.</summary>
internal static class ScanCsvWriter
{
    public const string Header = "destination,source,outcome,addresses,banner,host_key_type,host_key_fingerprint,known_hosts,weak_host_key,legacy_algorithms,changes,elapsed_ms,keys_accepted,keys_rejected,host_key_types";

    /// <summary>scan --history HOST --csv: one row per scan that saw the host, the server's algorithm lists in full.</summary>
    public const string HistoryHeader = "scan,scanned_at,scan_complete,host,destination,outcome,addresses,banner,host_key_type,host_key_fingerprint,known_hosts,kex,hostkey_algorithms,ciphers,macs,legacy_algorithms,keys_accepted,keys_rejected,host_key_types,host_keys_fetched";

    public static string Write(ScanReport report) => report.Snapshots is { } snapshots ? WriteHistory(snapshots) : WriteHosts(report);

    private static string WriteHistory(IReadOnlyList<ScanSnapshotReport> snapshots)
    {
        var text = new StringBuilder(HistoryHeader).Append('\n');
        foreach (var snapshot in snapshots)
        {
            string Slot(string slot) => string.Join(' ', snapshot.Algorithms.FirstOrDefault(a => a.Slot == slot)?.Server ?? []);
            var row = new List<string?>
            {
                snapshot.Scan.ToString(CultureInfo.InvariantCulture),
                snapshot.ScannedAt,
                snapshot.ScanComplete ? "true" : "false",
                snapshot.Host,
                snapshot.Destination,
                snapshot.Outcome,
                string.Join(' ', snapshot.Addresses),
                snapshot.Banner,
                snapshot.HostKey?.Type,
                snapshot.HostKey?.Fingerprint,
                snapshot.HostKey?.KnownHosts,
                Slot("kex"),
                Slot("hostkey"),
                Slot("cipher"),
                Slot("mac"),
                string.Join(' ', snapshot.Algorithms.SelectMany(a => a.Legacy.Select(l => a.Slot + ":" + l))),
                KeysAnswered(snapshot.Keys, "accepted"),
                KeysAnswered(snapshot.Keys, "rejected"),
                string.Join(' ', snapshot.HostKeyTypes),
                string.Join(' ', snapshot.HostKeys.Select(k => k.Type)),
            };
            text.AppendJoin(',', row.Select(Field)).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string KeysAnswered(IReadOnlyList<ScanUserKeyReport> keys, string result) => string.Join(' ', keys.Where(k => k.Result == result).Select(k => k.Fingerprint));

    private static string WriteHosts(ScanReport report)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var host in report.Hosts ?? [])
        {
            var row = new List<string?>
            {
                host.Destination,
                host.Source,
                host.Outcome,
                string.Join(' ', host.Addresses),
                host.Banner,
                host.HostKey?.Type,
                host.HostKey?.Fingerprint,
                host.HostKey?.KnownHosts,
                host.HostKey?.Weakness,
                string.Join(' ', host.Algorithms.SelectMany(a => a.Legacy.Select(l => a.Slot + ":" + l))),
                string.Join(' ', host.Changes.Select(c => c.Kind)),
                host.ElapsedMs.ToString(CultureInfo.InvariantCulture),
                KeysAnswered(host.Keys, "accepted"),
                KeysAnswered(host.Keys, "rejected"),
                string.Join(' ', host.HostKeyTypes),
            };
            text.AppendJoin(',', row.Select(Field)).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string Field(string? value)
    {
        var escaped = SafeText.Escape(value) ?? string.Empty;
        if (escaped.Length > 0 && escaped[0] is '=' or '+' or '-' or '@')
        {
            // A spreadsheet would take a remote text starting like this for a formula.
            escaped = "'" + escaped;
        }

        return escaped.AsSpan().IndexOfAny(",\"") >= 0 ? '"' + escaped.Replace("\"", "\"\"", StringComparison.Ordinal) + '"' : escaped;
    }
}
