using System.Text;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Audit.Server.Log;

/// <summary>
/// Opens the recent part of the sshd log check-server found, bounded in time and size: a file through the audit's
/// file system (so --root holds; only its last <see cref="MaxFileBytes"/> when larger), or the journal through
/// <see cref="IProgramRunner"/> (<c>journalctl ... --since -24h</c>, with a deadline, newest entries kept when the
/// output bound cuts it).
/// </summary>
public static class RecentSshdLog
{
    public const long MaxFileBytes = 128L << 20;

    public static readonly TimeSpan JournalTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Newest first (--reverse), so that the runner's output bound cuts the oldest entries; the order is restored before
    /// reading. Fixed options only, no operand (getopt takes "-24h" as --since's argument).
    /// </summary>
    public static readonly IReadOnlyList<string> JournalArguments =
    [
        "-u", "ssh", "-u", "sshd", "-o", "json", "--output-fields=MESSAGE,SYSLOG_IDENTIFIER,SYSLOG_PID,_PID,_COMM,_HOSTNAME",
        "--since", "-24h", "--reverse", "--no-pager",
    ];

    /// <summary>The opened input, or null with the finding code (and values) that says why it could not be read; notes for partial reads.</summary>
    public static LogInput? Open(SshdLogLocation log, ServerContext context, List<(string Code, string? Detail)> notes)
    {
        return log.File is { } file ? OpenFile(context.Fs.Map(file), notes) : OpenJournal(context, notes);
    }

    private static LogInput? OpenFile(string mapped, List<(string Code, string? Detail)> notes)
    {
        try
        {
            var length = new FileInfo(mapped).Length;
            if (length <= MaxFileBytes)
            {
                return LogInput.Open(mapped);
            }

            var stream = new FileStream(mapped, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(length - MaxFileBytes, SeekOrigin.Begin);
            SkipPartialLine(stream);
            notes.Add(("log.tail-only", (MaxFileBytes >> 20) + " MiB"));
            return LogInput.Open("-", () => stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            notes.Add(("log.unreadable", e.Message));
            return null;
        }
    }

    private static void SkipPartialLine(Stream stream)
    {
        int b;
        while ((b = stream.ReadByte()) >= 0 && b != '\n')
        {
        }
    }

    private static LogInput? OpenJournal(ServerContext context, List<(string Code, string? Detail)> notes)
    {
        var result = context.Programs.Run("journalctl", JournalArguments, JournalTimeout);
        if (result.NotFound || (!result.Succeeded && !result.TimedOut))
        {
            notes.Add(("log.journal-failed", result.NotFound ? "journalctl is not installed" : result.Stderr.Trim()));
            return null;
        }

        if (result.TimedOut)
        {
            notes.Add(("log.journal-timeout", ((int)JournalTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + " s"));
        }

        // Entries newest first, one JSON object a line; a line cut by the output bound is dropped.
        var lines = result.Stdout.Split('\n').Where(l => l.StartsWith('{') && l.EndsWith('}')).Reverse().ToList();
        if (!result.Stdout.EndsWith('\n') && result.Stdout.Length > 0)
        {
            notes.Add(("log.journal-cut", lines.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        return LogInput.Open("-", () => new MemoryStream(bytes, writable: false));
    }
}
