using System.CommandLine;
using SshDoctor.Cli;
using SshDoctor.Cli.Commands;
using SshDoctor.Cli.Rendering;

var root = new RootCommand("ssh-doctor: finds which stage of an SSH connection broke, proves why, and says how to fix it.");
root.Options.Add(CommonOptions.Lang);
root.Options.Add(CommonOptions.NoColor);
root.Subcommands.Add(DiagnoseCommand.Create());
root.Subcommands.Add(ExplainCommand.Create());
root.Subcommands.Add(LogsCommand.Create());
root.Subcommands.Add(CheckLocalCommand.Create());
root.Subcommands.Add(CheckServerCommand.Create());
root.Subcommands.Add(FixCommand.Create());
root.Subcommands.Add(UndoCommand.Create());

var parse = root.Parse(args);
var stderr = Terminal.StandardError;
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        stderr.WriteLine($"ssh-doctor: {error.Message}");
    }

    stderr.WriteLine("Try 'ssh-doctor --help'.");
    return ExitCodes.UsageOrInput;
}

try
{
    return await parse.InvokeAsync(new InvocationConfiguration
    {
        EnableDefaultExceptionHandler = false,
        Output = Terminal.HelpWriter,
        Error = Terminal.HelpWriter,
    });
}
catch (UsageException e)
{
    stderr.WriteLine($"ssh-doctor: {e.Message}");
    return ExitCodes.UsageOrInput;
}
catch (Exception e)
{
    stderr.WriteLine($"ssh-doctor: internal error: {e.Message}");
    stderr.WriteLine("This is a bug in ssh-doctor; please report it with the command you ran.");
    return ExitCodes.Internal;
}
finally
{
    Terminal.FlushStandardStreams();
}
