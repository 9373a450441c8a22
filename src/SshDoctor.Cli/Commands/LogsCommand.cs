using System.CommandLine;
using System.Runtime;
using SshDoctor.Cli.Completion;
using SshDoctor.Cli.Rendering;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Cli.Commands;

/// <summary>
/// <c>ssh-doctor logs [--json|--events|--csv] [--since T] [--until T] [--user U] [--ip ADDR/CIDR] [--follow] [--unknown] [FILE...]</c>:
/// reads sshd logs at disk speed and says who failed, why and from where.
/// </summary>
internal static class LogsCommand
{
    private const int MaxUnknownListedInJson = 10_000;

    public static Command Create(TimeProvider clock)
    {
        var json = new Option<bool>("--json") { Description = "The summary as JSON (schema ssh-doctor/1)." };
        var events = new Option<bool>("--events") { Description = "One JSON object per recognised line: file, line, time, host, process, pid, ip, port, user, id, text." };
        var csv = new Option<bool>("--csv") { Description = "The events as CSV, same columns as --events." };
        var since = new Option<string?>("--since") { HelpName = "TIME", Description = "Only lines at or after TIME: 2024-12-31, '2024-12-31 23:30', 2024-12-31T23:30:00+01:00, or ago: 30m, 2h, 3d, 1w." };
        var until = new Option<string?>("--until") { HelpName = "TIME", Description = "Only lines at or before TIME (same forms as --since)." };
        var user = new Option<string?>("--user") { HelpName = "USER", Description = "Only lines about this user." };
        var ip = new Option<string?>("--ip") { HelpName = "ADDRESS[/BITS]", Description = "Only lines from this address or network (203.0.113.0/24, 2001:db8::/32)." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep reading as the file grows (and across rotation), printing events as they happen; Ctrl-C stops." };
        var unknown = new Option<bool>("--unknown") { Description = "Also list the SSH lines no signature recognised (they are always counted)." };
        var files = ValueCompletion.Files(new Argument<string[]>("FILE")
        {
            Description = "Log files: plain, rotated (auth.log.1) or gzip (auth.log.2.gz); '-' for standard input. None: journald (journalctl -u ssh -u sshd), else /var/log/auth.log, /var/log/secure, /var/log/messages.",
            Arity = ArgumentArity.ZeroOrMore,
        });
        var command = new Command("logs", "Read sshd logs (files, gzip, journald) and summarise failures by diagnosis, source address and user.")
        {
            json, events, csv, since, until, user, ip, follow, unknown, files,
        };
        command.SetAction(parse =>
        {
            try
            {
                return Execute(parse, clock, json, events, csv, since, until, user, ip, follow, unknown, files);
            }
            catch (UsageException e)
            {
                // Handled here: System.CommandLine's own handler would turn it into exit code 1.
                Terminal.StandardError.WriteLine($"ssh-doctor: {e.Message}");
                return ExitCodes.UsageOrInput;
            }
        });
        return command;
    }

    private static int Execute(
        ParseResult parse,
        TimeProvider clock,
        Option<bool> json,
        Option<bool> events,
        Option<bool> csv,
        Option<string?> since,
        Option<string?> until,
        Option<string?> user,
        Option<string?> ip,
        Option<bool> follow,
        Option<bool> unknown,
        Argument<string[]> files)
    {
        var format = (parse.GetValue(json), parse.GetValue(events), parse.GetValue(csv)) switch
        {
            (false, false, false) => LogsFormat.Human,
            (true, false, false) => LogsFormat.Json,
            (false, true, false) => LogsFormat.Events,
            (false, false, true) => LogsFormat.Csv,
            _ => throw new UsageException("choose one of --json, --events and --csv"),
        };
        var options = new LogsOptions(
            format,
            Filter(parse.GetValue(since), parse.GetValue(until), parse.GetValue(user), parse.GetValue(ip), clock),
            parse.GetValue(follow),
            parse.GetValue(unknown),
            parse.GetValue(files) ?? [],
            CommonOptions.LanguageOf(parse),
            clock);
        if (options.Files.Any(string.IsNullOrWhiteSpace))
        {
            throw new UsageException("an empty file name: name a log file, or '-' for standard input");
        }

        return options.Follow ? LogsFollow.Run(options) : Run(options);
    }

    private static int Run(LogsOptions options)
    {
        // The summary keeps little per line: blocking collections (no background GC thread) halve the time spent in GC
        // pauses. The per-line formats keep the default, under which their heap stays half as large. Restored after, for
        // a caller that runs more than this command in the process (the tests).
        var latency = GCSettings.LatencyMode;
        if (options.Format is not (LogsFormat.Events or LogsFormat.Csv))
        {
            GCSettings.LatencyMode = GCLatencyMode.Batch;
        }

        try
        {
            return ReadAndReport(options);
        }
        finally
        {
            GCSettings.LatencyMode = latency;
        }
    }

    private static int ReadAndReport(LogsOptions options)
    {
        using var stdout = Terminal.OpenDataStream();
        var output = LogsOutput.Create(options, stdout);
        var unknownLines = options.Format == LogsFormat.Json && options.ListUnknown ? new List<LogRecord>() : null;
        var pipeline = new LogPipeline(options.Filter, record =>
        {
            if (unknownLines is not null && !record.Recognised && unknownLines.Count < MaxUnknownListedInJson)
            {
                unknownLines.Add(record);
            }

            output.Write(record);
        })
        {
            KeepText = options.Format is LogsFormat.Events or LogsFormat.Csv,
            Lines = output.WritesLines ? output.Write : null,
            Format = output.LineFormat,
            OutputsRecognised = options.Format is LogsFormat.Events or LogsFormat.Csv,
            OutputsUnknown = options.ListUnknown,
        };

        foreach (var input in OpenInputs(options))
        {
            using (input)
            {
                Say(options, $"reading {input.Summary.Name}{(input.Summary.Kind == "gzip" ? " (gzip)" : string.Empty)}");
                pipeline.Read(input);
                if (input.Damage is { } damage)
                {
                    Say(options, $"warning: {input.Summary.Name}: {damage}");
                }
            }
        }

        pipeline.Complete();
        var summary = pipeline.Summary;
        output.Complete(summary, unknownLines);
        stdout.Flush();

        if (summary.Recognised == 0 && summary.Inputs.Count > 0 && summary.Inputs.All(i => i.LooksBinary))
        {
            Terminal.StandardError.WriteLine("ssh-doctor: the input does not look like text: no log line found.");
            return ExitCodes.UsageOrInput;
        }

        return summary.Failures > 0 ? ExitCodes.ProblemFound : ExitCodes.Ok;
    }

    /// <summary>The named files in order; with none, journald when it has sshd entries, else the first usual file that exists.</summary>
    internal static IEnumerable<LogInput> OpenInputs(LogsOptions options)
    {
        if (options.Files.Count > 0)
        {
            foreach (var name in options.Files)
            {
                yield return Open(name, options.Clock);
            }

            yield break;
        }

        if (LogInput.TryJournal(follow: false, options.Clock) is { } journal)
        {
            yield return journal;
            yield break;
        }

        var file = LogInput.DefaultFiles.FirstOrDefault(File.Exists)
            ?? throw new UsageException("no sshd log found: journald has no ssh/sshd entries and none of /var/log/auth.log, /var/log/secure, /var/log/messages exists (name a file, or '-' for standard input)");
        yield return Open(file, options.Clock);
    }

    private static LogInput Open(string name, TimeProvider clock)
    {
        try
        {
            return LogInput.Open(name, clock: clock);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {name}: {e.Message}");
        }
    }

    internal static void Say(LogsOptions options, string message)
    {
        if (options.Format != LogsFormat.Json)
        {
            Terminal.StandardError.WriteLine($"ssh-doctor: {message}");
        }
    }

    /// <summary>The filter of the options; a relative time (<c>2h</c>) counts back from <paramref name="clock"/>'s now.</summary>
    internal static LogFilter Filter(string? since, string? until, string? user, string? ip, TimeProvider clock)
    {
        var now = clock.GetLocalNow();
        DateTimeOffset? Time(string? value, string name) => value is null
            ? null
            : TimeArgument.TryParse(value, now, out var t, out var problem) ? t : throw new UsageException($"{name} '{value}': {problem}; {TimeArgument.Forms}");

        var from = Time(since, "--since");
        var to = Time(until, "--until");
        if (from > to)
        {
            throw new UsageException($"--since '{since}' is after --until '{until}': no line can be in between");
        }

        if (user is not null && user.Trim().Length == 0)
        {
            throw new UsageException("--user is empty: give the login name to look for");
        }

        (IpNetwork? Network, string Text)? address = null;
        if (ip is not null)
        {
            try
            {
                address = LogFilter.ParseAddress(ip);
            }
            catch (FormatException e)
            {
                throw new UsageException($"--ip {e.Message}");
            }
        }

        return new LogFilter { Since = from, Until = to, User = user, IpText = address?.Text, Network = address?.Network };
    }
}
