using SshDoctor.Logs.Input;
using SshDoctor.Logs.Server;
using SshDoctor.Logs.Signatures;

namespace SshDoctor.Logs;

/// <summary>One recognised line: a plain fact with where it came from, no judgement yet.</summary>
public sealed class LogEvent(SourceLine line, LogSide side, ServerLineHeader header, string message, SignatureMatch match)
{
    public SourceLine Line { get; } = line;

    public LogSide Side { get; } = side;

    public ServerLineHeader Header { get; } = header;

    /// <summary>The message without prefix, level word or <c>[preauth]</c>.</summary>
    public string Message { get; } = message;

    public SignatureMatch Match { get; } = match;

    public string Kind => Match.Signature.Name;

    public string? DiagnosisId => Match.Signature.DiagnosisId;

    public string? this[string group] => Match[group];

    public string Where => Line.Where;

    /// <summary>For client lines: the connection (target or jump host) the line belongs to; set by the session builder.</summary>
    public int Hop { get; set; }

    public override string ToString() => $"{Where} {Kind}: {Message}";
}
