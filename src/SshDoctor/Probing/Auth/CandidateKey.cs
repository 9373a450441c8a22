using SshDoctor.Ssh.HostKeys;

namespace SshDoctor.Probing.Auth;

/// <summary>A public key ssh would offer, in ssh's order, with where it came from.</summary>
/// <param name="Identity">The file path, or the agent's comment for an agent key.</param>
/// <param name="PrivateKeyFile">The IdentityFile this key (or certificate) belongs to (also for an agent key loaded from it), or null.</param>
public sealed record CandidateKey(string Identity, SshPublicKey PublicKey, KeySource Source, string? PrivateKeyFile)
{
    /// <summary>True when the private file is passphrase-protected (the query still works: it needs only the public half).</summary>
    public bool Encrypted { get; init; }

    /// <summary>For a certificate from a file whose private key is in the agent: the agent can sign for it.</summary>
    public bool AgentHoldsKey { get; init; }

    /// <summary>The file the certificate was read from (<c>IdentityFile-cert.pub</c> or a CertificateFile); null for the agent's.</summary>
    public string? CertificateFile { get; init; }

    /// <summary>The certificate offered, when this candidate is one (<c>IdentityFile-cert.pub</c>, CertificateFile, or the agent's).</summary>
    public SshCertificate? Certificate => PublicKey.Certificate;

    /// <summary>How OpenSSH's -v would show it: <c>identity TYPE SHA256:... [agent]</c>.</summary>
    public override string ToString() => $"{Identity} {PublicKey.KeyType} {PublicKey.Fingerprint}{(Source == KeySource.Agent ? " agent" : "")}";
}
