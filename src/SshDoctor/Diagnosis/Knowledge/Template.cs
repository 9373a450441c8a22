using System.Text;

namespace SshDoctor.Diagnosis.Knowledge;

/// <summary>Fills <c>{name}</c> placeholders of catalogue texts; an unknown value prints as the name in capitals (HOST).</summary>
public static class Template
{
    /// <summary>
    /// Longest value put into a sentence; a longer one is cut with its length said. sshd itself logs at most 100
    /// characters of a user name (<c>%.100s</c>), so a value this long came from a hostile line, and the evidence keeps
    /// the line.
    /// </summary>
    public const int MaxValueInProse = 256;

    /// <summary>Fills prose (titles, explanations, fix summaries): values as they are, cut past <see cref="MaxValueInProse"/>.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        Substitute(text, (name, _) => values.TryGetValue(name, out var value) ? Ssh.RemoteText.Cut(value, MaxValueInProse) : Unknown(name));

    /// <summary>
    /// Fills a command the user may copy and run. Every value goes through <see cref="ShellQuote.Word"/>; a value no
    /// real host, account or file could have (<see cref="CommandValues"/>) is not put in at all and the placeholder
    /// stays in capitals for the user to fill in. After <c>~</c> (<c>~{user}</c>) only a name that needs no quoting
    /// fits, since quoting would stop the shell's tilde expansion.
    /// </summary>
    public static string FillCommand(string command, IReadOnlyDictionary<string, string> values) =>
        Substitute(command, (name, afterTilde) =>
        {
            if (!values.TryGetValue(name, out var value) || !CommandValues.IsPlausible(name, value))
            {
                return Unknown(name);
            }

            if (name == "hop")
            {
                // ssh takes no :port in a plain destination: the hop is printed as -p PORT USER@HOST.
                return CommandRoute.HopArguments(value) ?? Unknown(name);
            }

            if (afterTilde)
            {
                return ShellQuote.NeedsNoQuoting(value) ? value : Unknown(name);
            }

            return CommandValues.Paths.Contains(name) && value.StartsWith("~/", StringComparison.Ordinal) && value.Length > 2
                ? "~/" + ShellQuote.Word(value[2..])
                : ShellQuote.Word(value);
        });

    /// <summary>The placeholder names in <paramref name="text"/>, in order.</summary>
    public static IEnumerable<string> Placeholders(string text)
    {
        var names = new List<string>();
        Substitute(text, (name, _) =>
        {
            names.Add(name);
            return string.Empty;
        });
        return names;
    }

    private static string Unknown(string name) => name.ToUpperInvariant();

    private static string Substitute(string text, Func<string, bool, string> replacement)
    {
        if (!text.Contains('{', StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length + 32);
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('{', i);
            if (open < 0)
            {
                result.Append(text, i, text.Length - i);
                break;
            }

            var close = text.IndexOf('}', open + 1);
            if (close < 0 || !IsName(text.AsSpan(open + 1, close - open - 1)))
            {
                result.Append(text, i, open - i + 1);
                i = open + 1;
                continue;
            }

            result.Append(text, i, open - i);
            result.Append(replacement(text.Substring(open + 1, close - open - 1), open > 0 && text[open - 1] == '~'));
            i = close + 1;
        }

        return result.ToString();
    }

    private static bool IsName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > 20)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterLower(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
