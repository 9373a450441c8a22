using SshDoctor.Probing;
using SshDoctor.Probing.UserSsh;
using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.KnownHosts;
using SshDoctor.Tests.Audit;

namespace SshDoctor.Tests.Ssh;

/// <summary>Host certificates against known_hosts as sshconnect.c:check_host_key judges them; certificates made by ssh-keygen -s -h.</summary>
public sealed class HostCertificateKnownHostsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Shell.TempDirectory();

    [Fact]
    public void A_CA_entry_for_the_host_trusts_a_valid_certificate_for_the_name()
    {
        var (certificate, ca, _) = Make("-n example.com");

        var verdict = Database($"@cert-authority *.com {ca}\n").CheckCertificate("example.com", 22, certificate, "example.com", Now);

        Assert.Equal(KnownHostsStatus.Ok, verdict.Status);
        Assert.True(verdict.TrustedByCertificateAuthority);
        Assert.Equal("kh:1", verdict.Match!.Location);
    }

    [Fact]
    public void A_certificate_without_principals_is_valid_for_any_host()
    {
        var (certificate, ca, _) = Make("");

        Assert.True(Database($"@cert-authority * {ca}\n").CheckCertificate("anything", 22, certificate, "anything", Now).TrustedByCertificateAuthority);
    }

    [Fact]
    public void Another_port_finds_the_CA_under_the_bare_host_name_as_ssh_retries_without_the_port()
    {
        var (certificate, ca, _) = Make("-n example.com");

        var verdict = Database($"@cert-authority example.com {ca}\n").CheckCertificate("example.com", 2222, certificate, "example.com", Now);

        Assert.True(verdict.TrustedByCertificateAuthority);
        Assert.True(verdict.MatchedWithoutPort);
    }

    [Theory]
    [InlineData("-n other.com", "Certificate invalid: name is not a listed principal")]
    [InlineData("-n example.com -V 20200101:20210101", "Certificate invalid: expired")]
    [InlineData("-n example.com -V 20300101:20310101", "Certificate invalid: not yet valid")]
    public void An_invalid_certificate_from_a_known_CA_falls_back_to_the_plain_key(string options, string reason)
    {
        var (certificate, ca, plain) = Make(options);

        var verdict = Database($"@cert-authority example.com {ca}\nexample.com {plain}\n").CheckCertificate("example.com", 22, certificate, "example.com", Now);

        Assert.Equal(KnownHostsStatus.Ok, verdict.Status);
        Assert.False(verdict.TrustedByCertificateAuthority);
        Assert.Equal("kh:2", verdict.Match!.Location);
        Assert.StartsWith(reason, verdict.CertificateProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_CA_signature_with_SHA1_is_refused_unless_CASignatureAlgorithms_allows_it()
    {
        var (certificate, ca, _) = Make("-n example.com -t ssh-rsa", caType: "rsa");
        var database = Database($"@cert-authority example.com {ca}\n");

        var byDefault = database.CheckCertificate("example.com", 22, certificate, "example.com", Now);
        var allowed = database.CheckCertificate("example.com", 22, certificate, "example.com", Now, ["ssh-rsa"]);

        Assert.Equal("ssh-rsa", certificate.SignatureAlgorithm);
        Assert.StartsWith("Certificate signed with disallowed algorithm", byDefault.CertificateProblem, StringComparison.Ordinal);
        Assert.True(allowed.TrustedByCertificateAuthority);
    }

    [Fact]
    public void A_user_certificate_is_not_a_host_certificate()
    {
        var (certificate, ca, _) = Make("-n example.com", host: false);

        var verdict = Database($"@cert-authority example.com {ca}\n").CheckCertificate("example.com", 22, certificate, "example.com", Now);

        Assert.Equal(KnownHostsStatus.New, verdict.Status);
        Assert.StartsWith("Certificate invalid: not a host certificate", verdict.CertificateProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_CA_for_the_host_is_named_and_an_unknown_plain_key_is_new()
    {
        var (certificate, _, _) = Make("-n example.com");
        var (_, otherCa, _) = Make("-n example.com");

        var verdict = Database($"@cert-authority example.com {otherCa}\n").CheckCertificate("example.com", 22, certificate, "example.com", Now);

        Assert.Equal(KnownHostsStatus.New, verdict.Status);
        Assert.Equal("Host certificate authority does not match @cert-authority in kh:1", verdict.CertificateProblem);
    }

    [Fact]
    public void A_revoked_CA_or_a_revoked_certified_key_revokes_the_certificate()
    {
        var (certificate, ca, plain) = Make("-n example.com");

        Assert.Equal(KnownHostsStatus.Revoked, Database($"@cert-authority example.com {ca}\n@revoked * {ca}\n").CheckCertificate("example.com", 22, certificate, "example.com", Now).Status);
        Assert.Equal(KnownHostsStatus.Revoked, Database($"@cert-authority example.com {ca}\n@revoked * {plain}\n").CheckCertificate("example.com", 22, certificate, "example.com", Now).Status);
    }

    [Fact]
    public void A_CA_entry_puts_the_users_certificate_algorithms_first_and_adds_none_the_user_does_not_offer()
    {
        var (_, ca, _) = Make("-n example.com");
        var target = new ProbeTarget
        {
            Alias = "example.com",
            HostName = "example.com",
            Port = 22,
            User = "u",
            KnownHostsName = "example.com",
            ConfigSource = "test",
            ClientAlgorithms = ClientAlgorithmDefaults.For(ClientVersion.Latest) with { HostKey = ["ssh-ed25519", "ssh-ed25519-cert-v01@openssh.com", "rsa-sha2-512"] },
        };

        var order = HostKeyPreference.Order(target, Database($"@cert-authority example.com {ca}\n"));

        Assert.Equal(["ssh-ed25519-cert-v01@openssh.com", "ssh-ed25519", "rsa-sha2-512"], order.Take(3));
        Assert.DoesNotContain("rsa-sha2-512-cert-v01@openssh.com", order);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static KnownHostsDatabase Database(string content) => new([KnownHostsFile.Parse("kh", content)]);

    /// <summary>A host key, a CA and a certificate for the key signed with <paramref name="options"/>; returns the certificate and the CA and plain public lines.</summary>
    private (SshCertificate Certificate, string Ca, string Plain) Make(string options, bool host = true, string caType = "ed25519")
    {
        Shell.Require(Shell.Has("ssh-keygen"), "ssh-keygen (openssh-client) is not installed");
        var name = Guid.NewGuid().ToString("N")[..8];
        var key = Path.Combine(_dir, "host" + name);
        var ca = Path.Combine(_dir, "ca" + name);
        var made = Shell.Run($"ssh-keygen -q -t ed25519 -N '' -f {key} && ssh-keygen -q -t {caType} -N '' -f {ca} && ssh-keygen -q -s {ca} {(host ? "-h" : "")} -I test {options} {key}.pub");
        Assert.True(made.Code == 0, made.Stderr);
        var certificate = SshPublicKey.TryParseOpenSshLine(File.ReadAllText(key + "-cert.pub").Trim())!.Certificate!;
        return (certificate, File.ReadAllText(ca + ".pub").Trim(), File.ReadAllText(key + ".pub").Trim());
    }
}
