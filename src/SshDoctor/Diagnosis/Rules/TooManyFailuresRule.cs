using SshDoctor.Diagnosis.Observations;
using static SshDoctor.Diagnosis.DiagnosisIds;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>
/// <c>Received disconnect from H port P:2: Too many authentication failures</c>: every refused key counts against the
/// server's MaxAuthTries (6 by default), agent keys first, so the right key or the password prompt is never reached.
/// </summary>
public sealed class TooManyFailuresRule : IRule
{
    public IReadOnlyList<string> Produces { get; } = [AuthTooManyFailures];

    public IEnumerable<Diagnosis> Evaluate(ObservationSet evidence)
    {
        foreach (var session in evidence.Sessions)
        {
            var disconnect = session.Events.LastOrDefault(e => e.Kind == "client.received-disconnect"
                && (e["reason"] ?? string.Empty).Contains("Too many authentication failures", StringComparison.Ordinal));
            if (disconnect is null)
            {
                continue;
            }

            var offered = session.Keys.Count(k => k.Result is KeyResult.Rejected or KeyResult.Accepted);
            var fromAgent = session.Keys.Count(k => k.FromAgent);
            var offers = session.Events.Where(e => e.Kind is "client.offering" or "client.trying-private-key").Take(10);
            yield return Diagnosis.Create(
                AuthTooManyFailures,
                Certainty.Proven,
                offers.Append(disconnect).Select(EvidenceOf.Line),
                ("host", session.Host),
                ("user", session.User),
                ("offered", offered > 0 ? offered.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
                ("agent_keys", fromAgent > 0 ? fromAgent.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
                ("key", session.Keys.FirstOrDefault(k => !k.FromAgent && k.Identity.Contains('/', StringComparison.Ordinal))?.Identity)) with
            {
                Hop = session.Index > 0 ? SignatureRule.HopName(evidence, session.Index) : null,
            };
        }
    }
}
