using System.Numerics;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Where each open connection's session sits in the <see cref="SessionRing"/>, by connection key (a source number, or
/// a hashed source with the top bit set, in the high half, the sshd pid in the low half). The first few sources (a log file of one host, the usual case) are indexed
/// directly by pid in pages made as pids appear: a lookup is two array reads with no hashing or probing, and forgetting
/// a connection is one store. Other keys (many hosts in one file, pids past Linux's limit) go to an open-addressing
/// table. Bounded either way: the pages cover at most <see cref="DirectSources"/> × 2²² pids (4 bytes each), the
/// table twice the ring's capacity.
/// </summary>
internal sealed class SessionIndex
{
    private const int DirectSources = 2;

    /// <summary>Linux's largest pid_max: every pid a Linux sshd can have.</summary>
    private const int DirectPids = 1 << 22;

    private const int PageBits = 10;
    private const int PageSize = 1 << PageBits;

    /// <summary>By source, then by pid / <see cref="PageSize"/>: ring slot + 1 per pid (0: none).</summary>
    private readonly int[]?[]?[] _pages = new int[]?[]?[DirectSources];

    /// <summary>
    /// Key and ring slot + 1 (0: empty), linear probing, about half full at most. Made for the first key the pages do
    /// not take: most logs never need it.
    /// </summary>
    private (long Key, int Slot)[]? _table;
    private readonly int _tableSize;
    private readonly int _shift;
    private int _tableCount;

    public SessionIndex(int capacity)
    {
        _tableSize = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        _shift = 64 - BitOperations.Log2((uint)_tableSize);
    }

    /// <summary>Reads where <paramref name="key"/> is kept, so that a later <see cref="Find"/> finds it in the cache.</summary>
    public int Touch(long key)
    {
        if (!IsDirect(key, out var source, out var pid))
        {
            return _table is null ? 0 : CacheHint.Prefetch(ref _table[Home(key)]);
        }

        return _pages[source]?[pid >> PageBits] is { } page ? CacheHint.Prefetch(ref page[pid & (PageSize - 1)]) : 0;
    }

    /// <summary>The ring slot of <paramref name="key"/>, or -1.</summary>
    public int Find(long key)
    {
        if (IsDirect(key, out var source, out var pid))
        {
            return (_pages[source]?[pid >> PageBits]?[pid & (PageSize - 1)] ?? 0) - 1;
        }

        if (_table is null)
        {
            return -1;
        }

        var mask = _table.Length - 1;
        for (var i = Home(key); ; i = (i + 1) & mask)
        {
            var (k, slot) = _table[i];
            if (slot == 0)
            {
                return -1;
            }

            if (k == key)
            {
                return slot - 1;
            }
        }
    }

    /// <summary>Adds <paramref name="key"/> (not present) at ring slot <paramref name="slot"/>.</summary>
    public void Add(long key, int slot)
    {
        if (IsDirect(key, out var source, out var pid))
        {
            var directory = _pages[source] ??= new int[]?[DirectPids >> PageBits];
            var page = directory[pid >> PageBits] ??= new int[PageSize];
            page[pid & (PageSize - 1)] = slot + 1;
            return;
        }

        _table ??= new (long, int)[_tableSize];
        var mask = _table.Length - 1;
        var i = Home(key);
        while (_table[i].Slot != 0)
        {
            i = (i + 1) & mask;
        }

        _table[i] = (key, slot + 1);
        _tableCount++;
    }

    /// <summary>Forgets <paramref name="key"/> (present).</summary>
    public void Remove(long key)
    {
        if (IsDirect(key, out var source, out var pid))
        {
            _pages[source]![pid >> PageBits]![pid & (PageSize - 1)] = 0;
            return;
        }

        // Backward-shift deletion: later entries of the same probe run move up, so lookups need no tombstones.
        var table = this._table!;
        var mask = table.Length - 1;
        var i = IndexOf(key);
        var j = i;
        while (true)
        {
            j = (j + 1) & mask;
            if (table[j].Slot == 0)
            {
                break;
            }

            var home = Home(table[j].Key);
            // The entry at j may move to the hole at i unless its home lies cyclically in (i, j].
            var stays = i <= j ? home > i && home <= j : home > i || home <= j;
            if (!stays)
            {
                table[i] = table[j];
                i = j;
            }
        }

        table[i] = default;
        _tableCount--;
    }

    /// <summary>Forgets every key; <paramref name="keys"/> are those present.</summary>
    public void Clear(ReadOnlySpan<long> keys)
    {
        Array.Clear(_pages);
        if (_table is null)
        {
            return;
        }

        if (_tableCount * 16L < _table.Length)
        {
            // A few entries: find them first (each search needs the table intact), then empty only those, so that a
            // short log does not touch (and fault in) the whole table only to clear it.
            var entries = new List<int>(_tableCount);
            foreach (var key in keys)
            {
                if (!IsDirect(key, out _, out _))
                {
                    entries.Add(IndexOf(key));
                }
            }

            foreach (var i in entries)
            {
                _table[i] = default;
            }
        }
        else
        {
            Array.Clear(_table);
        }

        _tableCount = 0;
    }

    private static bool IsDirect(long key, out int source, out int pid)
    {
        source = (int)(key >>> 32);
        pid = (int)key;
        return (uint)source < DirectSources && (uint)pid < DirectPids;
    }

    private int Home(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> _shift);

    /// <summary>Where <paramref name="key"/> (present, not direct) sits in the table.</summary>
    private int IndexOf(long key)
    {
        var table = this._table!;
        var mask = table.Length - 1;
        var i = Home(key);
        while (table[i].Key != key || table[i].Slot == 0)
        {
            i = (i + 1) & mask;
        }

        return i;
    }
}
