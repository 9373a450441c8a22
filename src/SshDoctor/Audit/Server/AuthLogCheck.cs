namespace SshDoctor.Audit.Server;

/// <summary>
/// Where sshd's log is: /var/log/auth.log (Debian), /var/log/secure (RHEL), or the journal; LogLevel QUIET logs nothing.
/// The log found is handed to <see cref="ServerContext.LogSummarizer"/> when there is one.
/// </summary>
public sealed class AuthLogCheck : IAuditCheck<ServerContext>
{
    public string Name => "auth-log";

    public string Area => "logs";

    public void Run(ServerContext context, AuditSink sink)
    {
        var level = context.Global.Get("loglevel");
        if (level.Equals("QUIET", StringComparison.OrdinalIgnoreCase))
        {
            sink.Problem("log.quiet", context.Global["loglevel"]?.Where, "LogLevel QUIET");
            return;
        }

        foreach (var file in (string[])["/var/log/auth.log", "/var/log/secure"])
        {
            if (context.Fs.Read(file, 1).Ok)
            {
                sink.Add(FindingSeverity.Info, "log.file", file, ("file", file));
                context.LogSummarizer?.Summarize(SshdLogLocation.OfFile(file), context, sink);
                return;
            }
        }

        if (!context.Rooted && context.Fs.Stat("/run/systemd/journal").IsDirectory && context.Programs.Find("journalctl") is not null)
        {
            sink.Add(FindingSeverity.Info, "log.journal", null);
            context.LogSummarizer?.Summarize(SshdLogLocation.Journal, context, sink);
            return;
        }

        sink.Problem("log.missing", null, "neither /var/log/auth.log nor /var/log/secure is readable, and no systemd journal");
    }
}
