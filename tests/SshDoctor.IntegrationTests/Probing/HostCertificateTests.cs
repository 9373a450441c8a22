using SshDoctor.Diagnosis;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Probing;
using SshDoctor.Ssh.KnownHosts;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>
/// A real sshd with a HostCertificate, and known_hosts with <c>@cert-authority</c>: the probe negotiates the certificate
/// as ssh does, trusts it when the CA, validity and principal are right, and otherwise falls back to the plain key
/// with OpenSSH's reason. The real ssh client with StrictHostKeyChecking=yes is the oracle.
/// </summary>
public sealed class HostCertificateTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("[127.0.0.1]:{port}", "127.0.0.1", null)]
    [InlineData("*.test", "server.test", "server.test")]
    public async Task A_host_certificate_from_a_CA_in_known_hosts_is_trusted(string pattern, string principal, string? alias)
    {
        using var harness = new ProbeHarness();
        var ca = CertificateAuthority.Create(harness.Home, "host_ca");
        await using var server = await StartWithCertificateAsync(harness, ca, principal, "always:forever");
        await File.WriteAllTextAsync(harness.KnownHostsFile, $"@cert-authority {pattern.Replace("{port}", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)} {ca.PublicKeyLine}\n", Token);
        string[] options = alias is null ? ["StrictHostKeyChecking yes"] : ["StrictHostKeyChecking yes", "HostKeyAlias " + alias];

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, [TestKeys.PrivateKeyPath("ed25519")], options: options);
        var (code, log) = RealSsh.Run(server.Port, "root", ["-o", "IdentityAgent=none", "-i", TestKeys.PrivateKeyPath("ed25519"), .. alias is null ? Array.Empty<string>() : ["-o", "HostKeyAlias=" + alias]], harness.KnownHostsFile);

        var hostKey = result.Stages.Single(s => s.Stage == Stage.HostKey);
        Assert.True(hostKey.Status == StageStatus.Ok, ProbeHarness.Describe(result));
        Assert.True(result.KnownHosts!.TrustedByCertificateAuthority);
        Assert.Equal("ssh-ed25519-cert-v01@openssh.com", result.HostKey!.KeyType);
        Assert.Contains("ED25519-CERT", hostKey.Detail, StringComparison.Ordinal);
        Assert.Contains("@cert-authority", hostKey.Detail, StringComparison.Ordinal);
        Assert.True(ProbeHarness.Ordered(result).Count == 0, ProbeHarness.Describe(result));
        Assert.True(code == 0, log);
        Assert.Contains("Server host certificate: ssh-ed25519-cert-v01@openssh.com " + TestKeys.KeygenFingerprint("ed25519"), log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong-ca", "127.0.0.1", "always:forever", "Host certificate authority does not match")]
    [InlineData("right-ca", "127.0.0.1", "20200101:20210101", "Certificate invalid: expired")]
    [InlineData("right-ca", "somewhere.else", "always:forever", "Certificate invalid: name is not a listed principal")]
    public async Task An_untrusted_host_certificate_falls_back_to_the_plain_key_with_OpenSSHs_reason(string authority, string principal, string validity, string reason)
    {
        using var harness = new ProbeHarness();
        var ca = CertificateAuthority.Create(harness.Home, "host_ca");
        var other = CertificateAuthority.Create(harness.Home, "other_ca");
        await using var server = await StartWithCertificateAsync(harness, ca, principal, validity);
        var listed = authority == "right-ca" ? ca : other;
        await File.WriteAllTextAsync(harness.KnownHostsFile, $"@cert-authority [127.0.0.1]:{server.Port} {listed.PublicKeyLine}\n", Token);

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, [TestKeys.PrivateKeyPath("ed25519")], options: ["StrictHostKeyChecking yes"]);
        var (code, log) = RealSsh.Run(server.Port, "root", ["-o", "IdentityAgent=none", "-i", TestKeys.PrivateKeyPath("ed25519")], harness.KnownHostsFile);

        Assert.Equal(KnownHostsStatus.New, result.KnownHosts!.Status);
        Assert.Contains(reason, result.KnownHosts.CertificateProblem, StringComparison.Ordinal);
        var root = ProbeHarness.Ordered(result)[0];
        Assert.Equal(DiagnosisIds.HostKeyUnknown, root.Id);
        Assert.Contains(reason, root.Values["certificate_problem"], StringComparison.Ordinal);
        Assert.Contains(root.Evidence, e => e.Text.Contains("falls back to the plain key", StringComparison.Ordinal));
        Assert.NotEqual(0, code);
        Assert.Contains("Host key verification failed.", log, StringComparison.Ordinal);
        Assert.Contains(authority == "wrong-ca" ? "No matching CA found. Retry with plain key" : reason, log, StringComparison.Ordinal);
    }

    /// <summary>The validity window is judged by <see cref="ProbeSettings.Clock"/>: the same certificate, three moments.</summary>
    [Theory]
    [InlineData(2019, "Certificate invalid: not yet valid")]
    [InlineData(2025, null)]
    [InlineData(2031, "Certificate invalid: expired")]
    public async Task The_validity_window_is_judged_at_the_probes_clock(int year, string? problem)
    {
        using var harness = new ProbeHarness();
        var ca = CertificateAuthority.Create(harness.Home, "host_ca");
        await using var server = await StartWithCertificateAsync(harness, ca, "127.0.0.1", "20200101:20300101");
        await File.WriteAllTextAsync(harness.KnownHostsFile, $"@cert-authority [127.0.0.1]:{server.Port} {ca.PublicKeyLine}\n", Token);
        var settings = ProbeSettings.Default with { Clock = new FixedClock(new DateTimeOffset(year, 6, 1, 0, 0, 0, TimeSpan.Zero)) };

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, [TestKeys.PrivateKeyPath("ed25519")], options: ["StrictHostKeyChecking yes"], settings: settings);

        if (problem is null)
        {
            Assert.True(result.KnownHosts!.TrustedByCertificateAuthority, ProbeHarness.Describe(result));
            return;
        }

        Assert.Equal(KnownHostsStatus.New, result.KnownHosts!.Status);
        Assert.Contains(problem, result.KnownHosts.CertificateProblem, StringComparison.Ordinal);
        Assert.Contains(problem, ProbeHarness.Ordered(result)[0].Values["certificate_problem"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_untrusted_host_certificate_whose_plain_key_is_known_is_accepted_like_ssh_does()
    {
        using var harness = new ProbeHarness();
        var ca = CertificateAuthority.Create(harness.Home, "host_ca");
        await using var server = await StartWithCertificateAsync(harness, ca, "127.0.0.1", "always:forever");
        await File.WriteAllTextAsync(harness.KnownHostsFile, $"[127.0.0.1]:{server.Port} {TestKeys.PublicKeyLine("ed25519")}\n", Token);

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, [TestKeys.PrivateKeyPath("ed25519")], options: ["StrictHostKeyChecking yes"]);
        var (code, log) = RealSsh.Run(server.Port, "root", ["-o", "IdentityAgent=none", "-i", TestKeys.PrivateKeyPath("ed25519")], harness.KnownHostsFile);

        Assert.Equal(KnownHostsStatus.Ok, result.KnownHosts!.Status);
        Assert.False(result.KnownHosts.TrustedByCertificateAuthority);
        Assert.Equal("ssh-ed25519-cert-v01@openssh.com", result.HostKey!.KeyType);
        Assert.Contains("not trusted", result.Stages.Single(s => s.Stage == Stage.HostKey).Detail, StringComparison.Ordinal);
        Assert.True(code == 0, log);
        Assert.Contains("Server host certificate: ssh-ed25519-cert-v01@openssh.com", log, StringComparison.Ordinal);
    }

    /// <summary>sshd with the shared ed25519 host key and a certificate for it from <paramref name="ca"/>; root may log in with the shared ed25519 key.</summary>
    private static async Task<SshdServer> StartWithCertificateAsync(ProbeHarness harness, CertificateAuthority ca, string principal, string validity)
    {
        var copy = harness.File("host_ed25519");
        File.Copy(TestKeys.PrivateKeyPath("ed25519") + ".pub", copy + ".pub");
        var certificate = ca.Sign(copy, "test host", principal, validity, serial: 3, host: true);
        return await SshdServer.StartAsync(["HostCertificate " + certificate], new Dictionary<string, string> { ["root"] = TestKeys.PublicKeyLine("ed25519") + "\n" });
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
