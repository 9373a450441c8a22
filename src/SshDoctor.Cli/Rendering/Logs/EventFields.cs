using SshDoctor.Logs.Bulk;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering.Logs;

/// <summary>
/// The columns of <c>--events</c> and <c>--csv</c>, taken from a line of a block (no <see cref="LogRecord"/> made) or
/// from a record (the follow reader's path).
/// </summary>
internal readonly record struct EventFields(
    string File, long Line, LogTime? Time, string? Host, string? Process, int? Pid, string? Ip, int? Port, string? User, string? Id, bool Attempt, string Text)
{
    /// <summary>A line of a block, its text redacted as <see cref="SshLine.ToRecord"/> redacts it.</summary>
    public static EventFields Of(in SshLine line, string file) =>
        new(file, line.Line, line.Time, line.Host, line.Process, line.Pid, line.Ip, line.Port, line.User, line.DiagnosisId ?? line.Kind, line.Attempt, Redaction.Redact(line.Text ?? string.Empty));

    public static EventFields Of(LogRecord record) =>
        new(record.File, record.Line, record.Time, record.Host, record.Process, record.Pid, record.Ip, record.Port, record.User, record.Id, record.Attempt, record.Text);
}
