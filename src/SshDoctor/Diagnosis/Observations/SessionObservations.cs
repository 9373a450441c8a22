namespace SshDoctor.Diagnosis.Observations;

/// <summary>--login: logged in, and the server refused the session channel.</summary>
public sealed record SessionRefused(ProbeSubject Subject, string? Hop, string ReasonName, string Description) : Observation(Subject, Hop);

/// <summary>--login: what running <c>true</c> showed: whether the server started it, what it wrote on stderr, its exit status.</summary>
public sealed record SessionRan(ProbeSubject Subject, string? Hop, bool Started, string Stderr, uint? ExitStatus) : Observation(Subject, Hop);

/// <summary>--login: logged in, but the session did not complete while <see cref="Doing"/>: the probe's deadline or the connection ended.</summary>
public sealed record SessionEnded(ProbeSubject Subject, string? Hop, Ssh.ProbeFailure Failure, string Doing, TimeSpan Timeout) : Observation(Subject, Hop);
