using System.Buffers;
using System.Text.RegularExpressions;

namespace SshDoctor.Reporting;

/// <summary>
/// Keeps secrets out of reports and printed log lines: private key armour lines (<c>-----BEGIN … PRIVATE KEY-----</c>),
/// passwords typed into a pasted log, tokens in URLs. Public keys and fingerprints are not secrets and are kept: they are
/// the evidence, and so is ssh's <c>WARNING: UNPROTECTED PRIVATE KEY FILE!</c>.
/// </summary>
public static partial class Redaction
{
    /// <summary>What every secret this finds holds (case aside): the cheap test that lets most lines through untouched.</summary>
    private static readonly SearchValues<string> Hints = SearchValues.Create(["PRIVATE KEY", "://", "pass", "secret", "token"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> Words = SearchValues.Create(["pass", "secret", "token"], StringComparison.OrdinalIgnoreCase);

    public static string Redact(string text)
    {
        if (!MayHoldSecret(text))
        {
            return text;
        }

        if (text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            return "[redacted: private key material]";
        }

        text = PasswordAssignment().Replace(text, "$1[redacted]");
        return UrlCredentials().Replace(text, "$1[redacted]@");
    }

    /// <summary>
    /// False only when no pattern below can match: no hint at all, or each secret word followed by something other
    /// than <c>:</c> or <c>=</c> (<c>Failed password for root</c>, a third of a busy auth.log, is no assignment).
    /// </summary>
    private static bool MayHoldSecret(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAny(Hints) < 0)
        {
            return false;
        }

        if (text.Contains("://", StringComparison.Ordinal) || text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            return true;
        }

        for (var at = text.IndexOfAny(Words); at >= 0; at = text.IndexOfAny(Words))
        {
            var end = at;
            while (end < text.Length && char.IsAsciiLetter(text[end]))
            {
                end++;
            }

            var next = text[end..].TrimStart();
            if (!next.IsEmpty && next[0] is ':' or '=')
            {
                return true;
            }

            text = text[(at + 1)..];
        }

        return false;
    }

    [GeneratedRegex(@"(?i)\b((?:password|passwd|passphrase|secret|token)\s*[:=]\s*)\S+")]
    private static partial Regex PasswordAssignment();

    [GeneratedRegex(@"(\w+://[^/\s:@]+:)[^@\s/]+@")]
    private static partial Regex UrlCredentials();
}
