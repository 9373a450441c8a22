using System.Security.Cryptography;

namespace SshDoctor.Ssh.Kex;

/// <summary>One key exchange method (RFC 4253 §8, RFC 5656, RFC 8731, RFC 4419, RFC 8268).</summary>
internal abstract class KeyExchangeMethod
{
    /// <summary>The hash for H and for key derivation.</summary>
    public abstract HashAlgorithmName Hash { get; }

    public abstract Task<KeyExchangeResult> ExchangeAsync(IKexConversation conversation, ExchangeHashInput input, CancellationToken cancellationToken);

    public byte[] HashData(ReadOnlySpan<byte> data) => Hash.Name switch
    {
#pragma warning disable CA5350 // SHA-1 is what the legacy kex methods are defined with; the probe must speak them to diagnose old servers.
        "SHA1" => SHA1.HashData(data),
#pragma warning restore CA5350
        "SHA256" => SHA256.HashData(data),
        "SHA384" => SHA384.HashData(data),
        _ => SHA512.HashData(data),
    };

    /// <summary>The method for a negotiated name; the name must be one of <see cref="Transport.SupportedAlgorithms.Kex"/>.</summary>
    public static KeyExchangeMethod Create(string name) => name switch
    {
        "curve25519-sha256" or "curve25519-sha256@libssh.org" => new Curve25519KeyExchange(),
        "ecdh-sha2-nistp256" => new EcdhKeyExchange(ECCurve.NamedCurves.nistP256, 32, HashAlgorithmName.SHA256),
        "ecdh-sha2-nistp384" => new EcdhKeyExchange(ECCurve.NamedCurves.nistP384, 48, HashAlgorithmName.SHA384),
        "ecdh-sha2-nistp521" => new EcdhKeyExchange(ECCurve.NamedCurves.nistP521, 66, HashAlgorithmName.SHA512),
        "diffie-hellman-group1-sha1" => new DiffieHellmanGroupKeyExchange(DiffieHellmanGroups.Group1, HashAlgorithmName.SHA1),
        "diffie-hellman-group14-sha1" => new DiffieHellmanGroupKeyExchange(DiffieHellmanGroups.Group14, HashAlgorithmName.SHA1),
        "diffie-hellman-group14-sha256" => new DiffieHellmanGroupKeyExchange(DiffieHellmanGroups.Group14, HashAlgorithmName.SHA256),
        "diffie-hellman-group16-sha512" => new DiffieHellmanGroupKeyExchange(DiffieHellmanGroups.Group16, HashAlgorithmName.SHA512),
        "diffie-hellman-group18-sha512" => new DiffieHellmanGroupKeyExchange(DiffieHellmanGroups.Group18, HashAlgorithmName.SHA512),
        "diffie-hellman-group-exchange-sha256" => new DiffieHellmanGroupExchange(HashAlgorithmName.SHA256),
        "diffie-hellman-group-exchange-sha1" => new DiffieHellmanGroupExchange(HashAlgorithmName.SHA1),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unsupported key exchange"),
    };
}
