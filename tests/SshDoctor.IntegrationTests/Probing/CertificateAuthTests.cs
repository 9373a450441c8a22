using SshDoctor.Diagnosis;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Probing;
using SshDoctor.Probing.Auth;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>
/// User certificates against a real sshd with TrustedUserCAKeys: offered as ssh offers them (IdentityFile-cert.pub,
/// CertificateFile, the agent's), queried with the certificate algorithm, and named with serial, principals and
/// validity when refused. The real ssh client is the oracle for which key the server accepts.
/// </summary>
public sealed class CertificateAuthTests
{
    private static readonly ProbeSettings Login = ProbeSettings.Default with { Login = true };

    [Theory]
    [InlineData("ed25519", "ssh-ed25519-cert-v01@openssh.com", "ED25519-CERT")]
    [InlineData("rsa", "rsa-sha2-512-cert-v01@openssh.com", "RSA-CERT")]
    [InlineData("ecdsa256", "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ECDSA-CERT")]
    public async Task A_certificate_for_the_login_name_from_a_trusted_CA_is_accepted_as_ssh_accepts_it(string keyType, string algorithm, string sshName)
    {
        using var harness = new ProbeHarness();
        var ca = CertificateAuthority.Create(harness.Home, "user_ca");
        var key = ca.NewKey("id_user", keyType);
        ca.Sign(key, "laptop", "root", serial: 17);
        await using var server = await SshdServer.StartAsync(["TrustedUserCAKeys " + ca.PublicKeyPath]);

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, [key]);
        var login = await harness.RunAsync("root@127.0.0.1", server.Port, [key], settings: Login);
        var (code, log) = RealSsh.Run(server.Port, "root", ["-o", "IdentityAgent=none", "-i", key]);

        Assert.Collection(result.Keys,
            plain => Assert.Equal(KeyQueryResult.Rejected, plain.Result),
            certificate =>
            {
                Assert.Equal(KeyQueryResult.Accepted, certificate.Result);
                Assert.Equal(17UL, certificate.Key.Certificate!.Serial);
                Assert.Equal(algorithm, certificate.Detail);
            });
        // The harness's empty known_hosts leaves only the finding that ssh would ask about the host key.
        Assert.True(ProbeHarness.Ordered(result).All(d => d.Id == DiagnosisIds.HostKeyUnknown && d.Certainty == Certainty.Possible), ProbeHarness.Describe(result));
        Assert.True(login.Stages.Single(s => s.Stage == Stage.Session).Status == StageStatus.Ok, ProbeHarness.Describe(login) + "\n" + server.Log);
        Assert.Equal(0, code);
        var accepted = RealSsh.AcceptedKeyLine(log);
        Assert.NotNull(accepted);
        Assert.Contains($"{sshName} {result.Keys[1].Key.PublicKey.Fingerprint}", accepted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alice", "20200101:forever", "root is not a listed principal", "name is not a listed principal")]
    [InlineData("root", "20200101:20210101", "expired", "expired")]
    public async Task A_certificate_sshd_refuses_is_named_with_serial_principals_and_validity(string principals, string validity, string localFinding, string serverSays)
    {
        using var harness = new ProbeHarness();
        var ca = CertificateAuthority.Create(harness.Home, "user_ca");
        var key = ca.NewKey("id_user");
        var certificate = ca.Sign(key, "laptop", principals, validity, serial: 23);
        await using var server = await SshdServer.StartAsync(["TrustedUserCAKeys " + ca.PublicKeyPath]);

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, [key]);

        Assert.All(result.Keys, k => Assert.Equal(KeyQueryResult.Rejected, k.Result));
        var root = ProbeHarness.Ordered(result)[0];
        Assert.Equal(DiagnosisIds.AuthPublicKeyNotAuthorized, root.Id);
        Assert.Equal(certificate, root.Values["certificate"]);
        Assert.Contains(localFinding, root.Values["certificate_problem"], StringComparison.Ordinal);
        var named = Assert.Single(root.Evidence, e => e.Text.StartsWith("certificate " + key, StringComparison.Ordinal));
        Assert.Contains("serial 23", named.Text, StringComparison.Ordinal);
        Assert.Contains($"principals [{principals}]", named.Text, StringComparison.Ordinal);
        Assert.True(await server.WaitForLogAsync(serverSays, TimeSpan.FromSeconds(5)), server.Log);
    }

