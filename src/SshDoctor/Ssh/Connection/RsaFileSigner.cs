using System.Security.Cryptography;
using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Ssh.Connection;

/// <summary>
/// Signs with an unencrypted RSA key file: RSASSA-PKCS1-v1_5 from .NET with SHA-512 (<c>rsa-sha2-512</c>),
/// SHA-256 (<c>rsa-sha2-256</c>, RFC 8332) or SHA-1 (legacy <c>ssh-rsa</c>), as the request's algorithm says.
/// </summary>
public sealed class RsaFileSigner : ISshSigner, IDisposable
{
    private readonly RSA _rsa;

    internal RsaFileSigner(RSA rsa, string identity)
    {
        _rsa = rsa;
        Identity = identity;
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        PublicKey = SshPublicKey.TryParse(new SshWriter().WriteString("ssh-rsa")
            .WriteMpintFromUnsigned(parameters.Exponent).WriteMpintFromUnsigned(parameters.Modulus).ToArray())!;
    }

    public SshPublicKey PublicKey { get; }

    public string Identity { get; }

    public Task<byte[]?> SignAsync(byte[] data, string algorithm, CancellationToken cancellationToken)
    {
        HashAlgorithmName? hash = algorithm switch
        {
            "rsa-sha2-512" => HashAlgorithmName.SHA512,
            "rsa-sha2-256" => HashAlgorithmName.SHA256,
            "ssh-rsa" => HashAlgorithmName.SHA1,
            _ => null,
        };
        if (hash is not { } name)
        {
            return Task.FromResult<byte[]?>(null);
        }

        var signature = _rsa.SignData(data, name, RSASignaturePadding.Pkcs1);
        return Task.FromResult<byte[]?>(new SshWriter().WriteString(algorithm).WriteString(signature).ToArray());
    }

    public void Dispose() => _rsa.Dispose();
}
