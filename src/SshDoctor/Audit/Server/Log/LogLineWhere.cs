using SshDoctor.Logs.Bulk;

namespace SshDoctor.Audit.Server.Log;

/// <summary>
/// Where a log record is, in the server's terms: <c>/var/log/auth.log:12</c> (the path as on the server, not below
/// --root), or the journal and the entry's time.
/// </summary>
public sealed class LogLineWhere(SshdLogLocation log)
{
    public string Of(LogRecord record) => At(record.Line, record.Time);

    public string OfBan(BanRecord ban)
    {
        var colon = ban.Where.LastIndexOf(':');
        return long.TryParse(ban.Where[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var line) ? At(line, ban.Time) : ban.Where;
    }

    private string At(long line, LogTime? time) => log.File is { } file
        ? $"{file}:{line}"
        : $"journal {time?.Format() ?? "(no time)"}";
}
