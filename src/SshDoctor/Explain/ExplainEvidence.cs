using SshDoctor.Logs;

namespace SshDoctor.Explain;

/// <summary>Everything <c>explain</c> read, as facts for the rules: the client's connections and the server's lines.</summary>
public sealed class ExplainEvidence(IReadOnlyList<ClientSession> sessions, IReadOnlyList<LogEvent> serverEvents)
{
    public IReadOnlyList<ClientSession> Sessions { get; } = sessions;

    public IReadOnlyList<LogEvent> ServerEvents { get; } = serverEvents;

    public ClientSession? Target => Sessions.FirstOrDefault(s => s.Index == 0 && s.Events.Count > 0);

    public IEnumerable<LogEvent> ClientEvents => Sessions.SelectMany(s => s.Events);

    /// <summary>The user the client tried to log in as, when the client log says.</summary>
    public string? ClientUser => Sessions.Where(s => s.Index == 0).Select(s => s.User).FirstOrDefault(u => u is not null);

    public IEnumerable<LogEvent> Server(string kind) => ServerEvents.Where(e => e.Kind == kind);

    /// <summary>
    /// Server lines about the client's attempt: when the client log names a user, lines about another user are left out
    /// (a server log often holds other people's connections too).
    /// </summary>
    public IEnumerable<LogEvent> ServerAbout(string? user) =>
        ServerEvents.Where(e => user is null || e["user"] is null || string.Equals(e["user"], user, StringComparison.Ordinal));

    /// <summary>True when the sshd connection (pid) that wrote this line later logged a successful login.</summary>
    public bool ConnectionSucceeded(LogEvent e)
    {
        if (e.Header.Pid is not { } pid)
        {
            // Raw sshd -E files have no pid: a later Accepted line for the same user and port stands for the same connection.
            return ServerEvents.Any(a => a.Kind is "sshd.accepted" or "dropbear.auth-succeeded" && a.Line.Number > e.Line.Number
                && a.Line.Input == e.Line.Input && a["user"] == e["user"] && (e["port"] is null || a["port"] == e["port"]));
        }

        return ServerEvents.Any(a => a.Kind is "sshd.accepted" or "dropbear.auth-succeeded" && a.Header.Pid == pid && a.Line.Input == e.Line.Input);
    }
}
