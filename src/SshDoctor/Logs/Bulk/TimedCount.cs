namespace SshDoctor.Logs.Bulk;

/// <summary>
/// How often something was seen, and when first and last, as a value: the workers keep these in their block tallies
/// without an object per key, and <see cref="CountWithTimes"/> wraps one for the summary. The times are kept as plain
/// values with a flag, not as nullable ones: a count is updated for every failure line.
/// </summary>
public struct TimedCount
{
    private LogTime _first;
    private LogTime _last;
    private bool _timed;

    public long Count { get; private set; }

    public readonly LogTime? First => _timed ? _first : null;

    public readonly LogTime? Last => _timed ? _last : null;

    public void Add(LogTime? time) => Add(time, 1);

    /// <summary>Counts <paramref name="count"/> at once: a line that stands for several (rsyslog's <c>message repeated N times</c>).</summary>
    public void Add(LogTime? time, int count)
    {
        Count += count;
        if (time is { } t)
        {
            AddTime(t, t);
        }
    }

    /// <summary>Adds another count, as if its lines came after this one's (on equal clocks the earlier-seen time stays).</summary>
    public void Merge(in TimedCount other)
    {
        Count += other.Count;
        if (other._timed)
        {
            AddTime(other._first, other._last);
        }
    }

    private void AddTime(in LogTime earliest, in LogTime latest)
    {
        if (!_timed)
        {
            (_first, _last, _timed) = (earliest, latest, true);
            return;
        }

        if (earliest.Clock < _first.Clock)
        {
            _first = earliest;
        }

        if (latest.Clock > _last.Clock)
        {
            _last = latest;
        }
    }
}
