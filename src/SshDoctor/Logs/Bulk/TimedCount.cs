namespace SshDoctor.Logs.Bulk;

/// <summary>
/// How often something was seen, and when first and last, as a value: the workers keep these in their block tallies
/// without an object per key, and <see cref="CountWithTimes"/> wraps one for the summary. The times are kept as plain
/// values with a flag, not as nullable ones: a count is updated for every failure line.
/// </summary>
public struct TimedCount
{
    private LogTime first;
    private LogTime last;
    private bool timed;

    public long Count { get; private set; }

    public readonly LogTime? First => timed ? first : null;

    public readonly LogTime? Last => timed ? last : null;

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
        if (other.timed)
        {
            AddTime(other.first, other.last);
        }
    }

    private void AddTime(in LogTime earliest, in LogTime latest)
    {
        if (!timed)
        {
            (first, last, timed) = (earliest, latest, true);
            return;
        }

        if (earliest.Clock < first.Clock)
        {
            first = earliest;
        }

        if (latest.Clock > last.Clock)
        {
            last = latest;
        }
    }
}
