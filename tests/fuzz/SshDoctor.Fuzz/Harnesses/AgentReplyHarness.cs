using SshDoctor.Probing.Auth;
using SshDoctor.Ssh.Agent;

namespace SshDoctor.Fuzz.Harnesses;

/// <summary>
/// An ssh-agent's answer to REQUEST_IDENTITIES (the body after its length): <see cref="AgentClient.Parse"/> never
/// throws; every listed key is then described as the probe describes a candidate (certificates included).
/// </summary>
public sealed class AgentReplyHarness : IHarness
{
    public string Name => "agent-reply";

    public string Covers => "AgentClient.Parse, the listed keys and certificates";

    public void Run(byte[] input)
    {
        var result = AgentClient.Parse(input);
        ProducedText.CheckAll(result, "agent list");
        foreach (var identity in result.Identities.Take(64))
        {
            ProducedText.Check(identity.PublicKey.Fingerprint, "fingerprint");
            if (identity.PublicKey.Certificate is { } certificate)
            {
                ProducedText.Check(certificate.Describe(), "certificate");
                ProducedText.CheckAll(UserCertificateCheck.Problems(certificate, "alice", AuditFixtures.Now), "certificate problems");
            }
        }
    }
}
