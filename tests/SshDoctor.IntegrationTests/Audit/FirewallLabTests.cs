using System.Net;
using SshDoctor.Audit.Server;

namespace SshDoctor.IntegrationTests.Audit;

/// <summary>The iptables evaluation against rules written by the real iptables in a namespace of our own (never the host's firewall).</summary>
public sealed class FirewallLabTests : IDisposable
{
    private readonly string _ns = "sshdoc-fw-" + Guid.NewGuid().ToString("N")[..6];

    [Theory]
    [InlineData("-A INPUT -p tcp --dport 2222 -j DROP", "DROP")]
    [InlineData("-A INPUT -p tcp -m tcp --dport 2222 -j REJECT --reject-with tcp-reset", "REJECT")]
    [InlineData("-A INPUT -s 10.9.0.0/16 -p tcp --dport 2222 -j DROP", "DROP")]
    [InlineData("-A INPUT -s 192.0.2.0/24 -p tcp --dport 2222 -j DROP", "ACCEPT")]
    [InlineData("-A INPUT -p tcp --dport 22 -j DROP", "ACCEPT")]
    [InlineData("-N SSH\n-A INPUT -p tcp -m multiport --dports 80,2222 -j SSH\n-A SSH -j REJECT", "REJECT")]
    [InlineData("-A INPUT -p tcp -m conntrack --ctstate ESTABLISHED -m tcp --dport 2222 -j REJECT --reject-with tcp-reset", "REJECT")]
    [InlineData("-P INPUT DROP", "DROP")]
    [InlineData("-P INPUT DROP\n-A INPUT -p tcp --dport 2222 -j ACCEPT", "ACCEPT")]
    public void Verdict_for_rules_written_by_real_iptables(string rules, string expected)
    {
        Shell.Require(Shell.IsRoot, "network namespaces need root");
        Shell.Require(Shell.Has("iptables-save") && Shell.Has("ip"), "iptables and iproute2 are needed");
        var commands = string.Join(" && ", rules.Split('\n').Select(r => $"ip netns exec {_ns} iptables {r}"));
        var run = Shell.Run($"ip netns add {_ns} && {commands} && ip netns exec {_ns} iptables-save -t filter");
        Assert.True(run.Code == 0, run.Stderr);

        var parsed = IptablesRules.Parse(run.Stdout);
        var source = IPAddress.Parse("10.9.8.7");
        var verdict = parsed.Evaluate(2222, source, "NEW").Verdict;
        if (verdict == "ACCEPT")
        {
            verdict = parsed.Evaluate(2222, source, "ESTABLISHED").Verdict;
        }

        Assert.Equal(expected, verdict);
    }

    public void Dispose() => Shell.Run($"ip netns del {_ns} 2>/dev/null");
}
