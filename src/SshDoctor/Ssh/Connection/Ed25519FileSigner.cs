using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Ssh.Connection;

/// <summary>Signs with an unencrypted ed25519 key in openssh-key-v1 format (PROTOCOL.key); Ed25519 from BouncyCastle.</summary>
public sealed class Ed25519FileSigner : ISshSigner
{
    private readonly byte[] _seed;

    private Ed25519FileSigner(SshPublicKey publicKey, byte[] seed, string identity)
    {
        PublicKey = publicKey;
        _seed = seed;
        Identity = identity;
    }

    public SshPublicKey PublicKey { get; }

    public string Identity { get; }

    /// <summary>Null unless <paramref name="body"/> is an unencrypted openssh-key-v1 ed25519 key.</summary>
    public static Ed25519FileSigner? TryLoad(byte[] body, string identity)
    {
        try
        {
            var reader = new SshReader(body);
            if (!reader.ReadBytes(15).SequenceEqual("openssh-key-v1\0"u8) || reader.ReadUtf8(64) != "none" || reader.ReadUtf8(64) != "none")
            {
                return null;
            }

            reader.ReadString(1024);
            if (reader.ReadUInt32() != 1)
            {
                return null;
            }

            var publicBlob = reader.ReadStringBytes(1024);
            var inner = new SshReader(reader.ReadString(16384));
            if (inner.ReadUInt32() != inner.ReadUInt32() || inner.ReadUtf8(64) != "ssh-ed25519")
            {
                return null;
            }

            inner.ReadString(64);
            var secret = inner.ReadString(64);
            var key = SshPublicKey.TryParse(publicBlob);
            return secret.Length == 64 && key?.KeyType == "ssh-ed25519" ? new Ed25519FileSigner(key, secret[..32].ToArray(), identity) : null;
        }
        catch (SshWireException)
        {
            return null;
        }
    }

    public Task<byte[]?> SignAsync(byte[] data, string algorithm, CancellationToken cancellationToken)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, new Ed25519PrivateKeyParameters(_seed));
        signer.BlockUpdate(data, 0, data.Length);
        var signature = signer.GenerateSignature();
        return Task.FromResult<byte[]?>(new SshWriter().WriteString("ssh-ed25519").WriteString(signature).ToArray());
    }
}
