using System.Globalization;

namespace SshDoctor.Logs.Server;

/// <summary>
/// RFC 5424 after <c>&lt;PRI&gt;1 </c>: <c>TIME HOST APP PROCID MSGID SD MSG</c>, where SD is <c>-</c> or bracketed elements
/// whose quoted values may hold <c>]</c> (fail2ban gh-2309), so it is scanned, not matched with a regex. Part of
/// <see cref="LinePrefix"/>, the one prefix reader of explain and logs.
/// </summary>
internal static class Rfc5424
{
    /// <summary>The parts after <c>&lt;PRI&gt;1 </c>; <paramref name="stamp"/> is empty for the nil stamp <c>-</c>.</summary>
    public static bool TrySplit(ReadOnlySpan<char> s, out ReadOnlySpan<char> stamp, out ReadOnlySpan<char> host, out ReadOnlySpan<char> process, out int? pid, out ReadOnlySpan<char> message)
    {
        stamp = default;
        host = default;
        process = default;
        pid = null;
        message = default;
        var at = 0;
        if (!Field(s, ref at, out var stampRange) || !Field(s, ref at, out var hostRange) || !Field(s, ref at, out var processRange)
            || !Field(s, ref at, out var procIdRange) || !Field(s, ref at, out _))
        {
            return false;
        }

        stamp = s[stampRange];
        host = s[hostRange];
        process = s[processRange];
        var procId = s[procIdRange];
        s = s[at..];

        stamp = stamp is "-" ? default : stamp;
        host = host is "-" ? default : host;
        process = process is "-" ? default : process;
        pid = int.TryParse(procId, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
        if (s.IsEmpty)
        {
            return true;
        }

        if (s[0] == '-')
        {
            s = s[1..];
        }
        else
        {
            while (!s.IsEmpty && s[0] == '[')
            {
                var end = EndOfElement(s);
                if (end < 0)
                {
                    return false;
                }

                s = s[(end + 1)..];
            }
        }

        message = s.IsEmpty ? s : s[0] == ' ' ? s[1..] : s;
        if (message.StartsWith("\uFEFF", StringComparison.Ordinal))
        {
            message = message[1..];
        }

        return true;
    }

    private static bool Field(ReadOnlySpan<char> s, ref int at, out Range field)
    {
        var space = s[at..].IndexOf(' ');
        if (space <= 0)
        {
            field = default;
            return false;
        }

        field = at..(at + space);
        at += space + 1;
        return true;
    }

    /// <summary>Index of the <c>]</c> closing the element that starts at 0, skipping quoted values and backslash escapes.</summary>
    private static int EndOfElement(ReadOnlySpan<char> s)
    {
        var quoted = false;
        for (var i = 1; i < s.Length; i++)
        {
            switch (s[i])
            {
                case '\\':
                    i++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case ']' when !quoted:
                    return i;
                default:
                    break;
            }
        }

        return -1;
    }
}
