using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace SshDoctor.Reporting;

/// <summary>
/// The one escaping of text that a remote party, a log or a file chose, before anyone sees it (terminal, JSON, CSV):
/// characters that can drive a terminal or reorder what it shows become visible escapes, as OpenSSH's
/// <c>strnvis(VIS_SAFE)</c> does for banners and log lines. ASCII controls and DEL become <c>\x1b</c>, <c>\r</c>,
/// <c>\n</c>; C1 controls, bidirectional overrides and isolates, and lone UTF-16 surrogates become <c>\u202e</c>.
/// Tab stays (it moves the cursor only forward); a backslash stays as is (the escape is for eyes, not for decoding).
/// </summary>
public static class SafeText
{
    private static readonly SearchValues<char> UnsafeInLine = SearchValues.Create(UnsafeCharacters(keepNewline: false));
    private static readonly SearchValues<char> UnsafeInBlock = SearchValues.Create(UnsafeCharacters(keepNewline: true));

    /// <summary>The text made safe to show on one line: a newline in it is shown as <c>\n</c>. Null stays null.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Escape(string? text) => Escape(text, UnsafeInLine);

    /// <summary>The text made safe to show as several lines: newlines stay, everything else as <see cref="Escape(string?)"/>.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? EscapeKeepingNewlines(string? text) => Escape(text, UnsafeInBlock);

    /// <summary>True when <see cref="Escape(string?)"/> would change nothing.</summary>
    public static bool IsSafe(ReadOnlySpan<char> text) => FirstUnsafe(text, UnsafeInLine) < 0;

    [return: NotNullIfNotNull(nameof(text))]
    private static string? Escape(string? text, SearchValues<char> unsafeCharacters)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var first = FirstUnsafe(text, unsafeCharacters);
        if (first < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        escaped.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                escaped.Append(c).Append(text[++i]);
            }
            else if (unsafeCharacters.Contains(c))
            {
                AppendEscape(escaped, c);
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    /// <summary>The index of the first character to escape, skipping well-formed surrogate pairs; -1 when none.</summary>
    private static int FirstUnsafe(ReadOnlySpan<char> text, SearchValues<char> unsafeCharacters)
    {
        // Printable ASCII is the common case and a range test is far cheaper than the set's search.
        var offset = text.IndexOfAnyExceptInRange(' ', '~');
        if (offset < 0)
        {
            return -1;
        }

        while (true)
        {
            var found = text[offset..].IndexOfAny(unsafeCharacters);
            if (found < 0)
            {
                return -1;
            }

            var at = offset + found;
            if (char.IsHighSurrogate(text[at]) && at + 1 < text.Length && char.IsLowSurrogate(text[at + 1]))
            {
                offset = at + 2;
                continue;
            }

            return at;
        }
    }

    private static void AppendEscape(StringBuilder escaped, char c)
    {
        switch (c)
        {
            case '\n':
                escaped.Append("\\n");
                break;
            case '\r':
                escaped.Append("\\r");
                break;
            case < '\u0080':
                escaped.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                break;
            default:
                escaped.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string UnsafeCharacters(bool keepNewline)
    {
        var set = new StringBuilder();
        for (var c = '\0'; c < ' '; c++)
        {
            if (c != '\t' && !(keepNewline && c == '\n'))
            {
                set.Append(c);
            }
        }

        set.Append('\u007f');
        for (var c = '\u0080'; c <= '\u009f'; c++)
        {
            set.Append(c);
        }

        // Bidirectional marks, embeddings, overrides and isolates: they reorder what the terminal shows
        // ("Trojan Source", CVE-2021-42574).
        set.Append("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069");
        for (var c = '\ud800'; c <= '\udfff'; c++)
        {
            set.Append(c);
        }

        return set.ToString();
    }
}
