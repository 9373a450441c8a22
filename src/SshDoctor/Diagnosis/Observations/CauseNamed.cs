namespace SshDoctor.Diagnosis.Observations;

/// <summary>
/// The user names the cause <see cref="Id"/> for the destination (<c>ssh-doctor fix ID DESTINATION</c>): a failure no
/// check can provoke on demand, such as a session the network drops an hour later. Judged by <see cref="Rules.NamedCauseRule"/>.
/// </summary>
public sealed record CauseNamed(ProbeSubject Subject, string Id) : Observation(Subject, null);
