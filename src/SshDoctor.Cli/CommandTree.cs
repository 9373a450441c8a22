using System.CommandLine;
using SshDoctor.Cli.Commands;

namespace SshDoctor.Cli;

/// <summary>
/// Every command and option of the CLI, defined once: the parser, <c>--help</c>, the shell completions and the man page
/// are all made from this tree.
/// </summary>
internal static class CommandTree
{
    public const string Summary = "ssh-doctor: finds which stage of an SSH connection broke, proves why, and says how to fix it.";

    public static RootCommand Create(TimeProvider clock)
    {
        var root = new RootCommand(Summary);
        root.Options.Add(CommonOptions.Lang);
        root.Options.Add(CommonOptions.NoColor);
        root.Subcommands.Add(DiagnoseCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(LogsCommand.Create(clock));
        root.Subcommands.Add(CheckLocalCommand.Create());
        root.Subcommands.Add(CheckServerCommand.Create());
        root.Subcommands.Add(ScanCommand.Create(clock));
        root.Subcommands.Add(FixCommand.Create());
        root.Subcommands.Add(UndoCommand.Create());
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(CompletionCommand.Create());
        root.Subcommands.Add(CompletionValuesCommand.Create());
        root.Subcommands.Add(ManPageCommand.Create());
        VersionCommand.ReplaceVersionOption(root);
        return root;
    }
}
