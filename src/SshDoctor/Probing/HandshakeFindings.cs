using SshDoctor.Diagnosis;
using SshDoctor.Ssh;

namespace SshDoctor.Probing;

/// <summary>
/// A server that sent an SSH identification line and then broke off the handshake: closed or reset the connection
/// (during algorithm negotiation, key exchange, the service request or the 'none' request), or sent something that is
/// not SSH's binary packet protocol (garbage, an impossible packet length). The catalogue has no id for "closed after
/// the greeting"; the nearest are <see cref="DiagnosisIds.TcpResetBeforeBanner"/> (turned away on purpose: throttling,
/// bans, penalties, a proxy without a backend) and <see cref="DiagnosisIds.BannerNotSsh"/> (something else imitating sshd),
/// both only likely, with the stage in the evidence.
/// </summary>
internal static class HandshakeFindings
{
    public static Diagnosis.Diagnosis? From(ProbeTarget target, string? hop, SshProbeSession session, ProbeFailure failure)
    {
        var identification = session.ServerIdentification?.Line ?? "(none)";
        switch (failure.Kind)
        {
            case ProbeFailureKind.ConnectionClosed or ProbeFailureKind.ConnectionReset:
                var how = failure.Kind == ProbeFailureKind.ConnectionClosed ? "closed" : "reset";
                return ProbeEvidence.Create(DiagnosisIds.TcpResetBeforeBanner, Certainty.Likely, target, hop,
                    [ProbeEvidence.Seen($"the server sent its identification \"{identification}\", then {how} the connection {Where(session, failure.Stage)} ({failure.Detail}): turned away before any login, like a throttled, banned or penalised client, or a proxy without a working backend")],
                    ("stage", failure.Stage.ToString()));
            case ProbeFailureKind.ProtocolError or ProbeFailureKind.LimitExceeded or ProbeFailureKind.NotSsh
                when failure.Stage == ProbeStage.AlgorithmNegotiation && session.ServerKexInit is null:
                return ProbeEvidence.Create(DiagnosisIds.BannerNotSsh, Certainty.Likely, target, hop,
                    [ProbeEvidence.Seen($"the identification line \"{identification}\" looks like SSH, but what followed is not SSH's binary packet protocol: {failure.Detail}")],
                    ("protocol", null));
            default:
                return null;
        }
    }

    private static string Where(SshProbeSession session, ProbeStage stage) => stage switch
    {
        ProbeStage.AlgorithmNegotiation => session.ServerKexInit is null ? "before its KEXINIT" : "after its KEXINIT, during algorithm negotiation",
        ProbeStage.KeyExchange => "during the key exchange",
        ProbeStage.ServiceRequest => "after the key exchange, at the ssh-userauth service request",
        ProbeStage.Authentication => "after the key exchange, at the first authentication request",
        _ => "",
    };
}
