using SshDoctor.Diagnosis;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Probing;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>Legacy servers the user's ssh cannot talk to, and host keys that differ from known_hosts.</summary>
public sealed class KexAndHostKeyTests
{
    [Theory]
    [InlineData("KexAlgorithms diffie-hellman-group14-sha1", DiagnosisIds.KexNoCommonKex, "diffie-hellman-group14-sha1")]
    [InlineData("HostKeyAlgorithms ssh-rsa", DiagnosisIds.KexNoCommonHostKey, "ssh-rsa")]
    [InlineData("Ciphers aes128-cbc", DiagnosisIds.KexNoCommonCipher, "aes128-cbc")]
    public async Task A_legacy_server_the_probe_reaches_but_the_users_ssh_cannot_is_named_with_the_exact_fix(string restriction, string expected, string algorithm)
    {
        await using var server = await SshdServer.StartAsync([restriction]);
        using var harness = new ProbeHarness();

        var result = await harness.RunAsync("root@127.0.0.1", server.Port);

        var root = ProbeHarness.Ordered(result)[0];
        Assert.True(expected == root.Id, ProbeHarness.Describe(result));
        Assert.Equal(Certainty.Proven, root.Certainty);
        Assert.Equal(algorithm, root.Values["algorithm"]);
        Assert.Contains(algorithm, root.Values["offer"], StringComparison.Ordinal);
        Assert.Equal(StageStatus.Failed, result.Stages.Single(s => s.Stage == Stage.Kex).Status);
        // The probe itself got through, so the later stages were still observed.
        Assert.NotNull(result.HostKey);
    }

    [Fact]
    public async Task The_prediction_from_version_tables_works_without_ssh()
    {
        await using var server = await SshdServer.StartAsync(["KexAlgorithms diffie-hellman-group14-sha1"]);
        using var harness = new ProbeHarness();

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, useSsh: false);

        var root = ProbeHarness.Ordered(result)[0];
        Assert.Equal(DiagnosisIds.KexNoCommonKex, root.Id);
        Assert.Equal(Certainty.Likely, root.Certainty);
    }

    [Fact]
    public async Task A_mac_the_probe_does_not_know_either_fails_our_own_negotiation()
    {
        await using var server = await SshdServer.StartAsync(["Ciphers aes128-ctr", "MACs hmac-md5"]);
        using var harness = new ProbeHarness();

        var result = await harness.RunAsync("root@127.0.0.1", server.Port);

        var root = ProbeHarness.Ordered(result)[0];
        Assert.Equal(DiagnosisIds.KexNoCommonMac, root.Id);
        Assert.Equal("hmac-md5", root.Values["algorithm"]);
        Assert.Null(result.HostKey);
    }

    [Fact]
    public async Task A_changed_host_key_names_both_fingerprints_and_the_line()
    {
        await using var server = await SshdServer.StartAsync(["HostKeyAlgorithms ssh-ed25519"]);
        using var harness = new ProbeHarness();
        await File.WriteAllTextAsync(harness.KnownHostsFile, $"# old\n[127.0.0.1]:{server.Port} {TestKeys.PublicKeyLine("other-host")}\n", TestContext.Current.CancellationToken);

        var result = await harness.RunAsync("root@127.0.0.1", server.Port);

        var root = ProbeHarness.Ordered(result)[0];
        Assert.Equal(DiagnosisIds.HostKeyChanged, root.Id);
        Assert.Equal(TestKeys.KeygenFingerprint("ed25519"), root.Values["fingerprint"]);
        Assert.Equal(TestKeys.KeygenFingerprint("other-host"), root.Values["known_fingerprint"]);
        Assert.Equal("2", root.Values["line"]);
        Assert.Equal(harness.KnownHostsFile, root.Values["file"]);
        Assert.Equal(StageStatus.Skipped, result.Stages.Single(s => s.Stage == Stage.Auth).Status);
    }

    [Fact]
    public async Task A_known_key_of_another_type_is_a_type_mismatch()
    {
        await using var server = await SshdServer.StartAsync(["HostKeyAlgorithms ssh-ed25519"]);
        using var harness = new ProbeHarness();
        await File.WriteAllTextAsync(harness.KnownHostsFile, $"[127.0.0.1]:{server.Port} {TestKeys.PublicKeyLine("ecdsa256")}\n", TestContext.Current.CancellationToken);

        var result = await harness.RunAsync("root@127.0.0.1", server.Port);

        Assert.Equal(DiagnosisIds.HostKeyTypeMismatch, ProbeHarness.RootCause(result));
    }

    [Fact]
    public async Task A_known_key_of_another_type_is_preferred_like_ssh_does()
    {
        // The server has ed25519 and ecdsa keys; known_hosts holds its ECDSA key: ssh negotiates ECDSA and is happy.
        await using var server = await SshdServer.StartAsync([]);
        using var harness = new ProbeHarness();
        await File.WriteAllTextAsync(harness.KnownHostsFile, $"[127.0.0.1]:{server.Port} {TestKeys.PublicKeyLine("ecdsa256")}\n", TestContext.Current.CancellationToken);

        var result = await harness.RunAsync("root@127.0.0.1", server.Port);

        Assert.Equal(StageStatus.Ok, result.Stages.Single(s => s.Stage == Stage.HostKey).Status);
        Assert.Equal("ecdsa-sha2-nistp256", result.HostKey!.KeyType);
    }

    [Fact]
    public async Task A_revoked_host_key_stops_everything()
    {
        await using var server = await SshdServer.StartAsync(["HostKeyAlgorithms ssh-ed25519"]);
        using var harness = new ProbeHarness();
        await File.WriteAllTextAsync(harness.KnownHostsFile, $"@revoked * {TestKeys.PublicKeyLine("ed25519")}\n", TestContext.Current.CancellationToken);

        var result = await harness.RunAsync("root@127.0.0.1", server.Port);

        Assert.Equal(DiagnosisIds.HostKeyRevoked, ProbeHarness.RootCause(result));
    }

    [Fact]
    public async Task An_unknown_host_key_is_the_cause_with_strict_checking_or_batch_mode_and_a_finding_where_ssh_asks()
    {
        await using var server = await SshdServer.StartAsync([]);
        using var harness = new ProbeHarness();

        var asks = await harness.RunAsync("root@127.0.0.1", server.Port);
        var strict = await harness.RunAsync("root@127.0.0.1", server.Port, options: ["StrictHostKeyChecking=yes"]);
        var batch = await harness.RunAsync("root@127.0.0.1", server.Port, options: ["BatchMode=yes"]);
        var acceptNew = await harness.RunAsync("root@127.0.0.1", server.Port, options: ["StrictHostKeyChecking=accept-new"]);

        Assert.Equal(StageStatus.Warning, asks.Stages.Single(s => s.Stage == Stage.HostKey).Status);
        Assert.Equal(Certainty.Possible, Assert.Single(asks.Diagnoses, d => d.Id == DiagnosisIds.HostKeyUnknown).Certainty);
        Assert.Equal(DiagnosisIds.HostKeyUnknown, ProbeHarness.RootCause(strict));
        Assert.Equal(Certainty.Proven, ProbeHarness.Ordered(strict)[0].Certainty);
        Assert.Equal(DiagnosisIds.HostKeyUnknown, ProbeHarness.RootCause(batch));
        Assert.Equal(Certainty.Proven, ProbeHarness.Ordered(batch)[0].Certainty);
        Assert.DoesNotContain(acceptNew.Diagnoses, d => d.Id == DiagnosisIds.HostKeyUnknown);
    }
}
