namespace SshDoctor.Logs.Bulk;

/// <summary>
/// How often something was seen, and when first and last, as a value: the workers keep these in their block tallies
/// without an object per key, and <see cref="CountWithTimes"/> wraps one for the summary.
/// </summary>
public struct TimedCount
{
    public long Count { get; private set; }

    public LogTime? First { get; private set; }

    public LogTime? Last { get; private set; }

    public void Add(LogTime? time)
    {
        Count++;
        if (time is { } t)
        {
            if (First is not { } f || t.Clock < f.Clock)
            {
                First = t;
            }

            if (Last is not { } l || t.Clock > l.Clock)
            {
                Last = t;
            }
        }
    }

    /// <summary>Adds another count, as if its lines came after this one's (on equal clocks the earlier-seen time stays).</summary>
    public void Merge(in TimedCount other)
    {
        Count += other.Count;
        if (other.First is { } first && (First is not { } mine || first.Clock < mine.Clock))
        {
            First = first;
        }

        if (other.Last is { } last && (Last is not { } mineLast || last.Clock > mineLast.Clock))
        {
            Last = last;
        }
    }
}
