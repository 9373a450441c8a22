using System.Globalization;
using SshDoctor.Logs.Input;
using SshDoctor.Logs.Server;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Classifies one log line of a bulk read. The common prefixes (BSD syslog, ISO 8601, journal lines without a time) are
/// read by hand from the span; lines of other programs are dismissed from their process name without making a string;
/// a line becomes strings only once a signature's anchor and prefix fit. Rare prefixes (RFC 5424, journal JSON,
/// <c>[sshd]</c>, fail2ban.log) go through <see cref="ServerLinePrefix"/>. Not thread-safe: one per worker.
/// </summary>
public sealed class LineClassifier(string file, YearInference years, FastSignatureMatcher matcher)
{
    /// <summary>Longer lines are not real log lines: they are cut, counted as unknown and never run through a pattern.</summary>
    public const int MaxLineChars = 16 * 1024;

    private const int MaxTextChars = 2048;

    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789.");

    /// <summary>What a process name may hold.</summary>
    private static readonly System.Buffers.SearchValues<char> NameChars = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.@/-");

    private readonly char[] stampChars = new char[48];
    private readonly KnownPrefixes known = new();

    /// <summary>The floating anchors the matcher found in the current message (its one pass, used twice).</summary>
    private readonly ulong[] anchorsFound = new ulong[matcher.AnchorWords];

    /// <summary>The characters of the last stamp and its space, at the start of <see cref="stampChars"/>; 0 when none is kept.</summary>
    private int lastStampLength;
    private LogTime lastTime;

    /// <summary>When the last stamp ends in whole seconds (<c>:SS </c>, no zone): its length up to them, and their value; else 0.</summary>
    private int lastMinuteLength;
    private int lastSecond;
    private string? lastHost;
    private string? lastProcess;
    private string? otherProcess;

    public string File { get; } = file;

    /// <summary>
    /// False when the output needs no message text for recognised lines (the summary): they then carry an empty
    /// <see cref="LogRecord.Text"/> and cost no string. Unknown lines always keep theirs.
    /// </summary>
    public bool KeepText { get; init; } = true;

    /// <summary>Set while the lines given are known to be printable ASCII (see <see cref="AsciiSlice"/>): their messages are not checked for it again.</summary>
    public bool PrintableLines { get; set; }

    /// <summary>Null for a blank line or a line of another program (CRON, sudo, systemd...); else a record, recognised or not.</summary>
    public LogRecord? Classify(ReadOnlySpan<char> line, long number, bool cut = false)
    {
        var ssh = default(SshLine);
        return TryClassify(line, number, cut, ref ssh) ? ssh.ToRecord(File) : null;
    }

    /// <summary>
    /// False for a blank line or a line of another program (<paramref name="ssh"/> then untouched); else the SSH line,
    /// recognised or not, written field by field into <paramref name="ssh"/>: a block's lines are written where they
    /// are kept (a whole value copied there, twice on the way, cost a tenth of the reading in GC write barriers).
    /// </summary>
    public bool TryClassify(ReadOnlySpan<char> line, long number, bool cut, ref SshLine ssh)
    {
        line = line.TrimEnd();
        if (line.IsEmpty)
        {
            return false;
        }

        if (cut || line.Length > MaxLineChars)
        {
            Unknown(ref ssh, line, number, null, null, null, null, cut: true);
            return true;
        }

        if (!TrySplitFast(line, out var time, out var host, out var process, out var pid, out var message, out var knownSlot))
        {
            return SplitSlow(line, number, ref ssh);
        }

        if (knownSlot >= 0)
        {
            return known.IsSsh(knownSlot) && ClassifyMessage(number, time, known.Host(knownSlot), known.Name(knownSlot), pid, message, ref ssh);
        }

        // Lines of other programs (a fifth of a busy auth.log) are dismissed before any name becomes a string.
        if (!process.IsEmpty && !IsSshProcess(process, message))
        {
            Remember(time, host, process, pid, null, null, isSsh: false);
            return false;
        }

        var hostName = host.IsEmpty ? null : Repeat(host, ref lastHost);
        var processName = process.IsEmpty ? null : RepeatEither(process, ref lastProcess, ref otherProcess);
        Remember(time, host, process, pid, hostName, processName, isSsh: true);
        return ClassifyMessage(number, time, hostName, processName, pid, message, ref ssh);
    }

