using System.Globalization;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Logs.Server;

/// <summary>A line's prefix as parts of the line (empty: absent), read by <see cref="LinePrefix"/>.</summary>
internal ref struct PrefixParts
{
    /// <summary>The time stamp's text; empty when the line has none.</summary>
    public ReadOnlySpan<char> Stamp;

    /// <summary>The stamp read as a time, when it is one (a stamp-shaped text that is no time has none).</summary>
    public LogTime? Time;

    public ReadOnlySpan<char> Host;
    public ReadOnlySpan<char> Process;
    public int? Pid;
    public ReadOnlySpan<char> Message;

    /// <summary>
    /// <c>HOST PROCESS[PID]: </c> right after the stamp and one space (or at the start of a line without a stamp),
    /// nothing else between: the shape <see cref="KnownPrefixes"/> may learn and compare again.
    /// </summary>
    public bool Plain;
}

/// <summary>
/// The one reader of a server log line's prefix, used by <c>explain</c> (<see cref="ServerLinePrefix"/>) and by
/// <c>logs</c>' bulk classifier, which only skips work it has done before (the same stamp, the same
/// <see cref="KnownPrefixes"/>) and is checked against this by a property test. It reads:
/// <list type="bullet">
/// <item>Dropbear's stderr (<c>[PID] Mmm dd HH:MM:SS msg</c>), <c>&lt;PRI&gt;</c>, RFC 5424 (<see cref="Rfc5424"/>);</item>
/// <item>BSD and ISO stamps (<see cref="TimeText"/>), svlogd's <c>2020-03-05_10:00:00.12345</c>, any run of spaces after them;</item>
/// <item>FreeBSD's <c>&lt;10.5&gt;</c> or <c>&lt;auth.info&gt;</c> before the host, busybox's <c>host auth.info sshd[…]:</c>,
/// socklog's <c>auth.info: [Mmm dd HH:MM:SS ]sshd[…]:</c>;</item>
/// <item><c>[HOST ]NAME[PID]:</c> (a pid is required when there is no stamp, so a raw <c>error: …</c> line is no process),
/// <c>NAME:</c>, <c>[NAME]</c>, fail2ban.log's padded <c>fail2ban.actions        [PID]:</c>, names such as
/// <c>/usr/sbin/sshd</c> and RHEL 4/5's <c>sshd(pam_unix)</c>.</item>
/// </list>
/// Journal JSON lines are read by <see cref="ServerLinePrefix"/> (a JSON parser, not a prefix).
/// </summary>
internal static class LinePrefix
{
    private const string Facilities = "|auth|authpriv|daemon|user|kern|mail|syslog|security|local0|local1|local2|local3|local4|local5|local6|local7|";
    private const string Levels = "|emerg|alert|crit|err|error|warn|warning|notice|info|debug|";

    private static readonly System.Buffers.SearchValues<char> NameChars = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.@/()-");
    private static readonly System.Buffers.SearchValues<char> BracketNameChars = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-");

    /// <summary>Reads the prefix of a (non-JSON) line; a line with none comes back whole as the message.</summary>
    public static void Split(ReadOnlySpan<char> line, YearInference years, out PrefixParts parts)
    {
        parts = default;
        parts.Message = line;
        if (line.IsEmpty)
        {
            return;
        }

        if (line[0] == '[' && DropbearStderr(line, years, ref parts))
        {
            return;
        }

        var rest = line;
        if (rest[0] == '<')
        {
            var close = rest[..Math.Min(rest.Length, 5)].IndexOf('>');
            if (close >= 2 && rest[1..close].IndexOfAnyExceptInRange('0', '9') < 0)
            {
                if (rest.Length > close + 2 && rest[close + 1] == '1' && rest[close + 2] == ' '
                    && Rfc5424.TrySplit(rest[(close + 3)..], out parts.Stamp, out parts.Host, out parts.Process, out parts.Pid, out parts.Message))
                {
                    parts.Time = parts.Stamp.IsEmpty ? null : TimeText.TryParseIso(parts.Stamp, out var t, out var used) && used == parts.Stamp.Length ? t : null;
                    return;
                }

                rest = rest[(close + 1)..];
            }
        }

        var stamp = StampLength(rest, years, out var time);
        if (stamp > 0)
        {
            parts.Stamp = rest[..stamp];
            parts.Time = time;
            rest = rest[stamp..];
        }

        AfterStamp(rest, stamp > 0, years, ref parts);
    }

