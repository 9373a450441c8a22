namespace SshDoctor.Ssh.Agent;

/// <summary>How listing the agent's keys ended.</summary>
public enum AgentListStatus
{
    /// <summary>The agent answered with its identities (possibly none).</summary>
    Listed,

    /// <summary><c>SSH_AUTH_SOCK</c> is unset or empty ("agent not present").</summary>
    NotConfigured,

    /// <summary>The socket could not be connected (missing file, refused, permission).</summary>
    Unreachable,

    /// <summary>The agent answered with a failure message.</summary>
    Refused,

    /// <summary>The answer broke the protocol or a bound (reply over 256 KiB, over 2048 keys).</summary>
    ProtocolError,

    /// <summary>No answer before the deadline.</summary>
    TimedOut,
}
