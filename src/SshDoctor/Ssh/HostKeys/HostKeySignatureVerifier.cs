using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Ssh.HostKeys;

/// <summary>
/// Verifies the server's signature over the exchange hash H with its host key
/// (RFC 8709 Ed25519, RFC 5656 ECDSA, RFC 8332 / RFC 4253 RSA).
/// </summary>
internal static class HostKeySignatureVerifier
{
    /// <summary>The key type a host key algorithm needs (rsa-sha2-* sign with ssh-rsa keys).</summary>
    public static string KeyTypeFor(string hostKeyAlgorithm) => hostKeyAlgorithm switch
    {
        "rsa-sha2-256" or "rsa-sha2-512" => "ssh-rsa",
        "rsa-sha2-256-cert-v01@openssh.com" or "rsa-sha2-512-cert-v01@openssh.com" => "ssh-rsa-cert-v01@openssh.com",
        _ => hostKeyAlgorithm,
    };

    /// <summary>Null when the signature verifies; otherwise why not.</summary>
    public static string? Verify(string hostKeyAlgorithm, ReadOnlySpan<byte> keyBlob, ReadOnlySpan<byte> signatureBlob, ReadOnlySpan<byte> exchangeHash)
    {
        if (SshCertificate.IsCertificateType(hostKeyAlgorithm))
        {
            return VerifyCertificate(hostKeyAlgorithm, keyBlob, signatureBlob, exchangeHash);
        }

        var key = new SshReader(keyBlob);
        var keyType = System.Text.Encoding.ASCII.GetString(key.ReadString(64));
        if (keyType != KeyTypeFor(hostKeyAlgorithm))
        {
            return $"host key is {keyType} but {hostKeyAlgorithm} was negotiated";
        }

        var signature = new SshReader(signatureBlob);
        var signatureType = System.Text.Encoding.ASCII.GetString(signature.ReadString(64));
        if (signatureType != hostKeyAlgorithm)
        {
            return $"signature is {signatureType} but {hostKeyAlgorithm} was negotiated";
        }

        var signatureBytes = signature.ReadString(1024);
        bool ok;
        try
        {
            ok = Check(hostKeyAlgorithm, ref key, signatureBytes, exchangeHash);
        }
        catch (CryptographicException e)
        {
            // A point off the curve, an RSA modulus of zero…: what the server presented is not a usable key.
            return $"the {hostKeyAlgorithm} host key or its signature is not valid ({e.Message})";
        }

        return ok ? null : $"{hostKeyAlgorithm} signature over the exchange hash does not verify";
    }

    private static bool Check(string hostKeyAlgorithm, ref SshReader key, ReadOnlySpan<byte> signatureBytes, ReadOnlySpan<byte> exchangeHash) =>
        hostKeyAlgorithm switch
        {
            "ssh-ed25519" => VerifyEd25519(ref key, signatureBytes, exchangeHash),
            "ecdsa-sha2-nistp256" => VerifyEcdsa(ref key, ECCurve.NamedCurves.nistP256, "nistp256", HashAlgorithmName.SHA256, signatureBytes, exchangeHash),
            "ecdsa-sha2-nistp384" => VerifyEcdsa(ref key, ECCurve.NamedCurves.nistP384, "nistp384", HashAlgorithmName.SHA384, signatureBytes, exchangeHash),
            "ecdsa-sha2-nistp521" => VerifyEcdsa(ref key, ECCurve.NamedCurves.nistP521, "nistp521", HashAlgorithmName.SHA512, signatureBytes, exchangeHash),
            "rsa-sha2-256" => VerifyRsa(ref key, HashAlgorithmName.SHA256, signatureBytes, exchangeHash),
            "rsa-sha2-512" => VerifyRsa(ref key, HashAlgorithmName.SHA512, signatureBytes, exchangeHash),
            "ssh-rsa" => VerifyRsa(ref key, HashAlgorithmName.SHA1, signatureBytes, exchangeHash),
            _ => false,
        };

