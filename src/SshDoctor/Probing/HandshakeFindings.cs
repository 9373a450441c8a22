using SshDoctor.Diagnosis;
using SshDoctor.Ssh;

namespace SshDoctor.Probing;

/// <summary>
/// A server that sent an SSH identification line and then broke off the handshake before authentication could be
/// decided: it closed, reset or disconnected the connection, or stopped answering (<see cref="DiagnosisIds.KexInterrupted"/>,
/// which is not <see cref="DiagnosisIds.TcpResetBeforeBanner"/>: the greeting did arrive); or it sent something SSH
/// forbids: an impossible packet length, a malformed message, an invalid key exchange value, a host key signature that
/// does not verify, a flood (<see cref="DiagnosisIds.KexProtocolError"/>, which is not <see cref="DiagnosisIds.BannerNotSsh"/>:
/// the server did speak SSH).
/// </summary>
internal static class HandshakeFindings
{
    public static Diagnosis.Diagnosis? From(ProbeTarget target, string? hop, SshProbeSession session, ProbeFailure failure)
    {
        var identification = RemoteText.Cut(session.ServerIdentification?.Line ?? "(none)", 256);
        var where = Where(session, failure.Stage);
        switch (failure.Kind)
        {
            case ProbeFailureKind.ConnectionClosed or ProbeFailureKind.ConnectionReset or ProbeFailureKind.Disconnected or ProbeFailureKind.TimedOut:
                return ProbeEvidence.Create(DiagnosisIds.KexInterrupted, Certainty.Proven, target, hop,
                    [ProbeEvidence.Seen($"the server sent its identification \"{identification}\"; {where}, {Describe(failure)}")],
                    ("stage", StageName(failure.Stage)), ("how", How(failure.Kind)));
            case ProbeFailureKind.ProtocolError or ProbeFailureKind.LimitExceeded or ProbeFailureKind.NotSsh or ProbeFailureKind.HostKeySignatureInvalid:
                var openSsh = failure.OpenSshError is { } error ? $"; OpenSSH's ssh stops with \"ssh_dispatch_run_fatal: Connection to … port {target.Port}: {error}\"" : "";
                var signature = failure.Kind == ProbeFailureKind.HostKeySignatureInvalid
                    ? "; the server did not prove it holds the host key it presented, so that key is not trusted (and not compared with known_hosts)"
                    : "";
                return ProbeEvidence.Create(DiagnosisIds.KexProtocolError, Certainty.Proven, target, hop,
                    [ProbeEvidence.Seen($"after its identification \"{identification}\" the server broke the protocol {where}: {failure.Detail}{signature}{openSsh}")],
                    ("stage", StageName(failure.Stage)), ("problem", failure.OpenSshError ?? failure.Detail));
            default:
                return null;
        }
    }

    /// <summary>What ended the connection, in words that never blame the server for the probe's own deadline or bounds.</summary>
    public static string Describe(ProbeFailure failure) => failure.Kind switch
    {
        ProbeFailureKind.ConnectionClosed => "the server closed the connection",
        ProbeFailureKind.ConnectionReset => $"the connection was reset ({failure.Detail})",
        ProbeFailureKind.Disconnected when failure.Disconnect is { } d => $"the server disconnected ({d.ReasonCode} {d.ReasonName}: \"{RemoteText.Cut(d.Description, 256)}\")",
        ProbeFailureKind.TimedOut => $"no answer came before the probe's own deadline ({failure.Detail}; --timeout)",
        ProbeFailureKind.LimitExceeded => $"the probe stopped reading at its own bound: {failure.Detail}",
        _ => $"the server broke the protocol: {failure.Detail}",
    };

    private static string How(ProbeFailureKind kind) => kind switch
    {
        ProbeFailureKind.ConnectionClosed => "closed",
        ProbeFailureKind.ConnectionReset => "reset",
        ProbeFailureKind.Disconnected => "disconnected",
        _ => "no answer",
    };

    private static string StageName(ProbeStage stage) => stage switch
    {
        ProbeStage.AlgorithmNegotiation => "algorithm negotiation",
        ProbeStage.KeyExchange => "key exchange",
        ProbeStage.ServiceRequest => "service request",
        ProbeStage.Authentication => "authentication",
        _ => "banner",
    };

    private static string Where(SshProbeSession session, ProbeStage stage) => stage switch
    {
        ProbeStage.AlgorithmNegotiation => session.ServerKexInit is null ? "before its KEXINIT" : "after its KEXINIT, during algorithm negotiation",
        ProbeStage.KeyExchange => "during the key exchange",
        ProbeStage.ServiceRequest => "after the key exchange, at the ssh-userauth service request",
        ProbeStage.Authentication => "after the key exchange, at an authentication request",
        _ => "",
    };
}
