using System.Numerics;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// The open connections, at most <c>capacity</c>, in the order they were first seen: a ring of sessions (when it is
/// full the oldest is the one overwritten) and an open-addressing table from connection key to ring slot. One probe
/// into one flat array per line, instead of a dictionary's buckets, entries and a separate queue for the order.
/// </summary>
internal sealed class SessionRing
{
    private readonly Session?[] ring;
    private readonly long[] ringKeys;

    /// <summary>Key and ring slot + 1 (0: empty), linear probing, about half full at most.</summary>
    private readonly (long Key, int Slot)[] table;
    private readonly int shift;
    private long created;

    public SessionRing(int capacity)
    {
        ring = new Session?[capacity];
        ringKeys = new long[capacity];
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        table = new (long, int)[size];
        shift = 64 - BitOperations.Log2((uint)size);
    }

    public int Capacity => ring.Length;

    /// <summary>True when every slot holds a session: the next new one replaces <see cref="Oldest"/>.</summary>
    public bool Full => created >= ring.Length;

    /// <summary>The session that the next new one replaces (only when <see cref="Full"/>).</summary>
    public Session Oldest => ring[(int)(created % ring.Length)]!;

    /// <summary>
    /// Reads the table where <paramref name="key"/> would be, and where the key of the session that the
    /// <paramref name="ahead"/>-th next new one replaces is: called for a run of lines before they are handled, so that
    /// the processor waits for those cache misses all at once instead of one line after another.
    /// </summary>
    public int Touch(long key, int ahead)
    {
        var touched = table[Home(key)].Slot;
        if (created + ahead >= ring.Length)
        {
            touched += table[Home(ringKeys[(int)((created + ahead) % ring.Length)])].Slot;
        }

        return touched;
    }

    public Session? Find(long key)
    {
        var mask = table.Length - 1;
        for (var i = Home(key); ; i = (i + 1) & mask)
        {
            var (k, slot) = table[i];
            if (slot == 0)
            {
                return null;
            }

            if (k == key)
            {
                return ring[slot - 1];
            }
        }
    }

    /// <summary>Adds a session under a key not present; when full, the oldest session's key is dropped first.</summary>
    public void Add(long key, Session session)
    {
        var slot = (int)(created % ring.Length);
        if (Full)
        {
            Remove(ringKeys[slot]);
        }

        ring[slot] = session;
        ringKeys[slot] = key;
        var mask = table.Length - 1;
        var i = Home(key);
        while (table[i].Slot != 0)
        {
            i = (i + 1) & mask;
        }

        table[i] = (key, slot + 1);
        created++;
    }

    /// <summary>Every session, oldest first.</summary>
    public IEnumerable<Session> All()
    {
        var count = (int)Math.Min(created, ring.Length);
        var start = Full ? (int)(created % ring.Length) : 0;
        for (var n = 0; n < count; n++)
        {
            yield return ring[(start + n) % ring.Length]!;
        }
    }

    public void Clear()
    {
        Array.Clear(ring);
        Array.Clear(table);
        created = 0;
    }

    private int Home(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> shift);

    /// <summary>Backward-shift deletion: later entries of the same probe run move up, so lookups need no tombstones.</summary>
    private void Remove(long key)
    {
        var mask = table.Length - 1;
        var i = Home(key);
        while (table[i].Key != key || table[i].Slot == 0)
        {
            i = (i + 1) & mask;
        }

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
