namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Gives a year to BSD syslog times (<c>Jan  5 01:31:41</c>), which have none. A log file is written up to its last
/// modification, so a line's date lies on or before that moment: the year of the reference time, or the year before when
/// the date would otherwise fall after it (a file that runs from December into January). One day of slack allows for
/// clocks and time zones. Rotated logs span far less than a year, for which this rule is exact.
/// </summary>
public sealed class YearInference(DateTime reference)
{
    private readonly DateTime _latest = reference.AddDays(1);

    public DateTime Reference { get; } = reference;

    /// <summary>For a file: its modification time; for stdin, journald or a followed file: now (the caller's clock, else the system's).</summary>
    public static YearInference ForFile(string path, TimeProvider? clock = null) =>
        new(File.Exists(path) ? File.GetLastWriteTime(path) : Now(clock).Reference);

    public static YearInference Now(TimeProvider? clock = null) => new((clock ?? TimeProvider.System).GetLocalNow().DateTime);

    public DateTime Complete(int month, int day, int hour, int minute, int second, int millisecond)
    {
        var year = _latest.Year;
        if (month > _latest.Month || (month == _latest.Month && day > _latest.Day))
        {
            year--;
        }

        // 29 February of a year that has none: the nearest earlier leap year.
        while (day > DateTime.DaysInMonth(year, month))
        {
            year--;
        }

        return new DateTime(year, month, day, hour, minute, second, millisecond, DateTimeKind.Unspecified);
    }
}
