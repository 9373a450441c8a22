using SshDoctor.Diagnosis.Observations;
using SshDoctor.Logs;
using SshDoctor.Logs.Bulk;
using SshDoctor.Logs.Signatures;
using static SshDoctor.Diagnosis.DiagnosisIds;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>
/// A line whose signature names a diagnosis proves it: <c>Invalid user bob</c> proves <c>auth.wrong-user</c>.
/// Ids that need more than one line to judge are left to their own rules (<see cref="OwnedElsewhere"/>).
/// A failure on a server connection that later logged in is history, not a problem (an agent's first key refused).
/// </summary>
public sealed class SignatureRule : IRule
{
    /// <summary>Ids whose signatures are only symptoms here; a dedicated rule decides them.</summary>
    internal static readonly HashSet<string> OwnedElsewhere = new(StringComparer.Ordinal)
    {
        HostKeyChanged, HostKeyTypeMismatch, HostKeyUnknown, ConfigBadOption, ServerConfigInvalid, JumpHopFailed,
        SessionChannelRefused, TcpResetBeforeBanner, DnsChanged, AuthNoSupportedMethods,
    };

    /// <summary>
    /// Ids another rule judges from a client's log only: in a server's log the line itself proves them (the client's
    /// disconnect saying it had no method left), while a client's session may show a refused key first.
    /// </summary>
    private static readonly HashSet<string> OwnedElsewhereOnTheClient = new(StringComparer.Ordinal) { AuthNoSupportedMethods };

    public IReadOnlyList<string> Produces { get; } = SignatureTable.All
        .SelectMany(s => FailureId.ProvenIds(s).Where(id => !IsOwnedElsewhere(id, s.Side)))
        .Distinct()
        .ToList();

    /// <summary>
    /// Server lines that say why sshd refused a key; the connection's <c>Failed publickey</c> line that follows is their
    /// consequence (sshd logs it for every refused key), evidence of that cause, not a second proven diagnosis.
    /// </summary>
    private static readonly HashSet<string> RefusedKeyCauseIds = new(StringComparer.Ordinal)
    {
        AuthPublicKeyServerModes, AuthPublicKeySelinux, AuthNotAllowed, AuthRootRefused, KeySignatureAlgorithm, KeyWeak,
    };

