using System.CommandLine;
using SshDoctor.Audit;
using SshDoctor.Audit.Local;
using SshDoctor.Cli.Completion;
using SshDoctor.Diagnosis;

namespace SshDoctor.Cli.Commands;

/// <summary><c>ssh-doctor check-local [--json] [--home DIR] [--user NAME] [--root DIR]</c>: audit the client side (~/.ssh, keys, config, known_hosts, agent).</summary>
internal static class CheckLocalCommand
{
    /// <summary>The audit's view of the client: --home, --user, --root applied as ssh would take them.</summary>
    public static LocalContext Context(string? homeOption, string? name, string? rootOption)
    {
        var rootDir = AuditPaths.Root(rootOption);
        var fs = new RootedFileSystem(rootDir);
        var users = UserDatabase.Load(fs);
        var uid = NativeUnix.GetUid();
        var homeDir = AuditPaths.Home(homeOption, rootDir);
        if (name is not null)
        {
            var entry = users.User(name) ?? throw new UsageException(users.PasswdUnread
                ? $"cannot look up {name}: {fs.Map("/etc/passwd")} was not read ({users.PasswdRead!.Reason})"
                : $"no user {name} in {fs.Map("/etc/passwd")}");
            uid = entry.Uid;
            homeDir ??= entry.Home;
        }

        // OpenSSH takes the home from the passwd entry, not $HOME (readconf.c); $HOME only when there is no entry.
        homeDir ??= users.User(uid)?.Home ?? Environment.GetEnvironmentVariable("HOME") ?? throw new UsageException("cannot tell the home directory: pass --home");
        AuditPaths.RequireDirectory(fs, homeDir, homeOption is not null ? "--home" : "the home directory");
        return new LocalContext
        {
            Rooted = rootDir is not null,
            OwnHome = rootDir is null && homeDir == users.User(NativeUnix.GetUid())?.Home,
            Fs = fs,
            Programs = new ProgramRunner(),
            Home = homeDir,
            Uid = uid,
            Users = users,
            DebianRules = SecurePermissions.DebianRules(fs),
            Environment = Environment.GetEnvironmentVariable,
        };
    }

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Write the report as JSON (schema ssh-doctor/1)." };
        var home = ValueCompletion.Directories(new Option<string?>("--home") { HelpName = "DIR", Description = "Audit this home directory instead of the user's (from the passwd entry)." });
        var user = new Option<string?>("--user") { HelpName = "USER", Description = "Audit this account: its passwd home, and its uid for OpenSSH's owner rules." };
        var root = ValueCompletion.Directories(new Option<string?>("--root") { HelpName = "DIR", Description = "Read every path below DIR (a prepared tree), not from /." });
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also list what is fine." };
        var command = new Command("check-local", "Audit the client: ~/.ssh modes and owners (OpenSSH's exact rules), keys, ~/.ssh/config, known_hosts and the agent.")
        {
            json, home, user, root, verbose,
        };
        var fix = new FixOptions();
        command.Options.Add(fix.Fix);
        foreach (var option in fix.Modifiers)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            fix.RequireFixFor(parse);
            var language = CommonOptions.LanguageOf(parse);
            var context = Context(parse.GetValue(home), parse.GetValue(user), parse.GetValue(root));
            var result = AuditRunner.Run(LocalChecks.All, context, EvidenceSource.Local);
            var report = AuditReportBuilder.Build("check-local", result, language);
            var asJson = parse.GetValue(json);
            if (!parse.GetValue(fix.Fix))
            {
                return AuditOutput.Write(report, asJson, CommonOptions.UseColor(parse), parse.GetValue(verbose), language);
            }

            if (!asJson)
            {
                _ = AuditOutput.Write(report, asJson, CommonOptions.UseColor(parse), parse.GetValue(verbose), language);
            }

            return await FixCommand.FixLocalAsync("check-local", context, result.Diagnoses, fix.Settings(parse), null, asJson, CommonOptions.UseColor(parse), language, cancellationToken);
        });
        return command;
    }
}
