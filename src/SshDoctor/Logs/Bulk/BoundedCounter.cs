using System.Runtime.InteropServices;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Counts by key (addresses, users, stories) within a fixed number of keys, so a log with millions of distinct
/// addresses still costs bounded memory. Past the bound, keys seen once are dropped and <see cref="Approximate"/> is set:
/// the top of the list stays right, the long tail is not kept.
/// </summary>
/// <remarks>
/// The counts are values in the table, not an object per key: an attack storm brings a new address on nearly every
/// line, and an object per key was a second allocation per address, a pointer to follow per lookup, and 100,000 more
/// objects for every collection to trace (6 MB of the bound, and gen2 garbage at every prune).
/// </remarks>
public sealed class BoundedCounter(int capacity = 100_000)
{
    private readonly Dictionary<string, TimedCount> _counts = new(StringComparer.Ordinal);

    public bool Approximate { get; private set; }

    public int Distinct => _counts.Count;

    public int Capacity { get; } = capacity;

    public void Add(string key, LogTime? time) => Entry(key).Add(time);

    public void Add(string key, LogTime? time, int count) => Entry(key).Add(time, count);

    /// <summary>Adds the counts of the same key from elsewhere (a block's tally).</summary>
    public void Merge(string key, in TimedCount other) => Entry(key).Merge(other);

    /// <summary>The same by the key's text: a string is made only the first time a key is seen.</summary>
    public void Add(ReadOnlySpan<char> key, LogTime? time)
    {
        ref var known = ref CollectionsMarshal.GetValueRefOrNullRef(_counts.GetAlternateLookup<ReadOnlySpan<char>>(), key);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref known))
        {
            known.Add(time);
            return;
        }

        Entry(key.ToString()).Add(time);
    }

    public IReadOnlyList<(string Key, CountWithTimes Counts)> Top(int n) =>
        [.. _counts.OrderByDescending(p => p.Value.Count).ThenBy(p => p.Key, StringComparer.Ordinal).Take(n).Select(p => (p.Key, new CountWithTimes(p.Value)))];

    /// <summary>The count kept for <paramref name="key"/>: one hash lookup whether it is known or new.</summary>
    private ref TimedCount Entry(string key)
    {
        // Past the bound the table is pruned before a new key enters (the key itself is never pruned on arrival).
        if (_counts.Count >= Capacity && !_counts.ContainsKey(key))
        {
            Prune();
        }

        return ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, key, out _);
    }

    /// <summary>
    /// Drops the keys counted at most <c>floor</c> times, the floor doubling until fewer than three quarters of the
    /// capacity are left. (Emptying the table and putting back the few keys a storm keeps was measured: no gain.)
    /// </summary>
    private void Prune()
    {
        Approximate = true;
        var floor = 1L;
        while (Above(floor) >= Capacity * 3 / 4)
        {
            floor *= 2;
        }

        // Removing the current entry while enumerating is allowed (and makes no list of the keys to remove).
        foreach (var (key, counts) in _counts)
        {
            if (counts.Count <= floor)
            {
                _counts.Remove(key);
            }
        }
    }

    private int Above(long floor)
    {
        var above = 0;
        foreach (var (_, counts) in _counts)
        {
            above += counts.Count > floor ? 1 : 0;
        }

        return above;
    }
}
