using System.Globalization;

namespace SshDoctor.Audit.Local;

/// <summary>
/// ~/.ssh/known_hosts (and known_hosts2): lines ssh skips as parse errors, entries repeated or conflicting for the
/// same name, hashed or plain, @revoked and @cert-authority markers. Own minimal parser (hostfile.c rules, §4.3): the
/// shared known_hosts reader of the probe branch was not committed when this was written.
/// </summary>
public sealed class KnownHostsCheck : IAuditCheck<LocalContext>
{
    public string Name => "known-hosts";

    public string Area => "known_hosts";

    public IReadOnlyList<string> Produces { get; } = [];

    public void Run(LocalContext context, AuditSink sink)
    {
        foreach (var name in (string[])["known_hosts", "known_hosts2"])
        {
            var path = context.SshDirectory + "/" + name;
            var text = context.Fs.ReadText(path, 16 << 20);
            if (text is null)
            {
                continue;
            }

            Lint(path, text, sink);
        }
    }

    public static void Lint(string path, string text, AuditSink sink)
    {
        var plain = new Dictionary<(string Host, string Type), (string Key, int Line)>();
        var seen = new Dictionary<(string Hosts, string Key), int>();
        int hashed = 0, entries = 0, revoked = 0, authorities = 0;
        var revokedKeys = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        var parsed = new List<(int Line, string? Marker, string Hosts, string Type, string Key)>();
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            string? marker = null;
            if (fields[0].StartsWith('@'))
            {
                marker = fields[0];
                fields = fields[1..];
            }

            var where = $"{path}:{number.ToString(CultureInfo.InvariantCulture)}";
            if (marker is not null and not "@revoked" and not "@cert-authority")
            {
                sink.Add(FindingSeverity.Warning, "known-hosts.bad-marker", where, ("marker", marker));
                continue;
            }

            if (fields.Length < 3 || PublicKeyInfo.FromLine(fields[1] + " " + fields[2], out _) is null)
            {
                sink.Add(FindingSeverity.Warning, "known-hosts.parse-error", where, ("line", number.ToString(CultureInfo.InvariantCulture)));
                continue;
            }

            parsed.Add((number, marker, fields[0], fields[1], fields[2]));
        }

        foreach (var (line, marker, hosts, type, key) in parsed)
        {
            var where = $"{path}:{line.ToString(CultureInfo.InvariantCulture)}";
            if (marker == "@revoked")
            {
                revoked++;
                revokedKeys.Add(key);
                continue;
            }

            if (marker == "@cert-authority")
            {
                authorities++;
                continue;
            }

            entries++;
            if (hosts.StartsWith("|1|", StringComparison.Ordinal))
            {
                hashed++;
            }

            if (seen.TryGetValue((hosts, key), out var first))
            {
                sink.Add(FindingSeverity.Info, "known-hosts.duplicate", where, ("first", first.ToString(CultureInfo.InvariantCulture)));
            }
            else
            {
                seen[(hosts, key)] = line;
            }

            foreach (var host in hosts.Split(',').Where(h => !h.StartsWith("|1|", StringComparison.Ordinal) && !h.StartsWith('!') && h.IndexOfAny(['*', '?']) < 0))
            {
                var lower = host.ToLowerInvariant();
                if (plain.TryGetValue((lower, type), out var other) && other.Key != key)
                {
                    sink.Add(FindingSeverity.Warning, "known-hosts.conflict", where, ("host", host), ("type", type), ("first", other.Line.ToString(CultureInfo.InvariantCulture)));
                }
                else
                {
                    plain.TryAdd((lower, type), (key, line));
                }
            }
        }

        foreach (var (line, marker, _, _, key) in parsed)
        {
            if (marker is null && revokedKeys.Contains(key))
            {
                sink.Add(FindingSeverity.Warning, "known-hosts.revoked-key-trusted", $"{path}:{line.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        sink.Add(FindingSeverity.Info, "known-hosts.summary", path,
            ("entries", entries.ToString(CultureInfo.InvariantCulture)),
            ("hashed", hashed.ToString(CultureInfo.InvariantCulture)),
            ("revoked", revoked.ToString(CultureInfo.InvariantCulture)),
            ("authorities", authorities.ToString(CultureInfo.InvariantCulture)));
    }
}
