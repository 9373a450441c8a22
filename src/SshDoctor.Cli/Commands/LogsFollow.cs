using System.Runtime.InteropServices;
using SshDoctor.Cli.Rendering;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Cli.Commands;

/// <summary>
/// <c>logs --follow</c>: prints each event as it is written (what the files already hold first, then what is appended),
/// across rotation, until Ctrl-C. With no file: <c>journalctl --follow</c>, else the usual log file.
/// </summary>
internal static class LogsFollow
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public static int Run(LogsOptions options)
    {
        using var cancel = new CancellationTokenSource();
        // Not Console.CancelKeyPress: it sets the terminal up as the runtime's console does (see StandardStream).
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            cancel.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var stdout = Terminal.OpenDataStream();
        var output = LogsOutput.Create(options, stdout);
        var gate = new object();
        var pipeline = new LogPipeline(options.Filter, output.Write);
        void Accept(LogRecord record)
        {
            lock (gate)
            {
                pipeline.Accept(record);
            }
        }

        var names = options.Files.Count > 0 ? options.Files : DefaultSource(options);
        var followers = new List<Task>();
        foreach (var name in names)
        {
            if (name == "-")
            {
                followers.Add(Task.Run(() => StreamFollower.Run(Console.OpenStandardInput(), "stdin", YearInference.Now(options.Clock), Accept, cancel.Token)));
            }
            else if (name == LogInput.JournalCommand)
            {
                var journal = LogInput.TryJournal(follow: true, options.Clock) ?? throw new UsageException("journalctl stopped giving sshd entries");
                followers.Add(Task.Run(() =>
                {
                    using (journal)
                    {
                        StreamFollower.Run(journal.Stream, journal.Summary.Name, YearInference.Now(options.Clock), Accept, cancel.Token);
                    }
                }));
            }
            else
            {
                if (Directory.Exists(name))
                {
                    throw new UsageException($"{name} is a directory; name the log files in it");
                }

                LogsCommand.Say(options, $"following {name} (Ctrl-C stops)");
                followers.Add(Task.Run(() => new FileFollower(name, Poll, options.Clock).Run(Accept, cancel.Token)));
            }
        }

        Task.WaitAll([.. followers]);
        lock (gate)
        {
            pipeline.Complete();
            output.Complete(pipeline.Summary, null);
        }

        return pipeline.Summary.Failures > 0 ? ExitCodes.ProblemFound : ExitCodes.Ok;
    }

    private static List<string> DefaultSource(LogsOptions options)
    {
        using (var probe = LogInput.TryJournal(follow: false, options.Clock))
        {
            if (probe is not null)
            {
                LogsCommand.Say(options, $"following journald ({LogInput.JournalCommand} --follow)");
                return [LogInput.JournalCommand];
            }
        }

        var file = LogInput.DefaultFiles.FirstOrDefault(File.Exists)
            ?? throw new UsageException("no sshd log found to follow: journald has no ssh/sshd entries and none of /var/log/auth.log, /var/log/secure, /var/log/messages exists");
        return [file];
    }
}
