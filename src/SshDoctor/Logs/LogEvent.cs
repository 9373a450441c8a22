using SshDoctor.Logs.Bulk;
using SshDoctor.Logs.Input;
using SshDoctor.Logs.Server;
using SshDoctor.Logs.Signatures;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Logs;

/// <summary>One recognised line: a plain fact with where it came from, no judgement yet.</summary>
public sealed class LogEvent(SourceLine line, LogSide side, ServerLineHeader header, string message, SignatureMatch match, bool isDebug = false)
{
    public SourceLine Line { get; } = line;

    public LogSide Side { get; } = side;

    public ServerLineHeader Header { get; } = header;

    /// <summary>The message without prefix, level word or <c>[preauth]</c>.</summary>
    public string Message { get; } = message;

    public SignatureMatch Match { get; } = match;

    public string Kind => Match.Signature.Name;

    /// <summary>The diagnosis the line proves: its signature's, or the one its captured text decides (<see cref="FailureId"/>).</summary>
    public string? DiagnosisId { get; } = FailureId.Proven(match);

    /// <summary>A group the line's signature captured (null when it did not match or the signature has no such group).</summary>
    public string? this[EventField field] => Match[field];

    public string Where => Line.Where;

    /// <summary>True for <c>debugN:</c> lines: shown only with -v; some messages mean less at debug level (a default key file that does not exist).</summary>
    public bool IsDebug { get; } = isDebug;

    /// <summary>For client lines: the connection (target or jump host) the line belongs to; set by the session builder.</summary>
    public int Hop { get; set; }

    /// <summary>
    /// A line that by itself says something failed: a signature with a diagnosis id (except ssh's debug note about a
    /// default key file that does not exist) or one of the failure messages judged by their own rules.
    /// </summary>
    public bool IsFailure =>
        (DiagnosisId is not null && !(Kind == ClientNoSuchIdentity.Name && IsDebug))
        || Kind is ClientConnectFailed.Name or ClientPermissionDenied.Name or ClientUnableToNegotiate.Name or ClientChannelOpenFailed.Name;

    public override string ToString() => $"{Where} {Kind}: {Message}";
}
