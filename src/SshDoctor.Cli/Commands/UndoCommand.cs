using System.CommandLine;
using SshDoctor.Cli.Completion;
using SshDoctor.Cli.Rendering;
using SshDoctor.Fixes;
using SshDoctor.Fixes.Applying;
using SshDoctor.Fixes.Planning;
using SshDoctor.Fixes.Records;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Commands;

/// <summary>
/// <c>ssh-doctor undo [--list] [RECORD] [--force] [--home DIR] [--root DIR] [--json]</c>: reverses the last applied fix
/// (or RECORD) file by file; refuses, naming the file, where a file changed since the fix, unless --force.
/// </summary>
internal static class UndoCommand
{
    public static Command Create()
    {
        var record = new Argument<string?>("RECORD") { Description = "The record to undo (ssh-doctor undo --list shows them); default: the last applied fix.", Arity = ArgumentArity.ZeroOrOne };
        var list = new Option<bool>("--list") { Description = "List the records, newest first." };
        var force = new Option<bool>("--force") { Description = "Put the old content back even where a file changed since the fix." };
        var json = new Option<bool>("--json") { Description = "Write the result as JSON (schema ssh-doctor-fix/1)." };
        var home = ValueCompletion.Directories(new Option<string?>("--home") { HelpName = "DIR", Description = "The home whose records to use (as given to fix --home)." });
        var root = ValueCompletion.Directories(new Option<string?>("--root") { HelpName = "DIR", Description = "Server side: the records of fixes made in this tree (fix --root, check-server --fix --root); as root without it, /var/lib/ssh-doctor." });
        var server = new Option<bool>("--server") { Description = "The records of server-side fixes (/var/lib/ssh-doctor)." };
        var command = new Command("undo", "Put back what ssh-doctor fix changed: the last fix, or a named record; refuses where a file changed since, unless --force.")
        {
            record, list, force, json, home, root, server,
        };
        command.SetAction(parse =>
        {
            var language = CommonOptions.LanguageOf(parse);
            var output = Terminal.StandardOutput(CommonOptions.UseColor(parse));
            var renderer = new FixRenderer(output, language);
            FixContext context;
            try
            {
                context = parse.GetValue(root) is not null || parse.GetValue(server)
                    ? FixContexts.Server(parse.GetValue(root) is { } r ? AuditPaths.Root(r) : null, "/etc/ssh/sshd_config", null)
                    : FixContexts.Client(parse.GetValue(home) is { } h ? Path.GetFullPath(h) : null, null, null, [], null, Environment.GetEnvironmentVariable);
            }
            catch (FixInputException e)
            {
                throw new UsageException(e.Message);
            }

            UndoReport report;
            int code;
            if (parse.GetValue(list))
            {
                report = FixReportBuilder.List(new RecordStore(context.StateDirectory).List());
                code = ExitCodes.Ok;
            }
            else
            {
                var result = FixUndoer.Undo(context, parse.GetValue(record), parse.GetValue(force));
                report = FixReportBuilder.Undo(result);
                code = result.Error is null ? ExitCodes.Ok : result.Record is null ? ExitCodes.UsageOrInput : ExitCodes.ProblemFound;
            }

            if (parse.GetValue(json))
            {
                output.WriteData(FixReportJson.Serialize(report));
            }
            else
            {
                renderer.RenderUndo(report);
            }

            return code;
        });
        return command;
    }
}
