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

    /// <summary>Fetches the index slot where a key of <paramref name="hash"/> is looked up first (see <see cref="CountTable{TCounts}.Prefetch"/>).</summary>
    public void Prefetch(int hash) => _counts.Prefetch(hash);

    /// <summary>The counts kept for <paramref name="key"/>: one hash lookup whether it is known or new, and no string made.</summary>
    public ref TCounts For(ReadOnlySpan<char> key) => ref For(key, TextHash.Of(key));

    /// <summary>The <paramref name="n"/> keys with the most of what <paramref name="part"/> picks (none with zero of it), most first, then by key.</summary>
    public IReadOnlyList<(string Key, CountWithTimes Counts)> Top(int n, Func<TCounts, TimedCount> part)
    {
        // The reports list a few (10, 20): the best n so far are kept in order and a storm's hundred thousand keys are
        // each compared with the last of them, not sorted. Longer lists are sorted whole. Strings only for those listed.
        var kept = n <= 64 ? n : int.MaxValue;
        var best = new List<(int Index, TimedCount Counts)>();

        // A part never counts more than its key's whole count (ICountedValue.Count): a key whose whole count is below
        // the last kept one's cannot enter, and is passed over without calling part (a storm's keys mostly are).
        var least = 1L;
        for (var i = 0; i < _counts.Count && kept > 0; i++)
        {
            if (_counts.CountsAt(i).Count < least)
            {
                continue;
            }

            var counts = part(_counts.CountsAt(i));
            if (counts.Count == 0 || (best.Count == kept && Before(best[^1], (i, counts)) <= 0))
            {
                continue;
            }

            if (kept == int.MaxValue)
            {
                best.Add((i, counts));
                continue;
            }

            if (best.Count == kept)
            {
                best.RemoveAt(kept - 1);
            }

            var at = best.Count;
            while (at > 0 && Before(best[at - 1], (i, counts)) > 0)
            {
                at--;
            }

            best.Insert(at, (i, counts));
            if (best.Count == kept)
            {
                least = best[^1].Counts.Count;
            }
        }

        if (kept == int.MaxValue)
        {
            best.Sort(Before);
        }

        return [.. best.Take(n).Select(p => (_counts.KeyAt(p.Index).ToString(), new CountWithTimes(p.Counts)))];
    }

    /// <summary>Below zero when <paramref name="a"/> comes first: more counted, then by key as StringComparer.Ordinal orders (by UTF-16 code unit).</summary>
    private int Before((int Index, TimedCount Counts) a, (int Index, TimedCount Counts) b) =>
        a.Counts.Count != b.Counts.Count
            ? b.Counts.Count.CompareTo(a.Counts.Count)
            : _counts.KeyAt(a.Index).SequenceCompareTo(_counts.KeyAt(b.Index));

    /// <summary>The same with the key's <see cref="TextHash"/> already made (by the worker that read the line).</summary>
    public ref TCounts For(ReadOnlySpan<char> key, int hash)
    {
        var found = _counts.Lookup(key, hash);
        return ref found >= 0 ? ref _counts.CountsAt(found) : ref New(key, hash, ~found);
    }

    /// <summary>
    /// The same for a key held as a string: a string object whose entry was found before (a user's or a recurring
    /// address's, one object per text and worker, see <see cref="SpanInterner"/>) is known by reference, so its text is
    /// neither probed for nor compared again.
    /// </summary>
    public ref TCounts For(string key, int hash)
    {
        ref var known = ref _known[hash & (KnownSlots - 1)];
        if (ReferenceEquals(known.Key, key) && known.Generation == _counts.Generation)
        {
            return ref _counts.CountsAt(known.Index);
        }

        var found = _counts.Lookup(key, hash);
        if (found < 0)
        {
            // Not remembered: a key seen once (an attack storm's address) would only displace one that recurs.
            return ref New(key, hash, ~found);
        }

        (known.Key, known.Index, known.Generation) = (key, found, _counts.Generation);
        return ref _counts.CountsAt(found);
    }

    /// <summary>Keys found by string, by their hash's low bits: the string object, its entry and the table's generation then.</summary>
    private readonly KnownKey[] _known = new KnownKey[KnownSlots];
    private const int KnownSlots = 1024;

    private struct KnownKey
    {
        public string? Key;
        public int Index;
        public int Generation;
    }

    /// <param name="emptySlot">Where the lookup that missed ended (see <see cref="CountTable{TCounts}.Lookup"/>).</param>
    private ref TCounts New(ReadOnlySpan<char> key, int hash, int emptySlot)
    {
        // Past the bound the table is pruned before a new key enters (the key itself is never pruned on arrival); the
        // prune places the kept keys anew, so the lookup's empty slot is no longer known to be the key's.
        if (_counts.Count >= Capacity)
        {
            Prune();
            emptySlot = -1;
        }

        return ref _counts.Add(key, hash, emptySlot);
    }

    /// <summary>
    /// Drops the keys counted at most <c>floor</c> times, the floor doubling until fewer than three quarters of the
    /// capacity are left. The kept keys stay in their order and the index is made anew: one pass, no lookup per
    /// dropped key (an attack storm drops nearly all of a hundred thousand at each prune).
    /// </summary>
    /// <remarks>
    /// The keys are removed at the first floor at once, not counted first: a storm's first floor is nearly always
    /// enough, and when it is not, removing the keys at the doubled floor from those left keeps what removing them
    /// from the whole table would (the same keys, in the same order).
    /// </remarks>
    private void Prune()
    {
        Approximate = true;
        var floor = 1L;
        _counts.RemoveUnless(counts => counts.Count > floor);
        while (_counts.Count >= Capacity * 3 / 4)
        {
            floor *= 2;
            _counts.RemoveUnless(counts => counts.Count > floor);
        }
    }
}

/// <summary>A counter of plain counts (the stories).</summary>
public static class TimedCounter
{
    public static IReadOnlyList<(string Key, CountWithTimes Counts)> Top(this BoundedCounter<TimedCount> counter, int n) => counter.Top(n, counts => counts);
}
