using System.Security.Cryptography;
using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Ssh.Connection;

/// <summary>
/// Signs with an unencrypted ECDSA key file (RFC 5656: nistp256/SHA-256, nistp384/SHA-384, nistp521/SHA-512) using
/// .NET's ECDsa; the signature blob is <c>mpint r, mpint s</c>.
/// </summary>
public sealed class EcdsaFileSigner : ISshSigner, IDisposable
{
    private readonly ECDsa _ecdsa;
    private readonly string _algorithm;
    private readonly HashAlgorithmName _hash;

    private EcdsaFileSigner(ECDsa ecdsa, string curveName, HashAlgorithmName hash, string identity)
    {
        _ecdsa = ecdsa;
        _algorithm = "ecdsa-sha2-" + curveName;
        _hash = hash;
        Identity = identity;
        var point = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        var encoded = new byte[1 + point.X!.Length + point.Y!.Length];
        encoded[0] = 4;
        point.X.CopyTo(encoded, 1);
        point.Y.CopyTo(encoded, 1 + point.X.Length);
        PublicKey = SshPublicKey.TryParse(new SshWriter().WriteString(_algorithm).WriteString(curveName).WriteString(encoded).ToArray())!;
    }

    public SshPublicKey PublicKey { get; }

    public string Identity { get; }

    /// <summary>Wraps a key on one of the three curves SSH names; null (and the key disposed) for any other curve.</summary>
    internal static EcdsaFileSigner? Create(ECDsa ecdsa, string identity)
    {
        var (curve, hash) = ecdsa.KeySize switch
        {
            256 => ("nistp256", HashAlgorithmName.SHA256),
            384 => ("nistp384", HashAlgorithmName.SHA384),
            521 => ("nistp521", HashAlgorithmName.SHA512),
            _ => ("", default),
        };
        if (curve.Length == 0)
        {
            ecdsa.Dispose();
            return null;
        }

        return new EcdsaFileSigner(ecdsa, curve, hash, identity);
    }

    /// <summary>The .NET curve for an SSH curve name, or null.</summary>
    internal static ECCurve? CurveFor(string curveName) => curveName switch
    {
        "nistp256" => ECCurve.NamedCurves.nistP256,
        "nistp384" => ECCurve.NamedCurves.nistP384,
        "nistp521" => ECCurve.NamedCurves.nistP521,
        _ => null,
    };

    public Task<byte[]?> SignAsync(byte[] data, string algorithm, CancellationToken cancellationToken)
    {
        if (algorithm != _algorithm)
        {
            return Task.FromResult<byte[]?>(null);
        }

        var signature = _ecdsa.SignData(data, _hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var half = signature.Length / 2;
        var inner = new SshWriter().WriteMpintFromUnsigned(signature.AsSpan(0, half)).WriteMpintFromUnsigned(signature.AsSpan(half)).ToArray();
        return Task.FromResult<byte[]?>(new SshWriter().WriteString(_algorithm).WriteString(inner).ToArray());
    }

    public void Dispose() => _ecdsa.Dispose();
}
