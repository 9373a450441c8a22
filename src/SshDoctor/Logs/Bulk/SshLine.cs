using SshDoctor.Reporting;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// One SSH line as a value: what <see cref="LogRecord"/> holds except the file name. Blocks keep their lines in a
/// reused array of these, so a million lines make no million objects; a <see cref="LogRecord"/> is made only for the
/// lines an output or a sample keeps.
/// </summary>
public struct SshLine
{
    /// <summary>1-based line number: within its block until the pipeline adds the lines before the block.</summary>
    public long Line { get; set; }

    public LogTime? Time { get; set; }

    public string? Host { get; set; }

    public string? Process { get; set; }

    public int? Pid { get; set; }

    public string? Ip { get; set; }

    public int? Port { get; set; }

    public string? User { get; set; }

    /// <summary>The signature's name, or null for a line no signature recognised.</summary>
    public string? Kind { get; set; }

    public string? DiagnosisId { get; set; }

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
    public int TextInBlockStart { get; set; }

    /// <summary>The length of the message in the block's bytes; 0 when the message is <see cref="Text"/>.</summary>
    public int TextInBlockLength { get; set; }

    public bool Cut { get; set; }

    /// <summary>How many lines this one stands for: N for rsyslog's <c>message repeated N times: [ … ]</c>, else 1.</summary>
    public int Times { get; set; }

    public readonly bool Recognised => Kind is not null;

    public readonly bool IsFailure => DiagnosisId is not null;

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
        Text = Redaction.Redact(Text ?? string.Empty),
        Cut = Cut,
        Times = Math.Max(1, Times),
    };
}
