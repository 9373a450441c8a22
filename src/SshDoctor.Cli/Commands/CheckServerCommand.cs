using System.CommandLine;
using System.Net;
using SshDoctor.Audit;
using SshDoctor.Audit.Server;
using SshDoctor.Audit.Server.Log;
using SshDoctor.Cli.Completion;
using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;

namespace SshDoctor.Cli.Commands;

/// <summary>
/// <c>ssh-doctor check-server [--json] [--user NAME]... [--client-ip IP] [--sshd-config FILE] [--root DIR]</c>: audit
/// the server this runs on. Read-only: nothing is started, stopped or changed.
/// </summary>
internal static class CheckServerCommand
{
    /// <summary>The audit's view of the server: the accounts, client address, sshd_config and tree asked for, checked first (exit 2).</summary>
    public static ServerContext Context(IReadOnlyList<string> userNames, string? ip, string? configOption, string? rootOption, string? fail2banSocket)
    {
        if (ip is not null && !IPAddress.TryParse(ip, out _))
        {
            throw new UsageException($"--client-ip {ip} is not an IP address");
        }

        // The names go into sshd -T -C user=NAME,… and into printed commands: refuse what no account can be called.
        foreach (var name in userNames)
        {
            if (!AccountNames.IsPlausible(name))
            {
                throw new UsageException($"--user {name}: not a name an account can have (letters, digits, '.', '_', '-', '@', '\\', a final '$')");
            }
        }

        var rootDir = AuditPaths.Root(rootOption);
        var fs = new RootedFileSystem(rootDir);
        var configPath = AuditPaths.SshdConfig(configOption, rootDir);
        if (configOption is not null)
        {
            AuditPaths.RequireFile(fs, configPath, "--sshd-config");
        }

        return new ServerContext
        {
            Fs = fs,
            Programs = new ProgramRunner(),
            ConfigPath = configPath,
            UserNames = userNames,
            ClientIp = ip,
            IsRoot = NativeUnix.GetUid() == 0,
            Rooted = rootDir is not null,
            DebianRules = SecurePermissions.DebianRules(fs),
            Fail2banSocket = fail2banSocket,
            LogSummarizer = new BulkSshdLogSummarizer(),
        };
    }

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Write the report as JSON (schema ssh-doctor/1)." };
        var users = new Option<string[]>("--user") { HelpName = "USER", Description = "Check this account (repeatable): shell, home, StrictModes, authorized_keys, access rules.", AllowMultipleArgumentsPerToken = false };
        var clientIp = new Option<string?>("--client-ip") { HelpName = "ADDRESS", Description = "The address the client connects from: Match blocks, firewall, bans, hosts.deny are evaluated for it." };
        var config = ValueCompletion.Files(new Option<string?>("--sshd-config") { HelpName = "FILE", Description = "sshd_config to audit (default /etc/ssh/sshd_config)." });
        var root = ValueCompletion.Directories(new Option<string?>("--root") { HelpName = "DIR", Description = "Read every path below DIR (a prepared tree), not from /." });
        var fail2ban = ValueCompletion.Files(new Option<string?>("--fail2ban-socket") { HelpName = "SOCKET", Description = "fail2ban's socket, when not the default." });
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also list what is fine." };
        var command = new Command("check-server", "Audit this SSH server: effective sshd config, service and ports, users (StrictModes, shell, home), firewall, bans, logs.")
        {
            json, users, clientIp, config, root, fail2ban, verbose,
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
            var context = Context(parse.GetValue(users) ?? [], parse.GetValue(clientIp), parse.GetValue(config), parse.GetValue(root), parse.GetValue(fail2ban));
            var result = AuditRunner.Run(ServerChecks.All, context, EvidenceSource.Server);
            var report = AuditReportBuilder.Build("check-server", result, language);
            var asJson = parse.GetValue(json);
            if (!parse.GetValue(fix.Fix))
            {
                return AuditOutput.Write(report, asJson, CommonOptions.UseColor(parse), parse.GetValue(verbose), language);
            }

            if (!asJson)
            {
                _ = AuditOutput.Write(report, asJson, CommonOptions.UseColor(parse), parse.GetValue(verbose), language);
            }

            return await FixCommand.FixServerAsync("check-server", context, result.Diagnoses, fix.Settings(parse), null, asJson, CommonOptions.UseColor(parse), language, cancellationToken);
        });
        return command;
    }
}
