using System.CommandLine;
using SshDoctor.Cli;
using SshDoctor.Cli.Launch;
using SshDoctor.Cli.Rendering;

CheckoutFreshness.HandOverIfStale(args);
// The CLI's one clock: every command reads the time from it, the library from what a command hands it.
var root = CommandTree.Create(TimeProvider.System);
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
