using System.Globalization;
using SshDoctor.Diagnosis;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Probing;
using SshDoctor.Probing.Auth;
using SshDoctor.Probing.Connect;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>
/// ProxyCommand: the probe runs the command as ssh does and speaks SSH over its pipes (here the common
/// <c>ssh -W %h:%p bastion</c>, with a real sshd as the bastion), never connecting to the target itself.
/// </summary>
public sealed class ProxyCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_target_is_probed_over_the_commands_pipes_and_not_directly()
    {
        ExternalTool.Require("ssh");
        await using var bastion = await SshdServer.StartAsync([], new Dictionary<string, string> { ["root"] = TestKeys.PublicKeyLine("ed25519") + "\n" });
        using var harness = new ProbeHarness();
        // The command ignores %p and always reaches the bastion's own sshd; the port the probe is given is closed, so a
        // direct connection would be refused.
        var closed = SshdServer.FreePort();

        var result = await harness.RunAsync("root@127.0.0.1", closed, identities: [TestKeys.PrivateKeyPath("ed25519")],
            options: ["StrictHostKeyChecking=no", "ProxyCommand=" + WithSsh(bastion.Port, $"127.0.0.1:{bastion.Port}")]);

        Assert.True(ProbeHarness.Ordered(result).All(d => d.Id == DiagnosisIds.HostKeyUnknown), ProbeHarness.Describe(result));
        Assert.Contains("ProxyCommand started", result.Stages.Single(s => s.Stage == Stage.Tcp).Detail, StringComparison.Ordinal);
        Assert.Equal(StageStatus.Skipped, result.Stages.Single(s => s.Stage == Stage.Dns).Status);
        Assert.Equal(StageStatus.Ok, result.Stages.Single(s => s.Stage == Stage.Auth).Status);
        Assert.Contains(result.Keys, k => k.Result == KeyQueryResult.Accepted);
    }

    [Fact]
    public async Task A_target_the_proxy_cannot_reach_is_a_failed_hop_and_the_targets_refusal()
    {
        ExternalTool.Require("ssh");
        await using var bastion = await SshdServer.StartAsync([], new Dictionary<string, string> { ["root"] = TestKeys.PublicKeyLine("ed25519") + "\n" });
        using var harness = new ProbeHarness();
        var closed = SshdServer.FreePort();

        var result = await harness.RunAsync("root@127.0.0.1", closed, options: ["ProxyCommand=" + WithSsh(bastion.Port, "%h:%p")]);

        var ordered = ProbeHarness.Ordered(result);
        Assert.True(ordered[0].Id == DiagnosisIds.JumpHopFailed, ProbeHarness.Describe(result));
        Assert.Equal("ProxyCommand", ordered[0].Values["hop"]);
        Assert.Contains("connect failed", ordered[0].Evidence[0].Text, StringComparison.Ordinal);
        Assert.Contains(ordered, d => d.Id == DiagnosisIds.TcpRefused && d.Values["host"] == "127.0.0.1");
        Assert.DoesNotContain(ordered, d => d.Id == DiagnosisIds.TcpResetBeforeBanner);
    }

    [Fact]
    public async Task A_command_that_does_not_exist_is_named_with_the_shells_words()
    {
        using var harness = new ProbeHarness();

        var result = await harness.RunAsync("root@127.0.0.1", SshdServer.FreePort(), options: ["ProxyCommand=ssh-doctor-no-such-proxy %h %p"]);

        var root = ProbeHarness.Ordered(result)[0];
        Assert.Equal(DiagnosisIds.JumpHopFailed, root.Id);
        Assert.Contains("status 127", root.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Contains("ssh-doctor-no-such-proxy", root.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nc %h %p", "nc db.internal 2200")]
    [InlineData("ssh -W %h:%p -l %r jump # %n", "ssh -W db.internal:2200 -l deploy jump # db")]
    [InlineData("echo 100%% %x", "echo 100% %x")]
    [InlineData("trailing %", "trailing %")]
    public void Tokens_expand_as_ssh_expands_them(string command, string expected)
    {
        var target = Targets.Direct("db.internal", 2200, user: "deploy", alias: "db");

        Assert.Equal(expected, ProxyCommandProcess.Expand(command, target));
    }

    private static string WithSsh(int bastionPort, string forward) =>
        $"ssh -F /dev/null -i {TestKeys.PrivateKeyPath("ed25519")} -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "
        + $"-o IdentityAgent=none -p {bastionPort.ToString(CultureInfo.InvariantCulture)} -W {forward} root@127.0.0.1";
}
