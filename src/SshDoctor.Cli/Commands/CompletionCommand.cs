using System.CommandLine;
using SshDoctor.Cli.Completion;
using SshDoctor.Cli.Rendering;

namespace SshDoctor.Cli.Commands;

/// <summary>
/// <c>ssh-doctor completion bash|zsh|fish</c>: prints the completion script for the shell, made from the command tree.
/// The hidden <c>completion-values KIND [-- WORD]</c> is what those scripts call for the values only the program knows.
/// </summary>
internal static class CompletionCommand
{
    private static readonly Dictionary<string, Func<CommandModel, string>> Generators = new(StringComparer.Ordinal)
    {
        ["bash"] = BashScript.Generate,
        ["zsh"] = ZshScript.Generate,
        ["fish"] = FishScript.Generate,
    };

    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "The shell to print the completion script for: bash, zsh or fish." };
        shell.AcceptOnlyFromAmong([.. Generators.Keys]);
        var command = new Command("completion", "Print the shell completion script for bash, zsh or fish (commands, options, destinations from ~/.ssh/config and known_hosts, diagnosis ids).")
        {
            shell,
        };
        command.SetAction(parse =>
        {
            var model = CommandModel.Of((RootCommand)parse.RootCommandResult.Command);
            Terminal.StandardOutput(color: false).WriteData(Generators[parse.GetValue(shell)!](model).TrimEnd('\n'));
            return ExitCodes.Ok;
        });
        return command;
    }
}
