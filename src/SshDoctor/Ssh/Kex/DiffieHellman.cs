using System.Numerics;
using System.Security.Cryptography;
using SshDoctor.Ssh.Transport;

namespace SshDoctor.Ssh.Kex;

/// <summary>Finite-field Diffie-Hellman arithmetic (RFC 4253 §8) with range checks on the peer's value.</summary>
internal sealed class DiffieHellman
{
    private readonly BigInteger _prime;
    private readonly BigInteger _exponent;

    public DiffieHellman(BigInteger prime, BigInteger generator)
    {
        _prime = prime;
        // A 512-bit private exponent exceeds twice the security of every group used here (as OpenSSH sizes it).
        var bytes = new byte[64];
        RandomNumberGenerator.Fill(bytes);
        _exponent = new BigInteger(bytes, isUnsigned: true, isBigEndian: true) | BigInteger.One;
        PublicValue = BigInteger.ModPow(generator, _exponent, prime);
    }

    public BigInteger PublicValue { get; }

    public BigInteger SharedSecret(BigInteger peerValue)
    {
        if (peerValue <= BigInteger.One || peerValue >= _prime - BigInteger.One)
        {
            throw new SshProtocolException("server DH value out of range");
        }

        return BigInteger.ModPow(peerValue, _exponent, _prime);
    }
}
