using System.Globalization;
using System.Net;

namespace SshDoctor.Audit.Server;

/// <summary>
/// Read-only look at the host firewall: would a new connection to the ssh port (from --client-ip, or from anywhere) be
/// accepted? iptables-save (legacy or nft backend) is evaluated rule by rule; ufw and firewalld by their status output.
/// Established-state REJECT/DROP rules count too: they kill the connection right after the handshake.
/// </summary>
public sealed class FirewallCheck : IAuditCheck<ServerContext>
{
    public string Name => "firewall";

    public string Area => "firewall";

    public void Run(ServerContext context, AuditSink sink)
    {
        if (context.Rooted)
        {
            sink.Add(FindingSeverity.Skipped, "rooted.host-only", null, ("what", "the firewall"));
            return;
        }

        if (!context.IsRoot)
        {
            sink.Add(FindingSeverity.Skipped, "firewall.not-root", null);
            return;
        }

        var port = int.TryParse((context.Global.GetAll("port") is [var first, ..] ? first : null)?.Split(' ')[0], CultureInfo.InvariantCulture, out var p) ? p : 22;
        var source = context.ClientIp is not null && IPAddress.TryParse(context.ClientIp, out var ip) ? ip : null;
        if (!Iptables(context, sink, port, source))
        {
            Nftables(context, sink, port, source);
        }

        Ufw(context, sink, port);
        Firewalld(context, sink, port);
    }

    /// <summary>True when iptables-save showed rules that decide (a verdict was reported); false when it showed nothing relevant.</summary>
    private static bool Iptables(ServerContext context, AuditSink sink, int port, IPAddress? source)
    {
        var tool = source?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "ip6tables-save" : "iptables-save";
        // Options only (no operand), as for nft, ufw and firewall-cmd below: nothing of ours can be read as an option.
        var result = context.Programs.Run(tool, ["-t", "filter"]);
        if (result.NotFound)
        {
            sink.Add(FindingSeverity.Skipped, "program.missing", null, ("program", tool));
            return false;
        }

        if (!result.Succeeded)
        {
            sink.Add(FindingSeverity.Skipped, "firewall.tool-failed", null, ("program", tool), ("error", result.Stderr.Trim()));
            return false;
        }

        var rules = IptablesRules.Parse(result.Stdout);
        if (!rules.Filters)
        {
            sink.Add(FindingSeverity.Info, "firewall.iptables-empty", tool, ("tool", tool));
            return false;
        }

        var from = context.ClientIp ?? "any address";
        foreach (var state in (string[])["NEW", "ESTABLISHED"])
        {
            var (verdict, rule) = rules.Evaluate(port, source, state);
            if (verdict is "DROP" or "REJECT")
            {
                sink.Problem("firewall.blocks", tool,
                    $"{tool}: a {(state == "NEW" ? "new" : "established")} TCP connection from {from} to port {port} meets {verdict}: {rule}",
                    ("port", port.ToString(CultureInfo.InvariantCulture)), ("verdict", verdict), ("rule", rule), ("tool", tool), ("ip", context.ClientIp));
                return true;
            }
        }

        sink.Add(FindingSeverity.Ok, "firewall.accepts", tool, ("tool", tool), ("port", port.ToString(CultureInfo.InvariantCulture)), ("from", from), ("rules", rules.RuleCount.ToString(CultureInfo.InvariantCulture)));
        if (rules.Unsupported.Count > 0)
        {
            sink.Add(FindingSeverity.Info, "firewall.unsupported-matches", tool, ("matches", string.Join(" ", rules.Unsupported)));
        }

        return true;
    }

    /// <summary>nftables' own rule set (tables iptables-save does not show: inet, or made with nft directly).</summary>
    private static void Nftables(ServerContext context, AuditSink sink, int port, IPAddress? source)
    {
        const string tool = "nft";
        var result = context.Programs.Run(tool, ["-j", "list", "ruleset"]);
        if (result.NotFound)
        {
            sink.Add(FindingSeverity.Skipped, "program.missing", null, ("program", tool));
            return;
        }

        var rules = result.Succeeded ? NftRuleset.Parse(result.Stdout) : null;
        if (rules is null)
        {
            sink.Add(FindingSeverity.Skipped, "firewall.tool-failed", null, ("program", "nft -j list ruleset"), ("error", result.Succeeded ? "output is not nft's JSON" : result.Stderr.Trim()));
            return;
        }

        var portText = port.ToString(CultureInfo.InvariantCulture);
        var from = context.ClientIp ?? "an address no rule names";
        var (verdict, rule) = rules.Evaluate(port, source);
        if (verdict is "drop" or "reject")
        {
            sink.Problem("firewall.blocks", "nft -j list ruleset",
                $"nftables: a new TCP connection from {from} to port {portText} meets {verdict}: {rule}",
                ("port", portText), ("verdict", verdict), ("rule", rule), ("tool", "nftables"), ("ip", context.ClientIp));
        }
        else
        {
            sink.Add(FindingSeverity.Ok, "firewall.accepts", "nft -j list ruleset", ("tool", "nftables"), ("port", portText), ("from", from), ("rules", rules.InputChainCount.ToString(CultureInfo.InvariantCulture) + " input chains"));
        }

        if (rules.Unsupported.Count > 0)
        {
            sink.Add(FindingSeverity.Info, "firewall.unsupported-matches", "nft -j list ruleset", ("matches", string.Join(", ", rules.Unsupported)));
        }
    }

    private static void Ufw(ServerContext context, AuditSink sink, int port)
    {
        var result = context.Programs.Run("ufw", ["status"]);
        if (!result.Succeeded || !result.Stdout.Contains("Status: active", StringComparison.Ordinal))
        {
            return;
        }

        var portText = port.ToString(CultureInfo.InvariantCulture);
        var allowed = result.Stdout.Split('\n').Any(l => l.Contains("ALLOW", StringComparison.Ordinal)
            && (l.StartsWith(portText + " ", StringComparison.Ordinal) || l.StartsWith(portText + "/tcp", StringComparison.Ordinal) || l.StartsWith("OpenSSH", StringComparison.Ordinal)));
        if (!allowed)
        {
            sink.Problem("firewall.ufw-no-rule", "ufw status",
                $"ufw is active and has no ALLOW rule for {portText}/tcp", ("port", portText), ("tool", "ufw"));
        }
    }

    private static void Firewalld(ServerContext context, AuditSink sink, int port)
    {
        var state = context.Programs.Run("firewall-cmd", ["--state"]);
        if (!state.Succeeded || !state.Stdout.Contains("running", StringComparison.Ordinal))
        {
            return;
        }

        var services = context.Programs.Run("firewall-cmd", ["--list-services"]).Stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ports = context.Programs.Run("firewall-cmd", ["--list-ports"]).Stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var portText = port.ToString(CultureInfo.InvariantCulture);
        if (!(port == 22 && services.Contains("ssh", StringComparer.Ordinal)) && !ports.Contains(portText + "/tcp", StringComparer.Ordinal))
        {
            sink.Problem("firewall.firewalld-no-rule", "firewall-cmd",
                $"firewalld is running; the default zone allows neither the ssh service nor {portText}/tcp", ("port", portText), ("tool", "firewalld"));
        }
    }
}
