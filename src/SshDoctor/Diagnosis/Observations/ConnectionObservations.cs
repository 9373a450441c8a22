namespace SshDoctor.Diagnosis.Observations;

/// <summary>The destination's name did not resolve.</summary>
public sealed record NameNotResolved(ProbeSubject Subject, string? Hop, string Host, string Error) : Observation(Subject, Hop);

/// <summary>
/// No TCP connection to the destination: the probe's own connect (<see cref="Kind"/> from the socket error, each
/// address tried in <see cref="Attempts"/>), or a connect another program made for it and told in words
/// (<see cref="Reason"/>: a jump host's channel open failure, <c>ssh -W</c> in a ProxyCommand).
/// </summary>
public sealed record ConnectFailed(ProbeSubject Subject, string? Hop, string Host, IReadOnlyList<Evidence> Attempts, TcpFailureKind? Kind, string? Reason = null, string? Address = null)
    : Observation(Subject, Hop);
