namespace SshDoctor.Ssh;

/// <summary>The kind of event that stopped the probe.</summary>
public enum ProbeFailureKind
{
    /// <summary>The peer closed the connection (EOF).</summary>
    ConnectionClosed,

    /// <summary>The connection was reset or another socket error occurred.</summary>
    ConnectionReset,

    /// <summary>The stage did not finish before its deadline.</summary>
    TimedOut,

    /// <summary>The server sent SSH_MSG_DISCONNECT; see <see cref="ProbeFailure.Disconnect"/>.</summary>
    Disconnected,

    /// <summary>The peer never sent an <c>SSH-</c> identification line; see the pre-banner lines.</summary>
    NotSsh,

    /// <summary>The server speaks an SSH protocol version other than 2.0 (or 1.99).</summary>
    UnsupportedProtocolVersion,

    /// <summary>A size bound was exceeded (line length, pre-banner line count, packet length).</summary>
    LimitExceeded,

    /// <summary>Malformed data, an unexpected message or an integrity failure.</summary>
    ProtocolError,

    /// <summary>No algorithm in common for one slot; see <see cref="ProbeFailure.Slot"/>.</summary>
    NoCommonAlgorithm,

    /// <summary>The server's signature over the exchange hash did not verify with its host key.</summary>
    HostKeySignatureInvalid,
}
