using SshDoctor.Diagnosis;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Probing;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>ProxyJump hop by hop: the jump host logs in for real (ed25519 file), the target is reached in a direct-tcpip channel.</summary>
public sealed class ProxyJumpTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_target_that_refuses_behind_the_jump_host_names_the_hop_first()
    {
        await using var jump = await SshdServer.StartAsync([], new Dictionary<string, string> { ["root"] = TestKeys.PublicKeyLine("ed25519") + "\n" });
        using var harness = new ProbeHarness();
        await File.WriteAllTextAsync(harness.ConfigFile, $"Host *\n  IdentityFile {TestKeys.PrivateKeyPath("ed25519")}\n", Token);
        await TrustAsync(harness, jump.Port);
        var closed = SshdServer.FreePort();

        var result = await harness.RunAsync("root@127.0.0.1", closed, jump: $"root@127.0.0.1:{jump.Port}");

        var ordered = ProbeHarness.Ordered(result);
        Assert.True(ordered[0].Id == DiagnosisIds.JumpHopFailed, ProbeHarness.Describe(result));
        Assert.Equal($"root@127.0.0.1:{jump.Port}", ordered[0].Values["hop"]);
        Assert.Contains(ordered, d => d.Id == DiagnosisIds.TcpRefused);
        Assert.Equal(StageStatus.Ok, result.Hops[0].Stages.Single(s => s.Stage == Stage.Auth).Status);
        Assert.True(await jump.WaitForLogAsync("Accepted publickey for root", TimeSpan.FromSeconds(2)), jump.Log);
    }

    [Fact]
    public async Task The_target_is_probed_through_the_jump_host()
    {
        await using var jump = await SshdServer.StartAsync([], new Dictionary<string, string> { ["root"] = TestKeys.PublicKeyLine("ed25519") + "\n" });
        await using var target = await SshdServer.StartAsync(["KexAlgorithms diffie-hellman-group14-sha1"]);
        using var harness = new ProbeHarness();
        await File.WriteAllTextAsync(harness.ConfigFile, $"Host *\n  IdentityFile {TestKeys.PrivateKeyPath("ed25519")}\n", Token);
        await TrustAsync(harness, jump.Port, target.Port);

        var result = await harness.RunAsync("root@127.0.0.1", target.Port, [TestKeys.PrivateKeyPath("rsa")], jump: $"root@127.0.0.1:{jump.Port}");

        var ordered = ProbeHarness.Ordered(result);
        Assert.True(ordered[0].Id == DiagnosisIds.KexNoCommonKex, ProbeHarness.Describe(result));
        Assert.Null(ordered[0].Hop);
        Assert.Contains(ordered, d => d.Id == DiagnosisIds.AuthPublicKeyNotAuthorized);
        Assert.StartsWith("OpenSSH", result.Server!.SoftwareVersion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_jump_host_that_refuses_the_key_is_the_failing_hop()
    {
        await using var jump = await SshdServer.StartAsync([]);
        using var harness = new ProbeHarness();
        await File.WriteAllTextAsync(harness.ConfigFile, $"Host *\n  IdentityFile {TestKeys.PrivateKeyPath("ed25519")}\n", Token);
        await TrustAsync(harness, jump.Port);

        var result = await harness.RunAsync("root@127.0.0.1", 22, jump: $"root@127.0.0.1:{jump.Port}");

        var ordered = ProbeHarness.Ordered(result);
        Assert.Contains(ordered, d => d.Id == DiagnosisIds.JumpHopFailed && d.Hop is null);
        Assert.Contains(ordered, d => d.Id == DiagnosisIds.AuthPublicKeyNotAuthorized && d.Hop == $"root@127.0.0.1:{jump.Port}");
        Assert.All(result.Stages.Where(s => s.Stage >= Stage.Dns), s => Assert.Equal(StageStatus.Skipped, s.Status));
    }

    [Fact]
    public async Task A_jump_host_that_never_answers_the_channel_open_is_the_failing_hop_not_a_crash()
    {
        // Logs in (PK_OK, then SUCCESS for the signature) and ignores every CHANNEL_OPEN.
        await using var jump = new ScriptedSshServer(async (connection, request, ct) =>
        {
            var reader = new SshDoctor.Ssh.Wire.SshReader(request.AsSpan(1));
            reader.ReadString();
            reader.ReadString();
            if (System.Text.Encoding.ASCII.GetString(reader.ReadString()) != "publickey")
            {
                await connection.FailAsync(["publickey"], ct);
                return;
            }

            var signed = reader.ReadBoolean();
            var algorithm = reader.ReadStringBytes();
            var blob = reader.ReadStringBytes();
            await connection.SendAsync(signed
                ? [SshDoctor.Ssh.Wire.SshMessageNumber.UserAuthSuccess]
                : new SshDoctor.Ssh.Wire.SshWriter().WriteByte(SshDoctor.Ssh.Wire.SshMessageNumber.UserAuthPkOk).WriteString(algorithm).WriteString(blob).ToArray(), ct);
        });
        using var harness = new ProbeHarness();
        await File.WriteAllTextAsync(harness.ConfigFile, $"Host *\n  IdentityFile {TestKeys.PrivateKeyPath("ed25519")}\n", Token);
        await File.WriteAllTextAsync(harness.KnownHostsFile, jump.KnownHostsLine + "\n", Token);

        var result = await harness.RunAsync("root@127.0.0.1", 22, jump: $"root@127.0.0.1:{jump.Port}", timeoutSeconds: 2);

        var ordered = ProbeHarness.Ordered(result);
        Assert.True(ordered[0].Id == DiagnosisIds.JumpHopFailed, ProbeHarness.Describe(result));
        var tcp = result.Stages.Single(s => s.Stage == Stage.Tcp);
        Assert.Equal(StageStatus.Failed, tcp.Status);
        Assert.Contains("the probe's own deadline", tcp.Detail, StringComparison.Ordinal);
    }

    private static async Task TrustAsync(ProbeHarness harness, params int[] ports)
    {
        var lines = ports.SelectMany(p => ((string[])["ed25519", "ecdsa256", "ecdsa384", "ecdsa521", "rsa"]).Select(k => $"[127.0.0.1]:{p} {TestKeys.PublicKeyLine(k)}"));
        await File.WriteAllTextAsync(harness.KnownHostsFile, string.Join('\n', lines) + "\n", Token);
    }
}
