using System.Net.Sockets;

namespace SshDoctor.Probing.Connect;

/// <summary>The result of connecting to every address of a name in turn, as ssh does (first success wins).</summary>
public sealed record TcpConnectResult(IReadOnlyList<TcpAttempt> Attempts, Socket? Socket)
{
    /// <summary>The failure ssh would report: the last attempt's (ssh prints the last errno).</summary>
    public TcpAttempt? LastFailure => Socket is null && Attempts.Count > 0 ? Attempts[^1] : null;
}
