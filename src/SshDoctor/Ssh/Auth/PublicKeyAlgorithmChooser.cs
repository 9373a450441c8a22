namespace SshDoctor.Ssh.Auth;

/// <summary>Which signature algorithm name to put in a public-key request, as OpenSSH does (sshconnect2.c:key_sig_algorithm).</summary>
internal static class PublicKeyAlgorithmChooser
{
    public static string Choose(string keyType, IReadOnlyList<string>? serverSignatureAlgorithms)
    {
        if (keyType != "ssh-rsa" || serverSignatureAlgorithms is null)
        {
            return keyType;
        }

        foreach (var candidate in (string[])["rsa-sha2-512", "rsa-sha2-256"])
        {
            if (serverSignatureAlgorithms.Contains(candidate))
            {
                return candidate;
            }
        }

        return keyType;
    }
}
