using System.Text;

namespace SshDoctor.Logs.Input;

/// <summary>
/// Cleans what a terminal adds to pasted text: ANSI colour and cursor sequences, carriage returns,
/// backspaces and other control characters. OpenSSH itself ends stderr lines with CR LF.
/// </summary>
public static class TerminalText
{
    public static string Clean(ReadOnlySpan<char> line)
    {
        var needsWork = false;
        foreach (var c in line)
        {
            if (c < ' ' || c == '\u007f' || c == '\u009b')
            {
                needsWork = true;
                break;
            }
        }

        if (!needsWork)
        {
            return line.TrimEnd().ToString();
        }

        var result = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\u001b')
            {
                i = SkipEscape(line, i);
                continue;
            }

            if (c == '\b')
            {
                // A backspace takes back one character as the terminal showed it: both halves of a surrogate pair.
                if (result.Length > 0)
                {
                    result.Length -= result.Length > 1 && char.IsLowSurrogate(result[^1]) && char.IsHighSurrogate(result[^2]) ? 2 : 1;
                }

                continue;
            }

            if (c == '\t')
            {
                result.Append(' ');
                continue;
            }

            if (c < ' ' || c == '\u007f' || (c >= '\u0080' && c <= '\u009f'))
            {
                continue;
            }

            result.Append(c);
        }

        return result.ToString().TrimEnd();
    }

    /// <summary>Returns the index of the last character of the escape sequence starting at <paramref name="start"/>.</summary>
    private static int SkipEscape(ReadOnlySpan<char> line, int start)
    {
        var i = start + 1;
        if (i >= line.Length)
        {
            return start;
        }

        switch (line[i])
        {
            case '[':
                // CSI: parameters and intermediates, then one final byte in @..~
                i++;
                while (i < line.Length && (line[i] < '@' || line[i] > '~'))
                {
                    i++;
                }

                return Math.Min(i, line.Length - 1);
            case ']':
                // OSC: up to BEL or ESC \
                i++;
                while (i < line.Length && line[i] != '\u0007' && !(line[i] == '\u001b' && i + 1 < line.Length && line[i + 1] == '\\'))
                {
                    i++;
                }

                return i < line.Length && line[i] == '\u001b' ? i + 1 : Math.Min(i, line.Length - 1);
            default:
                // A two-character escape (ESC 7, ESC =): the character after ESC goes with it, a whole surrogate pair if it is one.
                return char.IsHighSurrogate(line[i]) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]) ? i + 1 : i;
        }
    }
}
