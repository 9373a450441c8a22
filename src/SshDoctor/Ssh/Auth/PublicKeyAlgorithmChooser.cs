using SshDoctor.Ssh.HostKeys;

namespace SshDoctor.Ssh.Auth;

/// <summary>Which signature algorithm name to put in a public-key request, as OpenSSH does (sshconnect2.c:key_sig_algorithm).</summary>
internal static class PublicKeyAlgorithmChooser
{
    /// <summary>
    /// The algorithm name for the request: RSA keys and RSA certificates use the first of rsa-sha2-512, rsa-sha2-256 that
    /// server-sig-algs lists (a certificate as <c>rsa-sha2-512-cert-v01@openssh.com</c>); other keys use their type name.
    /// </summary>
    public static string Choose(string keyType, IReadOnlyList<string>? serverSignatureAlgorithms)
    {
        if (SshCertificate.PlainType(keyType) != "ssh-rsa" || serverSignatureAlgorithms is null)
        {
            return keyType;
        }

        foreach (var candidate in (string[])["rsa-sha2-512", "rsa-sha2-256"])
        {
            if (serverSignatureAlgorithms.Contains(candidate))
            {
                return SshCertificate.IsCertificateType(keyType) ? candidate + SshCertificate.Suffix : candidate;
            }
        }

        return keyType;
    }

    /// <summary>The name inside the signature itself: a certificate signs with its plain algorithm (PROTOCOL.certkeys).</summary>
    public static string SignatureAlgorithm(string requestAlgorithm) => SshCertificate.PlainType(requestAlgorithm);
}
