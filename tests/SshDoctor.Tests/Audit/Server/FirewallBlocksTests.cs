using SshDoctor.Diagnosis;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Audit.Server;

/// <summary>
/// check-server reading iptables-save output recorded from the real iptables 1.8.9 (nf_tables) in a network namespace
/// of its own (Samples/audit/iptables/README.md): server.firewall-blocks when a new connection to the Port meets DROP
/// or REJECT, nothing when the rules let it through.
/// </summary>
public sealed class FirewallBlocksTests : IDisposable
{
    private readonly PreparedServerTree _tree = new();

    [Fact]
    public void A_drop_rule_on_the_ssh_port_is_firewall_blocks()
    {
        _tree.Write("/etc/ssh/sshd_config", "Port 22\n").Programs.Prints("iptables-save", Rules("drop-ssh-port.rules"));

        var result = _tree.Audit(clientIp: "198.51.100.7");

        var diagnosis = Assert.Single(result.Diagnoses, d => d.Id == DiagnosisIds.ServerFirewallBlocks);
        Assert.Equal(Certainty.Proven, diagnosis.Certainty);
        Assert.Contains("-A INPUT -p tcp -m tcp --dport 22 -j DROP", diagnosis.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Contains("iptables-save -t filter", _tree.Programs.Calls);
    }

    [Fact]
    public void A_reject_rule_for_everyone_but_the_admin_network_blocks_a_client_outside_it()
    {
        _tree.Write("/etc/ssh/sshd_config", "Port 22\n").Programs.Prints("iptables-save", Rules("reject-ssh-except-admin-net.rules"));

        var result = _tree.Audit(clientIp: "198.51.100.7");

        var diagnosis = Assert.Single(result.Diagnoses, d => d.Id == DiagnosisIds.ServerFirewallBlocks);
        Assert.Contains("REJECT", diagnosis.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_rules_let_a_client_from_the_admin_network_through()
    {
        _tree.Write("/etc/ssh/sshd_config", "Port 22\n").Programs.Prints("iptables-save", Rules("reject-ssh-except-admin-net.rules"));

        var result = _tree.Audit(clientIp: "203.0.113.50");

        Assert.DoesNotContain(result.Diagnoses, d => d.Id == DiagnosisIds.ServerFirewallBlocks);
        Assert.Contains(result.Findings, f => f.Code == "firewall.accepts");
    }

    [Fact]
    public void A_drop_rule_on_another_port_does_not_block_sshd_on_its_own_port()
    {
        _tree.Write("/etc/ssh/sshd_config", "Port 2222\n").Programs.Prints("iptables-save", Rules("drop-ssh-port.rules"));

        var result = _tree.Audit(clientIp: "198.51.100.7");

        Assert.DoesNotContain(result.Diagnoses, d => d.Id == DiagnosisIds.ServerFirewallBlocks);
    }

    private static string Rules(string name) => File.ReadAllText(SampleFiles.PathOf("audit", "iptables", name));

    public void Dispose() => _tree.Dispose();
}
