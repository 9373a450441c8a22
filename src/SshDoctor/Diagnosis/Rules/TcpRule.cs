using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Diagnosis.Observations;
using static SshDoctor.Diagnosis.DiagnosisIds;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>
/// <c>connect to host H port P: REASON</c>: the reason (last errno over every address tried) names the failure; the
/// probe's own connect says the same with the socket error, a jump host's channel open failure with the same words
/// (<see cref="ConnectFailureText"/>). A name that does not resolve is dns.unresolved.
/// </summary>
public sealed class TcpRule : IRule
{
    public IReadOnlyList<string> Produces { get; } = [DnsUnresolved, TcpRefused, TcpTimeout, TcpUnreachable, TcpResetBeforeBanner, HintCloudFirewall, BannerTimeout];

    public IEnumerable<Diagnosis> Evaluate(ObservationSet evidence)
    {
        foreach (var session in evidence.Sessions)
        {
            if (session.Last(ClientBareTimeout.Name) is { } bare && !session.SawBanner && !session.Events.Any(e => e.IsFailure))
            {
                // A deadline over the whole connection (AsyncSSH's connect_timeout): most often no TCP answer, else no greeting.
                var hop0 = session.Index > 0 ? SignatureRule.HopName(evidence, session.Index) : null;
                yield return Diagnosis.Create(TcpTimeout, Certainty.Likely, [EvidenceOf.Line(bare)], ("host", session.Host)) with { Hop = hop0, Alternatives = [BannerTimeout] };
                yield return Diagnosis.Create(BannerTimeout, Certainty.Possible, [EvidenceOf.Line(bare)], ("host", session.Host)) with { Hop = hop0, Rank = 1 };
            }

            var failed = session.Last(ClientConnectFailed.Name);
            if (failed is null)
            {
                continue;
            }

            var id = ConnectFailureText.IdFor(failed[ClientConnectFailed.Reason]);
            if (id is null)
            {
                continue;
            }

            var perAddress = session.OfKind(ClientConnectAddressFailed.Name).ToList();
            var lines = perAddress.Append(failed).Select(EvidenceOf.Line).ToList();
            var hop = session.Index > 0 ? SignatureRule.HopName(evidence, session.Index) : null;
            yield return Diagnosis.Create(id, Certainty.Proven, lines, EvidenceOf.Values(failed, ("addresses", perAddress.Count > 0 ? string.Join(", ", perAddress.Select(a => a[ClientConnectAddressFailed.Ip]).Distinct()) : null))) with { Hop = hop };
            if (id == TcpTimeout)
            {
                yield return Diagnosis.Create(HintCloudFirewall, Certainty.Possible, [EvidenceOf.Line(failed)], EvidenceOf.Values(failed)) with { Hop = hop };
            }
        }

        foreach (var unresolved in evidence.Observed<NameNotResolved>())
        {
            yield return unresolved.Diagnose(DnsUnresolved, Certainty.Proven, [Observation.Seen($"resolving {unresolved.Host}: {unresolved.Error}")], ("host", unresolved.Host));
        }

        foreach (var failed in evidence.Observed<ConnectFailed>())
        {
            if (ConnectFailureText.IdFor(failed.Kind ?? ConnectFailureText.KindOf(failed.Reason)) is not { } id)
            {
                continue;
            }

            var diagnosis = failed.Diagnose(id, Certainty.Proven, failed.Attempts, ("host", failed.Host), ("ip", failed.Address));
            yield return diagnosis;
            if (id == TcpTimeout && failed.Hop is null)
            {
                // The probe names the cloud firewall for the target only (a jump host's own timeout has its hop failure).
                yield return diagnosis with { Id = HintCloudFirewall, Certainty = Certainty.Possible };
            }
        }
    }
}
