using SshDoctor.Audit.Server;
using SshDoctor.Diagnosis;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Audit.Server;

/// <summary>
/// check-server on a server filtered by nftables alone: iptables-save shows nothing relevant, so <c>nft -j list
/// ruleset</c> (recorded from the real nft 1.0.6 in a namespace of its own, Samples/audit/nft/README.md) is evaluated.
/// </summary>
public sealed class NftablesFirewallTests : IDisposable
{
    private readonly PreparedServerTree _tree = new();

    [Fact]
    public void A_drop_rule_on_the_ssh_port_is_firewall_blocks()
    {
        var result = Audit("Port 22\n", "drop-ssh-port", "198.51.100.7");

        var diagnosis = Assert.Single(result.Diagnoses, d => d.Id == DiagnosisIds.ServerFirewallBlocks);
        Assert.Equal(Certainty.Proven, diagnosis.Certainty);
        Assert.Equal("drop", diagnosis.Values["verdict"]);
        Assert.Equal("inet filter input: tcp dport 22 drop", diagnosis.Values["rule"]);
        Assert.Equal(["iptables-save -t filter", "nft -j list ruleset"], _tree.Programs.Calls.Take(2));
    }

    [Fact]
    public void A_reject_rule_with_a_port_set_blocks_and_says_reject()
    {
        var result = Audit("Port 2222\n", "reject-ssh-port", "198.51.100.7");

        var diagnosis = Assert.Single(result.Diagnoses, d => d.Id == DiagnosisIds.ServerFirewallBlocks);
        Assert.Equal("reject", diagnosis.Values["verdict"]);
        Assert.Equal("inet filter input: tcp dport { 22, 2222 } reject with tcp reset", diagnosis.Values["rule"]);
    }

    [Fact]
    public void A_policy_drop_with_an_accept_for_the_admin_network_blocks_a_client_outside_it()
    {
        var result = Audit("Port 22\n", "admin-net-only", "198.51.100.7");

        var diagnosis = Assert.Single(result.Diagnoses, d => d.Id == DiagnosisIds.ServerFirewallBlocks);
        Assert.Equal("policy drop of chain inet filter input", diagnosis.Values["rule"]);
    }

    [Fact]
    public void The_same_rules_let_a_client_from_the_admin_network_through()
    {
        var result = Audit("Port 22\n", "admin-net-only", "203.0.113.50");

        Assert.DoesNotContain(result.Diagnoses, d => d.Id == DiagnosisIds.ServerFirewallBlocks);
        Assert.Contains(result.Findings, f => f.Code == "firewall.accepts" && f.Values["tool"] == "nftables");
    }

    [Fact]
    public void Without_a_client_address_the_admin_network_rule_does_not_count()
    {
        var result = Audit("Port 22\n", "admin-net-only", clientIp: null);

        Assert.Contains(result.Diagnoses, d => d.Id == DiagnosisIds.ServerFirewallBlocks);
    }

    [Fact]
    public void A_drop_rule_on_another_port_does_not_block_sshd_on_its_own_port()
    {
        var result = Audit("Port 2222\n", "drop-ssh-port", "198.51.100.7");

        Assert.DoesNotContain(result.Diagnoses, d => d.Id == DiagnosisIds.ServerFirewallBlocks);
        Assert.Contains(result.Findings, f => f.Code == "firewall.accepts" && f.Values["tool"] == "nftables");
    }

    [Fact]
    public void When_iptables_save_has_rules_nft_is_not_asked()
    {
        _tree.Write("/etc/ssh/sshd_config", "Port 22\n").Programs
            .Prints("iptables-save", File.ReadAllText(SampleFiles.PathOf("audit", "iptables", "drop-ssh-port.rules")))
            .Prints("nft", File.ReadAllText(SampleFiles.PathOf("audit", "nft", "admin-net-only.json")));

        _tree.Audit(clientIp: "203.0.113.50");

        Assert.DoesNotContain("nft -j list ruleset", _tree.Programs.Calls);
    }

    [Fact]
    public void The_loopback_address_passes_the_iif_lo_accept()
    {
        var rules = NftRuleset.Parse(File.ReadAllText(SampleFiles.PathOf("audit", "nft", "admin-net-only.json")))!;

        Assert.Equal(("accept", "inet filter input: iif lo accept"), rules.Evaluate(22, System.Net.IPAddress.Loopback));
        Assert.Equal("drop", rules.Evaluate(22, System.Net.IPAddress.Parse("2001:db8::1")).Verdict);
        Assert.Empty(rules.Unsupported);
    }

    private SshDoctor.Audit.AuditResult Audit(string config, string ruleset, string? clientIp)
    {
        _tree.Write("/etc/ssh/sshd_config", config).Programs
            .Prints("iptables-save", File.ReadAllText(SampleFiles.PathOf("audit", "nft", "iptables-save-with-only-an-inet-table.txt")))
            .Prints("nft", File.ReadAllText(SampleFiles.PathOf("audit", "nft", ruleset + ".json")));
        return _tree.Audit(clientIp: clientIp);
    }

    public void Dispose() => _tree.Dispose();
}
