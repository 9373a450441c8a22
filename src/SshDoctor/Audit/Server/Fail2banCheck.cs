using System.Globalization;

namespace SshDoctor.Audit.Server;

/// <summary>fail2ban's jails and their banned addresses (fail2ban-client status), read-only; server.banned for --client-ip.</summary>
public sealed class Fail2banCheck : IAuditCheck<ServerContext>
{
    public string Name => "fail2ban";

    public string Area => "bans";

    public void Run(ServerContext context, AuditSink sink)
    {
        // Below --root this machine's fail2ban is not the tree's, unless --fail2ban-socket names the one that is.
        if (context.Rooted && context.Fail2banSocket is null)
        {
            sink.Add(FindingSeverity.Skipped, "rooted.host-only", null, ("what", "fail2ban's bans (name its socket with --fail2ban-socket)"));
            return;
        }

        if (context.Programs.Find("fail2ban-client") is null)
        {
            sink.Add(FindingSeverity.Skipped, "program.missing", null, ("program", "fail2ban-client"));
            return;
        }

        var prefix = context.Fail2banSocket is null ? new List<string>() : ["-s", context.Fail2banSocket];
        // "--" ends fail2ban-client's options: the jail names below come from its own output, not from us.
        var status = context.Programs.Run("fail2ban-client", [.. prefix, "--", "status"], TimeSpan.FromSeconds(5));
        if (!status.Succeeded)
        {
            sink.Add(FindingSeverity.Skipped, "fail2ban.unreachable", context.Fail2banSocket, ("error", FirstLine(status.Stderr + status.Stdout)));
            return;
        }

        foreach (var jail in Field(status.Stdout, "Jail list:").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var jailStatus = context.Programs.Run("fail2ban-client", [.. prefix, "--", "status", jail], TimeSpan.FromSeconds(5));
            var banned = Field(jailStatus.Stdout, "Banned IP list:").Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (context.ClientIp is not null && banned.Contains(context.ClientIp, StringComparer.Ordinal))
            {
                sink.Problem("fail2ban.banned", $"fail2ban jail {jail}",
                    $"fail2ban jail {jail}: Banned IP list contains {context.ClientIp}", ("ip", context.ClientIp), ("jail", jail));
            }
            else
            {
                sink.Add(FindingSeverity.Info, "fail2ban.jail", $"fail2ban jail {jail}", ("jail", jail), ("count", banned.Length.ToString(CultureInfo.InvariantCulture)));
            }
        }
    }

    private static string Field(string text, string name)
    {
        var line = text.Split('\n').FirstOrDefault(l => l.Contains(name, StringComparison.Ordinal));
        return line is null ? string.Empty : line[(line.IndexOf(name, StringComparison.Ordinal) + name.Length)..].Trim();
    }

    private static string FirstLine(string text) => text.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? string.Empty;
}
