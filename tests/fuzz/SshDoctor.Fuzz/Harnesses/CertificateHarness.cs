using SshDoctor.Probing.Auth;
using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.KnownHosts;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Fuzz.Harnesses;

/// <summary>
/// An OpenSSH certificate blob (PROTOCOL.certkeys), as the probe and the audit read it: parsing, the CA signature, the
/// validity window and its text, the user checks of --login, a host certificate against a @cert-authority line for its
/// own CA, and the host key check of the key exchange with the certificate as host key.
/// </summary>
public sealed class CertificateHarness : IHarness
{
    private static readonly byte[] ExchangeHash = new byte[32];

    public string Name => "certificate";

    public string Covers => "SshCertificate (parse, CA signature, validity), UserCertificateCheck, CheckCertificate, HostKeySignatureVerifier";

    public void Run(byte[] input)
    {
        ProducedText.CheckAll(SshPublicKey.TryParse(input), "key");
        if (SshCertificate.TryParse(input) is not { } certificate)
        {
            return;
        }

        ProducedText.Check(certificate.VerifySignature(), "signature problem");
        ProducedText.Check(certificate.CheckValidity(AuditFixtures.Now), "validity");
        ProducedText.Check(certificate.Describe(), "description");
        ProducedText.CheckAll(UserCertificateCheck.Problems(certificate, "alice", AuditFixtures.Now), "user certificate problems");

        var ca = certificate.SignatureKey;
        var knownHosts = KnownHostsFile.Parse("known_hosts", $"@cert-authority *.example.com {ca.KeyType} {ca.ToBase64()}\n");
        var database = new KnownHostsDatabase([knownHosts]);
        foreach (var principal in certificate.Principals.Append("web.example.com").Take(8))
        {
            ProducedText.CheckAll(database.CheckCertificate("web.example.com", 22, certificate, principal, AuditFixtures.Now), "certificate verdict");
        }

        try
        {
            var signature = new SshWriter().WriteString(SshCertificate.PlainType(certificate.CertificateKeyType)).WriteString(new byte[64]).ToArray();
            HostKeySignatureVerifier.Verify(certificate.CertificateKeyType, input, signature, ExchangeHash);
        }
        catch (SshWireException)
        {
            // The transport's answer to a malformed host key or signature (StageRunner: a protocol error).
        }
    }
}
