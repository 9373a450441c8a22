using System.CommandLine;
using SshDoctor.Cli;
using SshDoctor.Cli.Commands;

var root = new RootCommand("ssh-doctor: finds which stage of an SSH connection broke, proves why, and says how to fix it.");
root.Options.Add(CommonOptions.Lang);
root.Options.Add(CommonOptions.NoColor);
root.Subcommands.Add(DiagnoseCommand.Create());
root.Subcommands.Add(ExplainCommand.Create());
root.Subcommands.Add(LogsCommand.Create());
root.Subcommands.Add(CheckLocalCommand.Create());
root.Subcommands.Add(CheckServerCommand.Create());

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"ssh-doctor: {error.Message}");
    }

    Console.Error.WriteLine("Try 'ssh-doctor --help'.");
    return ExitCodes.UsageOrInput;
}

try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (UsageException e)
{
    Console.Error.WriteLine($"ssh-doctor: {e.Message}");
    return ExitCodes.UsageOrInput;
}
catch (Exception e)
{
    Console.Error.WriteLine($"ssh-doctor: internal error: {e.Message}");
    Console.Error.WriteLine("This is a bug in ssh-doctor; please report it with the command you ran.");
    return ExitCodes.Internal;
}
