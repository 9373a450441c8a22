namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Failures per hour, earliest first, for at most <paramref name="maxHours"/> hours (a new hour past the bound is left
/// out). The hour of the last failures is counted aside and added when another hour comes: a log's failures come hour
/// after hour, so most of them cost no lookup. A block's tally and the summary count hours alike.
/// </summary>
public sealed class HourCounts(int maxHours = int.MaxValue)
{
    private readonly SortedDictionary<DateTime, long> _counts = [];
    private DateTime _pendingHour;
    private long _pendingCount;

    /// <summary>Each hour (its start, as the log's clock reads) and its failures.</summary>
    public SortedDictionary<DateTime, long> Entries
    {
        get
        {
            Flush();
            return _counts;
        }
    }

    public int Count => Entries.Count;

    /// <summary>Adds <paramref name="times"/> failures at <paramref name="time"/> to its hour.</summary>
    public void Add(LogTime time, long times) =>
        Add(new DateTime(time.Clock.Ticks - (time.Clock.Ticks % TimeSpan.TicksPerHour), DateTimeKind.Unspecified), times);

    /// <summary>Adds <paramref name="times"/> failures to <paramref name="hour"/> (the start of an hour).</summary>
    public void Add(DateTime hour, long times)
    {
        if (_pendingCount > 0 && _pendingHour == hour)
        {
            _pendingCount += times;
            return;
        }

        Flush();
        if (_counts.ContainsKey(hour) || _counts.Count < maxHours)
        {
            _pendingHour = hour;
            _pendingCount = times;
        }
    }

    public void Clear()
    {
        _counts.Clear();
        _pendingCount = 0;
    }

    private void Flush()
    {
        if (_pendingCount > 0)
        {
            _counts[_pendingHour] = _counts.GetValueOrDefault(_pendingHour) + _pendingCount;
            _pendingCount = 0;
        }
    }
}
