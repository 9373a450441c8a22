namespace SshDoctor.Audit;

/// <summary>What an audit found: the diagnoses (OpenSSH would fail) and every finding, grouped by area in run order.</summary>
public sealed record AuditResult(IReadOnlyList<Diagnosis.Diagnosis> Diagnoses, IReadOnlyList<Finding> Findings);
