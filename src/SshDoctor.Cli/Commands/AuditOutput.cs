using SshDoctor.Cli.Rendering;
using SshDoctor.Localization;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Commands;

/// <summary>Shared ending of check-local and check-server: JSON, or findings by area then the diagnoses; the exit code.</summary>
internal static class AuditOutput
{
    public static int Write(Report report, bool json, bool color, bool verbose, Language language)
    {
        if (json)
        {
            Console.Out.WriteLine(ReportJson.Serialize(report));
        }
        else
        {
            new FindingsRenderer(Console.Out, color, language).Render(report, verbose);
            if (report.Diagnoses.Count > 0)
            {
                new ConsoleRenderer(Console.Out, color, language).Render(report);
            }
            else
            {
                Console.Out.WriteLine(language == Language.Japanese ? "✓ OpenSSH が失敗する原因は見つかりませんでした。" : "✓ Nothing found that makes OpenSSH fail.");
            }
        }

        return report.Status == "ok" ? ExitCodes.Ok : ExitCodes.ProblemFound;
    }
}
