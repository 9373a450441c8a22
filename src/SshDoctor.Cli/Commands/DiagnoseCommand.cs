using System.CommandLine;
using System.Globalization;
using SshDoctor.Cli.Completion;
using SshDoctor.Cli.Rendering;
using SshDoctor.Fixes.Planning;
using SshDoctor.Localization;
using SshDoctor.Probing;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Commands;

/// <summary>
/// <c>ssh-doctor diagnose [--json] [--login] [--with-ssh] [user@]host[:port] [-p PORT] [-l USER] [-i KEY]... [-J HOPS]
/// [-F CONFIG] [-o Option=value]... [--known-hosts FILE] [--agent SOCK|none] [--timeout SECONDS]</c>
/// </summary>
internal static class DiagnoseCommand
{
    public static Command Create()
    {
        var destination = ValueCompletion.Destinations(new Argument<string>("destination") { Description = "[user@]host[:port] or ssh://[user@]host[:port], resolved as your ssh resolves it (ssh -G)." });
        var json = new Option<bool>("--json") { Description = "Write the report as JSON (schema ssh-doctor/1)." };
        var probe = new DiagnoseOptions();
        var fix = new FixOptions();
        var command = new Command("diagnose", "Probe a server stage by stage (config, dns, tcp, banner, kex, hostkey, auth, session) and explain where and why a connection breaks.")
        {
            destination, json,
        };
        foreach (var option in probe.All.Append(fix.Fix).Concat(fix.Modifiers))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            fix.RequireFixFor(parse);
            var language = CommonOptions.LanguageOf(parse);
            var request = probe.Request(parse, parse.GetValue(destination)!);
            var asJson = parse.GetValue(json);
            var color = CommonOptions.UseColor(parse);
            var (code, target, diagnoses) = await RunAsync(request, asJson && !parse.GetValue(fix.Fix), color, language, quiet: asJson, cancellationToken);
            if (!parse.GetValue(fix.Fix))
            {
                return code;
            }

            var settings = fix.Settings(parse);
            var context = FixContexts.Client(null, target, request.ConfigFile, request.IdentityFiles, settings.ExpectFingerprint, Environment.GetEnvironmentVariable);
            return await FixFlow.RunAsync("diagnose", diagnoses, context, ct => FixCommand.ProbeAgainAsync(request, ct), settings, null, asJson, color, language, cancellationToken);
        });
        return command;
    }

    /// <summary>Probes and prints the report (as JSON with <paramref name="asJson"/>, nothing with <paramref name="quiet"/> alone); the exit code, the target and the diagnoses.</summary>
    private static async Task<(int Code, ProbeTarget Target, IReadOnlyList<Diagnosis.Diagnosis> Diagnoses)> RunAsync(DiagnoseRequest request, bool asJson, bool color, Language language, bool quiet, CancellationToken cancellationToken)
    {
        var text = DiagnoseText.For(language);
        var output = Terminal.StandardOutput(color);
        var run = await DiagnoseRun.RunAsync(request, target => asJson || quiet ? null : Started(target, output, text), cancellationToken);
        var report = run.Report(language);
        if (asJson)
        {
            output.WriteData(ReportJson.Serialize(report));
        }
        else if (!quiet)
        {
            output.WriteLine();
            RenderKeys(report, text, output);
            if (report.Diagnoses.Count == 0 && report.Status == "ok")
            {
                output.WriteLine(output.Paint("✓ " + text.AllPassed, Style.Good));
            }
            else if (report.Diagnoses.Count == 0)
            {
                // A stage failed in a way no catalogue entry describes: say so plainly rather than "nothing wrong".
                // The target's stages are also its session's timeline: each failure once.
                foreach (var failed in report.Stages.Concat(report.Sessions?.SelectMany(s => s.Timeline) ?? []).Where(s => s.Status == "failed").DistinctBy(s => (s.Stage, s.Detail)))
                {
                    output.WriteLine(output.Paint($"✗ {failed.Stage}: {text.StageDetail(failed.Detail)}", Style.Failed));
                }
            }
            else
            {
                new ConsoleRenderer(output, language).Render(new Report { Command = report.Command, Status = report.Status, Diagnoses = report.Diagnoses });
            }
        }

        return (report.Status == "ok" ? ExitCodes.Ok : ExitCodes.ProblemFound, run.Target, run.Diagnoses);
    }

    /// <summary>The line naming what is diagnosed, and the live stage lines that follow it.</summary>
    private static LiveStageRenderer Started(ProbeTarget target, Terminal output, DiagnoseText text)
    {
        var via = target.Jumps.Count == 0 ? "" : $" {text.Via} {string.Join(",", target.Jumps)}";
        output.WriteLine($"{text.Diagnosing} {target.User}@{target.HostName}:{target.Port.ToString(CultureInfo.InvariantCulture)}{via}");
        return new LiveStageRenderer(output, Terminal.OutputIsTerminal, text);
    }

    private static void RenderKeys(Report report, DiagnoseText text, Terminal output)
    {
        foreach (var session in report.Sessions ?? [])
        {
            var prefix = session.Role == "target" ? "" : $"[{session.Role}] ";
            if (session.MethodsThatCanContinue.Count > 0)
            {
                output.WriteLine($"  {prefix}{text.ServerAllows}: {string.Join(",", session.MethodsThatCanContinue)}");
            }

            foreach (var key in session.Keys)
            {
                var mark = key.Result switch
                {
                    "accepted" => output.Paint("✓", Style.Good),
                    "rejected" => output.Paint("✗", Style.Bad),
                    _ => output.Paint("·", null),
                };
                output.WriteLine($"  {prefix}{mark} {text.Keys}: {key.Identity} {key.Type} {key.Fingerprint} → {text.KeyResult(key.Result)}{(string.IsNullOrEmpty(key.Detail) ? "" : $" ({text.KeyDetail(key.Detail)})")}");
            }
        }

        if (report.Sessions?.Any(s => s.Keys.Count > 0 || s.MethodsThatCanContinue.Count > 0) == true)
        {
            output.WriteLine();
        }
    }
}
