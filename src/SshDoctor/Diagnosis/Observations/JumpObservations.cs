namespace SshDoctor.Diagnosis.Observations;

/// <summary>
/// A link of the chain to the target could not be used (<see cref="HopName"/>: a jump host as typed, or the
/// ProxyCommand): it failed itself, it did not open the channel onward, its signed login was refused; <see cref="What"/>
/// says what was seen. <c>Hop</c> is the connection the observation belongs to (null for the target's report).
/// </summary>
public sealed record HopUnusable(ProbeSubject Subject, string? Hop, string HopName, string Host, string What, int? Port = null) : Observation(Subject, Hop);

/// <summary>The ProxyCommand exited with an error before SSH got going: it, not the server, closed the connection.</summary>
public sealed record ProxyCommandFailed(ProbeSubject Subject, string CommandLine, int ExitCode, IReadOnlyList<string> Said) : Observation(Subject, null);
