using SshDoctor.Ssh;

namespace SshDoctor.Diagnosis.Knowledge;

/// <summary>How a probe connection ended, in words that never blame the server for the probe's own deadline or bounds.</summary>
public static class ProbeFailureText
{
    public static string Describe(ProbeFailure failure) => failure.Kind switch
    {
        ProbeFailureKind.ConnectionClosed => "the server closed the connection",
        ProbeFailureKind.ConnectionReset => $"the connection was reset ({failure.Detail})",
        ProbeFailureKind.Disconnected when failure.Disconnect is { } d => $"the server disconnected ({d.ReasonCode} {d.ReasonName}: \"{RemoteText.Cut(d.Description, 256)}\")",
        ProbeFailureKind.TimedOut => $"no answer came before the probe's own deadline ({failure.Detail}; --timeout)",
        ProbeFailureKind.LimitExceeded => $"the probe stopped reading at its own bound: {failure.Detail}",
        _ => $"the server broke the protocol: {failure.Detail}",
    };
}
