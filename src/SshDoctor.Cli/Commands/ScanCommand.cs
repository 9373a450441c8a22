using System.CommandLine;
using SshDoctor.Cli.Completion;
using SshDoctor.Cli.Rendering;
using SshDoctor.Cli.Rendering.Html;
using SshDoctor.Logs.Bulk;
using SshDoctor.Probing;
using SshDoctor.Probing.Resolve;
using SshDoctor.Reporting;
using SshDoctor.Scan;
using SshDoctor.Scan.History;
using SshDoctor.Scan.Inventory;

namespace SshDoctor.Cli.Commands;

/// <summary>
/// <c>ssh-doctor scan [HOST...] [-f FILE] [--from-ssh-config] [--from-known-hosts] [--ansible-inventory FILE]
/// [--keys] [--all-host-keys] [--concurrency N] [--per-network N] [--per-host-timeout S] [--shard I/N [--run NAME]] [--db PATH|postgresql://... | --no-history] [--json | --csv] [--html FILE]</c> with
/// diagnose's per-host options; <c>scan --since TIME</c> and <c>scan --history HOST</c> read the history back.
/// </summary>
internal static class ScanCommand
{
    public static Command Create(TimeProvider clock)
    {
        var hosts = ValueCompletion.Destinations(new Argument<string[]>("host") { Description = "[user@]host[:port] to scan; any number, with the inventories below.", Arity = ArgumentArity.ZeroOrMore });
        var files = ValueCompletion.Files(new Option<string[]>("-f") { HelpName = "FILE", Description = "A file of hosts: one [user@]host[:port] per line, # comments; repeatable.", Arity = ArgumentArity.ZeroOrMore });
        var fromConfig = new Option<bool>("--from-ssh-config") { Description = "Every concrete Host of your ssh config (or -F FILE) and its Includes, each resolved with ssh -G." };
        var fromKnownHosts = new Option<bool>("--from-known-hosts") { Description = "Every plain (unhashed) host name in known_hosts (or --known-hosts FILE)." };
        var ansible = ValueCompletion.Files(new Option<string[]>("--ansible-inventory") { HelpName = "FILE", Description = "An Ansible inventory, INI or YAML (ansible_host, ansible_port, ansible_user, groups); repeatable.", Arity = ArgumentArity.ZeroOrMore });
        var concurrency = new Option<int?>("--concurrency") { HelpName = "N", Description = "Hosts probed at once (default 64).", CustomParser = OptionParsers.Count(4096) };
        var perNetwork = new Option<int?>("--per-network") { HelpName = "N", Description = "Hosts probed at once within one network: an IPv4 /24, an IPv6 /64, or behind one jump host (default 16).", CustomParser = OptionParsers.Count(4096) };
        var perHostTimeout = new Option<double?>("--per-host-timeout") { HelpName = "SECONDS", Description = "The whole probe of one host ends by then (default 60); the host's outcome is then 'deadline'.", CustomParser = OptionParsers.Seconds(3600) };
        var keys = new Option<bool>("--keys") { Description = "Also ask each host which of your keys it accepts (the keys diagnose offers: -i, IdentityFile, the agent with --agent), without a signature and within diagnose's politeness budget; never a password, never a login." };
        var allHostKeys = new Option<bool>("--all-host-keys") { Description = "Fetch every host key type each host offers (by key re-exchange where the server allows it, else one connection per type, as ssh-keyscan does), so the history compares every type. Without it a host costs one connection: its key types are read from its KEXINIT, and only the key ssh would negotiate (types in known_hosts and the history first) is fetched, verified and compared, since that is the key ssh checks; each extra connection also counts toward OpenSSH's PerSourcePenalties and slows the scan." };
        var json = new Option<bool>("--json") { Description = "Write one JSON report (schema ssh-doctor/1): per host the target, stages and diagnoses of diagnose --json, and what the scan adds." };
        var csv = new Option<bool>("--csv") { Description = "Write one CSV row per host." };
        var html = ValueCompletion.Files(new Option<string?>("--html") { HelpName = "FILE", Description = "Also write the scan as one self-contained HTML page (no network needed): a sortable, filterable host table and charts of outcomes, algorithms, host key types and changes since the last scan." });
        var db = ValueCompletion.Files(new Option<string?>("--db") { HelpName = "PATH|URL", Description = "The history: a SQLite file (default $XDG_DATA_HOME/ssh-doctor/history.db), or postgresql://[user@]host[:port]/database shared by every shard (password from PGPASSWORD or ~/.pgpass, never printed)." });
        var shard = new Option<string?>("--shard") { HelpName = "I/N", Description = "Probe only part I of N of the inventory (1 <= I <= N), chosen by a hash of each host: N processes given the same inventory and --db share the fleet without overlap; adding a host moves no other." };
        var runName = new Option<string?>("--run") { HelpName = "NAME", Description = "Shards started with the same NAME record one scan in the history (a Kubernetes Job's uid, a playbook run's id); without it each process records a scan of its own." };
        var noHistory = new Option<bool>("--no-history") { Description = "Neither read nor write the history." };
        var since = new Option<string?>("--since") { HelpName = "TIME", Description = "Probe nothing: list the scans since TIME and the changes they found (TIME as for logs --since: 2024-12-31, 3d, 2h)." };
        var history = ValueCompletion.Destinations(new Option<string?>("--history") { HelpName = "HOST", Description = "Probe nothing: every scan's record of HOST (name or name:port) and its changes." });
        var probe = new ScanProbeOptions();
        var command = new Command("scan", "Probe many hosts at once, politely, up to their authentication methods: reachability, algorithms, host keys against known_hosts and against the last scan.")
        {
            hosts, files, fromConfig, fromKnownHosts, ansible, concurrency, perNetwork, perHostTimeout, keys, allHostKeys, json, csv, html, db, shard, runName, noHistory, since, history,
        };
        foreach (var option in probe.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var language = CommonOptions.LanguageOf(parse);
                var format = parse.GetValue(json) ? "json" : parse.GetValue(csv) ? "csv" : "text";
                if (parse.GetValue(json) && parse.GetValue(csv))
                {
                    throw new UsageException("--json and --csv: choose one");
                }

                var part = parse.GetValue(shard) is { } shardText
                    ? InventoryShard.TryParse(shardText, out var shardProblem) ?? throw new UsageException($"--shard '{shardText}': {shardProblem}; {InventoryShard.Form}")
                    : null;
                var environment = ProbeEnvironment.FromProcess();
                var dbPath = parse.GetValue(db) is { } path
                    ? PostgresUrl.IsUrl(path) ? path : Config.SshConfigParser.ExpandTilde(path, environment.Home)
                    : HistoryStore.DefaultPath(Environment.GetEnvironmentVariable, environment.Home);
                if (parse.GetValue(runName) is { } name && (name.Length is 0 or > 200 || name.Any(char.IsControl)))
                {
                    throw new UsageException("--run NAME: give 1 to 200 printable characters (such as a job's uid)");
                }
                var output = Terminal.StandardOutput(CommonOptions.UseColor(parse));
                var text = ScanText.For(language);
                var htmlFile = parse.GetValue(html) is { } htmlPath ? Config.SshConfigParser.ExpandTilde(htmlPath, environment.Home) : null;
                if (htmlFile is not null && (parse.GetValue(since) is not null || parse.GetValue(history) is not null))
                {
                    throw new UsageException("--html writes a scan's report: it does not go with --since or --history");
                }

                if (parse.GetValue(since) is { } sinceText)
                {
                    var from = TimeArgument.TryParse(sinceText, clock.GetLocalNow(), out var t, out var problem) ? t : throw new UsageException($"--since '{sinceText}': {problem}; {TimeArgument.Forms}");
                    using var store = OpenHistory(dbPath, readOnly: true);
                    var report = ScanReportBuilder.Since(store.Scans(from), store.Changes(from), language, store.Location);
                    Write(report, format, output, r => new ScanRenderer(output, text).RenderSince(r));
                    return ExitCodes.Ok;
                }

                if (parse.GetValue(history) is { } host)
                {
                    using var store = OpenHistory(dbPath, readOnly: true);
                    var rows = store.HostHistory(host);
                    if (rows.Count == 0)
                    {
                        throw new UsageException($"--history {host}: no scan recorded this host in {store.Location}");
                    }

                    var report = ScanReportBuilder.HostHistory(rows, store.Changes(DateTimeOffset.MinValue, rows[0].Snapshot.HostId), language, store.Location);
                    Write(report, format, output, r => new ScanRenderer(output, text).RenderHistory(r));
                    return ExitCodes.Ok;
                }

                var request = probe.Template(parse, environment.Home);
                var inventory = Inventory(parse, hosts, files, fromConfig, fromKnownHosts, ansible, request, environment.Home);
                foreach (var skipped in inventory.Problems)
                {
                    Terminal.StandardError.WriteLine($"ssh-doctor: {text.InventorySkipped}: {skipped.Where}: {skipped.Message}");
                }

                if (inventory.Entries.Count == 0)
                {
                    throw new UsageException("no host to scan: name hosts, or give -f FILE, --from-ssh-config, --from-known-hosts or --ansible-inventory FILE");
                }

                var entries = part is null ? inventory.Entries : inventory.Entries.Where(part.Contains).ToList();

                // An unusable history or report file is an error before any connection is made.
                using var htmlOutput = htmlFile is null ? null : ReportFile.Create(htmlFile);
                using var historyStore = parse.GetValue(noHistory) ? null : OpenHistory(dbPath, readOnly: false);
                var settings = new ScanSettings
                {
                    Template = request,
                    Concurrency = parse.GetValue(concurrency) ?? 64,
                    PerNetwork = parse.GetValue(perNetwork) ?? 16,
                    Keys = parse.GetValue(keys),
                    AllHostKeys = parse.GetValue(allHostKeys),
                    PerHostTimeout = parse.GetValue(perHostTimeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromSeconds(60),
                    Part = new ScanPart(parse.GetValue(runName), part, inventory.Entries.Count),
                    Clock = clock,
                };
                // Ctrl-C or SIGTERM stops the probes; the hosts done are still reported, written and kept (the scan incomplete).
                using var stop = new StopSignals();
                using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stop.Token);
                using var progress = Terminal.ErrorIsTerminal ? new ScanProgressLine(Terminal.StandardError, text) : null;
                var run = await new ScanRunner(settings, environment, language, historyStore).RunAsync(entries, progress, stopping.Token);
                progress?.Dispose();
                var scanReport = ScanReportBuilder.Build(run, inventory, language, historyStore?.Location, part, stop.Received);
                if (!scanReport.Complete)
                {
                    Terminal.StandardError.WriteLine($"ssh-doctor: {text.Stopped(scanReport.StoppedBy ?? "a signal", scanReport.Summary!.Hosts, run.Total)}");
                }

                htmlOutput?.Commit(ScanHtmlWriter.Write(scanReport, text));
                Write(scanReport, format, output, r => new ScanRenderer(output, text).Render(r));
                return stop.ExitCode ?? (scanReport.Status == "ok" ? ExitCodes.Ok : ExitCodes.ProblemFound);
            }
            catch (Exception e) when (e is InventoryUnreadableException or HistoryUnavailableException)
            {
                throw new UsageException(e.Message);
            }
        });
        return command;
    }

    private static IHistoryStore OpenHistory(string location, bool readOnly) => HistoryStore.Open(location, readOnly);

    private static void Write(ScanReport report, string format, Terminal output, Action<ScanReport> text)
    {
        switch (format)
        {
            case "json":
                output.WriteData(ScanReportJson.Serialize(report));
                break;
            case "csv":
                output.WriteData(ScanCsvWriter.Write(report));
                break;
            default:
                text(report);
                break;
        }
    }

    private static HostInventory Inventory(ParseResult parse, Argument<string[]> hosts, Option<string[]> files, Option<bool> fromConfig, Option<bool> fromKnownHosts, Option<string[]> ansible, DiagnoseRequest request, string home)
    {
        var inventory = new HostInventory();
        foreach (var host in parse.GetValue(hosts) ?? [])
        {
            inventory.Add(host, "argument");
        }

        foreach (var file in parse.GetValue(files) ?? [])
        {
            HostListReader.Read(Config.SshConfigParser.ExpandTilde(file, home), inventory);
        }

        if (parse.GetValue(fromConfig))
        {
            SshConfigHosts.Read(request.ConfigFile, home, inventory);
        }

        if (parse.GetValue(fromKnownHosts))
        {
            KnownHostsNames.Read(request.KnownHostsFile, home, inventory);
        }

        foreach (var file in parse.GetValue(ansible) ?? [])
        {
            AnsibleInventory.Read(Config.SshConfigParser.ExpandTilde(file, home), inventory);
        }

        return inventory;
    }
}