    /// <summary>
    /// Reads what follows the stamp (<paramref name="rest"/> starts at the space after it, or at the line's start when
    /// <paramref name="hasStamp"/> is false). Without a process it can read, the message is <paramref name="rest"/> after
    /// the stamp's spaces (with a stamp) or the whole of it.
    /// </summary>
    public static void AfterStamp(ReadOnlySpan<char> rest, bool hasStamp, YearInference years, ref PrefixParts parts)
    {
        parts.Host = default;
        parts.Process = default;
        parts.Pid = null;
        parts.Plain = !hasStamp;
        var start = rest;
        if (hasStamp)
        {
            if (rest.IsEmpty || rest[0] != ' ')
            {
                parts.Message = rest;
                return;
            }

            var spaces = rest.IndexOfAnyExcept(' ');
            rest = spaces < 0 ? default : rest[spaces..];
            start = rest;
            parts.Plain = spaces == 1;
        }

        parts.Message = start;
        if (rest.IsEmpty)
        {
            return;
        }

        // FreeBSD syslogd -v/-vv: "<10.5> " or "<auth.info> " before the host.
        if (hasStamp && rest[0] == '<' && Token(rest, out var angle, out var after) && angle[^1] == '>' && angle.Length > 4 && angle[1..^1].Contains('.'))
        {
            rest = after;
            parts.Plain = false;
        }

        // socklog: "auth.info: " then the syslog() text, which may carry its own stamp.
        if (Token(rest, out var first, out var afterFirst) && first[^1] == ':' && IsFacilityLevel(first[..^1]))
        {
            rest = afterFirst;
            parts.Plain = false;
            var inner = StampLength(rest, years, out var innerTime);
            if (inner > 0 && inner < rest.Length && rest[inner] == ' ')
            {
                if (!hasStamp)
                {
                    parts.Stamp = rest[..inner];
                    parts.Time = innerTime;
                }

                rest = rest[(inner + 1)..];
            }

            // Without a tag after it (sshguard's tests hold such lines), the message starts here, not at the facility.
            start = rest;
            hasStamp = true;
        }

        if (TryProcess(rest, hasStamp, out parts.Process, out parts.Pid, out parts.Message))
        {
            return;
        }

        // Windows' Event Viewer (OpenSSH/Operational) shows sshd's messages as "sshd: MESSAGE", with no time or host.
        if (!hasStamp && BareSshdTag(rest) is > 0 and var tag)
        {
            parts.Process = rest[..(tag - 2)];
            parts.Message = rest[tag..];
            return;
        }

        if (Token(rest, out var host, out var afterHost) && IsHost(host))
        {
            var next = afterHost;
            // busybox syslogd -S: "host auth.info sshd[…]:".
            if (Token(next, out var level, out var afterLevel) && IsFacilityLevel(level))
            {
                next = afterLevel;
                parts.Plain = false;
            }

            if (TryProcess(next, hasStamp, out parts.Process, out parts.Pid, out parts.Message))
            {
                parts.Host = host;
                return;
            }
        }

        parts.Plain = false;
        parts.Process = default;
        parts.Pid = null;
        parts.Message = start;
    }

    /// <summary>Whether the stamp's text fits the ISO or BSD shape, with its length (0: no stamp) and time (null when the text is no real time).</summary>
    public static int StampLength(ReadOnlySpan<char> s, YearInference years, out LogTime? time)
    {
        time = null;
        if (TimeText.TryParse(s, years, out var parsed, out var length) && (length == s.Length || s[length] == ' '))
        {
            time = parsed;
            return length;
        }

        // An ISO-shaped stamp that is no time (9999-12-31 with an offset) still ends where its text does.
        if (s.Length > 19 && s[4] == '-' && s[7] == '-' && s[10] is 'T' or ' ' or '_' && s[13] == ':' && s[16] == ':' && char.IsAsciiDigit(s[0]))
        {
            var end = s[10] == ' ' ? 11 + s[11..].IndexOf(' ') : s.IndexOf(' ');
            return end > 10 ? end : 0;
        }

        return 0;
    }

    /// <summary>The first space-separated token (at least one character) and what follows its one space.</summary>
    private static bool Token(ReadOnlySpan<char> s, out ReadOnlySpan<char> token, out ReadOnlySpan<char> after)
    {
        var space = s.IndexOf(' ');
        if (space <= 0)
        {
            token = default;
            after = default;
            return false;
        }

        token = s[..space];
        after = s[(space + 1)..];
        return true;
    }

