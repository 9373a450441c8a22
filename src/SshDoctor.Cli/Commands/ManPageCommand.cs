using System.CommandLine;
using SshDoctor.Cli.Completion;
using SshDoctor.Cli.Manual;
using SshDoctor.Cli.Rendering;

namespace SshDoctor.Cli.Commands;

/// <summary><c>ssh-doctor manpage [--lang ja]</c>: prints ssh-doctor(1) in roff (hidden; the package build calls it).</summary>
internal static class ManPageCommand
{
    public static Command Create()
    {
        var command = new Command("manpage", "Print the ssh-doctor(1) manual page in roff (used by the package build).") { Hidden = true };
        command.SetAction(parse =>
        {
            var model = CommandModel.Of((RootCommand)parse.RootCommandResult.Command);
            Terminal.StandardOutput(color: false).WriteData(ManPage.Generate(model, CommonOptions.LanguageOf(parse)).TrimEnd('\n'));
            return ExitCodes.Ok;
        });
        return command;
    }
}
