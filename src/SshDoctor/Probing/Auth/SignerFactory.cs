using SshDoctor.Ssh.Connection;

namespace SshDoctor.Probing.Auth;

/// <summary>
/// Finds something that can sign for a key the server accepted: the agent (which may hold the key, or the key a
/// certificate certifies), or the unencrypted private key file (ed25519, RSA, ECDSA; openssh-key-v1 or PEM).
/// </summary>
internal static class SignerFactory
{
    public static ISshSigner? For(CandidateKey key, ProbeTarget target)
    {
        if (key.Source == KeySource.Agent && target.AgentSocket is { } socket)
        {
            return new AgentSigner(socket, key.PublicKey, key.Identity, target.ConnectTimeout);
        }

        if (key.Certificate is { } certificate && key.AgentHoldsKey && target.AgentSocket is { } agent)
        {
            return new AgentSigner(agent, certificate.Key, key.Identity, target.ConnectTimeout);
        }

        if (key.PrivateKeyFile is { } path && !key.Encrypted)
        {
            if (Files.BoundedFile.ReadWholeText(path, CandidateKeyCollector.MaxKeyFileBytes) is { } text && PrivateKeyFileLoader.TryLoad(text, path) is { } signer)
            {
                // The file must hold the key offered (or the key its certificate certifies).
                var plain = key.Certificate?.Key ?? key.PublicKey;
                return signer.PublicKey.SameKeyAs(plain.Blob.Span) ? signer : null;
            }
        }

        return null;
    }

    /// <summary>What --login can sign with, for messages.</summary>
    public const string Abilities = "the agent, or an unencrypted ed25519, RSA or ECDSA key file (OpenSSH or PEM format)";
}
