using System.Text;
using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Rules;
using SshDoctor.Ssh;

namespace SshDoctor.Probing;

/// <summary>What a failure before or at the identification line means: closed/reset, not SSH, silence, throttling.</summary>
internal static class BannerFindings
{
    private static readonly string[] ThrottleLines = ["Not allowed at this time", "Exceeded MaxStartups"];

    /// <summary>True when the server sent a MaxStartups / PerSourcePenalties refusal before closing.</summary>
    public static bool IsThrottled(SshProbeSession session) =>
        session.PreBannerLines.Any(l => ThrottleLines.Any(t => l.Contains(t, StringComparison.OrdinalIgnoreCase)));

    public static Diagnosis.Diagnosis? From(ProbeTarget target, string? hop, SshProbeSession session, ProbeFailure failure)
    {
        var bytes = session.PreBannerBytes;
        var first = FirstText(bytes.Span);
        if (IsThrottled(session))
        {
            return ProbeEvidence.Create(DiagnosisIds.TcpResetBeforeBanner, Certainty.Proven, target, hop,
                [ProbeEvidence.Seen($"the server wrote \"{session.PreBannerLines[0]}\" and closed the connection (MaxStartups / PerSourcePenalties throttling)")]);
        }

        if (failure.Kind == ProbeFailureKind.UnsupportedProtocolVersion)
        {
            return NotSsh(target, hop, session.ServerIdentification?.Line ?? first, "SSH protocol " + session.ServerIdentification?.ProtocolVersion);
        }

        if (bytes.Length > 0 && failure.Kind is ProbeFailureKind.NotSsh or ProbeFailureKind.LimitExceeded or ProbeFailureKind.ProtocolError
                or ProbeFailureKind.ConnectionClosed or ProbeFailureKind.ConnectionReset or ProbeFailureKind.TimedOut)
        {
            return NotSsh(target, hop, first, ProtocolGuess.FromText(first) ?? GuessBinary(bytes.Span));
        }

        return failure.Kind switch
        {
            ProbeFailureKind.ConnectionClosed => ProbeEvidence.Create(DiagnosisIds.TcpResetBeforeBanner, Certainty.Proven, target, hop,
                [ProbeEvidence.Seen("the server accepted the TCP connection and closed it without sending a single byte")]),
            ProbeFailureKind.ConnectionReset => ProbeEvidence.Create(DiagnosisIds.TcpResetBeforeBanner, Certainty.Proven, target, hop,
                [ProbeEvidence.Seen($"the connection was reset before the server's identification ({failure.Detail})")]),
            ProbeFailureKind.TimedOut => ProbeEvidence.Create(DiagnosisIds.BannerTimeout, Certainty.Proven, target, hop,
                [ProbeEvidence.Seen($"TCP connected, but no identification line arrived: {failure.Detail}")]),
            _ => null,
        };
    }

    private static Diagnosis.Diagnosis NotSsh(ProbeTarget target, string? hop, string first, string? protocol) =>
        ProbeEvidence.Create(DiagnosisIds.BannerNotSsh, Certainty.Proven, target, hop,
            [ProbeEvidence.Seen($"first bytes from the server: {Quote(first)}" + (protocol is null ? "" : $" — this looks like {protocol}"))],
            ("protocol", protocol));

    private static string FirstText(ReadOnlySpan<byte> bytes)
    {
        var slice = bytes[..Math.Min(bytes.Length, 200)];
        var text = new StringBuilder();
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
}
