using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Diagnosis.Observations;
using static SshDoctor.Diagnosis.DiagnosisIds;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>
/// Causes only the server's own log can show next to a client symptom: sshd listening on another port than the one the
/// client was refused on.
/// </summary>
public sealed class ServerSideRule : IRule
{
    public IReadOnlyList<string> Produces { get; } = [ServerPortMismatch];

    public IEnumerable<Diagnosis> Evaluate(ObservationSet evidence)
    {
        var listening = evidence.Server(SshdServerListening.Name).ToList();
        if (listening.Count == 0)
        {
            yield break;
        }

        foreach (var session in evidence.Sessions)
        {
            var refused = session.Last(ClientConnectFailed.Name);
            if (refused is null || ConnectFailureText.IdFor(refused[ClientConnectFailed.Reason]) != TcpRefused)
            {
                continue;
            }

            var ports = listening.Select(l => l[SshdServerListening.Port]).OfType<string>().Distinct().ToList();
            if (refused[ClientConnectFailed.Port] is { } port && !ports.Contains(port))
            {
                yield return Diagnosis.Create(
                    ServerPortMismatch,
                    Certainty.Proven,
                    [EvidenceOf.Line(refused), .. listening.Take(2).Select(EvidenceOf.Line)],
                    ("host", refused[ClientConnectFailed.Host]),
                    ("client_port", port),
                    ("port", string.Join(",", ports)),
                    // Numeric order without parsing: the log's digits may not fit in an int (sshd writes no leading zeros).
                    ("server_port", string.Join(",", ports.OrderBy(p => p.Length).ThenBy(p => p, StringComparer.Ordinal))));
            }
        }
    }
}
