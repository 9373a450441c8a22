using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Ssh.Connection;

/// <summary>Signs with an unencrypted ed25519 key (openssh-key-v1); Ed25519 from BouncyCastle.</summary>
public sealed class Ed25519FileSigner : ISshSigner
{
    private readonly byte[] _seed;

    internal Ed25519FileSigner(SshPublicKey publicKey, byte[] seed, string identity)
    {
        PublicKey = publicKey;
        _seed = seed;
        Identity = identity;
    }

    public SshPublicKey PublicKey { get; }

    public string Identity { get; }

    public Task<byte[]?> SignAsync(byte[] data, string algorithm, CancellationToken cancellationToken)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, new Ed25519PrivateKeyParameters(_seed));
        signer.BlockUpdate(data, 0, data.Length);
        var signature = signer.GenerateSignature();
        return Task.FromResult<byte[]?>(new SshWriter().WriteString("ssh-ed25519").WriteString(signature).ToArray());
    }
}
