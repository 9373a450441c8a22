using SshDoctor.Ssh.HostKeys;

namespace SshDoctor.Ssh.Connection;

/// <summary>Something that can sign with a user key: the agent, or an unencrypted key file.</summary>
public interface ISshSigner
{
    SshPublicKey PublicKey { get; }

    /// <summary>Where the key is, for messages (agent comment or file path).</summary>
    string Identity { get; }

    /// <summary>The encoded SSH signature (<c>string algorithm, string blob</c>), or null when signing failed.</summary>
    Task<byte[]?> SignAsync(byte[] data, string algorithm, CancellationToken cancellationToken);
}
