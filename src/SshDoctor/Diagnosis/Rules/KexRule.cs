using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Diagnosis.Observations;
using SshDoctor.Logs.Signatures;
using SshDoctor.Ssh;
using static SshDoctor.Diagnosis.DiagnosisIds;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>
/// <c>Unable to negotiate with H port P: no matching X found. Their offer: LIST</c>. "Their offer" is the peer's list:
/// the server's when ssh prints it, the client's when sshd logs it. The fix names an algorithm from that exact list.
/// </summary>
public sealed class KexRule : IRule
{
    public IReadOnlyList<string> Produces { get; } = [KexNoCommonKex, KexNoCommonHostKey, KexNoCommonCipher, KexNoCommonMac];

    public IEnumerable<Diagnosis> Evaluate(ObservationSet evidence)
    {
        foreach (var e in evidence.ClientEvents.Concat(evidence.ServerEvents).Where(e => e.Kind is ClientUnableToNegotiate.Name or SshdUnableToNegotiate.Name))
        {
            var slot = e[AnyEvent.What];
            var id = AlgorithmSlots.IdFor(slot);
            if (id is null)
            {
                continue;
            }

            var offer = e[AnyEvent.Offer] ?? string.Empty;
            var session = evidence.Sessions.FirstOrDefault(s => s.Index == e.Hop);
            var ours = session is null ? null : ClientList(session, slot!);
            var serverWrote = e.Side == LogSide.Server;
            var suggestion = serverWrote ? null : AlgorithmSlots.Suggest(id, Listed(offer));
            var values = new List<(string, string?)>
            {
                ("algorithm", suggestion ?? offer),
                ("offer", offer),
                ("option", AlgorithmSlots.OptionFor(id)),
                ("client_offer", serverWrote ? offer : ours),
                ("server_offer", serverWrote ? null : offer),
                ("host", session?.Host ?? HostOf(e[AnyEvent.Remote])),
                ("ip", e[AnyEvent.Ip]),
            };
            yield return Diagnosis.Create(id, Certainty.Proven, [EvidenceOf.Line(e)], [.. values]) with
            {
                Hop = e.Side == LogSide.Client && e.Hop > 0 ? SignatureRule.HopName(evidence, e.Hop) : null,
            };
        }

        // -vv without the fatal line (log cut short): "kex: algorithm: (no match)".
        foreach (var session in evidence.Sessions)
        {
            var noMatch = session.Events.FirstOrDefault(e => e.Kind is ClientKexAlgorithm.Name or ClientKexHostkeyAlgorithm.Name && e[AnyEvent.Alg] == "(no match)");
            if (noMatch is not null && !session.Has(ClientUnableToNegotiate.Name))
            {
                var id = noMatch.Kind == ClientKexAlgorithm.Name ? KexNoCommonKex : KexNoCommonHostKey;
                var field = id == KexNoCommonKex ? "KEX algorithms" : "host key algorithms";
                session.ServerProposal.TryGetValue(field, out var offer);
                yield return Diagnosis.Create(id, Certainty.Proven, [EvidenceOf.Line(noMatch)], ("algorithm", AlgorithmSlots.Suggest(id, Listed(offer ?? string.Empty)) ?? offer), ("offer", offer), ("option", AlgorithmSlots.OptionFor(id)), ("host", session.Host));
            }
        }

        // The probe: the server's offer against the user's ssh's lists (predicted), or against the probe's own, which offers every legacy algorithm.
        var rank = 0;
        foreach (var unmatched in evidence.Observed<AlgorithmsUnmatched>())
        {
            if (AlgorithmSlots.IdFor(unmatched.Slot) is not { } id)
            {
                continue;
            }

            var offer = RemoteText.Names(unmatched.ServerOffer);
            var slot = AlgorithmSlots.Name(unmatched.Slot);
            var suggestion = AlgorithmSlots.Suggest(id, unmatched.ServerOffer) ?? string.Empty;
            if (unmatched.ClientOffer is not { } mine)
            {
                // A legacy algorithm the probe does not speak (hmac-sha1-96) but the user's ssh enables, as ssh -G shows
                // (after a fix re-enabled it): the user's ssh agrees with the server.
                if (!unmatched.UserSshAgrees)
                {
                    yield return unmatched.Diagnose(id, Certainty.Proven,
                        [Observation.Seen($"server offers ({slot}): {offer}; no algorithm in common even with every legacy algorithm the probe knows")],
                        ("offer", offer), ("algorithm", suggestion));
                }

                continue;
            }

            yield return unmatched.Diagnose(id, unmatched.ClientExact ? Certainty.Proven : Certainty.Likely,
                [Observation.Seen($"server offers ({slot}): {offer}"), Observation.Local($"your ssh offers ({unmatched.ClientSource}): {string.Join(',', mine)}")],
                ("offer", offer), ("algorithm", suggestion)) with
            { Rank = rank++ };
        }
    }

    private static string? ClientList(ClientSession session, string slot)
    {
        var field = slot switch
        {
            "key exchange method" => "KEX algorithms",
            "host key type" => "host key algorithms",
            "cipher" => "ciphers ctos",
            "MAC" => "MACs ctos",
            _ => null,
        };
        return field is not null && session.ClientProposal.TryGetValue(field, out var list) ? list : null;
    }

    private static string[] Listed(string offer) => offer.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? HostOf(string? remote)
    {
        if (remote is null)
        {
            return null;
        }

        var cut = remote.IndexOf(" port ", StringComparison.Ordinal);
        return cut > 0 ? remote[..cut] : remote;
    }
}
