using System.Globalization;
using SshDoctor.Logs.Input;
using SshDoctor.Logs.Server;
using static SshDoctor.Logs.Signatures.EventNames;

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

    /// <summary>The kind of an sshd debug line no signature knows (see <see cref="NoSignature"/>).</summary>
    public const string DebugKind = "sshd.debug";

    private const int MaxTextChars = 2048;

    /// <summary>
    /// The longest user or address a line is counted and tracked by. sshd writes at most 100 characters of a user name
    /// (<c>%.100s</c> in auth.c's auth_log()); longer fields come from a forged or garbage file, where 100,000 counted
    /// keys of 16,000 characters would hold gigabytes. Longer fields are cut; the line's message keeps them whole.
    /// </summary>
    public const int MaxFieldChars = 256;

    private readonly char[] _stampChars = new char[48];
    private readonly KnownPrefixes _known = new();

    /// <summary>The floating anchors the matcher found in the current message (its one pass, used twice).</summary>
    private readonly ulong[] _anchorsFound = new ulong[matcher.AnchorWords];

    /// <summary>The characters of the last stamp and its space, at the start of <see cref="_stampChars"/>; 0 when none is kept.</summary>
    private int _lastStampLength;
    private LogTime _lastTime;

    /// <summary>
    /// When the last stamp is <c>…:MM:SS</c> with, for ISO 8601, a fraction and a zone after the seconds: its length up
    /// to the seconds; else 0. With the digits of its fraction (0: none) and its time at the start of its minute.
    /// </summary>
    private int _lastMinuteLength;
    private int _lastFractionDigits;
    private long _lastMinuteTicks;
    private string? _lastHost;
    private string? _lastProcess;
    private string? _otherProcess;

    /// <summary>Where the current line's message starts in its block's bytes (see <see cref="TextInBlock"/>); -1 when it is not there.</summary>
    private int _messageInBlock = -1;

    public string File { get; } = file;

    /// <summary>
    /// The <see cref="TextHash"/> of the address of the line last classified, as it is grouped (<see cref="Address.Grouping"/>),
    /// made from its characters while they were read: a block's tally takes it instead of reading the string again.
    /// Only meaningful when that line has an address.
    /// </summary>
    public int IpHash { get; private set; }

    /// <summary>The <see cref="TextHash"/> of the user of the line last classified (only meaningful when it has one).</summary>
    public int UserHash { get; private set; }

    /// <summary>
    /// False when the output needs no message text for recognised lines (the summary): they then carry an empty
    /// <see cref="LogRecord.Text"/> and cost no string. Unknown lines always keep theirs.
    /// </summary>
    public bool KeepText { get; init; } = true;

    /// <summary>
    /// True when a worker formats the block's lines before the block's bytes are let go (<see cref="LineFormat"/>): a
    /// recognised line whose message is ASCII in the block then gets no string, only where the message is
    /// (<see cref="SshLine.TextInBlockStart"/>), and the formatter copies it from there.
    /// </summary>
    public bool TextInBlock { get; init; }

    /// <summary>
    /// A line may carry its address as a key instead of a string (<see cref="SshLine.IpKey"/>, in the place
    /// <see cref="TextInBlock"/> keeps the message's): only when no worker formats the lines.
    /// </summary>
    public bool CarryAddresses { get; init; }

    /// <summary>Null for a blank line or a line of another program (CRON, sudo, systemd...); else a record, recognised or not.</summary>
    public LogRecord? Classify(ReadOnlySpan<char> line, long number, bool cut = false)
    {
        var ssh = default(SshLine);
        return TryClassify(line, number, cut, ref ssh) ? ssh.ToRecord(File) : null;
    }

    /// <summary>
    /// False for a blank line or a line of another program (<paramref name="ssh"/> then not kept); else the SSH line,
    /// recognised or not, written field by field into <paramref name="ssh"/>: a block's lines are written where they
    /// are kept (a whole value copied there, twice on the way, cost a tenth of the reading in GC write barriers).
    /// </summary>
    /// <param name="ascii">Every character of <paramref name="line"/> is ASCII (the block decoded it so): the matcher need not check again.</param>
    /// <param name="lineInBlock">
    /// Where <paramref name="line"/> starts in its block's bytes when they are ASCII (a character a byte), else -1.
    /// </param>
    [System.Runtime.CompilerServices.SkipLocalsInit] // Its prefix parts are all written before they are read: zeroing them was a line's cost.
    public bool TryClassify(ReadOnlySpan<char> line, long number, bool cut, ref SshLine ssh, bool ascii = false, int lineInBlock = -1)
    {
        _messageInBlock = -1;

        // Most lines end in a printable character: nothing to trim then.
        if (line.IsEmpty || line[^1] is <= ' ' or >= (char)0x7F)
        {
            line = line.TrimEnd();
        }

        if (line.IsEmpty)
        {
            return false;
        }

        if (cut || line.Length > MaxLineChars)
        {
            ssh.SetPrefix(number, null, null, null, null);
            Unknown(ref ssh, line, cut: true);
            return true;
        }

        if (!TrySplitFast(line, out var time, out var host, out var process, out var pid, out var message, out var knownSlot, out var plain))
        {
            return ClassifyJournalLine(line, number, ref ssh, lineInBlock);
        }

        if (TextInBlock && lineInBlock >= 0)
        {
            _messageInBlock = InBlock(line, message, lineInBlock);
        }

        if (knownSlot >= 0)
        {
            if (!_known.IsSsh(knownSlot))
            {
                return false;
            }

            ssh.SetPrefix(number, time, _known.Host(knownSlot), _known.Name(knownSlot), pid);
            return ClassifyMessage(message, ref ssh, ascii);
        }

        // Lines of other programs (a fifth of a busy auth.log) are dismissed before any name becomes a string.
        if (!process.IsEmpty && !SshProcess.Is(process, message))
        {
            Remember(plain, time, host, process, pid, null, null, isSsh: false);
            return false;
        }

        var hostName = host.IsEmpty ? null : Repeat(host, ref _lastHost);
        var processName = process.IsEmpty ? null : RepeatEither(process, ref _lastProcess, ref _otherProcess);
        Remember(plain, time, host, process, pid, hostName, processName, isSsh: true);
        ssh.SetPrefix(number, time, hostName, processName, pid);
        return ClassifyMessage(message, ref ssh, ascii);
    }

    /// <summary>
    /// A line with a host and <c>NAME[PID]:</c>, after a time or with no stamp at all (see <paramref name="plain"/>),
    /// teaches <see cref="_known"/> its beginning; not for the kernel or audit, whose lines are SSH ones or not by their message.
    /// </summary>
    private void Remember(bool plain, LogTime? time, ReadOnlySpan<char> host, ReadOnlySpan<char> process, int? pid, string? hostName, string? processName, bool isSsh)
    {
        if (plain && pid is not null && !host.IsEmpty && !process.IsEmpty && process is not ("kernel" or "audit"))
        {
            _known.Remember(stamped: time is not null, host, process, hostName, processName, isSsh);
        }
    }

    /// <summary>
    /// The message of an SSH line whose number and prefix are in <paramref name="ssh"/> already (<see cref="SshLine.SetPrefix"/>):
    /// the rest of the line is written there. Always true.
    /// </summary>
    /// <param name="ascii">The message is a slice of a line known to be ASCII (not one a journal JSON escape may have changed).</param>
    private bool ClassifyMessage(ReadOnlySpan<char> message, ref SshLine ssh, bool ascii = false)
    {
        var stripped = MessageSpan.Strip(message, out var times, out var preauth);
        switch (matcher.Read(stripped, _anchorsFound, out var read, ascii))
        {
            case SpanReading.Matched:
                ulong ipKey = 0;
                ssh.SetMessage(
                    read.HasIp ? AddressField(Address.Normalise(stripped[read.Ip]), out ipKey) : null,
                    read.Port >= 0 ? read.Port : null,
                    read.HasUser ? UserField(stripped[read.User]) : null,
                    read.Signature.Name, read.DiagnosisId, KeepText ? TextOrInBlock(ref ssh, message) : string.Empty, cut: false,
                    times, preauth, read.Signature.IsAttempt(read.DiagnosisId is not null, preauth, read.InvalidUser), ipKey);
                return true;
            case SpanReading.None:
                NoSignature(ref ssh, message);
                return true;
        }

        return ClassifyByRegex(message, stripped, times, preauth, ref ssh);
    }

    /// <summary>
    /// A message outside ASCII (or very long): the compiled regexes, on strings. Not inlined: its locals, kept out of
    /// <see cref="ClassifyMessage"/>'s frame, are not zeroed for every line (measured).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private bool ClassifyByRegex(ReadOnlySpan<char> message, ReadOnlySpan<char> stripped, int times, bool preauth, ref SshLine ssh)
    {
        if (!matcher.MayMatch(stripped, _anchorsFound))
        {
            NoSignature(ref ssh, message);
            return true;
        }

        var text = Cap(message);
        var strippedText = stripped.Length == text.Length ? text : stripped.ToString();
        var match = matcher.Match(strippedText, _anchorsFound);
        if (match is null)
        {
            NoSignature(ref ssh, message, text);
            return true;
        }

        var ip = Capped(Address.Normalise(match[AnyEvent.Ip]));
        var user = Capped(match[AnyEvent.User]);
        IpHash = ip is null ? 0 : TextHash.Of(Address.Grouping(ip));
        UserHash = user is null ? 0 : TextHash.Of(user);
        var diagnosisId = FailureId.Of(match);
        ssh.SetMessage(ip,
            int.TryParse(match[AnyEvent.Port], NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null,
            user, match.Signature.Name, diagnosisId, text, cut: false,
            times, preauth, match.Signature.IsAttempt(diagnosisId is not null, preauth, match[AnyEvent.Invalid] is not null));
        return true;
    }

    private static string? Capped(string? field) => field is { Length: > MaxFieldChars } ? field[..MaxFieldChars] : field;

    /// <summary>
    /// An address read on the span, cut and interned there, its grouping's hash noted (<see cref="IpHash"/>): the string
    /// is not read again on this worker (an interned address's string is a cache miss away). With
    /// <see cref="CarryAddresses"/>, null for an address the interner made no string for: <paramref name="key"/> is it then.
    /// </summary>
    private string? AddressField(ReadOnlySpan<char> field, out ulong key)
    {
        field = Cut(field);
        key = 0;
        var ip = CarryAddresses ? SpanInterner.GetOrKey(field, out var hash, out var zone, out key) : SpanInterner.Get(field, out hash, out zone);
        IpHash = zone > 0 ? TextHash.Of(field[..zone]) : hash;
        return ip;
    }

    /// <summary>A user read on the span, cut and interned there, its hash noted (<see cref="UserHash"/>).</summary>
    private string UserField(ReadOnlySpan<char> field)
    {
        var user = SpanInterner.Get(Cut(field), out var hash, out _);
        UserHash = hash;
        return user;
    }

    private static ReadOnlySpan<char> Cut(ReadOnlySpan<char> field) => field.Length > MaxFieldChars ? field[..MaxFieldChars] : field;

    /// <summary>
    /// The text kept of a recognised line: nothing when its message is in the block's bytes (where it is is noted in
    /// <paramref name="ssh"/> and stays there: <see cref="SshLine.Set"/> does not touch it), else the message cut.
    /// </summary>
    private string TextOrInBlock(ref SshLine ssh, ReadOnlySpan<char> message)
    {
        if (_messageInBlock >= 0 && !message.IsEmpty)
        {
            ssh.TextInBlockStart = _messageInBlock;
            ssh.TextInBlockLength = Math.Min(message.Length, MaxTextChars);
            return string.Empty;
        }

        return Cap(message);
    }

    /// <summary>Where <paramref name="message"/>, a part of <paramref name="line"/>, starts in the block's bytes; -1 when it is not a part of it.</summary>
    private static int InBlock(ReadOnlySpan<char> line, ReadOnlySpan<char> message, int lineInBlock)
    {
        if (message.IsEmpty)
        {
            return -1;
        }

        var offset = System.Runtime.CompilerServices.Unsafe.ByteOffset(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(line),
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(message)) / sizeof(char);
        return offset >= 0 && offset + message.Length <= line.Length ? lineInBlock + (int)offset : -1;
    }

    /// <summary>
    /// A line no signature knows: unknown, unless sshd wrote it at a debug level (<c>sshd -d</c>, <c>LogLevel DEBUG</c>):
    /// those are hundreds of internal steps a connection (packets, channels, key exchange) that name no failure by
    /// themselves; they are counted as <see cref="DebugKind"/> events, not listed as unknown noise. Failures logged
    /// beside them at their own level (<c>Failed password</c>, <c>Invalid user</c>) are read by their signatures.
    /// </summary>
    private void NoSignature(ref SshLine ssh, ReadOnlySpan<char> message, string? made = null)
    {
        if (message.StartsWith("debug", StringComparison.Ordinal) && message.Length > 7
            && (message[5] == ':' || (message[5] is >= '1' and <= '3' && message[6] == ':')))
        {
            ssh.SetMessage(null, null, null, DebugKind, null, KeepText ? made ?? TextOrInBlock(ref ssh, message) : string.Empty, cut: false, times: 1, preauth: false, attempt: false);
            return;
        }

        Unknown(ref ssh, message, cut: false, made);
    }

    /// <summary>
    /// A journal JSON line (or one the general splitter reads). Not inlined: its fields, kept out of the caller's frame,
    /// are not zeroed for every other line (measured).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private bool ClassifyJournalLine(ReadOnlySpan<char> line, long number, ref SshLine ssh, int lineInBlock)
    {
        if (!JournalFields.TryRead(line, out var journal))
        {
            return SplitSlow(line, number, ref ssh);
        }

        // A journal field with an escape is read by SplitSlow: a message read here is the line's own characters.
        if (TextInBlock && lineInBlock >= 0)
        {
            _messageInBlock = InBlock(line, journal.Message, lineInBlock);
        }

        return ClassifyJournal(number, journal, ref ssh);
    }

    /// <summary>A journal JSON line read on the span (<see cref="JournalFields"/>): the same answer as <see cref="SplitSlow"/> gives it, with no string until it is recognised.</summary>
    private bool ClassifyJournal(long number, JournalFields journal, ref SshLine ssh)
    {
        if (!journal.Process.IsEmpty && !SshProcess.Is(journal.Process, journal.Message))
        {
            return false;
        }

        var hostName = journal.HasHost ? Repeat(journal.Host, ref _lastHost) : null;
        var processName = journal.HasProcess ? RepeatEither(journal.Process, ref _lastProcess, ref _otherProcess) : null;
        ssh.SetPrefix(number, journal.Time, hostName, processName, journal.Pid);
        return ClassifyMessage(journal.Message, ref ssh);
    }

    private bool SplitSlow(ReadOnlySpan<char> line, long number, ref SshLine ssh)
    {
        var (header, message) = ServerLinePrefix.Split(line.ToString());
        LogTime? time = header.Time is { } t && TimeText.TryParse(t, years, out var parsed, out _) ? parsed : null;
        if (header.Process is { Length: > 0 } named && !SshProcess.Is(named, message))
        {
            return false;
        }

        ssh.SetPrefix(number, time, header.Host, header.Process is { } p ? Name(p) : null, header.Pid);
        return ClassifyMessage(message, ref ssh);
    }

    private static void Unknown(ref SshLine ssh, ReadOnlySpan<char> text, bool cut, string? made = null) =>
        ssh.SetMessage(null, null, null, null, null, made ?? Cap(text), cut, times: 1, preauth: false, attempt: false);

    /// <summary>The text kept of a line, cut between characters. Not inlined: its callers' frames stay small (measured).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static string Cap(ReadOnlySpan<char> text) => WholeCharacters.Cut(text, MaxTextChars).ToString();

    /// <summary>
    /// The line's prefix as <see cref="LinePrefix"/> reads it, skipping what this classifier has read before: a stamp
    /// with the very text of the last one (or differing in its seconds only) is not parsed again, and a
    /// <c>HOST NAME[</c> seen before (see <see cref="KnownPrefixes"/>) gives that slot in <paramref name="knownSlot"/>
    /// (else -1), its host and process then left empty for the slot to give; so does a line without a stamp that starts
    /// with a known <c>HOST NAME[</c>. False only for a journal JSON line (the general splitter's).
    /// <paramref name="plain"/>: the prefix may be learnt as a known one (after the time when there is one, else at the
    /// line's start; a stamp that is no time is never learnt).
    /// </summary>
    [System.Runtime.CompilerServices.SkipLocalsInit] // As TryClassify.
    private bool TrySplitFast(ReadOnlySpan<char> line, out LogTime? time, out ReadOnlySpan<char> host, out ReadOnlySpan<char> process, out int? pid, out ReadOnlySpan<char> message, out int knownSlot, out bool plain)
    {
        knownSlot = -1;
        plain = false;
        if (line[0] == '{')
        {
            time = null;
            host = default;
            process = default;
            pid = null;
            message = line;
            return false;
        }

        // A line without a stamp that starts with a known HOST NAME[ (a text with one space and no colon in its name, so
        // no stamp can start it): read as before, without looking for a stamp first.
        if (_known.HasUnstamped && (knownSlot = _known.Match(line, stamped: false, out var barePid, out message)) >= 0)
        {
            time = null;
            host = default;
            process = default;
            pid = barePid;
            return true;
        }

        ReadOnlySpan<char> rest;
        if (SameStampAsLast(line) || OtherTimeOfLastMinute(line))
        {
            time = _lastTime;
            rest = line[(_lastStampLength - 1)..];
        }
        else if (line[0] is '<' or '[')
        {
            // <PRI>, RFC 5424, Dropbear's stderr: rare, read whole.
            SplitWhole(line, out time, out host, out process, out pid, out message);
            return true;
        }
        else
        {
            var stamp = LinePrefix.StampLength(line, years, out time);
            if (time is { } parsed && stamp < line.Length && line[stamp] == ' ')
            {
                RememberStamp(line[..(stamp + 1)], parsed);
            }

            rest = line[stamp..];
            if (stamp == 0)
            {
                AfterStamp(line, hasStamp: false, out host, out process, out pid, out message, out plain);
                return true;
            }
        }

        if (time is not null && rest.Length > 1 && rest[1] != ' ' && (knownSlot = _known.Match(rest[1..], stamped: true, out var knownPid, out message)) >= 0)
        {
            host = default;
            process = default;
            pid = knownPid;
            return true;
        }

        AfterStamp(rest, hasStamp: true, out host, out process, out pid, out message, out plain);
        plain &= time is not null;
        return true;
    }

    /// <summary>
    /// <see cref="LinePrefix.Split"/>'s parts. Not inlined, nor is <see cref="AfterStamp"/>: the parts, kept out of
    /// <see cref="TrySplitFast"/>'s frame, are not zeroed for the lines a known prefix reads (measured).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void SplitWhole(ReadOnlySpan<char> line, out LogTime? time, out ReadOnlySpan<char> host, out ReadOnlySpan<char> process, out int? pid, out ReadOnlySpan<char> message)
    {
        LinePrefix.Split(line, years, out var parts);
        time = parts.Time;
        host = parts.Host;
        process = parts.Process;
        pid = parts.Pid;
        message = parts.Message;
    }

    /// <summary><see cref="LinePrefix.AfterStamp"/>'s parts (see <see cref="SplitWhole"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void AfterStamp(ReadOnlySpan<char> rest, bool hasStamp, out ReadOnlySpan<char> host, out ReadOnlySpan<char> process, out int? pid, out ReadOnlySpan<char> message, out bool plain)
    {
        var parts = default(PrefixParts);
        LinePrefix.AfterStamp(rest, hasStamp, years, ref parts);
        host = parts.Host;
        process = parts.Process;
        pid = parts.Pid;
        message = parts.Message;
        plain = parts.Plain;
    }

    /// <summary>
    /// Consecutive lines mostly carry the same second: when a line starts with the very text of the last parsed stamp and
    /// the space after it, it has the same time (the parser reads nothing past that space).
    /// </summary>
    private bool SameStampAsLast(ReadOnlySpan<char> rest) =>
        _lastStampLength > 0 && ShortPrefix.StartsWith(rest, _stampChars.AsSpan(0, _lastStampLength));

    /// <summary>
    /// A busy log's next stamps differ from the last one in the seconds (and their fraction) only: when this line's stamp
    /// has the last one's text up to the seconds, two digits of seconds, a fraction of as many digits as the last one's,
    /// and the very zone after them, its time is the last minute's with those seconds, with no date to read or year to
    /// infer (the parser would read the same values from the same places); it becomes the last stamp.
    /// </summary>
    private bool OtherTimeOfLastMinute(ReadOnlySpan<char> rest)
    {
        var n = _lastStampLength;
        var m = _lastMinuteLength;
        if (m == 0 || rest.Length < n || !ShortPrefix.StartsWith(rest, _stampChars.AsSpan(0, m)))
        {
            return false;
        }

        var tens = rest[m] - '0';
        var units = rest[m + 1] - '0';
        if ((uint)tens > 5 || (uint)units > 9)
        {
            return false;
        }

        var at = m + 2;
        var millis = 0;
        if (_lastFractionDigits > 0)
        {
            if (rest[at] != _stampChars[at])
            {
                return false;
            }

            for (var k = 0; k < _lastFractionDigits; k++)
            {
                var digit = rest[at + 1 + k] - '0';
                if ((uint)digit > 9)
                {
                    return false;
                }

                millis = k < 3 ? (millis * 10) + digit : millis;
            }

            for (var k = _lastFractionDigits; k < 3; k++)
            {
                millis *= 10;
            }

            at += 1 + _lastFractionDigits;
        }

        // The zone and the space: never a digit first, so a longer fraction is no match.
        if (!rest[at..n].SequenceEqual(_stampChars.AsSpan(at, n - at)))
        {
            return false;
        }

        rest[m..at].CopyTo(_stampChars.AsSpan(m));
        var ticks = _lastMinuteTicks + (((tens * 10) + units) * TimeSpan.TicksPerSecond) + (millis * TimeSpan.TicksPerMillisecond);
        // The offset as stored: through TimeSpan it was two conversions by double a line.
        _lastTime = new LogTime(new DateTime(ticks), _lastTime.OffsetMinutes);
        return true;
    }

    private void RememberStamp(ReadOnlySpan<char> stampAndSpace, LogTime time)
    {
        _lastMinuteLength = 0;
        if (stampAndSpace.Length > _stampChars.Length)
        {
            _lastStampLength = 0;
            return;
        }

        stampAndSpace.CopyTo(_stampChars);
        _lastStampLength = stampAndSpace.Length;
        _lastTime = time;
        _lastMinuteTicks = time.Clock.Ticks - (time.Clock.Ticks % TimeSpan.TicksPerMinute);
        var n = stampAndSpace.Length;
        if (n >= 4 && stampAndSpace[n - 4] == ':' && time.Offset is null && time.Clock.Millisecond == 0)
        {
            // BSD (or ISO 8601 in whole seconds without a zone): the seconds end the stamp.
            _lastMinuteLength = n - 3;
            _lastFractionDigits = 0;
        }
        else if (n > 20 && stampAndSpace[4] == '-' && stampAndSpace[10] is 'T' or ' ' or '_' && stampAndSpace[13] == ':' && stampAndSpace[16] == ':')
        {
            // ISO 8601 with a fraction or a zone (TimeText.TryParseIso: seconds at 17, then [.,]DIGITS, then the zone).
            _lastMinuteLength = 17;
            _lastFractionDigits = stampAndSpace[19] is '.' or ',' ? stampAndSpace[20..].IndexOfAnyExceptInRange('0', '9') : 0;
            if (_lastFractionDigits < 0 || 20 + _lastFractionDigits >= n)
            {
                _lastMinuteLength = 0;
            }
        }
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
