using SshDoctor.Ssh.HostKeys;

namespace SshDoctor.Probing.Auth;

/// <summary>
/// What can be told locally about a user certificate sshd would refuse (auth2-pubkey.c, sshkey_cert_check_authority):
/// outside its validity window, the login name not among its principals (TrustedUserCAKeys requires one), not a user
/// certificate, or a CA signature that does not verify. Whether the server trusts the CA only the server knows.
/// </summary>
internal static class UserCertificateCheck
{
    public static IReadOnlyList<string> Problems(SshCertificate certificate, string user, DateTimeOffset now)
    {
        var problems = new List<string>();
        if (certificate.Type != SshCertificateType.User)
        {
            problems.Add("not a user certificate");
        }

        if (certificate.CheckValidity(now) is { } validity)
        {
            problems.Add(validity.Replace("Certificate invalid: ", "", StringComparison.Ordinal) + $" (valid {certificate.ValidityText})");
        }

        if (certificate.Principals.Count == 0)
        {
            problems.Add("no principals (sshd's TrustedUserCAKeys requires the login name among them)");
        }
        else if (!certificate.Principals.Contains(user))
        {
            problems.Add($"{user} is not a listed principal");
        }

        if (!SshCertificate.DefaultCaSignatureAlgorithms.Contains(certificate.SignatureAlgorithm))
        {
            problems.Add($"the CA signed with {certificate.SignatureAlgorithm}, which OpenSSH ≥ 8.2 servers refuse by default (CASignatureAlgorithms)");
        }

        if (certificate.VerifySignature() is { } signature)
        {
            problems.Add(signature);
        }

        return problems;
    }

    /// <summary>The certificate and what is locally wrong with it, as one evidence text.</summary>
    public static string Describe(CandidateKey key, string user, DateTimeOffset now)
    {
        var certificate = key.Certificate!;
        var problems = Problems(certificate, user, now);
        return $"{key.Identity}: {certificate.Describe()}"
            + (problems.Count == 0 ? "; valid now for " + user + " (the server must trust the CA: TrustedUserCAKeys or cert-authority in authorized_keys)" : "; " + string.Join("; ", problems));
    }
}
