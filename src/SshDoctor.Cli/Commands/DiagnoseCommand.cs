using System.CommandLine;
using System.Globalization;
using SshDoctor.Cli.Rendering;
using SshDoctor.Localization;
using SshDoctor.Probing;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Commands;

/// <summary>
/// <c>ssh-doctor diagnose [--json] [--login] [--with-ssh] [user@]host[:port] [-p PORT] [-l USER] [-i KEY]... [-J HOPS]
/// [-F CONFIG] [-o Option=value]... [--known-hosts FILE] [--agent SOCK|none] [--timeout SECONDS]</c>
/// </summary>
internal static class DiagnoseCommand
{
    public static Command Create()
    {
        var destination = new Argument<string>("destination") { Description = "[user@]host[:port] or ssh://[user@]host[:port], resolved as your ssh resolves it (ssh -G)." };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON (schema ssh-doctor/1)." };
        var login = new Option<bool>("--login") { Description = "Also authenticate for real with a key that can sign, open a session and run 'true'." };
        var withSsh = new Option<bool>("--with-ssh") { Description = "Also run your ssh -vvv and merge what its output shows; without --login it changes nothing and stops before authenticating." };
        var port = new Option<int?>("-p") { Description = "Port to connect to (as ssh -p).", CustomParser = OptionParsers.Port };
        var user = new Option<string?>("-l") { Description = "User to log in as (as ssh -l)." };
        var identity = new Option<string[]>("-i") { Description = "Identity (private key) file; repeatable (as ssh -i). Only its public half is read.", Arity = ArgumentArity.ZeroOrMore };
        var jump = new Option<string?>("-J") { Description = "Jump hosts, comma-separated (as ssh -J)." };
        var config = new Option<string?>("-F") { Description = "ssh configuration file (as ssh -F)." };
        var options = new Option<string[]>("-o") { Description = "ssh option Keyword=value; repeatable (as ssh -o).", Arity = ArgumentArity.ZeroOrMore };
        var knownHosts = new Option<string?>("--known-hosts") { Description = "The only known_hosts file to compare the host key with." };
        var agent = new Option<string?>("--agent") { Description = "ssh-agent socket to list keys from, or 'none' (default: IdentityAgent / SSH_AUTH_SOCK)." };
        var timeout = new Option<double?>("--timeout")
        {
            Description = "Seconds allowed for the TCP connect and for each protocol stage (default: ConnectTimeout, else 10).",
            CustomParser = OptionParsers.Seconds(3600),
        };
        var command = new Command("diagnose", "Probe a server stage by stage (config, dns, tcp, banner, kex, hostkey, auth, session) and explain where and why a connection breaks.")
        {
            destination, json, login, withSsh, port, user, identity, jump, config, options, knownHosts, agent, timeout,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var language = CommonOptions.LanguageOf(parse);
            var seconds = parse.GetValue(timeout);
            var request = new DiagnoseRequest
            {
                Destination = parse.GetValue(destination)!,
                Port = parse.GetValue(port),
                User = parse.GetValue(user),
                IdentityFiles = parse.GetValue(identity) ?? [],
                JumpHosts = parse.GetValue(jump),
                ConfigFile = parse.GetValue(config),
                Options = parse.GetValue(options) ?? [],
                KnownHostsFile = parse.GetValue(knownHosts),
                Agent = parse.GetValue(agent),
                Timeout = seconds is { } s ? TimeSpan.FromSeconds(s) : null,
                Login = parse.GetValue(login),
                WithSsh = parse.GetValue(withSsh),
            };
            try
            {
                _ = Destination.Parse(request.Destination);
            }
            catch (FormatException e)
            {
                throw new UsageException(e.Message);
            }

            if (request.FileProblem(ProbeEnvironment.FromProcess().Home) is { } fileProblem)
            {
                throw new UsageException(fileProblem);
            }

            return await RunAsync(request, parse.GetValue(json), CommonOptions.UseColor(parse), language, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(DiagnoseRequest request, bool asJson, bool color, Language language, CancellationToken cancellationToken)
    {
        var environment = ProbeEnvironment.FromProcess();
        var text = DiagnoseText.For(language);
        using var early = EarlyConnection.Start(TargetResolver.Guess(request, environment), cancellationToken);
        var target = await TargetResolver.ResolveAsync(request, environment, cancellationToken);
        var interactive = !asJson && Terminal.OutputIsTerminal;
        var output = Terminal.StandardOutput(color);
        var live = asJson ? null : new LiveStageRenderer(output, interactive, text);
        if (!asJson)
        {
            var via = target.Jumps.Count == 0 ? "" : $" {text.Via} {string.Join(",", target.Jumps)}";
            output.WriteLine($"{text.Diagnosing} {target.User}@{target.HostName}:{target.Port.ToString(CultureInfo.InvariantCulture)}{via}");
        }

        var result = await new Prober(target, ProbeSettings.Default with { Login = request.Login }, live, early).RunAsync(cancellationToken);
        IEnumerable<Diagnosis.Diagnosis> fromSsh = [];
        if (request.WithSsh && environment.Ssh is { } ssh)
        {
            fromSsh = (await UserSshRun.RunAsync(ssh, target, environment.Home, request.Login, cancellationToken)).Diagnoses;
        }

        var report = DiagnoseReportBuilder.Build(result, language, fromSsh);
        if (asJson)
        {
            output.WriteData(ReportJson.Serialize(report));
        }
        else
        {
            output.WriteLine();
            RenderKeys(report, text, output);
            if (report.Diagnoses.Count == 0 && report.Status == "ok")
            {
                output.WriteLine(output.Paint("✓ " + text.AllPassed, "32"));
            }
            else if (report.Diagnoses.Count == 0)
            {
                // A stage failed in a way no catalogue entry describes: say so plainly rather than "nothing wrong".
                // The target's stages are also its session's timeline: each failure once.
                foreach (var failed in report.Stages.Concat(report.Sessions?.SelectMany(s => s.Timeline) ?? []).Where(s => s.Status == "failed").DistinctBy(s => (s.Stage, s.Detail)))
                {
                    output.WriteLine(output.Paint($"✗ {failed.Stage}: {failed.Detail}", "1;31"));
                }
            }
            else
            {
                new ConsoleRenderer(output, language).Render(new Report { Command = report.Command, Status = report.Status, Diagnoses = report.Diagnoses });
            }
        }

        return report.Status == "ok" ? ExitCodes.Ok : ExitCodes.ProblemFound;
    }

    private static void RenderKeys(Report report, DiagnoseText text, Terminal output)
    {
        foreach (var session in report.Sessions ?? [])
        {
            var prefix = session.Role == "target" ? "" : $"[{session.Role}] ";
            if (session.MethodsThatCanContinue.Count > 0)
            {
                output.WriteLine($"  {prefix}{text.ServerAllows}: {string.Join(",", session.MethodsThatCanContinue)}");
            }

            foreach (var key in session.Keys)
            {
                var mark = key.Result switch
                {
                    "accepted" => output.Paint("✓", "32"),
                    "rejected" => output.Paint("✗", "31"),
                    _ => output.Paint("·", null),
                };
                output.WriteLine($"  {prefix}{mark} {text.Keys}: {key.Identity} {key.Type} {key.Fingerprint} → {key.Result}{(string.IsNullOrEmpty(key.Detail) ? "" : $" ({key.Detail})")}");
            }
        }

        if (report.Sessions?.Any(s => s.Keys.Count > 0 || s.MethodsThatCanContinue.Count > 0) == true)
        {
            output.WriteLine();
        }
    }
}