    /// <summary>
    /// <c>NAME[PID]: </c>; with a stamp also <c>NAME: </c>, <c>[NAME]: </c>, <c>NAME[PID] </c>, <c>[NAME] </c> and
    /// fail2ban.log's <c>fail2ban.NAME   [PID]: </c>.
    /// </summary>
    private static bool TryProcess(ReadOnlySpan<char> s, bool hasStamp, out ReadOnlySpan<char> name, out int? pid, out ReadOnlySpan<char> message)
    {
        name = default;
        pid = null;
        message = default;
        if (!Token(s, out var token, out message))
        {
            return false;
        }

        var colon = token[^1] == ':';
        if (colon)
        {
            token = token[..^1];
        }

        if (token.IsEmpty)
        {
            return false;
        }

        if (token[0] == '[')
        {
            if (!hasStamp || token.Length < 3 || token[^1] != ']' || token[1..^1].ContainsAnyExcept(BracketNameChars))
            {
                return false;
            }

            name = token[1..^1];
            return true;
        }

        if (token[^1] == ']')
        {
            var open = token.LastIndexOf('[');
            var digits = open > 0 ? token[(open + 1)..^1] : default;
            if (digits.IsEmpty || digits.IndexOfAnyExceptInRange('0', '9') >= 0 || (!colon && !hasStamp))
            {
                return false;
            }

            // A pid too large for an int leaves the line without one.
            pid = int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
            token = token[..open];
        }
        else if (!hasStamp)
        {
            return false;
        }
        else if (!colon && token.StartsWith("fail2ban.", StringComparison.Ordinal))
        {
            // fail2ban.log pads the name: "fail2ban.actions        [1234]: NOTICE ..."; the rest is the message.
            message = message.TrimStart(' ');
        }
        else if (!colon)
        {
            return false;
        }

        if (token.ContainsAnyExcept(NameChars))
        {
            return false;
        }

        name = token;
        return true;
    }

    /// <summary>
    /// Where the message starts after a bare <c>sshd: </c> / <c>sshd-session: </c> / <c>sshd-auth: </c> tag starting
    /// <paramref name="line"/> (a message follows); else 0.
    /// </summary>
    public static int BareSshdTag(ReadOnlySpan<char> line)
    {
        foreach (var tag in (ReadOnlySpan<string>)["sshd: ", "sshd-session: ", "sshd-auth: "])
        {
            if (line.StartsWith(tag, StringComparison.Ordinal) && line.Length > tag.Length)
            {
                return tag.Length;
            }
        }

        return 0;
    }

    /// <summary>A host name or address: no bracket, and a colon only in an IPv6 address.</summary>
    private static bool IsHost(ReadOnlySpan<char> token) =>
        token.IndexOfAny('[', ']') < 0 && (token.IndexOf(':') < 0 || token.Contains("::", StringComparison.Ordinal) || token.Count(':') >= 2);

    /// <summary>A syslog facility and level, as busybox and socklog write them: <c>auth.info</c>, <c>authpriv.notice</c>.</summary>
    private static bool IsFacilityLevel(ReadOnlySpan<char> token)
    {
        var dot = token.IndexOf('.');
        return dot > 0 && IsOneOf(token[..dot], Facilities) && IsOneOf(token[(dot + 1)..], Levels);
    }

    private static bool IsOneOf(ReadOnlySpan<char> word, string list)
    {
        if (word.IsEmpty || word.Length > 8)
        {
            return false;
        }

        Span<char> bar = stackalloc char[word.Length + 2];
        bar[0] = '|';
        word.CopyTo(bar[1..]);
        bar[^1] = '|';
        return list.AsSpan().IndexOf(bar, StringComparison.Ordinal) >= 0;
    }

    /// <summary>Dropbear's own stderr log (<c>dropbear -E</c>): <c>[PID] Mmm dd HH:MM:SS message</c>.</summary>
    private static bool DropbearStderr(ReadOnlySpan<char> line, YearInference years, ref PrefixParts parts)
    {
        var close = line.IndexOf(']');
        if (close < 2 || close + 2 >= line.Length || line[close + 1] != ' '
            || !int.TryParse(line[1..close], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        var rest = line[(close + 2)..];
        if (!TimeText.TryParseBsd(rest, years, out var time, out var length) || length > 15 || rest.Length <= length || rest[length] != ' ' || rest[length - 3] != ':')
        {
            return false;
        }

        parts.Stamp = rest[..length];
        parts.Time = time;
        parts.Process = "dropbear";
        parts.Pid = pid;
        parts.Message = rest[(length + 1)..];
        return true;
    }
}
