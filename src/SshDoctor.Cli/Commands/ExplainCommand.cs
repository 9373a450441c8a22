using System.CommandLine;
using SshDoctor.Cli.Completion;
using SshDoctor.Cli.Rendering;
using SshDoctor.Diagnosis;
using SshDoctor.Explain;
using SshDoctor.Fixes.Planning;
using SshDoctor.Logs.Input;
using SshDoctor.Reporting;
using SshDoctor.Text;

namespace SshDoctor.Cli.Commands;

/// <summary><c>ssh-doctor explain [--json] [FILE...|-|ID]</c>: diagnose pasted ssh output and server logs, or print one catalogue entry.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Write the report as JSON (schema ssh-doctor/1)." };
        var files = ValueCompletion.DiagnosisIdsOrFiles(new Argument<string[]>("FILE")
        {
            Description = "ssh output (any -v level), sshd/journal log lines, or '-' for standard input (the default). A diagnosis id (e.g. tcp.refused) prints that catalogue entry.",
            Arity = ArgumentArity.ZeroOrMore,
        });
        var fix = new Option<bool>("--fix") { Description = "Also print the plan ssh-doctor fix would apply (plan only: a pasted log is not proof enough to change files)." };
        var command = new Command("explain", "Explain pasted ssh errors, ssh -vvv logs and sshd logs: which stage failed, why, and the fix.")
        {
            json,
            files,
            fix,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var language = CommonOptions.LanguageOf(parse);
            var names = parse.GetValue(files) ?? [];
            var asJson = parse.GetValue(json);
            if (names.Length == 1 && DiagnosisIds.IsKnown(names[0]) && !File.Exists(names[0]))
            {
                return CatalogueEntry.Print(names[0], language, asJson, CommonOptions.UseColor(parse));
            }

            var inputs = ReadInputs(names);
            var result = Explainer.Explain(inputs);
            var report = ExplainReportBuilder.Build(result, language);
            var output = Terminal.StandardOutput(CommonOptions.UseColor(parse));
            if (asJson && !parse.GetValue(fix))
            {
                output.WriteData(ReportJson.Serialize(report));
            }
            else if (!asJson)
            {
                new ConsoleRenderer(output, language).Render(report);
            }

            if (parse.GetValue(fix))
            {
                var context = FixContexts.Client(null, null, null, [], null, Environment.GetEnvironmentVariable);
                var diagnoses = result.Diagnoses;
                return await FixFlow.RunAsync("explain", diagnoses, context, _ => Task.FromResult(diagnoses), new FixSettings(true, false, null, true), null, asJson, CommonOptions.UseColor(parse), language, cancellationToken);
            }

            if (inputs.All(i => i.LooksBinary) && result.Inputs.All(i => i.Events.Count == 0))
            {
                Terminal.StandardError.WriteLine("ssh-doctor: the input does not look like text: nothing to explain.");
                return ExitCodes.UsageOrInput;
            }

            return report.Status == "ok" ? ExitCodes.Ok : ExitCodes.ProblemFound;
        });
        return command;
    }

    private static List<InputText> ReadInputs(string[] names)
    {
        if (names.Length == 0)
        {
            names = ["-"];
        }

        var inputs = new List<InputText>();
        foreach (var name in names)
        {
            if (name == "-")
            {
                if (!Console.IsInputRedirected)
                {
                    Terminal.StandardError.WriteLine("ssh-doctor: paste the error or log, then press Ctrl-D (or pass files).");
                }

                using var stdin = Console.OpenStandardInput();
                inputs.Add(BoundedLineReader.Read("stdin", stdin, InputLimits.Default));
                continue;
            }

            if (string.IsNullOrWhiteSpace(name))
            {
                throw new UsageException("an empty file name: name a log file, or '-' for standard input");
            }

            if (Directory.Exists(name))
            {
                throw new UsageException($"{name} is a directory; pass the log files in it");
            }

            if (!File.Exists(name) && LooksLikeId(name))
            {
                var nearest = NearestWord.Find(name, DiagnosisIds.All.Select(e => e.Id));
                throw new UsageException(nearest is null
                    ? $"{name} is neither a file nor a diagnosis id (ids look like tcp.refused; see docs/diagnoses/)"
                    : $"{name} is neither a file nor a diagnosis id; did you mean {nearest}?  ssh-doctor explain {nearest}");
            }

            try
            {
                inputs.Add(BoundedLineReader.ReadFile(name, InputLimits.Default));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot read {name}: {e.Message}");
            }
        }

        return inputs;
    }

    /// <summary>Lower-case words joined by dots with no path in them, as every diagnosis id is (auth.publickey.server-modes).</summary>
    private static bool LooksLikeId(string name) =>
        name.Contains('.', StringComparison.Ordinal) && !name.EndsWith(".log", StringComparison.Ordinal)
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-');
}
