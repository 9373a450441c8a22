using SshDoctor.Logs;
using SshDoctor.Logs.Signatures;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Diagnosis.Observations;

/// <summary>
/// What the rules judge: the client's connections and the server's lines as the log readers gathered them, and what a
/// probe saw (<see cref="Observation"/>), what an audit check saw (<see cref="AuditObservation"/>). Every command builds one and hands it to <see cref="DiagnosisEngine"/>.
/// </summary>
public sealed class ObservationSet
{
    /// <summary>Connections (input, pid) that logged a successful login.</summary>
    private readonly HashSet<(string Input, int Pid)> _acceptedConnections = [];

    /// <summary>For lines without a pid: the last line number of a successful login per input, user and port (null: any port).</summary>
    private readonly Dictionary<(string Input, string? User, string? Port), int> _lastAccepted = [];

    public ObservationSet(IReadOnlyList<ClientSession> sessions, IReadOnlyList<LogEvent> serverEvents, IReadOnlyList<Observation>? probed = null, IReadOnlyList<AuditObservation>? audited = null)
    {
        Sessions = sessions;
        ServerEvents = serverEvents;
        Probed = probed ?? [];
        Audited = audited ?? [];

        // Indexed once: the rules ask about every failed line, and a scan per question made explain quadratic.
        foreach (var a in serverEvents)
        {
            if (!AcceptedLogins.Is(a.Kind))
            {
                continue;
            }

            if (a.Header.Pid is { } pid)
            {
                _acceptedConnections.Add((a.Line.Input, pid));
            }

            var user = a[AnyEvent.User];
            foreach (var key in (ReadOnlySpan<(string, string?, string?)>)[(a.Line.Input, user, a[AnyEvent.Port]), (a.Line.Input, user, null)])
            {
                if (!_lastAccepted.TryGetValue(key, out var line) || line < a.Line.Number)
                {
                    _lastAccepted[key] = a.Line.Number;
                }
            }
        }
    }

    public IReadOnlyList<ClientSession> Sessions { get; }

    public IReadOnlyList<LogEvent> ServerEvents { get; }

    /// <summary>What probe stages saw, in the order they saw it.</summary>
    public IReadOnlyList<Observation> Probed { get; }

    /// <summary>In an input nothing was recognised in, the last line that reports an error (explain).</summary>
    public Logs.Input.SourceLine? UnrecognisedError { get; init; }

    /// <summary>What audit checks saw, in the order they saw it.</summary>
    public IReadOnlyList<AuditObservation> Audited { get; }

    /// <summary>A probe's observations alone.</summary>
    public static ObservationSet FromProbe(IReadOnlyList<Observation> probed) => new([], [], probed);

    /// <summary>An audit's observations alone.</summary>
    public static ObservationSet FromAudit(IReadOnlyList<AuditObservation> audited) => new([], [], audited: audited);

    public IEnumerable<T> Observed<T>()
        where T : Observation => Probed.OfType<T>();

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
        ServerEvents.Where(e => user is null || e[AnyEvent.User] is null || string.Equals(e[AnyEvent.User], user, StringComparison.Ordinal));

    /// <summary>True when the sshd connection (pid) that wrote this line later logged a successful login.</summary>
    public bool ConnectionSucceeded(LogEvent e)
    {
        if (e.Header.Pid is not { } pid)
        {
            // Raw sshd -E files have no pid: a later Accepted line for the same user and port stands for the same connection.
            return _lastAccepted.TryGetValue((e.Line.Input, e[AnyEvent.User], e[AnyEvent.Port]), out var line) && line > e.Line.Number;
        }

        return _acceptedConnections.Contains((e.Line.Input, pid));
    }
}
