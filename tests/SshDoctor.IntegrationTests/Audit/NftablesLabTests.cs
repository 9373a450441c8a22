using System.Net;
using SshDoctor.Audit.Server;

namespace SshDoctor.IntegrationTests.Audit;

/// <summary>The nftables evaluation against rule sets loaded into the real nft in a namespace of our own (never the host's firewall).</summary>
public sealed class NftablesLabTests : IDisposable
{
    private readonly string _ns = "sshdoc-nft-" + Guid.NewGuid().ToString("N")[..6];

    [Theory]
    [InlineData("policy accept;", "tcp dport 2222 drop", "drop")]
    [InlineData("policy accept;", "tcp dport { 22, 2222 } reject with tcp reset", "reject")]
    [InlineData("policy accept;", "tcp dport 1000-3000 counter drop", "drop")]
    [InlineData("policy accept;", "ip saddr 10.9.0.0/16 tcp dport 2222 drop", "drop")]
    [InlineData("policy accept;", "ip saddr 192.0.2.0/24 tcp dport 2222 drop", "accept")]
    [InlineData("policy accept;", "tcp dport 22 drop", "accept")]
    [InlineData("policy drop;", "tcp dport 2222 accept", "accept")]
    [InlineData("policy drop;", "ip saddr != 10.9.0.0/16 tcp dport 2222 accept", "drop")]
    [InlineData("policy accept;", "ct state new tcp dport 2222 jump ssh", "reject")]
    public void Verdict_for_rule_sets_loaded_by_real_nft(string policy, string rule, string expected)
    {
        Shell.Require(Shell.IsRoot, "network namespaces need root");
        Shell.Require(Shell.Has("nft") && Shell.Has("ip"), "nftables and iproute2 are needed");
        var rules = Path.Combine(Path.GetTempPath(), _ns + ".nft");
        File.WriteAllText(rules, $"table inet filter {{\n chain ssh {{\n  reject\n }}\n chain input {{\n  type filter hook input priority filter; {policy}\n  iif \"lo\" accept\n  {rule}\n }}\n}}\n");
        try
        {
            var run = Shell.Run($"ip netns add {_ns} && ip netns exec {_ns} nft -f {rules} && ip netns exec {_ns} nft -j list ruleset");
            Assert.True(run.Code == 0, run.Stderr);

            var parsed = NftRuleset.Parse(run.Stdout);

            Assert.NotNull(parsed);
            Assert.Equal(expected, parsed.Evaluate(2222, IPAddress.Parse("10.9.8.7")).Verdict);
            Assert.Empty(parsed.Unsupported);
        }
        finally
        {
            File.Delete(rules);
        }
    }

    public void Dispose() => Shell.Run($"ip netns del {_ns} 2>/dev/null");
}