    /// <summary>
    /// A line with a time, a host and <c>NAME[PID]:</c> teaches <see cref="known"/> its beginning; not for the kernel or
    /// audit, whose lines are SSH ones or not by their message.
    /// </summary>
    private void Remember(LogTime? time, ReadOnlySpan<char> host, ReadOnlySpan<char> process, int? pid, string? hostName, string? processName, bool isSsh)
    {
        if (time is not null && pid is not null && !host.IsEmpty && !process.IsEmpty && process is not ("kernel" or "audit"))
        {
            known.Remember(host, process, hostName, processName, isSsh);
        }
    }

    private bool ClassifyMessage(long number, LogTime? time, string? host, string? process, int? pid, ReadOnlySpan<char> message, ref SshLine ssh)
    {
        var stripped = MessageSpan.Strip(WithoutKernelStamp(message));
        if (CommonMessages.TryRead(stripped, out var common, PrintableLines))
        {
            Recognised(ref ssh, number, time, host, process, pid,
                common.HasIp ? Address.Normalise(SpanInterner.Get(stripped[common.Ip])) : null,
                common.Port >= 0 ? common.Port : null,
                common.HasUser ? SpanInterner.Get(stripped[common.User]) : null,
                common.Signature.Name, common.DiagnosisId, KeepText ? Cap(message) : string.Empty);
            return true;
        }

        if (!matcher.MayMatch(stripped, anchorsFound))
        {
            Unknown(ref ssh, message, number, time, host, process, pid, cut: false);
            return true;
        }

        var text = Cap(message);
        var strippedText = stripped.Length == text.Length ? text : stripped.ToString();
        var match = matcher.Match(strippedText, anchorsFound);
        if (match is null)
        {
            Unknown(ref ssh, message, number, time, host, process, pid, cut: false, text);
            return true;
        }

        Recognised(ref ssh, number, time, host, process, pid,
            Address.Normalise(match["ip"]),
            int.TryParse(match["port"], NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null,
            match["user"], match.Signature.Name, FailureId.Of(match), text);
        return true;
    }

    /// <summary>A recognised line, whether a hand-written reader or the signature table recognised it.</summary>
    private static void Recognised(ref SshLine ssh, long number, LogTime? time, string? host, string? process, int? pid, string? ip, int? port, string? user, string kind, string? diagnosisId, string text)
    {
        ssh.Line = number;
        ssh.Time = time;
        ssh.Host = host;
        ssh.Process = process;
        ssh.Pid = pid;
        ssh.Ip = ip;
        ssh.Port = port;
        ssh.User = user;
        ssh.Kind = kind;
        ssh.DiagnosisId = diagnosisId;
        ssh.Text = text;
        ssh.Cut = false;
    }

    private bool SplitSlow(ReadOnlySpan<char> line, long number, ref SshLine ssh)
    {
        var (header, message) = ServerLinePrefix.Split(line.ToString());
        LogTime? time = header.Time is { } t && TimeText.TryParse(t, years, out var parsed, out _) ? parsed : null;
        if (header.Process is { Length: > 0 } named && !IsSshProcess(named, message))
        {
            return false;
        }

        return ClassifyMessage(number, time, header.Host, header.Process is { } p ? Name(p) : null, header.Pid, message, ref ssh);
    }

    private static void Unknown(ref SshLine ssh, ReadOnlySpan<char> text, long number, LogTime? time, string? host, string? process, int? pid, bool cut, string? made = null)
    {
        ssh.Line = number;
        ssh.Time = time;
        ssh.Host = host;
        ssh.Process = process;
        ssh.Pid = pid;
        ssh.Ip = null;
        ssh.Port = null;
        ssh.User = null;
        ssh.Kind = null;
        ssh.DiagnosisId = null;
        ssh.Text = made ?? Cap(text);
        ssh.Cut = cut;
    }

    /// <summary>
    /// Some relays put the kernel's clock before the message (<c>kernel: [  970.699396] Failed password ...</c>, seen by
    /// fail2ban under journald): the message proper starts after it.
    /// </summary>
    private static ReadOnlySpan<char> WithoutKernelStamp(ReadOnlySpan<char> message)
    {
        if (message.IsEmpty || message[0] != 'k' || !message.StartsWith("kernel:", StringComparison.Ordinal))
        {
            return message;
        }

        var rest = message["kernel:".Length..].TrimStart();
        if (rest.IsEmpty || rest[0] != '[')
        {
            return message;
        }

        var close = rest.IndexOf(']');
        if (close < 0 || rest[1..close].Trim().IndexOfAnyExcept(Digits) >= 0)
        {
            return message;
        }

        rest = rest[(close + 1)..];
        if (!rest.IsEmpty && rest[0] == ':')
        {
            rest = rest[1..];
        }

        return rest.TrimStart();
    }

    /// <summary>The text kept of a line, cut between characters. Not inlined: its callers' frames stay small (measured).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static string Cap(ReadOnlySpan<char> text) => WholeCharacters.Cut(text, MaxTextChars).ToString();

    /// <summary>sshd and its per-connection children (9.8+: sshd-session, 10.0+: sshd-auth), Dropbear, the ban tools; the kernel/audit only about sshd.</summary>
    private static bool IsSshProcess(ReadOnlySpan<char> process, ReadOnlySpan<char> message)
    {
        if (process.StartsWith("sshd", StringComparison.Ordinal) || process.StartsWith("dropbear", StringComparison.Ordinal)
            || process.StartsWith("fail2ban", StringComparison.Ordinal) || process.StartsWith("sshguard", StringComparison.Ordinal))
        {
            return true;
        }

        if (process.EndsWith("/sshd", StringComparison.Ordinal))
        {
            return true;
        }

        return process is "audit" or "kernel" && message.Contains("sshd", StringComparison.Ordinal);
    }

    /// <summary>
    /// <c>[&lt;PRI&gt;][TIME ][HOST ]PROCESS[PID]: MESSAGE</c> read by hand. Without a time a pid is required, so that a raw
    /// <c>sshd -E</c> line such as <c>error: ...</c> is not taken for a process named <c>error</c>. False sends the line to the
    /// general (regex) splitter; a line with no prefix at all comes back true with the whole line as the message. A line
    /// that begins as one before did (see <see cref="KnownPrefixes"/>) gives that slot in <paramref name="knownSlot"/>
    /// (else -1), its host and process then left empty for the slot to give.
    /// </summary>
    private bool TrySplitFast(ReadOnlySpan<char> line, out LogTime? time, out ReadOnlySpan<char> host, out ReadOnlySpan<char> process, out int? pid, out ReadOnlySpan<char> message, out int knownSlot)
    {
        knownSlot = -1;
        time = null;
        host = default;
        process = default;
        pid = null;
        message = line;
        if (line[0] == '{' || (line[0] == '[' && line.Length > 1 && char.IsAsciiDigit(line[1]) && ServerLinePrefix.IsDropbearStderr(line)))
        {
            return false;
        }

        var rest = line;
        if (rest[0] == '<')
        {
            var close = rest[..Math.Min(rest.Length, 5)].IndexOf('>');
            if (close < 2)
            {
                return false;
            }

            if (rest.Length > close + 2 && rest[close + 1] == '1' && rest[close + 2] == ' ')
            {
                return Rfc5424.TrySplit(rest[(close + 3)..], out time, out host, out process, out pid, out message);
            }

            rest = rest[(close + 1)..];
        }

        if (SameStampAsLast(rest) || OtherSecondOfLastMinute(rest))
        {
            time = lastTime;
            rest = rest[lastStampLength..];
        }
        else if (TimeText.TryParse(rest, years, out var parsed, out var length))
        {
            if (length >= rest.Length || rest[length] != ' ')
            {
                return false;
            }

            time = parsed;
            RememberStamp(rest[..(length + 1)], parsed);
            rest = rest[(length + 1)..];
        }
        else if (rest.Length > 4 && rest[4] == '-' && char.IsAsciiDigit(rest[0]))
        {
            // An ISO stamp that is no time (9999-12-31 with an offset): the general splitter reads past it.
            return false;
        }

        if (time is not null && (knownSlot = known.Match(rest, out var knownPid, out message)) >= 0)
        {
            pid = knownPid;
            return true;
        }

        message = line;
        var space = rest.IndexOf(' ');
        if (space <= 0)
        {
            return time is null;
        }

        if (IsProcessToken(rest[..space], time is null, out process, out pid))
        {
            message = rest[(space + 1)..];
            return true;
        }

        var second = rest[(space + 1)..];
        var space2 = second.IndexOf(' ');
        if (space2 > 0 && IsHostToken(rest[..space]) && IsProcessToken(second[..space2], time is null, out process, out pid))
        {
            host = rest[..space];
            message = second[(space2 + 1)..];
            return true;
        }

        // A time but no process we can read: let the general splitter try ("[sshd]:", fail2ban.log's padded names).
        return time is null;
    }

    /// <summary>
    /// Consecutive lines mostly carry the same second: when a line starts with the very text of the last parsed stamp and
    /// the space after it, it has the same time (the parser reads nothing past that space).
    /// </summary>
    private bool SameStampAsLast(ReadOnlySpan<char> rest) =>
        lastStampLength > 0 && rest.StartsWith(stampChars.AsSpan(0, lastStampLength), StringComparison.Ordinal);

    /// <summary>
    /// A busy log's next stamps differ from the last one in the seconds only: when the last stamp ends in <c>:SS </c>
    /// (whole seconds, no zone) and this line's stamp differs in those two digits alone, its time is the last one moved
    /// by the difference, with no date to read or year to infer; it becomes the last stamp.
    /// </summary>
    private bool OtherSecondOfLastMinute(ReadOnlySpan<char> rest)
    {
        var n = lastStampLength;
        if (lastMinuteLength == 0 || rest.Length < n || rest[n - 1] != ' ' || !rest.StartsWith(stampChars.AsSpan(0, lastMinuteLength), StringComparison.Ordinal))
        {
            return false;
        }

        var tens = rest[n - 3] - '0';
        var units = rest[n - 2] - '0';
        if ((uint)tens > 5 || (uint)units > 9)
        {
            return false;
        }

        stampChars[n - 3] = rest[n - 3];
        stampChars[n - 2] = rest[n - 2];
        var second = (tens * 10) + units;
        lastTime = new LogTime(new DateTime(lastTime.Clock.Ticks + ((second - lastSecond) * TimeSpan.TicksPerSecond)), null);
        lastSecond = second;
        return true;
    }

    private void RememberStamp(ReadOnlySpan<char> stampAndSpace, LogTime time)
    {
        lastMinuteLength = 0;
        if (stampAndSpace.Length > stampChars.Length)
        {
            lastStampLength = 0;
            return;
        }

        stampAndSpace.CopyTo(stampChars);
        lastStampLength = stampAndSpace.Length;
        lastTime = time;
        var n = stampAndSpace.Length;
        if (n >= 4 && stampAndSpace[n - 4] == ':' && time.Offset is null && time.Clock.Millisecond == 0)
        {
            lastMinuteLength = n - 3;
            lastSecond = time.Clock.Second;
        }
    }

    private static bool IsHostToken(ReadOnlySpan<char> token) => token.IndexOfAny('[', ']', ':') < 0 || token.Contains("::", StringComparison.Ordinal) || IsIpv6Like(token);

    private static bool IsIpv6Like(ReadOnlySpan<char> token) => token.IndexOf(':') >= 0 && token.IndexOfAny('[', ']') < 0;

    /// <summary><c>name[pid]:</c> or (with a time) <c>name:</c>.</summary>
    private static bool IsProcessToken(ReadOnlySpan<char> token, bool pidRequired, out ReadOnlySpan<char> name, out int? pid)
    {
        name = default;
        pid = null;
        if (token.Length < 2 || token[^1] != ':')
        {
            return false;
        }

        token = token[..^1];
        if (token[^1] == ']')
        {
            // The pid is read from the end back to its bracket (a name holds no bracket), at most 9 digits in the loop;
            // more are read again by int.TryParse, which takes what fits an int.
            var open = token.Length - 2;
            var value = 0;
            var scale = 1;
            while (open >= 0 && char.IsAsciiDigit(token[open]))
            {
                value += (token[open] - '0') * scale;
                scale *= 10;
                open--;
            }

            var digits = token.Length - 2 - open;
            if (open < 0 || token[open] != '[' || digits == 0
                || (digits > 9 && !int.TryParse(token[(open + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out value)))
            {
                return false;
            }

            pid = value;
            token = token[..open];
        }
        else if (pidRequired)
        {
            return false;
        }

        if (token.IsEmpty || token.ContainsAnyExcept(NameChars))
        {
            return false;
        }

        name = token;
        return true;
    }

    private static string Name(ReadOnlySpan<char> span) => SpanInterner.Get(span);

    /// <summary>As <see cref="Repeat"/> with the two last names: sshd and sshd-session (or sshd-auth) take turns.</summary>
    private static string RepeatEither(ReadOnlySpan<char> span, ref string? last, ref string? other)
    {
        if (last is not null && span.SequenceEqual(last))
        {
            return last;
        }

        if (other is not null && span.SequenceEqual(other))
        {
            (last, other) = (other, last);
            return last!;
        }

        other = last;
        return last = Name(span);
    }

    /// <summary>A log names the same host line after line: compare with the last one before any lookup.</summary>
    private static string Repeat(ReadOnlySpan<char> span, ref string? last)
    {
        if (last is not null && span.SequenceEqual(last))
        {
            return last;
        }

        return last = Name(span);
    }
}
