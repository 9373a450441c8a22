using SshDoctor.Ssh.Connection;

namespace SshDoctor.Probing;

/// <summary>Finds something that can sign with a key the server accepted: the agent, or an unencrypted ed25519 file.</summary>
internal static class SignerFactory
{
    public static ISshSigner? For(CandidateKey key, ProbeTarget target)
    {
        if (key.Source == KeySource.Agent && target.AgentSocket is { } socket)
        {
            return new AgentSigner(socket, key.PublicKey, key.Identity, target.ConnectTimeout);
        }

        if (key.PrivateKeyFile is { } path && !key.Encrypted)
        {
            try
            {
                if (new FileInfo(path).Length < 64 * 1024 && OpenSshKeyFile.Body(File.ReadAllText(path)) is { } body)
                {
                    return Ed25519FileSigner.TryLoad(body, path);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        return null;
    }
}
