using System.Runtime.InteropServices;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Failures per source address within a fixed number of addresses, keyed by value (<see cref="IpKey"/>) with the counts
/// in the table itself: an attack storm of hundreds of thousands of addresses makes no string and no object per
/// address here, and the text is made only for the addresses a report shows. Bounded as <see cref="BoundedCounter"/> is,
/// by the same rule, so both count alike.
/// </summary>
public sealed class AddressCounter(int capacity = 100_000) : TopCounts
{
    private readonly Dictionary<IpKey, TimedCount> counts = [];

    public override int Distinct => counts.Count;

    public override int Capacity { get; } = capacity;

    public void Add(IpKey key, LogTime? time, int count) => Entry(key).Add(time, count);

    /// <summary>Adds the counts of the same address from elsewhere (a block's tally).</summary>
    public void Merge(IpKey key, in TimedCount other) => Entry(key).Merge(other);

    public override IReadOnlyList<(string Key, CountWithTimes Counts)> Top(int n) =>
        [.. counts.Select(p => (Key: p.Key.ToString(), p.Value)).OrderByDescending(p => p.Value.Count).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(n).Select(p => (p.Key, new CountWithTimes(p.Value)))];

    private ref TimedCount Entry(IpKey key)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(counts, key);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref entry))
        {
            return ref entry;
        }

        if (counts.Count >= Capacity)
        {
            Prune();
        }

        return ref CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _);
    }

    private void Prune()
    {
        Approximate = true;
        var floor = 1L;
        while (counts.Count >= Capacity * 3 / 4)
        {
            foreach (var key in counts.Where(p => p.Value.Count <= floor).Select(p => p.Key).ToList())
            {
                counts.Remove(key);
            }

            floor *= 2;
        }
    }
}
