using SshDoctor.Diagnosis.Observations;
using SshDoctor.Logs.Signatures;
using static SshDoctor.Diagnosis.DiagnosisIds;

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

    public IReadOnlyList<string> Produces { get; } = SignatureTable.All
        .Select(s => s.DiagnosisId)
        .OfType<string>()
        .Where(id => !OwnedElsewhere.Contains(id))
        .Distinct()
        .ToList();

    public IEnumerable<Diagnosis> Evaluate(ObservationSet evidence)
    {
        foreach (var e in evidence.ClientEvents.Concat(evidence.ServerEvents))
        {
            if (e.DiagnosisId is not { } id || OwnedElsewhere.Contains(id))
            {
                continue;
            }

            if (e.Side == LogSide.Server && id.StartsWith("auth.", StringComparison.Ordinal) && evidence.ConnectionSucceeded(e))
            {
                continue;
            }

            if (e.Kind == "client.no-such-identity" && e.IsDebug)
            {
                // ssh looks for every default key file and says so at debug3: only a file the user named counts.
                continue;
            }

            if (e.Kind == "sshd.failed-password" && e["user"] == "root")
            {
                // PermitRootLogin's default (prohibit-password) makes even the right root password fail as "Failed password for root".
                yield return Diagnosis.Create(AuthRootRefused, Certainty.Likely, [EvidenceOf.Line(e)], EvidenceOf.Values(e)) with { Alternatives = [AuthPasswordWrong] };
                yield return Diagnosis.Create(AuthPasswordWrong, Certainty.Possible, [EvidenceOf.Line(e)], EvidenceOf.Values(e)) with { Rank = 1 };
                continue;
            }

            var extra = new List<(string, string?)>();
            if (e.Kind == "sshd.signature-algorithm")
            {
                extra.Add(("algorithm", e["alg"]));
            }

            if (e.Kind == "sshd.strict-modes" && e["user"] is null && e["path"] is { } refusedPath && refusedPath.StartsWith("/home/", StringComparison.Ordinal))
            {
                // sshd names only the path; under /home the account is the next component.
                extra.Add(("user", refusedPath.Split('/', StringSplitOptions.RemoveEmptyEntries)[1]));
            }

            if (id.StartsWith("key.", StringComparison.Ordinal) && e["file"] is { } keyFile)
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

    internal static string? HopName(ObservationSet evidence, int hop)
    {
        var session = evidence.Sessions.FirstOrDefault(s => s.Index == hop);
        return session is null ? null : session.Host is null ? session.Role : $"{session.Role} ({session.Host})";
    }
}
