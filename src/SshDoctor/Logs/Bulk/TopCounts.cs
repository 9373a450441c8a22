namespace SshDoctor.Logs.Bulk;

/// <summary>What a report reads of a bounded count by key (<see cref="BoundedCounter"/>, <see cref="AddressCounter"/>): the top keys as text.</summary>
public abstract class TopCounts
{
    /// <summary>True once keys seen once were dropped to keep within <see cref="Capacity"/>: the top stays right, the tail is not kept.</summary>
    public bool Approximate { get; protected set; }

    public abstract int Distinct { get; }

    public abstract int Capacity { get; }

    /// <summary>The <paramref name="n"/> most counted keys, most first, equal counts by key text (ordinal).</summary>
    public abstract IReadOnlyList<(string Key, CountWithTimes Counts)> Top(int n);
}
