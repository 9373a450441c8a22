using SshDoctor.Diagnosis.Observations;
using static SshDoctor.Diagnosis.DiagnosisIds;

namespace SshDoctor.Diagnosis.Rules;

/// <summary><c>connect to host H port P: REASON</c>: the reason (last errno over every address tried) names the failure.</summary>
public sealed class TcpRule : IRule
{
    public IReadOnlyList<string> Produces { get; } = [TcpRefused, TcpTimeout, TcpUnreachable, TcpResetBeforeBanner, HintCloudFirewall, BannerTimeout];

    public IEnumerable<Diagnosis> Evaluate(ObservationSet evidence)
    {
        foreach (var session in evidence.Sessions)
        {
            if (session.Last("client.bare-timeout") is { } bare && !session.SawBanner && !session.Events.Any(e => e.IsFailure))
            {
                // A deadline over the whole connection (AsyncSSH's connect_timeout): most often no TCP answer, else no greeting.
                var hop0 = session.Index > 0 ? SignatureRule.HopName(evidence, session.Index) : null;
                yield return Diagnosis.Create(TcpTimeout, Certainty.Likely, [EvidenceOf.Line(bare)], ("host", session.Host)) with { Hop = hop0, Alternatives = [BannerTimeout] };
                yield return Diagnosis.Create(BannerTimeout, Certainty.Possible, [EvidenceOf.Line(bare)], ("host", session.Host)) with { Hop = hop0, Rank = 1 };
            }

            var failed = session.Last("client.connect-failed");
            if (failed is null)
            {
                continue;
            }

            var id = Classify(failed["reason"]);
            if (id is null)
            {
                continue;
            }

            var perAddress = session.OfKind("client.connect-address-failed").ToList();
            var lines = perAddress.Append(failed).Select(EvidenceOf.Line).ToList();
            var hop = session.Index > 0 ? SignatureRule.HopName(evidence, session.Index) : null;
            yield return Diagnosis.Create(id, Certainty.Proven, lines, EvidenceOf.Values(failed, ("addresses", perAddress.Count > 0 ? string.Join(", ", perAddress.Select(a => a["ip"]).Distinct()) : null))) with { Hop = hop };
            if (id == TcpTimeout)
            {
                yield return Diagnosis.Create(HintCloudFirewall, Certainty.Possible, [EvidenceOf.Line(failed)], EvidenceOf.Values(failed)) with { Hop = hop };
            }
        }
    }

    internal static string? Classify(string? reason) => reason switch
    {
        null => null,
        _ when reason.Contains("refused", StringComparison.OrdinalIgnoreCase) => TcpRefused,
        _ when reason.Contains("timed out", StringComparison.OrdinalIgnoreCase) => TcpTimeout,
        _ when reason.Contains("unreachable", StringComparison.OrdinalIgnoreCase)
            || reason.Contains("No route to host", StringComparison.OrdinalIgnoreCase) => TcpUnreachable,
        _ when reason.Contains("Permission denied", StringComparison.OrdinalIgnoreCase) => TcpUnreachable,
        _ when reason.Contains("reset", StringComparison.OrdinalIgnoreCase) => TcpResetBeforeBanner,
        _ => null,
    };
}
