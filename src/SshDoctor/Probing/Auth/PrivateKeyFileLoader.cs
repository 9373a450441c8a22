using System.Numerics;
using System.Security.Cryptography;
using SshDoctor.Ssh.Connection;
using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Probing.Auth;

/// <summary>
/// Reads an unencrypted private key file as ssh-keygen writes it and returns something that can sign with it:
/// openssh-key-v1 (PROTOCOL.key: ed25519, RSA, ECDSA nistp256/384/521) or PEM (<c>RSA PRIVATE KEY</c>,
/// <c>EC PRIVATE KEY</c>, PKCS#8 <c>PRIVATE KEY</c>, read by .NET). Passphrase-protected files give null: --login never asks.
/// </summary>
internal static class PrivateKeyFileLoader
{
    /// <summary>A signer, or null when the text is not an unencrypted key of a supported type.</summary>
    public static ISshSigner? TryLoad(string text, string identity)
    {
        if (OpenSshKeyFile.Body(text) is { } body)
        {
            return TryLoadOpenSsh(body, identity);
        }

        return IsEncryptedPem(text) ? null : TryLoadPem(text, identity);
    }

    /// <summary>True for PEM armour that says it is encrypted (<c>Proc-Type: 4,ENCRYPTED</c> or <c>ENCRYPTED PRIVATE KEY</c>).</summary>
    public static bool IsEncryptedPem(string text) =>
        text.Contains("-----BEGIN ", StringComparison.Ordinal) && text.Contains("ENCRYPTED", StringComparison.Ordinal);

    /// <summary>True when the text looks like a PEM private key (any of the forms ssh-keygen -m PEM / PKCS8 writes).</summary>
    public static bool IsPem(string text) =>
        text.Contains("-----BEGIN RSA PRIVATE KEY-----", StringComparison.Ordinal)
        || text.Contains("-----BEGIN EC PRIVATE KEY-----", StringComparison.Ordinal)
        || text.Contains("-----BEGIN PRIVATE KEY-----", StringComparison.Ordinal)
        || text.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal);

    private static ISshSigner? TryLoadPem(string text, string identity)
    {
        if (text.Contains("-----BEGIN RSA PRIVATE KEY-----", StringComparison.Ordinal) || text.Contains("-----BEGIN PRIVATE KEY-----", StringComparison.Ordinal))
        {
            var rsa = RSA.Create();
            try
            {
                rsa.ImportFromPem(text);
                return new RsaFileSigner(rsa, identity);
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                rsa.Dispose();
            }
        }

        if (text.Contains("-----BEGIN EC PRIVATE KEY-----", StringComparison.Ordinal) || text.Contains("-----BEGIN PRIVATE KEY-----", StringComparison.Ordinal))
        {
            var ecdsa = ECDsa.Create();
            try
            {
                ecdsa.ImportFromPem(text);
                return EcdsaFileSigner.Create(ecdsa, identity);
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException or PlatformNotSupportedException)
            {
                ecdsa.Dispose();
            }
        }

        return null;
    }

    private static ISshSigner? TryLoadOpenSsh(byte[] body, string identity)
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

            var publicKey = SshPublicKey.TryParse(reader.ReadString(16384));
            var inner = new SshReader(reader.ReadString(32768));
            if (publicKey is null || inner.ReadUInt32() != inner.ReadUInt32())
            {
                return null;
            }

            var type = inner.ReadUtf8(64);
            ISshSigner? signer = type switch
            {
                "ssh-ed25519" => Ed25519(ref inner, publicKey, identity),
                "ssh-rsa" => Rsa(ref inner, identity),
                "ecdsa-sha2-nistp256" or "ecdsa-sha2-nistp384" or "ecdsa-sha2-nistp521" => Ecdsa(ref inner, identity),
                _ => null,
            };

            // The private part must belong to the public key the file announces.
            return signer is not null && signer.PublicKey.SameKeyAs(publicKey.Blob.Span) ? signer : null;
        }
        catch (Exception e) when (e is SshWireException or CryptographicException)
        {
            return null;
        }
    }

    private static Ed25519FileSigner? Ed25519(ref SshReader inner, SshPublicKey publicKey, string identity)
    {
        inner.ReadString(64);
        var secret = inner.ReadString(64);
        return secret.Length == 64 && publicKey.KeyType == "ssh-ed25519" ? new Ed25519FileSigner(publicKey, secret[..32].ToArray(), identity) : null;
    }

    private static RsaFileSigner Rsa(ref SshReader inner, string identity)
    {
        // PROTOCOL.key / sshkey.c: n, e, d, iqmp, p, q. .NET also wants d mod (p-1) and d mod (q-1).
        var n = inner.ReadMpint(2048);
        var e = inner.ReadMpint(16);
        var d = inner.ReadMpint(2048);
        var iqmp = inner.ReadMpint(2048);
        var p = inner.ReadMpint(1024);
        var q = inner.ReadMpint(1024);
        if (n.Sign <= 0 || e.Sign <= 0 || d.Sign <= 0 || iqmp.Sign < 0 || p <= BigInteger.One || q <= BigInteger.One)
        {
            // No RSA key has these (and d mod (p-1) would divide by zero).
            throw new CryptographicException("RSA key component out of range");
        }

        var modulus = n.ToByteArray(isUnsigned: true, isBigEndian: true);
        var half = (modulus.Length + 1) / 2;
        var rsa = RSA.Create();
        try
        {
            rsa.ImportParameters(new RSAParameters
            {
                Modulus = modulus,
                Exponent = e.ToByteArray(isUnsigned: true, isBigEndian: true),
                D = Unsigned(d, modulus.Length),
                P = Unsigned(p, half),
                Q = Unsigned(q, half),
                DP = Unsigned(d % (p - 1), half),
                DQ = Unsigned(d % (q - 1), half),
                InverseQ = Unsigned(iqmp, half),
            });
            return new RsaFileSigner(rsa, identity);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    private static EcdsaFileSigner? Ecdsa(ref SshReader inner, string identity)
    {
        var curveName = inner.ReadUtf8(16);
        var point = inner.ReadString(256);
        var d = inner.ReadMpint(128);
        if (EcdsaFileSigner.CurveFor(curveName) is not { } curve || point.Length < 3 || point[0] != 4 || (point.Length - 1) % 2 != 0)
        {
            return null;
        }

        var size = (point.Length - 1) / 2;
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportParameters(new ECParameters
            {
                Curve = curve,
                Q = new ECPoint { X = point.Slice(1, size).ToArray(), Y = point.Slice(1 + size, size).ToArray() },
                D = Unsigned(d, size),
            });
            return EcdsaFileSigner.Create(ecdsa, identity);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    /// <summary>An unsigned big-endian value left-padded with zeros to <paramref name="length"/> bytes.</summary>
    private static byte[] Unsigned(BigInteger value, int length)
    {
        if (value.Sign < 0)
        {
            throw new CryptographicException("negative key component");
        }

        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (bytes.Length > length)
        {
            throw new CryptographicException("key component longer than the modulus");
        }

        var padded = new byte[length];
        bytes.CopyTo(padded, length - bytes.Length);
        return padded;
    }
}
