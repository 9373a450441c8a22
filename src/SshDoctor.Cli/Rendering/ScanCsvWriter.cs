using System.Globalization;
using System.Text;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering;

/// <summary><c>scan --csv</c>: one row per host, every field escaped (<see cref="SafeText"/>) and quoted as RFC 4180 needs.</summary>
internal static class ScanCsvWriter
{
    public const string Header = "destination,source,outcome,addresses,banner,host_key_type,host_key_fingerprint,known_hosts,weak_host_key,legacy_algorithms,changes,elapsed_ms,keys_accepted,keys_rejected";

    public static string Write(ScanReport report)
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
                string.Join(' ', host.Keys.Where(k => k.Result == "accepted").Select(k => k.Fingerprint)),
                string.Join(' ', host.Keys.Where(k => k.Result == "rejected").Select(k => k.Fingerprint)),
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
