using SshDoctor.Diagnosis.Observations;
using SshDoctor.Logs;
using SshDoctor.Ssh;
using static SshDoctor.Diagnosis.DiagnosisIds;
using static SshDoctor.Logs.Signatures.EventNames;

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
    public IReadOnlyList<string> Produces { get; } = [TcpResetBeforeBanner, BannerNotSsh, KexInterrupted, BannerTimeout];

    /// <summary>What sshd writes before closing when it throttles (MaxStartups, PerSourcePenalties).</summary>
    private static readonly string[] ThrottleLines = ["Not allowed at this time", "Exceeded MaxStartups"];

    /// <summary>True when a line before the banner is a MaxStartups / PerSourcePenalties refusal.</summary>
    public static bool IsThrottled(IEnumerable<string> preBannerLines) =>
        preBannerLines.Any(l => ThrottleLines.Any(t => l.Contains(t, StringComparison.OrdinalIgnoreCase)));

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
            var preBanner = session.OfKind(ClientBannerLine.Name).ToList();
            var throttled = preBanner.FirstOrDefault(e => e[ClientBannerLine.Text] is "Exceeded MaxStartups" or "Not allowed at this time");
            if (throttled is not null)
            {
                var why = throttled[ClientBannerLine.Text] == "Exceeded MaxStartups" ? "MaxStartups" : "MaxStartups or PerSourcePenalties";
                yield return Diagnosis.Create(TcpResetBeforeBanner, Certainty.Proven, session.Events.Where(IsBannerFailure).Prepend(throttled).Select(EvidenceOf.Line), ("reason", why)) with { Hop = hop };
                continue;
            }

            var other = preBanner.FirstOrDefault(e => ProtocolGuess.FromText(e[ClientBannerLine.Text]) is not null);
            var notSsh = session.Events.Where(e => e.DiagnosisId == BannerNotSsh).ToList();
            if (other is not null || notSsh.Count > 0)
            {
                var text = other?[ClientBannerLine.Text] ?? notSsh.Select(e => e[AnyEvent.Banner]).FirstOrDefault(b => b is not null);
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
            if (closed.Count > 0 && session.SawBanner && !session.Authenticated && !session.Events.Any(e => e.DiagnosisId == SessionBrokenPipe) && !session.Has(ClientMethods.Name)
                && !session.Events.Any(e => e.DiagnosisId is not null && !IsBannerFailure(e)) && !session.Has(ClientUnableToNegotiate.Name))
            {
                // The greeting came (-v shows it), then the connection ended before any authentication answer.
                var greeting = session.First(ClientRemoteVersion.Name);
                yield return Diagnosis.Create(KexInterrupted, Certainty.Proven, (greeting is null ? closed : closed.Prepend(greeting)).Select(EvidenceOf.Line),
                    ("host", session.Host), ("port", session.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture))) with
                { Hop = hop };
                continue;
            }

            if (closed.Count > 0 && !session.SawBanner && !session.Events.Any(e => e.DiagnosisId is BannerTimeout or TcpRefused or SessionBrokenPipe)
                && !session.Has(ClientConnectFailed.Name) && !session.Has(ClientUnableToNegotiate.Name))
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
                if (!session.Has(ClientBannerLine.Name))
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
            yield return Diagnosis.Create(TcpResetBeforeBanner, Certainty.Proven, EvidenceOf.Lines(serverSide), EvidenceOf.Values(serverSide[0], ("reason", serverSide[0][AnyEvent.Why])));
        }

        foreach (var failed in evidence.Observed<BannerFailed>())
        {
            if (FromProbe(failed) is { } d
                && !(d.Id == TcpResetBeforeBanner && failed.Hop is null && evidence.Observed<ProxyCommandFailed>().Any()))
            {
                // A ProxyCommand that failed closed the connection itself: its failure is the hop's, not the server's.
                yield return d;
            }
        }
    }

    /// <summary>The probe's view of the same: throttling, another protocol, a close or reset without a byte, silence.</summary>
    private static Diagnosis? FromProbe(BannerFailed failed)
    {
        var failure = failed.Failure;
        var bytes = failed.PreBannerBytes;
        var first = FirstText(bytes.Span);
        if (IsThrottled(failed.PreBannerLines))
        {
            return failed.Diagnose(TcpResetBeforeBanner, Certainty.Proven,
                [Observation.Seen($"the server wrote \"{failed.PreBannerLines[0]}\" and closed the connection (MaxStartups / PerSourcePenalties throttling)")]);
        }

        if (failure.Kind == ProbeFailureKind.UnsupportedProtocolVersion)
        {
            return NotSsh(failed, failed.IdentificationLine ?? first, "SSH protocol " + failed.ProtocolVersion);
        }

        if (bytes.Length > 0 && failure.Kind is ProbeFailureKind.NotSsh or ProbeFailureKind.LimitExceeded or ProbeFailureKind.ProtocolError
                or ProbeFailureKind.ConnectionClosed or ProbeFailureKind.ConnectionReset or ProbeFailureKind.TimedOut)
        {
            return NotSsh(failed, first, ProtocolGuess.FromText(first) ?? GuessBinary(bytes.Span));
        }

        if (failed.AnswersTls && BannerFailed.Silent(failure, bytes))
        {
            return failed.Diagnose(BannerNotSsh, Certainty.Proven,
                [Observation.Seen("the server closed the connection on SSH's identification line without sending a byte, and answered a TLS ClientHello on another connection with a TLS record: this port speaks TLS")],
                ("protocol", "TLS"));
        }

        return failure.Kind switch
        {
            ProbeFailureKind.ConnectionClosed => failed.Diagnose(TcpResetBeforeBanner, Certainty.Proven,
                [Observation.Seen("the server accepted the TCP connection and closed it without sending a single byte")]),
            ProbeFailureKind.ConnectionReset => failed.Diagnose(TcpResetBeforeBanner, Certainty.Proven,
                [Observation.Seen($"the connection was reset before the server's identification ({failure.Detail})")]),
            ProbeFailureKind.TimedOut => failed.Diagnose(BannerTimeout, Certainty.Proven,
                [Observation.Seen($"TCP connected, but no identification line arrived: {failure.Detail}")]),
            _ => null,
        };
    }

    private static Diagnosis NotSsh(BannerFailed failed, string first, string? protocol) =>
        failed.Diagnose(BannerNotSsh, Certainty.Proven,
            [Observation.Seen($"first bytes from the server: {Quote(first)}" + (protocol is null ? "" : $" — this looks like {protocol}"))],
            ("protocol", protocol));

    private static string FirstText(ReadOnlySpan<byte> bytes)
    {
        var slice = bytes[..Math.Min(bytes.Length, 200)];
        var text = new System.Text.StringBuilder();
        foreach (var b in slice)
        {
            text.Append(b is >= 0x20 and < 0x7f ? (char)b : b is (byte)'\n' or (byte)'\r' ? (char)b : '\uFFFD');
        }

        return text.ToString().TrimEnd('\r', '\n');
    }

    private static string? GuessBinary(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 3 && bytes[0] is 0x15 or 0x16 && bytes[1] == 0x03 ? "TLS" : null;

    private static string Quote(string text) =>
        "\"" + text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    private static bool IsBannerFailure(LogEvent e) =>
        e.DiagnosisId == TcpResetBeforeBanner || e.Kind is ClientConnectionClosed.Name or ClientConnectionReset.Name;

    private static bool Failed(ClientSession s) => s.Events.Any(e => e.IsFailure);
}
