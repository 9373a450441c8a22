namespace SshDoctor.Logs.Bulk;

/// <summary>How often something was seen, and when first and last.</summary>
public sealed class CountWithTimes
{
    private TimedCount _value;

    public CountWithTimes()
    {
    }

    /// <summary>A copy of a count kept as a value (<see cref="BoundedCounter{TCounts}"/>'s).</summary>
    public CountWithTimes(in TimedCount value) => _value = value;

    public long Count => _value.Count;

    public LogTime? First => _value.First;

    public LogTime? Last => _value.Last;

    /// <summary>Adds another count, as if its lines came after this one's (on equal clocks the earlier-seen time stays).</summary>
    public void Merge(in TimedCount other) => _value.Merge(other);

    public void Add(LogTime? time) => _value.Add(time);

    public void Add(LogTime? time, int count) => _value.Add(time, count);
}
