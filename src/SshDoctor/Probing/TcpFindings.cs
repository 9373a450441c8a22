using SshDoctor.Diagnosis;

namespace SshDoctor.Probing;

/// <summary>dns.* and tcp.* from the resolver and the connect attempts.</summary>
internal static class TcpFindings
{
    public static Diagnosis.Diagnosis Unresolved(ProbeTarget target, string? hop, string host, string error) =>
        ProbeEvidence.Create(DiagnosisIds.DnsUnresolved, Certainty.Proven, target, hop,
            [ProbeEvidence.Seen($"resolving {host}: {error}")], ("host", host));

    public static Diagnosis.Diagnosis? ConnectFailed(ProbeTarget target, string? hop, string host, TcpConnectResult result)
    {
        if (result.LastFailure is not { Failure: { } kind } last)
        {
            return null;
        }

        var id = kind switch
        {
            TcpFailureKind.Refused => DiagnosisIds.TcpRefused,
            TcpFailureKind.TimedOut => DiagnosisIds.TcpTimeout,
            TcpFailureKind.Unreachable => DiagnosisIds.TcpUnreachable,
            TcpFailureKind.Reset => DiagnosisIds.TcpResetBeforeBanner,
            _ => null,
        };
        if (id is null)
        {
            return null;
        }

        var evidence = result.Attempts.Select(a => ProbeEvidence.Seen($"connect to address {a.Address} port {a.Port}: {a.Detail} ({Timing.Ms(a.Elapsed)})"));
        return ProbeEvidence.Create(id, Certainty.Proven, target, hop, evidence, ("host", host), ("ip", last.Address.ToString()));
    }
}
