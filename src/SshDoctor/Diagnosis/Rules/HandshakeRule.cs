using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Diagnosis.Observations;
using SshDoctor.Ssh;
using static SshDoctor.Diagnosis.DiagnosisIds;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>
/// A server that sent an SSH identification line and then broke off the handshake before authentication could be
/// decided: it closed, reset or disconnected the connection, or stopped answering (kex.interrupted, which is not
/// tcp.reset-before-banner: the greeting did arrive); or it sent something SSH forbids: an impossible packet length, a
/// malformed message, an invalid key exchange value, a host key signature that does not verify, a flood
/// (kex.protocol-error, which is not banner.not-ssh: the server did speak SSH). The log's side is <see cref="BannerRule"/>.
/// </summary>
public sealed class HandshakeRule : IRule
{
    public IReadOnlyList<string> Produces { get; } = [KexInterrupted, KexProtocolError];

    public IEnumerable<Diagnosis> Evaluate(ObservationSet evidence)
    {
        foreach (var broken in evidence.Observed<HandshakeBroken>())
        {
            var failure = broken.Failure;
            var identification = RemoteText.Cut(broken.Identification, 256);
            var where = Where(failure.Stage, broken.KexInitSeen);
            switch (failure.Kind)
            {
                case ProbeFailureKind.ConnectionClosed or ProbeFailureKind.ConnectionReset or ProbeFailureKind.Disconnected or ProbeFailureKind.TimedOut:
                    yield return broken.Diagnose(KexInterrupted, Certainty.Proven,
                        [Observation.Seen($"the server sent its identification \"{identification}\"; {where}, {ProbeFailureText.Describe(failure)}")],
                        ("stage", StageName(failure.Stage)), ("how", How(failure.Kind)));
                    break;
                case ProbeFailureKind.ProtocolError or ProbeFailureKind.LimitExceeded or ProbeFailureKind.NotSsh or ProbeFailureKind.HostKeySignatureInvalid:
                    var openSsh = failure.OpenSshError is { } error ? $"; OpenSSH's ssh stops with \"ssh_dispatch_run_fatal: Connection to … port {broken.Subject.Port}: {error}\"" : "";
                    var signature = failure.Kind == ProbeFailureKind.HostKeySignatureInvalid
                        ? "; the server did not prove it holds the host key it presented, so that key is not trusted (and not compared with known_hosts)"
                        : "";
                    yield return broken.Diagnose(KexProtocolError, Certainty.Proven,
                        [Observation.Seen($"after its identification \"{identification}\" the server broke the protocol {where}: {failure.Detail}{signature}{openSsh}")],
                        ("stage", StageName(failure.Stage)), ("problem", failure.OpenSshError ?? failure.Detail));
                    break;
            }
        }
    }

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

    private static string Where(ProbeStage stage, bool kexInitSeen) => stage switch
    {
        ProbeStage.AlgorithmNegotiation => kexInitSeen ? "after its KEXINIT, during algorithm negotiation" : "before its KEXINIT",
        ProbeStage.KeyExchange => "during the key exchange",
        ProbeStage.ServiceRequest => "after the key exchange, at the ssh-userauth service request",
        ProbeStage.Authentication => "after the key exchange, at an authentication request",
        _ => "",
    };
}
