namespace SshDoctor.Ssh.Connection;

/// <summary>The server's answer to CHANNEL_OPEN: a stream, or its refusal (RFC 4254 §5.1 reason code and text).</summary>
public sealed record ChannelOpenResult(ChannelStream? Stream, uint ReasonCode, string Description)
{
    /// <summary>
    /// Set when no answer came at all: the connection ended, or the probe's deadline passed (then <see cref="ReasonCode"/>
    /// is 0 and the session is marked failed).
    /// </summary>
    public ProbeFailure? Failure { get; init; }

    /// <summary>RFC 4254 names: 1 administratively prohibited, 2 connect failed, 3 unknown channel type, 4 resource shortage.</summary>
    public string ReasonName => ReasonCode switch
    {
        1 => "administratively prohibited",
        2 => "connect failed",
        3 => "unknown channel type",
        4 => "resource shortage",
        _ => "failed",
    };
}
