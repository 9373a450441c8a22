namespace SshDoctor.Diagnosis.Observations;

/// <summary>How a TCP connection attempt failed, told apart as ssh's errno would tell them apart.</summary>
public enum TcpFailureKind
{
    /// <summary>RST in answer to SYN (ECONNREFUSED).</summary>
    Refused,

    /// <summary>No answer within the deadline (ETIMEDOUT or our own deadline).</summary>
    TimedOut,

    /// <summary>ICMP unreachable or no route (EHOSTUNREACH / ENETUNREACH).</summary>
    Unreachable,

    /// <summary>Reset during the handshake (ECONNRESET).</summary>
    Reset,

    /// <summary>The name did not resolve.</summary>
    Unresolved,

    /// <summary>Anything else (EACCES from a local firewall, ...).</summary>
    Other,
}
