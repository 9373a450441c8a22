using System.Globalization;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// When a line was written, as the log says it: a wall-clock time, with the UTC offset only when the format carries one
/// (ISO 8601, RFC 5424, journal). BSD syslog times are local to the machine that wrote them and have no year of their own.
/// The offset is kept in whole minutes, as every log format writes it: a time is 16 bytes, not 24 (a million lines
/// carry one each, and every count keeps a first and a last).
/// </summary>
public readonly record struct LogTime
{
    private const short NoOffset = short.MinValue;

    private readonly short _offsetMinutes;

    public LogTime(DateTime clock, TimeSpan? offset)
    {
        Clock = clock;
        _offsetMinutes = offset is { } o ? (short)o.TotalMinutes : NoOffset;
    }

    public DateTime Clock { get; }

    public TimeSpan? Offset => _offsetMinutes == NoOffset ? null : TimeSpan.FromMinutes(_offsetMinutes);

    /// <summary>The instant, assuming the local time zone of this machine for times written without an offset.</summary>
    public DateTimeOffset Instant => Offset is { } o
        ? new DateTimeOffset(DateTime.SpecifyKind(Clock, DateTimeKind.Unspecified), o)
        : new DateTimeOffset(DateTime.SpecifyKind(Clock, DateTimeKind.Unspecified), TimeZoneInfo.Local.GetUtcOffset(Clock));

    /// <summary>ISO 8601; with the offset only when the log gave one.</summary>
    public string Format() => Offset is { } o
        ? new DateTimeOffset(DateTime.SpecifyKind(Clock, DateTimeKind.Unspecified), o).ToString(Clock.Millisecond == 0 ? "yyyy-MM-ddTHH:mm:sszzz" : "yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture)
        : Clock.ToString(Clock.Millisecond == 0 ? "yyyy-MM-ddTHH:mm:ss" : "yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>The start of the hour in the log's own clock, for the per-hour timeline.</summary>
    public DateTime Hour => new(Clock.Year, Clock.Month, Clock.Day, Clock.Hour, 0, 0, DateTimeKind.Unspecified);
}
