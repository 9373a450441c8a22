using System.CommandLine;
using SshDoctor.Cli.Completion;
using SshDoctor.Cli.Rendering;

namespace SshDoctor.Cli.Commands;

/// <summary><c>ssh-doctor completion-values destination|diagnosis-id [-- WORD]</c>: one candidate per line (hidden; the scripts call it).</summary>
internal static class CompletionValuesCommand
{
    private static readonly Dictionary<string, Func<string, IEnumerable<string>>> Kinds = new(StringComparer.Ordinal)
    {
        ["destination"] = word => CompletionValues.Destinations(word, CompletionValues.UserHome()),
        ["diagnosis-id"] = CompletionValues.DiagnosisIds,
    };

    public static Command Create()
    {
        var kind = new Argument<string>("kind") { Description = "What to list: destination or diagnosis-id." };
        kind.AcceptOnlyFromAmong([.. Kinds.Keys]);
        var word = new Argument<string>("word") { Description = "The word typed so far.", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "" };
        var command = new Command("completion-values", "List completion candidates (used by the completion scripts).") { kind, word };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            var output = Terminal.StandardOutput(color: false);
            foreach (var value in Kinds[parse.GetValue(kind)!](parse.GetValue(word) ?? ""))
            {
                output.WriteLine(value);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
