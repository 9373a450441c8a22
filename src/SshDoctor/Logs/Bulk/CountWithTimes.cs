namespace SshDoctor.Logs.Bulk;

/// <summary>How often something was seen, and when first and last.</summary>
public sealed class CountWithTimes
{
    private TimedCount value;

    public long Count => value.Count;

    public LogTime? First => value.First;

    public LogTime? Last => value.Last;

    /// <summary>Adds another count, as if its lines came after this one's (on equal clocks the earlier-seen time stays).</summary>
    public void Merge(in TimedCount other) => value.Merge(other);

    public void Add(LogTime? time) => value.Add(time);

    public void Add(LogTime? time, int count) => value.Add(time, count);
}
