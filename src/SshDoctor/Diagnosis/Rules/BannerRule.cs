using SshDoctor.Diagnosis.Observations;
using SshDoctor.Logs;
using static SshDoctor.Diagnosis.DiagnosisIds;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>
/// The connection opened but no SSH banner came: the server (or something in front of it) closed or reset it, said it
/// was throttling (<c>Exceeded MaxStartups</c>, <c>Not allowed at this time</c>), or another protocol answered.
/// Since OpenSSH 9.5 plain output only shows <c>Connection closed by IP port 22</c>; the -v line tells more. When -v
/// shows the server's greeting (<c>Remote protocol version</c>) before the close, the handshake was broken off after it:
/// <c>kex.interrupted</c>.
/// </summary>
public sealed class BannerRule : IRule
{
    public IReadOnlyList<string> Produces { get; } = [TcpResetBeforeBanner, BannerNotSsh, KexInterrupted];

    public IEnumerable<Diagnosis> Evaluate(ObservationSet evidence)
    {
        foreach (var session in evidence.Sessions)
        {
            if (session.ViaProxy && evidence.Sessions.Any(s => s.Parent == session && Failed(s)))
            {
                // Closed by UNKNOWN port 65535 after a jump host failed: the jump rule explains it.
                continue;
            }

            var hop = session.Index > 0 ? SignatureRule.HopName(evidence, session.Index) : null;
            var preBanner = session.OfKind("client.banner-line").ToList();
            var throttled = preBanner.FirstOrDefault(e => e["text"] is "Exceeded MaxStartups" or "Not allowed at this time");
            if (throttled is not null)
            {
                var why = throttled["text"] == "Exceeded MaxStartups" ? "MaxStartups" : "MaxStartups or PerSourcePenalties";
                yield return Diagnosis.Create(TcpResetBeforeBanner, Certainty.Proven, session.Events.Where(IsBannerFailure).Prepend(throttled).Select(EvidenceOf.Line), ("reason", why)) with { Hop = hop };
                continue;
            }

            var other = preBanner.FirstOrDefault(e => ProtocolGuess.FromText(e["text"]) is not null);
            var notSsh = session.Events.Where(e => e.DiagnosisId == BannerNotSsh).ToList();
            if (other is not null || notSsh.Count > 0)
            {
                var text = other?["text"] ?? notSsh.Select(e => e["banner"]).FirstOrDefault(b => b is not null);
                var lines = preBanner.Take(3).Concat(notSsh).Select(EvidenceOf.Line).ToList();
                yield return Diagnosis.Create(BannerNotSsh, Certainty.Proven, lines, ("protocol", ProtocolGuess.FromText(text)), ("banner", text), ("host", session.Host), ("port", session.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture))) with { Hop = hop };
                continue;
            }

            var timeout = session.Events.FirstOrDefault(e => e.DiagnosisId == BannerTimeout);
            if (timeout is not null)
            {
                // A service that waits for the client to speak first (TLS, HTTP, a database) looks the same as a stuck sshd.
                yield return Diagnosis.Create(BannerNotSsh, Certainty.Possible, [EvidenceOf.Line(timeout)], ("host", session.Host), ("port", session.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture))) with { Hop = hop, Rank = 1 };
            }

            var closed = session.Events.Where(IsBannerFailure).ToList();
            if (closed.Count > 0 && session.SawBanner && !session.Authenticated && !session.Events.Any(e => e.DiagnosisId == SessionBrokenPipe) && !session.Has("client.methods")
                && !session.Events.Any(e => e.DiagnosisId is not null && !IsBannerFailure(e)) && !session.Has("client.unable-to-negotiate"))
            {
                // The greeting came (-v shows it), then the connection ended before any authentication answer.
                var greeting = session.First("client.remote-version");
                yield return Diagnosis.Create(KexInterrupted, Certainty.Proven, (greeting is null ? closed : closed.Prepend(greeting)).Select(EvidenceOf.Line),
                    ("host", session.Host), ("port", session.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture))) with
                { Hop = hop };
                continue;
            }

            if (closed.Count > 0 && !session.SawBanner && !session.Events.Any(e => e.DiagnosisId is BannerTimeout or TcpRefused or SessionBrokenPipe)
                && !session.Has("client.connect-failed") && !session.Has("client.unable-to-negotiate"))
            {
                var verbose = session.Events.Any(e => e.IsDebug);
                var explicitIdent = closed.Any(e => e.DiagnosisId == TcpResetBeforeBanner);
                yield return Diagnosis.Create(
                    TcpResetBeforeBanner,
                    explicitIdent || verbose ? Certainty.Proven : Certainty.Likely,
                    closed.Select(EvidenceOf.Line),
                    ("host", session.Host),
                    ("port", session.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture))) with
                { Hop = hop, Alternatives = [BannerNotSsh] };
                if (!session.Has("client.banner-line"))
                {
                    // A TLS or HTTP service that waits for the client closes silently when it reads an SSH banner.
                    yield return Diagnosis.Create(BannerNotSsh, Certainty.Possible, closed.Take(1).Select(EvidenceOf.Line), ("host", session.Host)) with { Hop = hop, Rank = 2 };
                }
            }
        }

        // Seen only on the server: throttling lines.
        var serverSide = evidence.ServerEvents.Where(e => e.DiagnosisId == TcpResetBeforeBanner).ToList();
        if (serverSide.Count > 0)
        {
            yield return Diagnosis.Create(TcpResetBeforeBanner, Certainty.Proven, EvidenceOf.Lines(serverSide), EvidenceOf.Values(serverSide[0], ("reason", serverSide[0]["why"])));
        }
    }

    private static bool IsBannerFailure(LogEvent e) =>
        e.DiagnosisId == TcpResetBeforeBanner || e.Kind is "client.connection-closed" or "client.connection-reset";

    private static bool Failed(ClientSession s) => s.Events.Any(e => e.IsFailure);
}
