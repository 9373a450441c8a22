namespace SshDoctor.Probing.UserSsh;

/// <summary>What <see cref="UserSshRun"/> found: the diagnoses explain read from ssh's output, the output and the arguments ssh ran with.</summary>
public sealed record UserSshResult(IReadOnlyList<Diagnosis.Diagnosis> Diagnoses, string Log, IReadOnlyList<string> Arguments);
