using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Counts by text, kept in the order the keys came: the entries lie in append-only chunks and an open-addressing
/// index of (hash, entry) pairs only points into it. A new key (an attack storm brings one on nearly every line) is one
/// index probe that compares hashes without reading any entry, and one entry written after the last; a walk over the
/// entries (a prune, a top list) reads them in the order they were made. The worker that read a line hands its key's
/// hash on with it (<see cref="BlockTally"/>), so the summary does not hash the text again.
/// </summary>
/// <remarks>
/// The keys' characters are copied into arrays of text, not kept as strings: the table holds no reference, so the
/// collector neither traces a hundred thousand keys nor scans the entries for young strings at every collection, and
/// the string a worker made for a line's address dies young instead of ageing in the summary until a prune drops it.
/// Keyed by text (<see cref="TextHash"/>): one text is one key whichever string carried it. The text lies in chunks
/// like the entries: one array doubled to a storm's million characters copied them at each step, left each old array
/// as large-object garbage and ended up to half unused.
/// </remarks>
public sealed class CountTable<TCounts>(int maxEntries = int.MaxValue)
    where TCounts : struct
{
    private const int FirstEntries = 16;

    /// <summary>
    /// Entries past the first chunk come in chunks of this many (80 bytes each for <see cref="AuthCounts"/>): an attack
    /// storm's table fills to its bound of 100,000 in its first seconds, and doubling one array copied every entry
    /// again at each step and left each old array as large-object garbage (a full collection each).
    /// </summary>
    private const int ChunkBits = 12;
    private const int ChunkSize = 1 << ChunkBits;

    /// <summary>The first chunk grows by doubling up to <see cref="ChunkSize"/> (a short log's table stays small); later ones are made whole, the last only up to the bound.</summary>
    private Entry[][] _chunks = [new Entry[FirstEntries]];
    private int _capacity = FirstEntries;

    /// <summary>
    /// Each slot is its entry's index + 1 in the low <see cref="_indexBits"/> bits (0: empty) and the top bits of the
    /// key's hash above them (the slot's place is chosen by the low bits). At most half full, so index + 1 always fits.
    /// Four bytes a slot: a storm's summary index is 1 MiB.
    /// </summary>
    private uint[] _slots = new uint[FirstEntries * 2];
    private int _indexBits = BitOperations.Log2(FirstEntries * 2);

    /// <summary>
    /// A table that reaches this many keys (an attack's addresses) is on its way to its bound: its index is then made
    /// for the bound at once, one re-placing of every entry instead of five doublings on the way to a storm's 262,144 slots.
    /// </summary>
    private const int IndexForBoundFrom = 4096;

    /// <summary>Characters per chunk of text (128 KiB, in the large-object heap: never copied by a collection). A key is never split.</summary>
    private const int TextChunkBits = 16;
    private const int TextChunkSize = 1 << TextChunkBits;

    /// <summary>The keys' characters, one after another in the entries' order, chunk after chunk; the first grows by doubling up to a whole one.</summary>
    private char[][] _text = [new char[FirstEntries * 16]];
    private int _textChunk;
    private int _textLength;

    private struct Entry
    {
        /// <summary>The text's chunk above <see cref="TextChunkBits"/>, where the key starts in it below.</summary>
        public int Start;
        public int Length;
        public int Hash;
        public TCounts Counts;
    }

    public int Count { get; private set; }

    /// <summary>How many entries the table holds room for now.</summary>
    public int Capacity => _capacity;

    /// <summary>The key of the <paramref name="index"/>-th entry, in the order the keys came.</summary>
    public ReadOnlySpan<char> KeyAt(int index) => Key(At(index));

    public ref TCounts CountsAt(int index) => ref At(index).Counts;

    /// <summary>The counts of <paramref name="key"/>, made (zero) if it is new.</summary>
    public ref TCounts For(ReadOnlySpan<char> key, int hash)
    {
        var found = Lookup(key, hash);
        return ref found >= 0 ? ref At(found).Counts : ref Add(key, hash, ~found);
    }

    public ref TCounts For(ReadOnlySpan<char> key) => ref For(key, TextHash.Of(key));

    /// <summary>
    /// Bumped whenever entries move or go (a removal, a clear): an entry's index found under one generation is its
    /// index for as long as the generation stays (entries are otherwise only appended).
    /// </summary>
    public int Generation { get; private set; }

    /// <summary>
    /// The index of <paramref name="key"/>'s entry, or, when it is not there, the complement (~) of the empty index
    /// slot the search ended at: where <see cref="Add(ReadOnlySpan{char}, int, int)"/> places the key if nothing was
    /// added or removed in between (a new key, an attack storm's usual, is then one probe, not two).
    /// </summary>
    public int Lookup(ReadOnlySpan<char> key, int hash)
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
                return ~at;
            }

            if ((slot >> bits) == tag)
            {
                var index = (int)(slot & (uint)mask) - 1;
                if (KeyText.Equal(key, Key(At(index))))
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

    /// <summary>
    /// Adds a key known not to be in the table, with zero counts, at the empty index slot <paramref name="emptySlot"/>
    /// that <see cref="Lookup"/> gave for this key with nothing added or removed since (-1: search it).
    /// </summary>
    public ref TCounts Add(ReadOnlySpan<char> key, int hash, int emptySlot)
    {
        if (Count == _capacity)
        {
            Grow();
        }

        if (Count * 2 >= _slots.Length)
        {
            GrowIndex();
            emptySlot = -1;
        }

        var start = Append(key);
        var index = Count++;
        ref var entry = ref At(index);
        entry = new Entry { Start = start, Length = key.Length, Hash = hash };
        if (emptySlot >= 0)
        {
            _slots[emptySlot] = (Tag(hash, _indexBits) << _indexBits) | (uint)(index + 1);
        }
        else
        {
            Place(hash, index);
        }

        return ref entry.Counts;
    }

    /// <summary>Keeps only the entries <paramref name="keep"/> says to, in their order (their text too), and indexes them anew.</summary>
    public void RemoveUnless(Func<TCounts, bool> keep)
    {
        // Kept keys are written again from the first chunk on: never past a key still to be read, as they are packed the
        // same way minus the dropped ones.
        var kept = 0;
        _textChunk = _textLength = 0;
        for (var i = 0; i < Count; i++)
        {
            ref var entry = ref At(i);
            if (!keep(entry.Counts))
            {
                continue;
            }

            var start = Append(Key(entry));
            ref var to = ref At(kept++);
            if (!Unsafe.AreSame(ref to, ref entry))
            {
                to = entry;
            }

            to.Start = start;
        }

        Count = kept;
        Generation++;
        Array.Clear(_slots);
        Reindex();
    }

    public void Clear()
    {
        Generation++;
        Array.Clear(_slots);
        Count = _textChunk = _textLength = 0;
    }

    private ReadOnlySpan<char> Key(in Entry entry) => _text[entry.Start >> TextChunkBits].AsSpan(entry.Start & (TextChunkSize - 1), entry.Length);

    /// <summary>Copies a key after the last one (into the next chunk when it does not fit whole) and says where it starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Append(ReadOnlySpan<char> key)
    {
        var chunk = _text[_textChunk];
        // A key starts within a chunk's first TextChunkSize characters (its start must fit the entry's bits).
        if (_textLength + key.Length > chunk.Length || _textLength >= TextChunkSize)
        {
            if (_textChunk == 0 && _textLength + key.Length <= TextChunkSize)
            {
                var grown = GC.AllocateUninitializedArray<char>(Math.Min(TextChunkSize, Math.Max(_textLength + key.Length, chunk.Length * 2)));
                chunk.AsSpan(0, _textLength).CopyTo(grown);
                _text[0] = grown;
            }
            else
            {
                NextTextChunk(key.Length);
            }

            chunk = _text[_textChunk];
        }

        KeyText.Copy(key, chunk.AsSpan(_textLength, key.Length));
        var start = (_textChunk << TextChunkBits) | _textLength;
        _textLength += key.Length;
        return start;
    }

    /// <summary>Moves to the next chunk of text, made, or kept from before a removal (all its earlier text read by now).</summary>
    private void NextTextChunk(int length)
    {
        _textChunk++;
        _textLength = 0;
        if (_textChunk == _text.Length)
        {
            Array.Resize(ref _text, _textChunk * 2);
        }

        // A key longer than a chunk gets one of its own size (it starts at 0, so its start still fits the entry's bits).
        if (_text[_textChunk] is not { } had || had.Length < length)
        {
            _text[_textChunk] = GC.AllocateUninitializedArray<char>(Math.Max(TextChunkSize, length));
        }
    }

    /// <summary>
    /// Twice the slots, or at <see cref="IndexForBoundFrom"/> keys the slots for the bound. The new index is written
    /// before it is read: a fresh page read first is mapped to the shared zero page and copied at its first write,
    /// which flushes the other core's TLB (4-6 % of the CPU of a storm's first 10 MB, most of it here).
    /// </summary>
    private void GrowIndex()
    {
        var size = _slots.Length * 2;
        if (Count >= IndexForBoundFrom && maxEntries <= int.MaxValue / 4)
        {
            // Room for the bound and one more (a bounded counter adds a key right after it prunes), at most half full.
            size = Math.Max(size, (int)BitOperations.RoundUpToPowerOf2((uint)(maxEntries + 1) * 2));
        }

        _slots = GC.AllocateUninitializedArray<uint>(size);
        Array.Clear(_slots);
        _indexBits = BitOperations.Log2((uint)size);
        Reindex();
    }

    private ref Entry At(int index) => ref _chunks[index >> ChunkBits][index & (ChunkSize - 1)];

    /// <summary>
    /// Room for more entries, up to the owner's bound and not past it (a bounded counter's last doubling would be a third
    /// unused). The last chunk is filled before a new one is made: the first doubles, and one cut at the bound grows by
    /// what is asked past the bound (a table may be filled past it; a bounded counter prunes first).
    /// </summary>
    private void Grow()
    {
        var room = (int)Math.Min(int.MaxValue, Math.Max(1L, (long)maxEntries - _capacity));
        var last = (_capacity - 1) >> ChunkBits;
        var inLast = _capacity - (last << ChunkBits);
        if (inLast < ChunkSize)
        {
            var more = Math.Min(room, Math.Min(last == 0 ? inLast : ChunkSize, ChunkSize - inLast));
            Array.Resize(ref _chunks[last], inLast + more);
            _capacity += more;
            return;
        }

        var chunk = last + 1;
        if (chunk == _chunks.Length)
        {
            Array.Resize(ref _chunks, chunk * 2);
        }

        _chunks[chunk] = new Entry[Math.Min(room, ChunkSize)];
        _capacity += _chunks[chunk].Length;
    }

    private void Reindex()
    {
        for (var i = 0; i < Count; i++)
        {
            Place(At(i).Hash, i);
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
