using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Localization;

namespace SshDoctor.Reporting;

/// <summary>Turns diagnoses into the report contract, with the catalogue's texts in the chosen language.</summary>
public static class ReportBuilder
{
    public static IReadOnlyList<DiagnosisReport> Describe(IEnumerable<Diagnosis.Diagnosis> diagnoses, Language language) =>
        DiagnosisOrder.RootCauseFirst(diagnoses).Select(d => Describe(d, language)).ToList();

    public static DiagnosisReport Describe(Diagnosis.Diagnosis diagnosis, Language language)
    {
        var text = DiagnosisCatalogue.Get(diagnosis.Id, language);
        return new DiagnosisReport
        {
            Id = diagnosis.Id,
            Stage = diagnosis.Stage.ToJson(),
            Certainty = diagnosis.Certainty.ToJson(),
            Title = Template.Fill(text.Title, diagnosis.Values),
            Explanation = Template.Fill(text.Explanation, diagnosis.Values),
            Hop = diagnosis.Hop,
            Evidence = diagnosis.Evidence
                .Select(e => new EvidenceReport { Source = e.Source.ToJson(), Text = Redaction.Redact(e.Text), Where = e.Where })
                .ToList(),
            Fixes = FixesFor(text, diagnosis)
                .Select(f => new FixReport
                {
                    Summary = Template.Fill(f.Summary, diagnosis.Values),
                    // The automatic fix prints the command built by its implementation from the same values (Fixes/).
                    Command = Routed((f.Automatic ? Fixes.FixRegistry.PrintedCommand(diagnosis) : null)
                        ?? (f.Command is null ? null : Template.FillCommand(f.Command, diagnosis.Values)), diagnosis.Values),
                    Automatic = f.Automatic,
                })
                .ToList(),
            Alternatives = diagnosis.Alternatives,
            Values = diagnosis.Values,
        };
    }

    /// <summary>The Windows fixes when the diagnosis is about a Windows path and the catalogue has them.</summary>
    private static IReadOnlyList<FixText> FixesFor(KnowledgeText text, Diagnosis.Diagnosis diagnosis) =>
        text.OnWindows is { } onWindows && CommandValues.Paths.Any(name => diagnosis.Values.TryGetValue(name, out var path) && WindowsPaths.IsWindowsPath(path))
            ? onWindows
            : text.Fixes;

    /// <summary>A command with the way to the host (jump hosts) the diagnosis was found on.</summary>
    private static string? Routed(string? command, IReadOnlyDictionary<string, string> values) =>
        command is null ? null : CommandRoute.Apply(command, values);

    public static string StatusOf(IReadOnlyCollection<DiagnosisReport> diagnoses) =>
        diagnoses.Any(d => d.Id != DiagnosisIds.Ok && !DiagnosisIds.IsHint(d.Id)) ? "problem" : "ok";
}