    /// <summary>
    /// A certificate host key (PROTOCOL.certkeys): the CA signature must verify (OpenSSH checks it when it decodes the
    /// key), then the certified key must have signed H with the plain algorithm (<c>rsa-sha2-512-cert-v01</c> signs as <c>rsa-sha2-512</c>).
    /// </summary>
    private static string? VerifyCertificate(string hostKeyAlgorithm, ReadOnlySpan<byte> keyBlob, ReadOnlySpan<byte> signatureBlob, ReadOnlySpan<byte> exchangeHash)
    {
        var certificate = SshCertificate.TryParse(keyBlob);
        if (certificate is null)
        {
            return $"{hostKeyAlgorithm} was negotiated but the host key is not a well-formed certificate";
        }

        if (certificate.CertificateKeyType != KeyTypeFor(hostKeyAlgorithm))
        {
            return $"host key is {certificate.CertificateKeyType} but {hostKeyAlgorithm} was negotiated";
        }

        return certificate.VerifySignature() ?? Verify(SshCertificate.PlainType(hostKeyAlgorithm), certificate.Key.Blob.Span, signatureBlob, exchangeHash);
    }

    private static bool VerifyEd25519(ref SshReader key, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> data)
    {
        var publicKey = key.ReadString(32);
        if (publicKey.Length != 32 || signature.Length != 64)
        {
            return false;
        }

        Ed25519PublicKeyParameters parameters;
        try
        {
            parameters = new Ed25519PublicKeyParameters(publicKey);
        }
        catch (ArgumentException)
        {
            // Not a point on the curve: no signature can verify with it.
            return false;
        }

        var signer = new Ed25519Signer();
        signer.Init(false, parameters);
        signer.BlockUpdate(data);
        return signer.VerifySignature(signature.ToArray());
    }

    private static bool VerifyEcdsa(ref SshReader key, ECCurve curve, string curveName, HashAlgorithmName hash, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> data)
    {
        if (System.Text.Encoding.ASCII.GetString(key.ReadString(16)) != curveName)
        {
            return false;
        }

        var point = key.ReadString(1024);
        var size = (point.Length - 1) / 2;
        if (point.Length < 3 || point[0] != 4 || point.Length != 1 + (2 * size))
        {
            return false;
        }

        var parts = new SshReader(signature);
        var r = parts.ReadMpintBytes(128);
        var s = parts.ReadMpintBytes(128);
        var fixedSignature = new byte[2 * size];
        if (!CopyUnsignedFixed(r, fixedSignature.AsSpan(0, size)) || !CopyUnsignedFixed(s, fixedSignature.AsSpan(size)))
        {
            return false;
        }

        try
        {
            using var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = curve,
                Q = new ECPoint { X = point.Slice(1, size).ToArray(), Y = point.Slice(1 + size, size).ToArray() },
            });
            return ecdsa.VerifyData(data, fixedSignature, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            // A point off the curve or of the wrong size: no signature can verify with it.
            return false;
        }
    }

    private static bool VerifyRsa(ref SshReader key, HashAlgorithmName hash, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> data)
    {
        var exponent = TrimLeadingZeros(key.ReadMpintBytes(16));
        var modulus = TrimLeadingZeros(key.ReadMpintBytes(2048));

        // OpenSSH refuses RSA keys under 1024 bits (SSH_RSA_MINIMUM_MODULUS_SIZE); .NET throws on an empty modulus.
        if (modulus.Length < 128 || exponent.IsEmpty || (exponent.Length == 1 && exponent[0] == 0) || signature.Length > modulus.Length)
        {
            return false;
        }

        // OpenSSH accepts signatures shorter than the modulus; .NET wants the full length.
        var padded = new byte[modulus.Length];
        signature.CopyTo(padded.AsSpan(modulus.Length - signature.Length));
        try
        {
            using var rsa = RSA.Create(new RSAParameters { Exponent = exponent.ToArray(), Modulus = modulus.ToArray() });
            return rsa.VerifyData(data, padded, hash, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            // A modulus or exponent no RSA key has (zero, even, too short): no signature can verify with it.
            return false;
        }
    }

    private static ReadOnlySpan<byte> TrimLeadingZeros(ReadOnlySpan<byte> value)
    {
        var i = 0;
        while (i < value.Length - 1 && value[i] == 0)
        {
            i++;
        }

        return value[i..];
    }

    private static bool CopyUnsignedFixed(ReadOnlySpan<byte> mpint, Span<byte> destination)
    {
        var value = TrimLeadingZeros(mpint);
        if (value.Length > destination.Length)
        {
            return false;
        }

        destination.Clear();
        value.CopyTo(destination[(destination.Length - value.Length)..]);
        return true;
    }
}
