namespace SshDoctor.Fixes.Planning;

/// <summary>A diagnosis whose automatic fix is not planned, and why; <see cref="BadInput"/> when a file is the reason (exit 2).</summary>
public sealed record FixRefusal(Diagnosis.Diagnosis Diagnosis, string Reason, bool BadInput = false);
