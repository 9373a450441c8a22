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
    private const string Armour = "PRIVATE KEY-----";

    /// <summary>Where the first dash of <see cref="Armour"/> is in it.</summary>
    private const int ArmourDash = 11;

    /// <summary>Where <see cref="MayHoldSecret(ReadOnlySpan{char})"/>'s test starts (<c>:</c>, <c>=</c>, <c>-</c>), as characters and as bytes.</summary>
    private static readonly SearchValues<char> SecretMarkChars = SearchValues.Create(":=-");

    private static readonly SearchValues<byte> SecretMarkBytes = SearchValues.Create(":=-"u8);

    private static readonly byte[] ArmourBytes = System.Text.Encoding.ASCII.GetBytes(Armour);

    private static readonly string[] SecretWords = ["pass", "secret", "token"];

    private static readonly SearchValues<string> Words = SearchValues.Create(SecretWords, StringComparison.OrdinalIgnoreCase);

    private static readonly byte[][] WordBytes = [.. SecretWords.Select(System.Text.Encoding.ASCII.GetBytes)];

    public static string Redact(string text) => MayHoldSecret(text) ? RedactAlways(text) : text;

    /// <summary>The patterns applied without the cheap test first: what <see cref="Redact"/> must always equal.</summary>
    internal static string RedactAlways(string text)
    {
        if (text.Contains(Armour, StringComparison.Ordinal))
        {
            return "[redacted: private key material]";
        }

        text = PasswordAssignment().Replace(text, "$1[redacted]");
        return UrlCredentials().Replace(text, "$1[redacted]@");
    }

    /// <summary>
    /// False only when no pattern below can match: no <c>://</c>, no key armour, and no <c>:</c> or <c>=</c> after a word
    /// holding a secret word (<c>Failed password for root</c>, a third of a busy auth.log, is no assignment). One pass
    /// over the line's few <c>:</c>, <c>=</c> and <c>-</c> (every <c>://</c> starts with a colon, every armour's
    /// <c>KEY-----</c> with a dash) is far cheaper than searching it for the words; it runs on every line
    /// <c>--events</c> prints.
    /// </summary>
    public static bool MayHoldSecret(ReadOnlySpan<char> text)
    {
        for (var rest = 0; rest < text.Length;)
        {
            var found = text[rest..].IndexOfAny(SecretMarkChars);
            if (found < 0)
            {
                return false;
            }

            var at = rest + found;
            rest = at + 1;
            if (text[at] == '-')
            {
                if (at >= ArmourDash && text[(at - ArmourDash)..].StartsWith(Armour, StringComparison.Ordinal))
                {
                    return true;
                }

                continue;
            }

            if (text[at] == ':' && text[rest..].StartsWith("//", StringComparison.Ordinal))
            {
                return true;
            }

            var end = at;
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
        }

        return false;
    }

    /// <summary>
    /// <see cref="MayHoldSecret(ReadOnlySpan{char})"/> of ASCII text given as its bytes, the same test step for step (the
    /// per-line outputs copy a recognised line's message from the block's bytes, and widening each to test it cost more
    /// than the test).
    /// </summary>
    public static bool MayHoldSecret(ReadOnlySpan<byte> ascii)
    {
        for (var rest = 0; rest < ascii.Length;)
        {
            var found = ascii[rest..].IndexOfAny(SecretMarkBytes);
            if (found < 0)
            {
                return false;
            }

            var at = rest + found;
            rest = at + 1;
            if (ascii[at] == '-')
            {
                if (at >= ArmourDash && ascii[(at - ArmourDash)..].StartsWith(ArmourBytes))
                {
                    return true;
                }

                continue;
            }

            if (ascii[at] == ':' && ascii[rest..].StartsWith("//"u8))
            {
                return true;
            }

            var end = at;
            while (end > 0 && IsAsciiWhiteSpace(ascii[end - 1]))
            {
                end--;
            }

            var start = end;
            while (start > 0 && char.IsAsciiLetter((char)ascii[start - 1]))
            {
                start--;
            }

            if (end - start >= 4 && HoldsSecretWord(ascii[start..end]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What <see cref="char.IsWhiteSpace(char)"/> says of an ASCII character: tab to carriage return, and space.</summary>
    private static bool IsAsciiWhiteSpace(byte b) => b == ' ' || (b >= '\t' && b <= '\r');

    /// <summary><see cref="Words"/> searched in ASCII letters, ignoring case.</summary>
    private static bool HoldsSecretWord(ReadOnlySpan<byte> letters)
    {
        foreach (var word in WordBytes)
        {
            for (var i = 0; i + word.Length <= letters.Length; i++)
            {
                if (System.Text.Ascii.EqualsIgnoreCase(letters.Slice(i, word.Length), word))
                {
                    return true;
                }
            }
        }

        return false;
    }

    [GeneratedRegex(@"(?i)\b((?:password|passwd|passphrase|secret|token)\s*[:=]\s*)\S+")]
    private static partial Regex PasswordAssignment();

    [GeneratedRegex(@"(\w+://[^/\s:@]+:)[^@\s/]+@")]
    private static partial Regex UrlCredentials();
}
