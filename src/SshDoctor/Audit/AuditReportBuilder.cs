using SshDoctor.Localization;
using SshDoctor.Reporting;

namespace SshDoctor.Audit;

/// <summary>Turns an audit into the report contract: the diagnoses (root cause first) and the findings by area.</summary>
public static class AuditReportBuilder
{
    public static Report Build(string command, AuditResult result, Language language)
    {
        var diagnoses = ReportBuilder.Describe(result.Diagnoses, language);
        return new Report
        {
            Command = command,
            Status = ReportBuilder.StatusOf(diagnoses),
            Language = language == Language.Japanese ? "ja" : "en",
            Diagnoses = diagnoses,
            Findings = result.Findings.Select(f => new FindingReport
            {
                Area = f.Area,
                Severity = f.Severity.ToJson(),
                Code = f.Code,
                Text = FindingTexts.Text(f, language),
                Where = f.Where,
                Id = f.DiagnosisId,
            }).ToList(),
        };
    }
}
