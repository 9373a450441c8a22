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
    private readonly CountTable<TCounts> _counts = new(capacity);

    public bool Approximate { get; private set; }

    public int Distinct => _counts.Count;

    public int Capacity { get; } = capacity;

    /// <summary>Adds every key of a block's tally, in the order the block met them.</summary>
    public void Merge(CountTable<TCounts> other)
    {
        for (var i = 0; i < other.Count; i++)
        {
            For(other.KeyAt(i), other.HashAt(i)).Merge(other.CountsAt(i));
        }
    }

    /// <summary>The counts kept for <paramref name="key"/>, by its text: a string is made only the first time a key is seen.</summary>
    public ref TCounts For(ReadOnlySpan<char> key)
    {
        var hash = TextHash.Of(key);
        var index = _counts.IndexOf(key, hash);
        return ref index >= 0 ? ref _counts.CountsAt(index) : ref New(key.ToString(), hash);
    }

    /// <summary>The <paramref name="n"/> keys with the most of what <paramref name="part"/> picks (none with zero of it), most first, then by key.</summary>
    public IReadOnlyList<(string Key, CountWithTimes Counts)> Top(int n, Func<TCounts, TimedCount> part) =>
        [.. Enumerable.Range(0, _counts.Count).Select(i => (Key: _counts.KeyAt(i), Counts: part(_counts.CountsAt(i)))).Where(p => p.Counts.Count > 0)
            .OrderByDescending(p => p.Counts.Count).ThenBy(p => p.Key, StringComparer.Ordinal).Take(n)
            .Select(p => (p.Key, new CountWithTimes(p.Counts)))];

    /// <summary>The counts kept for <paramref name="key"/>: one hash lookup whether it is known or new.</summary>
    public ref TCounts For(string key) => ref For(key, TextHash.Of(key));

    private ref TCounts For(string key, int hash)
    {
        var index = _counts.IndexOf(key, hash);
        return ref index >= 0 ? ref _counts.CountsAt(index) : ref New(key, hash);
    }

    private ref TCounts New(string key, int hash)
    {
        // Past the bound the table is pruned before a new key enters (the key itself is never pruned on arrival).
        if (_counts.Count >= Capacity)
        {
            Prune();
        }

        return ref _counts.Add(key, hash);
    }

    /// <summary>
    /// Drops the keys counted at most <c>floor</c> times, the floor doubling until fewer than three quarters of the
    /// capacity are left. The kept keys stay in their order and the index is made anew: one pass, no lookup per
    /// dropped key (an attack storm drops nearly all of a hundred thousand at each prune).
    /// </summary>
    private void Prune()
    {
        Approximate = true;
        var floor = 1L;
        while (Above(floor) >= Capacity * 3 / 4)
        {
            floor *= 2;
        }

        _counts.RemoveUnless(counts => counts.Count > floor);
    }

    private int Above(long floor)
    {
        var above = 0;
        for (var i = 0; i < _counts.Count; i++)
        {
            above += _counts.CountsAt(i).Count > floor ? 1 : 0;
        }

        return above;
    }
}

/// <summary>A counter of plain counts (the stories).</summary>
public static class TimedCounter
{
    public static IReadOnlyList<(string Key, CountWithTimes Counts)> Top(this BoundedCounter<TimedCount> counter, int n) => counter.Top(n, counts => counts);
}
