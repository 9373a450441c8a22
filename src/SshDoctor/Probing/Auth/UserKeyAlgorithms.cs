namespace SshDoctor.Probing.Auth;

/// <summary>
/// Which signature algorithm the user's ssh puts in a public-key request for a key (sshconnect2.c:key_sig_algorithm,
/// filtered by PubkeyAcceptedAlgorithms), and whether ssh offers the key at all ("Skipping ssh-dss key ... not in
/// PubkeyAcceptedAlgorithms").
/// </summary>
internal static class UserKeyAlgorithms
{
    private static readonly string[] RsaAlgorithms = ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"];

    /// <summary>The signature algorithms a key type can sign with, in OpenSSH's preference order.</summary>
    public static IReadOnlyList<string> For(string keyType) => keyType == "ssh-rsa" ? RsaAlgorithms : [keyType];

    /// <summary>True when ssh would not offer the key: none of its signature algorithms is in PubkeyAcceptedAlgorithms.</summary>
    public static bool Skipped(ProbeTarget target, CandidateKey key) =>
        target.PubkeyAcceptedAlgorithms is { } accepted && !IsCertificate(key) && !For(key.PublicKey.KeyType).Any(accepted.Contains);

    /// <summary>
    /// The algorithm ssh would name in the request when the user's configuration restricts it, or null to let the
    /// transport choose as ssh's defaults would (the server's server-sig-algs).
    /// </summary>
    public static string? ForQuery(ProbeTarget target, CandidateKey key, IReadOnlyList<string>? serverSignatureAlgorithms)
    {
        if (target.PubkeyAcceptedAlgorithms is not { } accepted || key.PublicKey.KeyType != "ssh-rsa" || IsCertificate(key))
        {
            return null;
        }

        var allowed = accepted.Where(RsaAlgorithms.Contains).ToList();
        if (allowed.Count == 0 || allowed.Contains("rsa-sha2-512") && allowed.Contains("rsa-sha2-256"))
        {
            return null;
        }

        return allowed.FirstOrDefault(a => a != "ssh-rsa" && serverSignatureAlgorithms?.Contains(a) == true) ?? (allowed.Contains("ssh-rsa") ? "ssh-rsa" : allowed[0]);
    }

    /// <summary>After a refusal of <paramref name="asked"/>: a SHA-2 RSA algorithm the server supports, to tell the algorithm from the key.</summary>
    public static string? Stronger(string? asked, IReadOnlyList<string>? serverSignatureAlgorithms)
    {
        if (asked != "ssh-rsa")
        {
            return null;
        }

        return serverSignatureAlgorithms is null ? "rsa-sha2-256" : RsaAlgorithms[..2].FirstOrDefault(serverSignatureAlgorithms.Contains);
    }

    private static bool IsCertificate(CandidateKey key) => key.PublicKey.KeyType.Contains("-cert-", StringComparison.Ordinal);
}
