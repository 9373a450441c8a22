using System.Text.RegularExpressions;

namespace SshDoctor.Reporting;

/// <summary>
/// Keeps secrets out of reports: private key bodies, passwords typed into a pasted log, tokens in URLs.
/// Public keys and fingerprints are not secrets and are kept: they are the evidence.
/// </summary>
public static partial class Redaction
{
    public static string Redact(string text)
    {
        if (text.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            return "[redacted: private key material]";
        }

        text = PasswordAssignment().Replace(text, "$1[redacted]");
        return UrlCredentials().Replace(text, "$1[redacted]@");
    }

    [GeneratedRegex(@"(?i)\b((?:password|passwd|passphrase|secret|token)\s*[:=]\s*)\S+")]
    private static partial Regex PasswordAssignment();

    [GeneratedRegex(@"(\w+://[^/\s:@]+:)[^@\s/]+@")]
    private static partial Regex UrlCredentials();
}
