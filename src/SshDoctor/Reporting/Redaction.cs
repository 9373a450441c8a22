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
    private static readonly SearchValues<string> Words = SearchValues.Create(["pass", "secret", "token"], StringComparison.OrdinalIgnoreCase);

    public static string Redact(string text) => MayHoldSecret(text) ? RedactAlways(text) : text;

    /// <summary>The patterns applied without the cheap test first: what <see cref="Redact"/> must always equal.</summary>
    internal static string RedactAlways(string text)
    {
        if (text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            return "[redacted: private key material]";
        }

        text = PasswordAssignment().Replace(text, "$1[redacted]");
        return UrlCredentials().Replace(text, "$1[redacted]@");
    }

    /// <summary>
    /// False only when no pattern below can match: no <c>://</c>, no key armour, and no <c>:</c> or <c>=</c> after a word
    /// holding a secret word (<c>Failed password for root</c>, a third of a busy auth.log, is no assignment). Looking at
    /// the few <c>:</c> and <c>=</c> of a line is far cheaper than searching it for the words.
    /// </summary>
    private static bool MayHoldSecret(ReadOnlySpan<char> text)
    {
        if (text.Contains("://", StringComparison.Ordinal) || text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            return true;
        }

        for (var rest = 0; rest < text.Length;)
        {
            var found = text[rest..].IndexOfAny(':', '=');
            if (found < 0)
            {
                return false;
            }

            var end = rest + found;
            while (end > 0 && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }

            var start = end;
            while (start > 0 && char.IsAsciiLetter(text[start - 1]))
            {
                start--;
            }

            if (end - start >= 4 && text[start..end].IndexOfAny(Words) >= 0)
            {
                return true;
            }

            rest += found + 1;
        }

        return false;
    }

    [GeneratedRegex(@"(?i)\b((?:password|passwd|passphrase|secret|token)\s*[:=]\s*)\S+")]
    private static partial Regex PasswordAssignment();

    [GeneratedRegex(@"(\w+://[^/\s:@]+:)[^@\s/]+@")]
    private static partial Regex UrlCredentials();
}
