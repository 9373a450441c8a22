using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Diagnosis.Observations;
using static SshDoctor.Diagnosis.DiagnosisIds;
using static SshDoctor.Logs.Signatures.EventNames;

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
            var disconnect = session.Events.LastOrDefault(e => e.Kind == ClientReceivedDisconnect.Name
                && DisconnectReasons.IsTooManyFailures(e[ClientReceivedDisconnect.Reason]));
            if (disconnect is null)
            {
                continue;
            }

            var offered = session.Keys.Count(k => k.Result is KeyResult.Rejected or KeyResult.Accepted);
            var fromAgent = session.Keys.Count(k => k.FromAgent);
            var offers = session.Events.Where(e => e.Kind is ClientOffering.Name or ClientTryingPrivateKey.Name).Take(10);
            yield return Diagnosis.Create(
                AuthTooManyFailures,
                Certainty.Proven,
                offers.Append(disconnect).Select(EvidenceOf.Line),
                ("host", session.Host),
                ("user", session.User),
                ("offered", offered > 0 ? offered.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
                ("agent_keys", fromAgent > 0 ? fromAgent.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
                // Pinned only on evidence: a key the server accepted, or one the user named; otherwise the fix says KEY.
                ("key", (session.Keys.FirstOrDefault(k => k.Result is KeyResult.Accepted or KeyResult.SigningFailed && !k.FromAgent)
                    ?? session.Keys.FirstOrDefault(k => k.Explicit && !k.FromAgent && k.Identity.Contains('/', StringComparison.Ordinal)))?.Identity)) with
            {
                Hop = session.Index > 0 ? SignatureRule.HopName(evidence, session.Index) : null,
            };
        }

        foreach (var queried in evidence.Observed<KeysQueried>())
        {
            if (Predicted(queried) is { } d)
            {
                yield return d;
            }
        }
    }

    /// <summary>
    /// The probe's key order against MaxAuthTries: the accepted key comes after that many refusals, or with none
    /// accepted the user's ssh would offer that many. Proven when a disconnect showed the limit and a key is accepted.
    /// </summary>
    private static Diagnosis? Predicted(KeysQueried q)
    {
        if (!q.Methods.Contains("publickey") || q.CandidateCount == 0)
        {
            return null;
        }

        var accepted = q.Accepted;
        var rejectedBefore = q.Answers.TakeWhile(v => v.Answer != KeyAnswer.Accepted).Count(v => v.Answer == KeyAnswer.Rejected);
        if (accepted is null ? q.CandidateCount < q.MaxAuthTries : rejectedBefore < q.MaxAuthTries)
        {
            return null;
        }

        var position = accepted is null ? "" : $"the accepted key {accepted.Identity} comes after {rejectedBefore} rejected keys; ";
        return q.Diagnose(AuthTooManyFailures, q.MaxAuthTriesKnown && accepted is not null ? Certainty.Proven : Certainty.Likely,
            [
                Observation.Seen(position + $"the server disconnects after {q.MaxAuthTries} failures (MaxAuthTries{(q.MaxAuthTriesKnown ? ", seen" : ", OpenSSH default assumed")})"),
                Observation.Local(q.OfferOrder),
            ],
            // A file only: an agent key's comment is not a path (ssh -i good would be wrong).
            ("key", accepted?.PrivateKeyFile),
            ("accepted_key", accepted?.PrivateKeyFile),
            ("agent_key", accepted is { PrivateKeyFile: null } agentOnly ? agentOnly.Identity : null)) with
        { Rank = 1 };
    }
}
