namespace SshDoctor.Logs.Bulk;

/// <summary>
/// How often something was seen, and when first and last, as a value: the workers keep these in their block tallies
/// without an object per key, and <see cref="CountWithTimes"/> wraps one for the summary. The times are kept as plain
/// values with a flag, not as nullable ones: a count is updated for every failure line.
/// </summary>
public struct TimedCount : ICountedValue<TimedCount>
{
    // The two times are kept as their parts, not as two LogTime values: 32 bytes instead of 48, and an attack storm's
    // tallies hold a hundred thousand of these (entries of hash tables that every new address probes).
    private DateTime _firstClock;
    private DateTime _lastClock;
    private short _firstOffset;
    private short _lastOffset;
    private bool _timed;

    public long Count { get; private set; }

    public readonly LogTime? First => _timed ? new LogTime(_firstClock, _firstOffset) : null;

    public readonly LogTime? Last => _timed ? new LogTime(_lastClock, _lastOffset) : null;

    public void Add(LogTime? time) => Add(time, 1);

    /// <summary>Counts <paramref name="count"/> at once: a line that stands for several (rsyslog's <c>message repeated N times</c>).</summary>
    public void Add(LogTime? time, int count)
    {
        Count += count;
        if (time is { } t)
        {
            AddTime(t.Clock, t.OffsetMinutes, t.Clock, t.OffsetMinutes);
        }
    }

    /// <summary>Adds another count, as if its lines came after this one's (on equal clocks the earlier-seen time stays).</summary>
    public void Merge(in TimedCount other)
    {
        Count += other.Count;
        if (other._timed)
        {
            AddTime(other._firstClock, other._firstOffset, other._lastClock, other._lastOffset);
        }
    }

    private void AddTime(DateTime earliest, short earliestOffset, DateTime latest, short latestOffset)
    {
        if (!_timed)
        {
            (_firstClock, _firstOffset, _lastClock, _lastOffset, _timed) = (earliest, earliestOffset, latest, latestOffset, true);
            return;
        }

        if (earliest < _firstClock)
        {
            (_firstClock, _firstOffset) = (earliest, earliestOffset);
        }

        if (latest > _lastClock)
        {
            (_lastClock, _lastOffset) = (latest, latestOffset);
        }
    }
}
