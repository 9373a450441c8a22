namespace SshDoctor.Diagnosis.Observations;

/// <summary>
/// A name on the command line that ssh refuses before it reads any configuration (<c>ssh_valid_hostname</c>,
/// <c>ssh_valid_ruser</c>, a -J hop): <see cref="What"/> names which, <see cref="Message"/> is ssh's own words.
/// </summary>
public sealed record NameRefused(ProbeSubject Subject, string? Hop, string What, string Name, string Message) : Observation(Subject, Hop);

/// <summary><c>ssh -G</c> stopped at the configuration and printed nothing a signature knows (<see cref="Error"/>: what it printed).</summary>
public sealed record ConfigStopped(ProbeSubject Subject, string? Hop, string? Error) : Observation(Subject, Hop);
