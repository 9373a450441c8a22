using SshDoctor.Reporting;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// One SSH line as a value: what <see cref="LogRecord"/> holds except the file name. Blocks keep their lines in a
/// reused array of these, so a million lines make no million objects; a <see cref="LogRecord"/> is made only for the
/// lines an output or a sample keeps.
/// </summary>
public struct SshLine
{
    // The time, pid and port are kept as plain parts with flags, not as nullable values (a nullable LogTime is 24
    // bytes, a nullable int 8): a line is 96 bytes instead of 120, and blocks keep thousands in arrays that stay alive
    // for the whole read (issue 14: memory at 3 M lines).
    private DateTime _clock;
    private int _pid;
    private int _port;
    private short _offsetMinutes;
    private Present _present;

    [Flags]
    private enum Present : byte
    {
        None = 0,
        Time = 1,
        Pid = 2,
        Port = 4,
        Cut = 8,
        Preauth = 16,
        Attempt = 32,
        IpKey = 64,
    }

    /// <summary>
    /// The message's place in its block's bytes (<see cref="TextInBlockStart"/> low, <see cref="TextInBlockLength"/>
    /// high), or, with <see cref="Present.IpKey"/>, the address's key (<see cref="IpKey"/>): never both, as a line
    /// carries its address as a key only when no per-line output formats it (<see cref="LineClassifier.CarryAddresses"/>).
    /// </summary>
    private ulong _inBlockOrIpKey;

    /// <summary>1-based line number: within its block until the pipeline adds the lines before the block.</summary>
    public long Line { get; set; }

