using SshDoctor.Cli.Rendering;
using SshDoctor.Localization;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Commands;

/// <summary>Shared ending of check-local and check-server: JSON, or findings by area then the diagnoses; the exit code.</summary>
internal static class AuditOutput
{
    public static int Write(Report report, bool json, bool color, bool verbose, Language language)
    {
        var output = Terminal.StandardOutput(color);
        if (json)
        {
            output.WriteData(ReportJson.Serialize(report));
        }
        else
        {
            new FindingsRenderer(output, language).Render(report, verbose);
            if (report.Diagnoses.Count > 0)
            {
                new ConsoleRenderer(output, language).Render(report);
            }
            else
            {
                output.WriteLine(language == Language.Japanese ? "✓ OpenSSH が失敗する原因は見つかりませんでした。" : "✓ Nothing found that makes OpenSSH fail.");
            }
        }

        return report.Status == "ok" ? ExitCodes.Ok : ExitCodes.ProblemFound;
    }
}
