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
public sealed class BoundedCounter<TCounts>(int capacity = 100_000)
    where TCounts : struct, ICountedValue<TCounts>
{
    private readonly Dictionary<string, TCounts> _counts = new(StringComparer.Ordinal);

    public bool Approximate { get; private set; }

    public int Distinct => _counts.Count;

    public int Capacity { get; } = capacity;

    /// <summary>Adds the counts of the same key from elsewhere (a block's tally).</summary>
    public void Merge(string key, in TCounts other) => For(key).Merge(other);

    /// <summary>The counts kept for <paramref name="key"/>, by its text: a string is made only the first time a key is seen.</summary>
    public ref TCounts For(ReadOnlySpan<char> key)
    {
        ref var known = ref CollectionsMarshal.GetValueRefOrNullRef(_counts.GetAlternateLookup<ReadOnlySpan<char>>(), key);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref known))
        {
            return ref known;
        }

        return ref For(key.ToString());
    }

    /// <summary>The <paramref name="n"/> keys with the most of what <paramref name="part"/> picks (none with zero of it), most first, then by key.</summary>
    public IReadOnlyList<(string Key, CountWithTimes Counts)> Top(int n, Func<TCounts, TimedCount> part) =>
        [.. _counts.Select(p => (p.Key, Counts: part(p.Value))).Where(p => p.Counts.Count > 0)
            .OrderByDescending(p => p.Counts.Count).ThenBy(p => p.Key, StringComparer.Ordinal).Take(n)
            .Select(p => (p.Key, new CountWithTimes(p.Counts)))];

    /// <summary>The counts kept for <paramref name="key"/>: one hash lookup whether it is known or new.</summary>
    public ref TCounts For(string key)
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

/// <summary>A counter of plain counts (the stories).</summary>
public static class TimedCounter
{
    public static IReadOnlyList<(string Key, CountWithTimes Counts)> Top(this BoundedCounter<TimedCount> counter, int n) => counter.Top(n, counts => counts);
}
