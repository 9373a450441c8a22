using SshDoctor.Logs.Bulk;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering.Logs;

/// <summary>
/// The columns of <c>--events</c> and <c>--csv</c>, taken from a line of a block (no <see cref="LogRecord"/> made) or
/// from a record (the follow reader's path). The message is <see cref="Text"/>, or, for a recognised line whose message
/// is ASCII in its block (<see cref="SshLine.TextInBlockStart"/>), <see cref="AsciiText"/>: those bytes, not yet redacted
/// (<see cref="Utf8EventBuffer"/> redacts them as it writes them).
/// </summary>
internal readonly ref struct EventFields(
    string file, long line, LogTime? time, string? host, string? process, int? pid, string? ip, int? port, string? user, string? id, bool attempt, string text, ReadOnlySpan<byte> asciiText = default)
{
    public string File { get; } = file;

    public long Line { get; } = line;

    public LogTime? Time { get; } = time;

    public string? Host { get; } = host;

    public string? Process { get; } = process;

    public int? Pid { get; } = pid;

    public string? Ip { get; } = ip;

    public int? Port { get; } = port;

    public string? User { get; } = user;

    public string? Id { get; } = id;

    /// <summary>A failed attempt before authentication (<see cref="SshLine.Attempt"/>).</summary>
    public bool Attempt { get; } = attempt;

    /// <summary>The message, redacted; empty when it is <see cref="AsciiText"/>.</summary>
    public string Text { get; } = text;

    /// <summary>The message as ASCII bytes of the block, unredacted; empty when it is <see cref="Text"/>.</summary>
    public ReadOnlySpan<byte> AsciiText { get; } = asciiText;

    /// <summary>A line of a block, its text redacted as <see cref="SshLine.ToRecord"/> redacts it.</summary>
    public static EventFields Of(in SshLine line, string file, ReadOnlySpan<byte> block = default) =>
        new(file, line.Line, line.Time, line.Host, line.Process, line.Pid, line.Ip, line.Port, line.User, line.DiagnosisId ?? line.Kind, line.Attempt,
            line.TextInBlockLength > 0 ? string.Empty : Redaction.Redact(line.Text ?? string.Empty),
            line.TextInBlockLength > 0 ? block.Slice(line.TextInBlockStart, line.TextInBlockLength) : default);

    public static EventFields Of(LogRecord record) =>
        new(record.File, record.Line, record.Time, record.Host, record.Process, record.Pid, record.Ip, record.Port, record.User, record.Id, record.Attempt, record.Text);
}