    [Fact]
    public async Task A_valid_certificate_from_a_CA_the_server_does_not_trust_is_refused_and_the_CA_is_named()
    {
        using var harness = new ProbeHarness();
        var trusted = CertificateAuthority.Create(harness.Home, "trusted_ca");
        var other = CertificateAuthority.Create(harness.Home, "other_ca");
        var key = other.NewKey("id_user");
        other.Sign(key, "laptop", "root", serial: 5);
        await using var server = await SshdServer.StartAsync(["TrustedUserCAKeys " + trusted.PublicKeyPath]);

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, [key]);
        var (code, log) = RealSsh.Run(server.Port, "root", ["-o", "IdentityAgent=none", "-i", key]);

        Assert.All(result.Keys, k => Assert.Equal(KeyQueryResult.Rejected, k.Result));
        var root = ProbeHarness.Ordered(result)[0];
        Assert.Equal(DiagnosisIds.AuthPublicKeyNotAuthorized, root.Id);
        var caFingerprint = ExternalTool.Run("ssh-keygen", "-l", "-f", other.PublicKeyPath).Split(' ')[1];
        Assert.Contains(root.Evidence, e => e.Text.Contains("signed by CA ssh-ed25519 " + caFingerprint, StringComparison.Ordinal) && e.Text.Contains("valid now for root", StringComparison.Ordinal));
        Assert.NotEqual(0, code);
        Assert.Null(RealSsh.AcceptedKeyLine(log));
    }

    [Fact]
    public async Task A_CertificateFile_is_offered_first_and_signed_for_with_its_IdentityFile()
    {
        using var harness = new ProbeHarness();
        var ca = CertificateAuthority.Create(harness.Home, "user_ca");
        var key = ca.NewKey("id_user", "rsa");
        var certificate = ca.Sign(key, "laptop", "root", certificatePath: harness.File("issued-cert.pub"));
        await using var server = await SshdServer.StartAsync(["TrustedUserCAKeys " + ca.PublicKeyPath]);

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, [key], options: ["CertificateFile " + certificate], settings: Login);

        var first = result.Keys[0];
        Assert.Equal(certificate, first.Key.Identity);
        Assert.Equal(KeyQueryResult.Accepted, first.Result);
        Assert.Equal(key, first.Key.PrivateKeyFile);
        Assert.True(result.Stages.Single(s => s.Stage == Stage.Session).Status == StageStatus.Ok, ProbeHarness.Describe(result));
    }

    [Fact]
    public async Task A_certificate_held_by_the_agent_is_queried_and_the_agent_signs_for_it()
    {
        using var harness = new ProbeHarness();
        var ca = CertificateAuthority.Create(harness.Home, "user_ca");
        var key = ca.NewKey("id_agent");
        ca.Sign(key, "laptop", "root", serial: 9);
        await using var agent = await TestAgent.StartAsync([], [key]);
        File.Delete(key);
        await using var server = await SshdServer.StartAsync(["TrustedUserCAKeys " + ca.PublicKeyPath]);

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, agent: agent.Socket, settings: Login);

        var accepted = Assert.Single(result.Keys, k => k.Result == KeyQueryResult.Accepted);
        Assert.Equal(KeySource.Agent, accepted.Key.Source);
        Assert.Equal(9UL, accepted.Key.Certificate!.Serial);
        Assert.True(result.Stages.Single(s => s.Stage == Stage.Session).Status == StageStatus.Ok, ProbeHarness.Describe(result));
    }
}
