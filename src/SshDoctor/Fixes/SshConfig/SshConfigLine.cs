using System.Text;

namespace SshDoctor.Fixes.SshConfig;

/// <summary>
/// One line of an ssh_config as readconf.c reads it: the keyword (lower case; empty for blank lines and comments) up to
/// whitespace or '=', then the arguments split as argv_split does (quotes, backslash escapes, '#' at the start of an
/// argument ends the line).
/// </summary>
public sealed record SshConfigLine(int Index, string Indent, string Keyword, IReadOnlyList<string> Arguments)
{
    public bool IsBlankOrComment => Keyword.Length == 0;

    public bool StartsBlock => Keyword is "host" or "match";

    /// <summary>A block every host enters: <c>Host</c> with a bare <c>*</c> pattern, or <c>Match all</c>.</summary>
    public bool IsCatchAll =>
        (Keyword == "host" && Arguments.Contains("*"))
        || (Keyword == "match" && Arguments.Any(a => a.Equals("all", StringComparison.OrdinalIgnoreCase)));

    /// <summary>Parses one line; null when its quotes do not close (ssh refuses the file: "invalid quotes").</summary>
    public static SshConfigLine? Parse(int index, string text)
    {
        var end = text.Length;
        while (end > 0 && text[end - 1] is ' ' or '\t' or '\r' or '\n' or '\f')
        {
            end--;
        }

        var line = text[..end];
        var i = 0;
        while (i < line.Length && line[i] is ' ' or '\t')
        {
            i++;
        }

        var indent = line[..i];
        if (i == line.Length || line[i] == '#')
        {
            return new SshConfigLine(index, indent, string.Empty, []);
        }

        var start = i;
        while (i < line.Length && line[i] is not (' ' or '\t' or '='))
        {
            i++;
        }

        var keyword = Lower(line[start..i]);
        while (i < line.Length && line[i] is ' ' or '\t')
        {
            i++;
        }

        if (i < line.Length && line[i] == '=')
        {
            i++;
        }

        var arguments = Split(line[i..]);
        return arguments is null ? null : new SshConfigLine(index, indent, keyword, arguments);
    }

    private static List<string>? Split(string text)
    {
        var arguments = new List<string>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }

            if (i == text.Length || text[i] == '#')
            {
                return arguments;
            }

            var word = new StringBuilder();
            char quote = '\0';
            while (i < text.Length)
            {
                var c = text[i];
                if (quote == '\0' && c is ' ' or '\t')
                {
                    break;
                }

                if (c == '\\' && i + 1 < text.Length && text[i + 1] is '\\' or '"' or '\'' or ' ' or '\t')
                {
                    word.Append(text[i + 1]);
                    i += 2;
                    continue;
                }

                if (quote == '\0' && c is '"' or '\'')
                {
                    quote = c;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }

                i++;
            }

            if (quote != '\0')
            {
                return null;
            }

            arguments.Add(word.ToString());
        }
    }

    private static string Lower(string text) => KnownHosts.KnownHostsMatcher.AsciiLower(text);
}
