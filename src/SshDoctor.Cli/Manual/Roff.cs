namespace SshDoctor.Cli.Manual;

/// <summary>Text made safe for roff (man(7)): backslashes, dashes, and control characters at the start of a line.</summary>
internal static class Roff
{
    public static string Text(string text)
    {
        var escaped = BreakableCjk(text.Replace("\\", "\\e", StringComparison.Ordinal).Replace("-", "\\-", StringComparison.Ordinal));
        return escaped.StartsWith('.') || escaped.StartsWith('\'') ? "\\&" + escaped : escaped;
    }

    /// <summary>
    /// Japanese has no spaces between words, and groff 1.22 (Debian 12) breaks lines only at spaces: a zero-width break
    /// point (<c>\:</c>) after each CJK character lets a line break there, as Japanese typesetting allows.
    /// </summary>
    private static string BreakableCjk(string text)
    {
        var result = new System.Text.StringBuilder(text.Length * 2);
        for (var i = 0; i < text.Length; i++)
        {
            result.Append(text[i]);
            if (IsCjk(text[i]) && !IsOpeningPunctuation(text[i]) && i + 1 < text.Length && !IsClosingPunctuation(text[i + 1]))
            {
                result.Append("\\:");
            }
        }

        return result.ToString();
    }

    private static bool IsCjk(char c) => c is >= '\u3000' and <= '\u9fff' or >= '\uff00' and <= '\uffef';

    // Kinsoku: a line never ends with an opening bracket, and never starts with a closing bracket or a full stop.
    private static bool IsOpeningPunctuation(char c) => c is '（' or '「';

    private static bool IsClosingPunctuation(char c) => c is '、' or '。' or '）' or '」' or '，' or '．' or '：' or ')' or ',' or '.';

    public static string Bold(string text) => "\\fB" + Text(text) + "\\fR";

    public static string Italic(string text) => "\\fI" + Text(text) + "\\fR";
}
