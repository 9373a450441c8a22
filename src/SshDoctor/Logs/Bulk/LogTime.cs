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

    /// <summary>The parts as stored (the offset in minutes, or a mark for none), for values that keep many times packed: <see cref="TimedCount"/>, <see cref="SshLine"/>.</summary>
    internal LogTime(DateTime clock, short offsetMinutes)
    {
        Clock = clock;
        _offsetMinutes = offsetMinutes;
    }

    internal short OffsetMinutes => _offsetMinutes;

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

    /// <summary>The longest text <see cref="FormatUtf8"/> writes (<c>yyyy-MM-ddTHH:mm:ss.fff+hh:mm</c>).</summary>
    public const int MaxUtf8Length = 29;

    /// <summary>The length of <see cref="FormatUtf8"/>'s text up to its minute (<c>yyyy-MM-ddTHH:mm:</c>).</summary>
    public const int MinuteUtf8Length = 17;

    /// <summary>
    /// What <see cref="Format"/> returns, written as UTF-8 into <paramref name="destination"/> (at least
    /// <see cref="MaxUtf8Length"/> bytes) without a string: the per-line outputs write millions. Returns the bytes written.
    /// </summary>
    public int FormatUtf8(Span<byte> destination)
    {
        var c = Clock;
        Digits(destination, 0, c.Year, 4);
        destination[4] = (byte)'-';
        Digits(destination, 5, c.Month, 2);
        destination[7] = (byte)'-';
        Digits(destination, 8, c.Day, 2);
        destination[10] = (byte)'T';
        Digits(destination, 11, c.Hour, 2);
        destination[13] = (byte)':';
        Digits(destination, 14, c.Minute, 2);
        destination[16] = (byte)':';
        return FormatUtf8FromSecond(destination);
    }

    /// <summary>
    /// <see cref="FormatUtf8"/>'s text from the second on (seconds, fraction, offset), written at
    /// <see cref="MinuteUtf8Length"/>: a writer that kept the minute of the line before writes only this. Returns the
    /// length of the whole text.
    /// </summary>
    public int FormatUtf8FromSecond(Span<byte> destination)
    {
        var c = Clock;
        Digits(destination, MinuteUtf8Length, c.Second, 2);
        var at = MinuteUtf8Length + 2;
        if (c.Millisecond != 0)
        {
            destination[at] = (byte)'.';
            Digits(destination, at + 1, c.Millisecond, 3);
            at += 4;
        }

        if (_offsetMinutes != NoOffset)
        {
            var minutes = (int)_offsetMinutes;
            destination[at] = minutes < 0 ? (byte)'-' : (byte)'+';
            minutes = Math.Abs(minutes);
            Digits(destination, at + 1, minutes / 60, 2);
            destination[at + 3] = (byte)':';
            Digits(destination, at + 4, minutes % 60, 2);
            at += 6;
        }

        return at;
    }

    /// <summary>The start of the hour in the log's own clock, for the per-hour timeline.</summary>
    public DateTime Hour => new(Clock.Year, Clock.Month, Clock.Day, Clock.Hour, 0, 0, DateTimeKind.Unspecified);

    private static void Digits(Span<byte> destination, int at, int value, int count)
    {
        for (var i = at + count - 1; i >= at; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
