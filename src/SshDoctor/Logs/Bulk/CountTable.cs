using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Counts by text, kept in the order the keys came: the entries lie in one append-only array and an open-addressing
/// index of (hash, entry) pairs only points into it. A new key (an attack storm brings one on nearly every line) is one
/// index probe that compares hashes without reading any entry, and one entry written after the last; a walk over the
/// entries (a prune, a top list) reads them in the order they were made. The worker that read a line hands its key's
/// hash on with it (<see cref="BlockTally"/>), so the summary does not hash the text again.
/// </summary>
/// <remarks>
/// The keys' characters are copied into one array of text, not kept as strings: the table holds no reference, so the
/// collector neither traces a hundred thousand keys nor scans the entries for young strings at every collection, and
/// the string a worker made for a line's address dies young instead of ageing in the summary until a prune drops it.
/// Keyed by text (<see cref="TextHash"/>): one text is one key whichever string carried it.
/// </remarks>
public sealed class CountTable<TCounts>(int maxEntries = int.MaxValue)
    where TCounts : struct
{
    private const int FirstEntries = 16;

    private Entry[] _entries = new Entry[FirstEntries];

    /// <summary>
    /// Each slot is its entry's index + 1 in the low <see cref="_indexBits"/> bits (0: empty) and the top bits of the
    /// key's hash above them (the slot's place is chosen by the low bits). At most half full, so index + 1 always fits.
    /// Four bytes a slot: a storm's summary index is 1 MiB.
    /// </summary>
    private uint[] _slots = new uint[FirstEntries * 2];
    private int _indexBits = BitOperations.Log2(FirstEntries * 2);

    /// <summary>The keys' characters, one after another in the entries' order.</summary>
    private char[] _text = new char[FirstEntries * 16];
    private int _textLength;

    private struct Entry
    {
        public int Start;
        public int Length;
        public int Hash;
        public TCounts Counts;
    }

    public int Count { get; private set; }

    /// <summary>How many entries the table holds room for now.</summary>
    public int Capacity => _entries.Length;

    /// <summary>The key of the <paramref name="index"/>-th entry, in the order the keys came.</summary>
    public ReadOnlySpan<char> KeyAt(int index) => Key(_entries[index]);

    public ref TCounts CountsAt(int index) => ref _entries[index].Counts;

    /// <summary>The counts of <paramref name="key"/>, made (zero) if it is new.</summary>
    public ref TCounts For(ReadOnlySpan<char> key, int hash)
    {
        var index = IndexOf(key, hash);
        return ref index >= 0 ? ref _entries[index].Counts : ref Add(key, hash);
    }

    public ref TCounts For(ReadOnlySpan<char> key) => ref For(key, TextHash.Of(key));

    /// <summary>The index of <paramref name="key"/>'s entry, or -1.</summary>
    public int IndexOf(ReadOnlySpan<char> key, int hash)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var bits = _indexBits;
        var tag = Tag(hash, bits);
        for (var at = hash & mask; ; at = (at + 1) & mask)
        {
            var slot = slots[at];
            if (slot == 0)
            {
                return -1;
            }

            if ((slot >> bits) == tag)
            {
                var index = (int)(slot & (uint)mask) - 1;
                if (key.SequenceEqual(Key(_entries[index])))
                {
                    return index;
                }
            }
        }
    }

    /// <summary>
    /// Asks the processor to fetch the index slot where a key of <paramref name="hash"/> is looked up first: the summary
    /// knows the hashes of the lines to come, and a slot of an index larger than the cache is a miss per key otherwise.
    /// </summary>
    public unsafe void Prefetch(int hash)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref _slots[hash & (_slots.Length - 1)]));
        }
    }

    /// <summary>Adds a key known not to be in the table, with zero counts.</summary>
    public ref TCounts Add(ReadOnlySpan<char> key, int hash)
    {
        if (Count == _entries.Length)
        {
            // Grown to the owner's bound, not past it: a bounded counter's last doubling would be a third unused.
            Array.Resize(ref _entries, Math.Max(Count + 1, (int)Math.Min(_entries.Length * 2L, maxEntries)));
        }

        if (Count * 2 >= _slots.Length)
        {
            _slots = new uint[_slots.Length * 2];
            _indexBits++;
            Reindex();
        }

        if (_textLength + key.Length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_textLength + key.Length, _text.Length * 2));
        }

        key.CopyTo(_text.AsSpan(_textLength));
        var index = Count++;
        _entries[index] = new Entry { Start = _textLength, Length = key.Length, Hash = hash };
        _textLength += key.Length;
        Place(hash, index);
        return ref _entries[index].Counts;
    }

    /// <summary>Keeps only the entries <paramref name="keep"/> says to, in their order (their text too), and indexes them anew.</summary>
    public void RemoveUnless(Func<TCounts, bool> keep)
    {
        var kept = 0;
        var text = 0;
        for (var i = 0; i < Count; i++)
        {
            var entry = _entries[i];
            if (keep(entry.Counts))
            {
                Key(entry).CopyTo(_text.AsSpan(text));
                entry.Start = text;
                text += entry.Length;
                _entries[kept++] = entry;
            }
        }

        Count = kept;
        _textLength = text;
        Array.Clear(_slots);
        Reindex();
    }

    public void Clear()
    {
        Array.Clear(_slots);
        Count = _textLength = 0;
    }

    private ReadOnlySpan<char> Key(in Entry entry) => _text.AsSpan(entry.Start, entry.Length);

    private void Reindex()
    {
        for (var i = 0; i < Count; i++)
        {
            Place(_entries[i].Hash, i);
        }
    }

    /// <summary>The hash's bits above those a slot's index takes: compared before an entry is read.</summary>
    private static uint Tag(int hash, int indexBits) => (uint)hash >> indexBits;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Place(int hash, int index)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var at = hash & mask;
        while (slots[at] != 0)
        {
            at = (at + 1) & mask;
        }

        slots[at] = (Tag(hash, _indexBits) << _indexBits) | (uint)(index + 1);
    }
}
