using System.Globalization;

namespace SshDoctor.Audit.Server;

/// <summary>
/// Is sshd running (a process named sshd, or a systemd unit ssh/sshd active) and listening on the configured Port?
/// Listening sockets come from /proc/net/tcp{,6}; a socket belongs to sshd when an sshd process holds its inode.
/// </summary>
public sealed class SshdServiceCheck : IAuditCheck<ServerContext>
{
    public string Name => "sshd-service";

    public string Area => "service";

    public void Run(ServerContext context, AuditSink sink)
    {
        var fs = context.Fs;
        if (context.Rooted && !fs.Stat("/proc/net/tcp").IsRegular)
        {
            // A tree without its own /proc says nothing about processes; this machine's would not be the tree's.
            sink.Add(FindingSeverity.Skipped, "rooted.host-only", null, ("what", "whether sshd runs and listens (the tree has no /proc)"));
            return;
        }
        var listeners = ProcNetTcp.Parse(fs.ReadText("/proc/net/tcp"), false).Concat(ProcNetTcp.Parse(fs.ReadText("/proc/net/tcp6"), true)).ToList();
        var sshdPids = SshdProcesses(fs);
        var sshdInodes = sshdPids.SelectMany(pid => SocketInodes(fs, pid)).ToHashSet(StringComparer.Ordinal);
        var ports = context.Global.GetAll("port").SelectMany(v => v.Split(' ')).Select(p => int.TryParse(p, CultureInfo.InvariantCulture, out var n) ? n : 0).Where(p => p > 0).Distinct().ToList();
        if (ports.Count == 0)
        {
            ports = [22];
        }

        var unit = context.Rooted ? null : SystemdState(context);
        var sshdListeners = listeners.Where(l => sshdInodes.Contains(l.Inode)).ToList();
        var onPort = listeners.Where(l => ports.Contains(l.Port)).ToList();
        var portsText = string.Join(",", ports);
        if (sshdPids.Count == 0 && onPort.Count == 0 && unit is not "active")
        {
            sink.Problem("sshd.not-running", null,
                $"no sshd process; nothing listens on port {portsText}{(unit is null ? string.Empty : $"; systemd unit: {unit}")}",
                ("port", portsText), ("unit", unit));
            return;
        }

        sink.Add(FindingSeverity.Ok, "sshd.running", null, ("pids", string.Join(",", sshdPids)), ("unit", unit ?? "-"));
        if (sshdListeners.Count > 0 && !sshdListeners.Any(l => ports.Contains(l.Port)))
        {
            var actual = string.Join(",", sshdListeners.Select(l => l.Port).Distinct().Order());
            sink.Problem("sshd.port-mismatch", context.Global["port"]?.Where,
                $"sshd listens on {string.Join(" ", sshdListeners)}, the configuration says Port {portsText}",
                ("port", actual), ("server_port", actual), ("config_port", portsText));
        }
        else if (onPort.Count == 0)
        {
            sink.Add(FindingSeverity.Warning, "sshd.port-not-listening", context.Global["port"]?.Where, ("port", portsText));
        }
        else
        {
            sink.Add(FindingSeverity.Ok, "sshd.listening", null, ("listeners", string.Join(" ", onPort)));
        }
    }

    private static List<string> SshdProcesses(IAuditFileSystem fs)
    {
        var pids = new List<string>();
        foreach (var dir in fs.List("/proc"))
        {
            var pid = dir[(dir.LastIndexOf('/') + 1)..];
            if (!pid.All(char.IsAsciiDigit))
            {
                continue;
            }

            var comm = fs.ReadText(dir + "/comm", 256)?.Trim();
            if (comm is "sshd")
            {
                pids.Add(pid);
            }
        }

        return pids;
    }

    private static IEnumerable<string> SocketInodes(IAuditFileSystem fs, string pid)
    {
        foreach (var fd in fs.List($"/proc/{pid}/fd"))
        {
            string? target = null;
            try
            {
                target = new FileInfo(fs.Map(fd)).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                target = null;
            }

            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            {
                yield return target[8..^1];
            }
        }
    }

    private static string? SystemdState(ServerContext context)
    {
        if (context.Programs.Find("systemctl") is null || !context.Fs.Stat("/run/systemd/system").IsDirectory)
        {
            return null;
        }

        var result = context.Programs.Run("systemctl", ["is-active", "--", "ssh.service", "sshd.service", "ssh.socket"], TimeSpan.FromSeconds(5));
        var states = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return states.Contains("active", StringComparer.Ordinal) ? "active" : states.FirstOrDefault();
    }
}
