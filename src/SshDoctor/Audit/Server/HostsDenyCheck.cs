using System.Globalization;

namespace SshDoctor.Audit.Server;

/// <summary>
/// TCP wrappers (Debian builds sshd with libwrap): hosts.allow is consulted first, then hosts.deny; the first line whose
/// daemon list names sshd (or ALL) and whose client list matches the address decides (hosts_access(5), simplified:
/// ALL, exact address, "a.b.c." prefixes, net/mask and CIDR; EXCEPT lists are not evaluated and are reported).
/// </summary>
public sealed class HostsDenyCheck : IAuditCheck<ServerContext>
{
    public string Name => "hosts-deny";

    public string Area => "bans";

    public void Run(ServerContext context, AuditSink sink)
    {
        var allow = Entries(context.Fs, "/etc/hosts.allow", sink);
        var deny = Entries(context.Fs, "/etc/hosts.deny", sink);
        if (context.ClientIp is null)
        {
            foreach (var entry in deny)
            {
                sink.Add(FindingSeverity.Info, "hosts-deny.entry", entry.Where, ("text", entry.Text));
            }

            return;
        }

        if (allow.FirstOrDefault(e => e.Matches(context.ClientIp)) is { } allowed)
        {
            sink.Add(FindingSeverity.Ok, "hosts-deny.allowed", allowed.Where, ("text", allowed.Text));
            return;
        }

        if (deny.FirstOrDefault(e => e.Matches(context.ClientIp)) is { } denied)
        {
            sink.Problem(confirmed: context.DebianRules, "hosts-deny.denied", denied.Where,
                denied.Text, ("ip", context.ClientIp), ("file", "/etc/hosts.deny"), ("text", denied.Text));
        }
    }

    private sealed record Entry(string Where, string Text, string[] Daemons, string[] Clients)
    {
        public bool Matches(string ip) =>
            Daemons.Any(d => d is "ALL" or "sshd") && Clients.Any(c => c == "ALL" || c == ip || (c.EndsWith('.') && ip.StartsWith(c, StringComparison.Ordinal))
                || (c.Contains('/', StringComparison.Ordinal) && PatternList.MatchesAddress([Cidr(c)], ip)));

        /// <summary>hosts_access writes net/mask (192.168.0.0/255.255.0.0); turn it into CIDR.</summary>
        private static string Cidr(string c)
        {
            var slash = c.IndexOf('/', StringComparison.Ordinal);
            var mask = c[(slash + 1)..];
            if (!System.Net.IPAddress.TryParse(mask, out var m) || !mask.Contains('.', StringComparison.Ordinal))
            {
                return c;
            }

            var bits = m.GetAddressBytes().Sum(b => System.Numerics.BitOperations.PopCount(b));
            return c[..slash] + "/" + bits.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static List<Entry> Entries(IAuditFileSystem fs, string path, AuditSink sink)
    {
        var entries = new List<Entry>();
        var read = fs.Read(path);
        FileReadFindings.Report(sink, read);
        if (!read.Ok)
        {
            return entries;
        }

        var text = read.Text;
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(':');
            if (parts.Length < 2)
            {
                continue;
            }

            static string[] List(string s) => s.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
            entries.Add(new Entry($"{path}:{number}", line, List(parts[0]), List(parts[1]).TakeWhile(c => c != "EXCEPT").ToArray()));
        }

        return entries;
    }
}