    public IEnumerable<Diagnosis> Evaluate(ObservationSet evidence)
    {
        var causes = KeyRefusalCauses(evidence.ServerEvents);
        foreach (var e in evidence.ClientEvents.Concat(evidence.ServerEvents))
        {
            if (e.DiagnosisId is not { } id || IsOwnedElsewhere(id, e.Side))
            {
                continue;
            }

            if (e.Kind == SshdFailedPublickey.Name && causes.TryGetValue(e, out var cause) && !evidence.ConnectionSucceeded(e))
            {
                yield return Diagnosis.Create(cause.Id, cause.Certainty, [EvidenceOf.Line(e)], EvidenceOf.Values(e));
                continue;
            }

            if (e.Side == LogSide.Server && id.StartsWith("auth.", StringComparison.Ordinal) && evidence.ConnectionSucceeded(e))
            {
                continue;
            }

            if (e.Kind == ClientNoSuchIdentity.Name && e.IsDebug)
            {
                // ssh looks for every default key file and says so at debug3: only a file the user named counts.
                continue;
            }

            if (e.Kind == SshdFailedPassword.Name && e[SshdFailedPassword.User] == "root")
            {
                // PermitRootLogin's default (prohibit-password) makes even the right root password fail as "Failed password for root".
                yield return Diagnosis.Create(AuthRootRefused, Certainty.Likely, [EvidenceOf.Line(e)], EvidenceOf.Values(e)) with { Alternatives = [AuthPasswordWrong] };
                yield return Diagnosis.Create(AuthPasswordWrong, Certainty.Possible, [EvidenceOf.Line(e)], EvidenceOf.Values(e)) with { Rank = 1 };
                continue;
            }

            var extra = new List<(string, string?)>();
            if (e.Kind == SshdSignatureAlgorithm.Name)
            {
                extra.Add(("algorithm", e[SshdSignatureAlgorithm.Alg]));
            }

            if (e.Kind == SshdStrictModes.Name && e[SshdStrictModes.User] is null && e[SshdStrictModes.Path] is { } refusedPath && refusedPath.StartsWith("/home/", StringComparison.Ordinal))
            {
                // sshd names only the path; under /home the account is the next component.
                extra.Add(("user", refusedPath.Split('/', StringSplitOptions.RemoveEmptyEntries)[1]));
            }

            if (id.StartsWith("key.", StringComparison.Ordinal) && e[AnyEvent.File] is { } keyFile)
            {
                extra.Add(("key", keyFile));
            }

            // Later values win in Diagnosis.Create: the client's view of the target first, the line's own values over it.
            var target = evidence.Target;
            (string, string?)[] fallback = e.Side == LogSide.Server && target is not null
                ? [("host", target.Host), ("port", target.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("user", target.User)]
                : [];
            yield return Diagnosis.Create(id, Certainty.Proven, [EvidenceOf.Line(e)], [.. fallback, .. EvidenceOf.Values(e, [.. extra])]) with
            {
                Hop = e.Side == LogSide.Client && e.Hop > 0 ? HopName(evidence, e.Hop) : null,
            };
        }
    }

    private static bool IsOwnedElsewhere(string id, LogSide side) =>
        OwnedElsewhere.Contains(id) && !(side == LogSide.Server && OwnedElsewhereOnTheClient.Contains(id));

    /// <summary>
    /// Each <c>Failed publickey</c> line whose connection logged the reason before it: a cause line of
    /// <see cref="RefusedKeyCauseIds"/>, or authorized_keys sshd could not open (SELinux likely, modes possible). A
    /// connection is its pid, or without pids (sshd -E) the port of the last <c>Connection from</c> line.
    /// </summary>
    private static Dictionary<LogEvent, (string Id, Certainty Certainty)> KeyRefusalCauses(IReadOnlyList<LogEvent> serverEvents)
    {
        var found = new Dictionary<LogEvent, (string, Certainty)>(ReferenceEqualityComparer.Instance);
        var open = new Dictionary<(string Input, string Connection), (string, Certainty)>();
        var lastPort = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in serverEvents)
        {
            if (e.Kind == SshdConnectionFrom.Name && e[SshdConnectionFrom.Port] is { } from)
            {
                lastPort[e.Line.Input] = from;
            }

            var port = e[AnyEvent.Port] ?? lastPort.GetValueOrDefault(e.Line.Input);
            var connection = e.Header.Pid is { } pid ? "pid " + pid.ToString(System.Globalization.CultureInfo.InvariantCulture) : port is null ? null : "port " + port;
            if (connection is null)
            {
                continue;
            }

            if (e.DiagnosisId is { } id && RefusedKeyCauseIds.Contains(id))
            {
                open[(e.Line.Input, connection)] = (id, Certainty.Proven);
            }
            else if (e.Kind == SshdCannotOpenKeys.Name && e[SshdCannotOpenKeys.Reason] is { } reason && reason.Contains("Permission denied", StringComparison.Ordinal))
            {
                open.TryAdd((e.Line.Input, connection), (AuthPublicKeySelinux, Certainty.Likely));
            }
            else if (e.Kind == SshdFailedPublickey.Name && open.TryGetValue((e.Line.Input, connection), out var cause))
            {
                found[e] = cause;
            }
        }

        return found;
    }

    internal static string? HopName(ObservationSet evidence, int hop)
    {
        var session = evidence.Sessions.FirstOrDefault(s => s.Index == hop);
        return session is null ? null : session.Host is null ? session.Role : $"{session.Role} ({session.Host})";
    }
}
