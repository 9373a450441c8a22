using System.Security.Cryptography;

namespace SshDoctor.Ssh.HostKeys;

/// <summary>Key fingerprints as OpenSSH prints them (<c>ssh-keygen -lf</c>, <c>ssh-add -l</c>).</summary>
public static class SshKeyFingerprint
{
    /// <summary><c>SHA256:</c> followed by the unpadded base64 of SHA-256 over the public key blob.</summary>
    public static string Sha256(ReadOnlySpan<byte> publicKeyBlob) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(publicKeyBlob)).TrimEnd('=');
}
