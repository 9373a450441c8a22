using SshDoctor.Cli.Rendering;
using SshDoctor.Localization;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Commands;

/// <summary><c>ssh-doctor explain ID</c>: one catalogue entry, as text or as the JSON contract.</summary>
internal static class CatalogueEntry
{
    public static int Print(string id, Language language, bool json, bool color)
    {
        var diagnosis = SshDoctor.Diagnosis.Diagnosis.Create(id, SshDoctor.Diagnosis.Certainty.Possible, []);
        var described = ReportBuilder.Describe(diagnosis, language);
        var report = new Report
        {
            Command = "explain",
            Status = "ok",
            Language = language == Language.Japanese ? "ja" : "en",
            Diagnoses = [described],
        };
        var output = Terminal.StandardOutput(color);
        if (json)
        {
            output.WriteData(ReportJson.Serialize(report));
        }
        else
        {
            new ConsoleRenderer(output, language).RenderEntry(described);
        }

        return ExitCodes.Ok;
    }
}
