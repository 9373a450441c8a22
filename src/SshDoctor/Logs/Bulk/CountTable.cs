using System.Runtime.CompilerServices;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Counts by text, kept in the order the keys came: the entries lie in one append-only array and an open-addressing
/// index of (hash, entry) pairs only points into it. A new key (an attack storm brings one on nearly every line) is one
/// index probe that compares hashes without reading any entry or string, and one entry written after the last; a walk
/// over the entries (a block's tally merged into the summary) reads them and their strings in the order they were made.
/// A block's tally hands each key's hash on with it, so the summary does not hash the text again.
/// </summary>
/// <remarks>Keyed by text (<see cref="TextHash"/>), not by the string object: one text is one key whichever string carries it.</remarks>
public sealed class CountTable<TCounts>(int maxEntries = int.MaxValue)
    where TCounts : struct
{
    private const int FirstEntries = 16;

    private Entry[] _entries = new Entry[FirstEntries];

    /// <summary>Each slot is the key's hash in the high half and its entry's index + 1 in the low half (0: empty). At most half full.</summary>
    private ulong[] _slots = new ulong[FirstEntries * 2];

    private struct Entry
    {
        public string Key;
        public int Hash;
        public TCounts Counts;
    }

    public int Count { get; private set; }

    /// <summary>How many entries the table holds room for now.</summary>
    public int Capacity => _entries.Length;

    /// <summary>The key of the <paramref name="index"/>-th entry, in the order the keys came.</summary>
    public string KeyAt(int index) => _entries[index].Key;

    public int HashAt(int index) => _entries[index].Hash;

    public ref TCounts CountsAt(int index) => ref _entries[index].Counts;

    /// <summary>The counts of <paramref name="key"/>, made (zero) if it is new.</summary>
    public ref TCounts For(string key, int hash)
    {
        var index = IndexOf(key, hash);
        return ref index >= 0 ? ref _entries[index].Counts : ref Add(key, hash);
    }

    public ref TCounts For(string key) => ref For(key, TextHash.Of(key));

    /// <summary>The index of <paramref name="key"/>'s entry, or -1.</summary>
    public int IndexOf(ReadOnlySpan<char> key, int hash)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var tag = (ulong)(uint)hash << 32;
        for (var at = hash & mask; ; at = (at + 1) & mask)
        {
            var slot = slots[at];
            if (slot == 0)
            {
                return -1;
            }

            if ((slot & 0xFFFF_FFFF_0000_0000UL) == tag)
            {
                var index = (int)(uint)slot - 1;
                if (key.SequenceEqual(_entries[index].Key))
                {
                    return index;
                }
            }
        }
    }

    /// <summary>Adds a key known not to be in the table, with zero counts.</summary>
    public ref TCounts Add(string key, int hash)
    {
        if (Count == _entries.Length)
        {
            // Grown to the owner's bound, not past it: a bounded counter's last doubling would be a third unused.
            Array.Resize(ref _entries, Math.Max(Count + 1, (int)Math.Min(_entries.Length * 2L, maxEntries)));
        }

        if (Count * 2 >= _slots.Length)
        {
            _slots = new ulong[_slots.Length * 2];
            Reindex();
        }

        var index = Count++;
        _entries[index] = new Entry { Key = key, Hash = hash };
        Place(_slots, hash, index);
        return ref _entries[index].Counts;
    }

    /// <summary>Keeps only the entries <paramref name="keep"/> says to, in their order, and indexes them anew.</summary>
    public void RemoveUnless(Func<TCounts, bool> keep)
    {
        var kept = 0;
        for (var i = 0; i < Count; i++)
        {
            if (keep(_entries[i].Counts))
            {
                _entries[kept++] = _entries[i];
            }
        }

        // The dropped keys' strings must not stay reachable from the array's tail.
        Array.Clear(_entries, kept, Count - kept);
        Count = kept;
        Array.Clear(_slots);
        Reindex();
    }

    public void Clear()
    {
        Array.Clear(_entries, 0, Count);
        Array.Clear(_slots);
        Count = 0;
    }

    private void Reindex()
    {
        for (var i = 0; i < Count; i++)
        {
            Place(_slots, _entries[i].Hash, i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Place(ulong[] slots, int hash, int index)
    {
        var mask = slots.Length - 1;
        var at = hash & mask;
        while (slots[at] != 0)
        {
            at = (at + 1) & mask;
        }

        slots[at] = ((ulong)(uint)hash << 32) | (uint)(index + 1);
    }
}
