using System.CommandLine;
using SshDoctor.Audit;
using SshDoctor.Audit.Local;
using SshDoctor.Audit.Server;
using SshDoctor.Cli.Completion;
using SshDoctor.Diagnosis;
using SshDoctor.Fixes;
using SshDoctor.Fixes.Planning;
using SshDoctor.Localization;
using SshDoctor.Probing;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Commands;

/// <summary>
/// <c>ssh-doctor fix [ID] [destination and diagnose's options] [--dry-run] [--yes] [--expect-fingerprint FP] [--home DIR]
/// [--root DIR] [--user NAME]... [--json]</c>. With a destination: the probe finds the problems; without one: the client
/// audit (check-local), or with --root (or a server-side ID) the server audit of that tree. Then <see cref="FixFlow"/>.
/// </summary>
internal static class FixCommand
{
    public static Command Create()
    {
        var words = ValueCompletion.DiagnosisIdsOrDestinations(new Argument<string[]>("ID-or-destination")
        {
            Description = "A diagnosis id to fix only that one (e.g. hostkey.changed), then [user@]host[:port] as for diagnose. Without a destination the client's ~/.ssh is audited (check-local), or with --root the server tree (check-server).",
            Arity = new ArgumentArity(0, 2),
        });
        var json = new Option<bool>("--json") { Description = "Write the plan and the outcome as JSON (schema ssh-doctor-fix/1)." };
        var home = ValueCompletion.Directories(new Option<string?>("--home") { HelpName = "DIR", Description = "Fix this home directory's ~/.ssh instead of yours (records go to its ~/.local/state/ssh-doctor unless XDG_STATE_HOME is set)." });
        var root = ValueCompletion.Directories(new Option<string?>("--root") { HelpName = "DIR", Description = "Server side: fix the prepared tree DIR instead of / (records under DIR/var/lib/ssh-doctor)." });
        var users = new Option<string[]>("--user") { Description = "Server side: the account to check and fix (repeatable), as check-server --user." };
        var sshdConfig = ValueCompletion.Files(new Option<string?>("--sshd-config") { HelpName = "FILE", Description = "Server side: sshd_config to check (default /etc/ssh/sshd_config)." });
        var probe = new DiagnoseOptions();
        var fix = new FixOptions();
        var command = new Command("fix", "Apply the automatic fixes for what diagnose (or check-local / check-server) finds: shows the plan (diffs, mode and owner changes, commands, why), asks once, applies safely, re-checks. ssh-doctor undo puts it back.")
        {
            words, json, home, root, users, sshdConfig,
        };
        foreach (var option in probe.All.Concat(fix.Modifiers))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var language = CommonOptions.LanguageOf(parse);
            var asJson = parse.GetValue(json);
            var color = CommonOptions.UseColor(parse);
            var settings = fix.Settings(parse);
            var (id, destination) = Split(parse.GetValue(words) ?? []);
            if (destination is not null)
            {
                var request = probe.Request(parse, destination);
                var (target, found) = await ProbeAsync(request, cancellationToken);
                var diagnoses = FixSources.WithNamed(found, id, target);
                var homeDir = parse.GetValue(home) is { } h ? Path.GetFullPath(h) : null;
                var context = Client(() => FixContexts.Client(homeDir, target, request.ConfigFile, request.IdentityFiles, settings.ExpectFingerprint, Environment.GetEnvironmentVariable));
                return await FixFlow.RunAsync("fix", diagnoses, context, ct => ProbeAgainAsync(request, ct), settings, id, asJson, color, language, cancellationToken);
            }

            if (parse.GetValue(root) is not null || (id is not null && FixRegistry.IsServerSide(id)) || (parse.GetValue(users) ?? []).Length > 0)
            {
                var server = CheckServerCommand.Context(parse.GetValue(users) ?? [], null, parse.GetValue(sshdConfig), parse.GetValue(root), null);
                var found = AuditRunner.Run(ServerChecks.All, server, EvidenceSource.Server);
                return await FixServerAsync("fix", server, found.Diagnoses, settings, id, asJson, color, language, cancellationToken);
            }

            var local = CheckLocalCommand.Context(parse.GetValue(home), null, null);
            var audit = AuditRunner.Run(LocalChecks.All, local, EvidenceSource.Local);
            return await FixLocalAsync("fix", local, audit.Diagnoses, settings, id, asJson, color, language, cancellationToken);
        });
        return command;
    }

    /// <summary>check-local --fix and fix without a destination: client fixes, re-checked by the same audit.</summary>
    public static Task<int> FixLocalAsync(string command, LocalContext local, IReadOnlyList<Diagnosis.Diagnosis> diagnoses, FixSettings settings, string? id, bool json, bool color, Language language, CancellationToken cancellationToken)
    {
        if (local.Rooted)
        {
            throw new UsageException("--fix changes real files: it does not go with --root (an audited tree) on the client side");
        }

        var context = Client(() => FixContexts.Client(local.Home, null, null, [], settings.ExpectFingerprint, Environment.GetEnvironmentVariable));
        return FixFlow.RunAsync(command, diagnoses, context, _ => Task.FromResult(AuditRunner.Run(LocalChecks.All, Fresh(local), EvidenceSource.Local).Diagnoses), settings, id, json, color, language, cancellationToken);
    }

    /// <summary>check-server --fix: server fixes (as root, or in a --root tree), re-checked by the same audit.</summary>
    public static Task<int> FixServerAsync(string command, ServerContext server, IReadOnlyList<Diagnosis.Diagnosis> diagnoses, FixSettings settings, string? id, bool json, bool color, Language language, CancellationToken cancellationToken)
    {
        var root = server.Rooted ? server.Fs.Map("/").TrimEnd('/') : null;
        var context = FixContexts.Server(root, server.ConfigPath, server.Fail2banSocket);
        return FixFlow.RunAsync(command, diagnoses, context, _ => Task.FromResult(AuditRunner.Run(ServerChecks.All, Fresh(server), EvidenceSource.Server).Diagnoses), settings, id, json, color, language, cancellationToken);
    }

    /// <summary>The probe without live output: the target as ssh resolves it and what was found.</summary>
    public static async Task<(ProbeTarget Target, IReadOnlyList<Diagnosis.Diagnosis> Diagnoses)> ProbeAsync(DiagnoseRequest request, CancellationToken cancellationToken)
    {
        var run = await DiagnoseRun.RunAsync(request, null, cancellationToken);
        return (run.Target, run.Diagnoses);
    }

    /// <summary>The re-check after a fix: the destination resolved again (a config edit changes it) and probed again.</summary>
    public static async Task<IReadOnlyList<Diagnosis.Diagnosis>> ProbeAgainAsync(DiagnoseRequest request, CancellationToken cancellationToken) =>
        (await ProbeAsync(request, cancellationToken)).Diagnoses;

    /// <summary>ID first when it is a diagnosis id with an automatic fix; the rest is the destination.</summary>
    private static (string? Id, string? Destination) Split(string[] words)
    {
        if (words.Length == 0)
        {
            return (null, null);
        }

        if (DiagnosisIds.IsKnown(words[0]))
        {
            if (FixRegistry.For(words[0]) is null)
            {
                throw new UsageException($"{words[0]} has no automatic fix; ssh-doctor explain {words[0]} shows what to do by hand");
            }

            return (words[0], words.Length > 1 ? words[1] : null);
        }

        return words.Length == 1 ? (null, words[0]) : throw new UsageException($"{words[0]} is not a diagnosis id (ssh-doctor fix [ID] [destination])");
    }

    private static FixContext Client(Func<FixContext> make)
    {
        try
        {
            return make();
        }
        catch (FixInputException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>A client audit context like <paramref name="local"/> with nothing cached (keys and config are read again).</summary>
    private static LocalContext Fresh(LocalContext local) => new()
    {
        Rooted = local.Rooted,
        OwnHome = local.OwnHome,
        Fs = local.Fs,
        Programs = local.Programs,
        Home = local.Home,
        Uid = local.Uid,
        Users = local.Users,
        DebianRules = local.DebianRules,
        Environment = local.Environment,
    };

    /// <summary>A server audit context like <paramref name="server"/> with nothing cached (the fix changed the files it read).</summary>
    private static ServerContext Fresh(ServerContext server) => new()
    {
        Fs = server.Fs,
        Programs = server.Programs,
        ConfigPath = server.ConfigPath,
        UserNames = server.UserNames,
        ClientIp = server.ClientIp,
        IsRoot = server.IsRoot,
        Rooted = server.Rooted,
        DebianRules = server.DebianRules,
        Fail2banSocket = server.Fail2banSocket,
        LogSummarizer = server.LogSummarizer,
    };
}
