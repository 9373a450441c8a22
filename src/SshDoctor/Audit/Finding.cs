namespace SshDoctor.Audit;

/// <summary>
/// One thing an audit saw, about one file (and line) when there is one. <see cref="Code"/> names the text in
/// <see cref="FindingTexts"/>; <see cref="Values"/> fill its placeholders. <see cref="DiagnosisId"/> is set on problems.
/// </summary>
public sealed record Finding(
    string Area,
    FindingSeverity Severity,
    string Code,
    IReadOnlyDictionary<string, string> Values,
    string? Where = null,
    string? DiagnosisId = null);
