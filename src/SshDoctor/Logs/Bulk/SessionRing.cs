using System.Numerics;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// The open connections, at most <c>capacity</c>, in the order they were first seen: a ring of sessions held as values
/// (when it is full the oldest slot is the one reused) and an open-addressing table from connection key to ring slot.
/// One probe into one flat array per line, and no object per connection. The ring is made of chunks added as it fills
/// up to its capacity, so a short log costs little and nothing is ever copied (or its memory touched twice) to grow it.
/// </summary>
internal sealed class SessionRing
{
    private const int ChunkBits = 12;
    private const int ChunkSize = 1 << ChunkBits;

    private readonly int capacity;
    private readonly Session[]?[] ring;
    private readonly long[] ringKeys;

    /// <summary>Key and ring slot + 1 (0: empty), linear probing, about half full at most.</summary>
    private readonly (long Key, int Slot)[] table;
    private readonly int shift;
    private long created;

    public SessionRing(int capacity)
    {
        this.capacity = capacity;
        ring = new Session[]?[(capacity + ChunkSize - 1) >> ChunkBits];
        ringKeys = new long[capacity];
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        table = new (long, int)[size];
        shift = 64 - BitOperations.Log2((uint)size);
    }

    public int Capacity => capacity;

    /// <summary>True when every slot holds a session: the next new one replaces <see cref="Oldest"/>.</summary>
    public bool Full => created >= capacity;

    /// <summary>The slot the next new session takes: when <see cref="Full"/>, the oldest session's.</summary>
    public int Oldest => (int)(created % capacity);

    /// <summary>The session in a slot that <see cref="Find"/> or <see cref="Add"/> gave.</summary>
    public ref Session this[int slot] => ref ring[slot >> ChunkBits]![slot & (ChunkSize - 1)];

    /// <summary>
    /// Reads the table where <paramref name="key"/> would be, and where the key of the session that the
    /// <paramref name="ahead"/>-th next new one replaces is: called for a run of lines before they are handled, so that
    /// the processor waits for those cache misses all at once instead of one line after another.
    /// </summary>
    public int Touch(long key, int ahead)
    {
        var touched = table[Home(key)].Slot;
        if (created + ahead >= capacity)
        {
            touched += table[Home(ringKeys[(int)((created + ahead) % capacity)])].Slot;
        }

        return touched;
    }

    /// <summary>The slot of the session under <paramref name="key"/>, or -1.</summary>
    public int Find(long key)
    {
        var mask = table.Length - 1;
        for (var i = Home(key); ; i = (i + 1) & mask)
        {
            var (k, slot) = table[i];
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

    /// <summary>
    /// Adds an empty session under a key not present and gives its slot; when full, it takes the oldest session's slot
    /// (the caller reads that session first: <see cref="Oldest"/>).
    /// </summary>
    public int Add(long key)
    {
        var slot = Oldest;
        if (Full)
        {
            Remove(ringKeys[slot]);
        }
        else
        {
            ring[slot >> ChunkBits] ??= new Session[ChunkSize];
        }

        this[slot].Reset();
        ringKeys[slot] = key;
        var mask = table.Length - 1;
        var i = Home(key);
        while (table[i].Slot != 0)
        {
            i = (i + 1) & mask;
        }

        table[i] = (key, slot + 1);
        created++;
        return slot;
    }

    /// <summary>Every slot in use, oldest first.</summary>
    public IEnumerable<int> All()
    {
        var count = (int)Math.Min(created, capacity);
        var start = Full ? Oldest : 0;
        for (var n = 0; n < count; n++)
        {
            yield return (start + n) % capacity;
        }
    }

    public void Clear()
    {
        var used = (int)Math.Min(created, capacity);
        if (used * 16L < table.Length)
        {
            // A few sessions: find their entries first (each search needs the table intact), then empty only those, so
            // that a short log does not touch (and fault in) the whole 2 MB table only to clear it.
            var entries = new int[used];
            for (var slot = 0; slot < used; slot++)
            {
                entries[slot] = IndexOf(ringKeys[slot]);
            }

            foreach (var i in entries)
            {
                table[i] = default;
            }
        }
        else
        {
            Array.Clear(table);
        }

        foreach (var chunk in ring)
        {
            if (chunk is not null)
            {
                Array.Clear(chunk);
            }
        }

        created = 0;
    }

    private int Home(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> shift);

    /// <summary>Where <paramref name="key"/> (present) sits in the table.</summary>
    private int IndexOf(long key)
    {
        var mask = table.Length - 1;
        var i = Home(key);
        while (table[i].Key != key || table[i].Slot == 0)
        {
            i = (i + 1) & mask;
        }

        return i;
    }

    /// <summary>Backward-shift deletion: later entries of the same probe run move up, so lookups need no tombstones.</summary>
    private void Remove(long key)
    {
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
    }
}
