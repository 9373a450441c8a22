namespace SshDoctor.Ssh;

/// <summary>The content of an SSH_MSG_DISCONNECT (RFC 4253 §11.1), e.g. code 2 "Too many authentication failures".</summary>
/// <param name="ReasonCode">The numeric reason code (1..15 defined by RFC 4250 §4.2.2).</param>
/// <param name="Description">The server's text, as sent.</param>
public sealed record DisconnectInfo(uint ReasonCode, string Description)
{
    /// <summary>The RFC 4250 symbolic name of <see cref="ReasonCode"/>, or <c>UNKNOWN</c>.</summary>
    public string ReasonName => ReasonCode switch
    {
        1 => "HOST_NOT_ALLOWED_TO_CONNECT",
        2 => "PROTOCOL_ERROR",
        3 => "KEY_EXCHANGE_FAILED",
        4 => "RESERVED",
        5 => "MAC_ERROR",
        6 => "COMPRESSION_ERROR",
        7 => "SERVICE_NOT_AVAILABLE",
        8 => "PROTOCOL_VERSION_NOT_SUPPORTED",
        9 => "HOST_KEY_NOT_VERIFIABLE",
        10 => "CONNECTION_LOST",
        11 => "BY_APPLICATION",
        12 => "TOO_MANY_CONNECTIONS",
        13 => "AUTH_CANCELLED_BY_USER",
        14 => "NO_MORE_AUTH_METHODS_AVAILABLE",
        15 => "ILLEGAL_USER_NAME",
        _ => "UNKNOWN",
    };
}