    public LogTime? Time
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        readonly get => (_present & Present.Time) != 0 ? new LogTime(_clock, _offsetMinutes) : null;
        set
        {
            (_clock, _offsetMinutes) = value is { } t ? (t.Clock, t.OffsetMinutes) : default;
            Mark(Present.Time, value.HasValue);
        }
    }

    public string? Host { get; set; }

    public string? Process { get; set; }

    public int? Pid
    {
        readonly get => (_present & Present.Pid) != 0 ? _pid : null;
        set
        {
            _pid = value.GetValueOrDefault();
            Mark(Present.Pid, value.HasValue);
        }
    }

    /// <summary>The address: the string the classifier made, or one made now from <see cref="IpKey"/>.</summary>
    public string? Ip
    {
        readonly get => _ip ?? (IpKey is var key and not 0 ? AddressKey.ToString(key) : null);
        set
        {
            _ip = value;
            ForgetIpKey();
        }
    }

    private string? _ip;

    /// <summary>The address's string as the classifier made it, without making one: null when there is none or only <see cref="IpKey"/>.</summary>
    public readonly string? IpMade => _ip;

    /// <summary>
    /// The address as its key when the classifier made no string for it (<see cref="AddressKey"/>: an attack storm's,
    /// seen once; <see cref="Ip"/> is then made on demand), else 0. The summary and the connections read it as it is.
    /// </summary>
    public readonly ulong IpKey => (_present & Present.IpKey) != 0 ? _inBlockOrIpKey : 0;

    public readonly bool HasIp => _ip is not null || (_present & Present.IpKey) != 0;

    /// <summary>The address as a connection lent it: its string, or its key when it has none (see <see cref="IpKey"/>).</summary>
    public void SetIp(string? ip, ulong key)
    {
        if (!ReferenceEquals(_ip, ip))
        {
            _ip = ip;
        }

        if (ip is null && key != 0)
        {
            _inBlockOrIpKey = key;
            _present |= Present.IpKey;
        }
        else
        {
            ForgetIpKey();
        }
    }

    private void ForgetIpKey()
    {
        if ((_present & Present.IpKey) != 0)
        {
            _present &= ~Present.IpKey;
            _inBlockOrIpKey = 0;
        }
    }

    public int? Port
    {
        readonly get => (_present & Present.Port) != 0 ? _port : null;
        set
        {
            _port = value.GetValueOrDefault();
            Mark(Present.Port, value.HasValue);
        }
    }

    public string? User { get; set; }

    /// <summary>The signature's name, or null for a line no signature recognised.</summary>
    public string? Kind { get; set; }

    public string? DiagnosisId { get; set; }

    /// <summary>sshd marked the message <c>[preauth]</c>: written before the connection authenticated.</summary>
    public bool Preauth
    {
        readonly get => (_present & Present.Preauth) != 0;
        set => Mark(Present.Preauth, value);
    }

    /// <summary>
    /// A failed attempt that proves no diagnosis: a pre-authentication ending, probe or scanner (the signature's
    /// <see cref="Signatures.MessageSignature.Attempt"/>); never set on a failure nor on a line of an accepted login.
    /// </summary>
    public bool Attempt
    {
        readonly get => (_present & Present.Attempt) != 0;
        set => Mark(Present.Attempt, value);
    }

    /// <summary>
    /// The message (empty for recognised lines when the output shows no text, or when it is in the block's bytes:
    /// see <see cref="TextInBlockStart"/>).
    /// </summary>
    public string Text { get; set; }

    /// <summary>
    /// When the message of a recognised line is <see cref="TextInBlockLength"/> ASCII bytes of its block from here (a
    /// worker formats it straight from them: no string per line, see <see cref="LineClassifier.TextInBlock"/>);
    /// <see cref="Text"/> is then empty. Only while the block is being classified and formatted.
    /// </summary>
    public int TextInBlockStart
    {
        readonly get => (_present & Present.IpKey) != 0 ? 0 : (int)_inBlockOrIpKey;
        set
        {
            ForgetIpKey();
            _inBlockOrIpKey = (_inBlockOrIpKey & 0xFFFF_FFFF_0000_0000UL) | (uint)value;
        }
    }

    /// <summary>The length of the message in the block's bytes; 0 when the message is <see cref="Text"/>.</summary>
    public int TextInBlockLength
    {
        readonly get => (_present & Present.IpKey) != 0 ? 0 : (int)(_inBlockOrIpKey >> 32);
        set
        {
            ForgetIpKey();
            _inBlockOrIpKey = (_inBlockOrIpKey & 0xFFFF_FFFFUL) | ((ulong)(uint)value << 32);
        }
    }

    public bool Cut
    {
        readonly get => (_present & Present.Cut) != 0;
        set => Mark(Present.Cut, value);
    }

    /// <summary>How many lines this one stands for: N for rsyslog's <c>message repeated N times: [ … ]</c>, else 1.</summary>
    public int Times { get; set; }

    public readonly bool Recognised => Kind is not null;

    public readonly bool IsFailure => DiagnosisId is not null;

    /// <summary>
    /// Writes a classified line's every field at once (the flags in one store, not one read and write each), for a
    /// block's array of lines, which is reused: a string field that already holds the same string (the host, process,
    /// kind of the line written there before) is not written again, which saves the write's GC barrier.
    /// </summary>
    public void Set(long line, LogTime? time, string? host, string? process, int? pid, string? ip, int? port, string? user, string? kind, string? diagnosisId, string text, bool cut, int times, bool preauth, bool attempt)
    {
        SetPrefix(line, time, host, process, pid);
        SetMessage(ip, port, user, kind, diagnosisId, text, cut, times, preauth, attempt);
    }

    /// <summary>
    /// The first half of <see cref="Set"/>: the line's number and prefix, written as soon as they are known, so that
    /// they are not handed on through every call that reads the message (a classifier's fifteen arguments a line).
    /// </summary>
    public void SetPrefix(long line, in LogTime? time, string? host, string? process, int? pid)
    {
        Line = line;
        (_clock, _offsetMinutes) = time is { } t ? (t.Clock, t.OffsetMinutes) : default;
        _pid = pid.GetValueOrDefault();
        // A new line: no message in the block and no address key yet (whatever the line written here before left).
        _inBlockOrIpKey = 0;
        _present = (time.HasValue ? Present.Time : 0) | (pid.HasValue ? Present.Pid : 0);
        if (!ReferenceEquals(Host, host))
        {
            Host = host;
        }

        if (!ReferenceEquals(Process, process))
        {
            Process = process;
        }
    }

    /// <summary>The second half of <see cref="Set"/>: what the message gave, after <see cref="SetPrefix"/>.</summary>
    /// <param name="ipKey">
    /// Not 0: the address, when <paramref name="ip"/> is null because the classifier made no string for it (see
    /// <see cref="IpKey"/>); it takes the place of the message's in the block, which such a line does not use (the
    /// key a line written here before left is gone: <see cref="SetPrefix"/> comes first).
    /// </param>
    public void SetMessage(string? ip, int? port, string? user, string? kind, string? diagnosisId, string text, bool cut, int times, bool preauth, bool attempt, ulong ipKey = 0)
    {
        _port = port.GetValueOrDefault();
        var keyed = ipKey != 0;
        _present = (_present & (Present.Time | Present.Pid)) | (port.HasValue ? Present.Port : 0)
            | (cut ? Present.Cut : 0) | (preauth ? Present.Preauth : 0) | (attempt ? Present.Attempt : 0) | (keyed ? Present.IpKey : 0);
        Times = times;
        _inBlockOrIpKey |= ipKey;

        if (!ReferenceEquals(_ip, ip))
        {
            _ip = ip;
        }

        if (!ReferenceEquals(User, user))
        {
            User = user;
        }

        if (!ReferenceEquals(Kind, kind))
        {
            Kind = kind;
        }

        if (!ReferenceEquals(DiagnosisId, diagnosisId))
        {
            DiagnosisId = diagnosisId;
        }

        if (!ReferenceEquals(Text, text))
        {
            Text = text;
        }
    }

    private void Mark(Present part, bool present) => _present = present ? _present | part : _present & ~part;

    public static SshLine Of(LogRecord record) => new()
    {
        Line = record.Line,
        Time = record.Time,
        Host = record.Host,
        Process = record.Process,
        Pid = record.Pid,
        Ip = record.Ip,
        Port = record.Port,
        User = record.User,
        Kind = record.Kind,
        DiagnosisId = record.DiagnosisId,
        Preauth = record.Preauth,
        Attempt = record.Attempt,
        Text = record.Text,
        Cut = record.Cut,
        Times = record.Times,
    };

    /// <summary>The line as a record for an output, its text redacted as explain redacts evidence (<see cref="Redaction"/>): a secret is never useful.</summary>
    public readonly LogRecord ToRecord(string file) => new()
    {
        File = file,
        Line = Line,
        Time = Time,
        Host = Host,
        Process = Process,
        Pid = Pid,
        Ip = Ip,
        Port = Port,
        User = User,
        Kind = Kind,
        DiagnosisId = DiagnosisId,
        Preauth = Preauth,
        Attempt = Attempt,
        Text = Redaction.Redact(Text ?? string.Empty),
        Cut = Cut,
        Times = Math.Max(1, Times),
    };
}
