namespace SshDoctor.Logs.Bulk;

/// <summary>
/// The open connections, at most <c>capacity</c>, in the order they were first seen: a ring of sessions held as values
/// (when it is full the oldest slot is the one reused) and a <see cref="SessionIndex"/> from connection key to ring slot:
/// no object per connection. The ring is made of chunks added as it fills up to its capacity, so a short log costs
/// little and nothing is ever copied (or its memory touched twice) to grow it.
/// </summary>
internal sealed class SessionRing
{
    private const int ChunkBits = 12;
    private const int ChunkSize = 1 << ChunkBits;

    private readonly int _capacity;
    private readonly Session[]?[] _ring;
    private readonly long[] _ringKeys;

    private readonly SessionIndex _index;
    /// <summary>The slot the next new session takes (wraps at the capacity: no division per line).</summary>
    private int _next;
    private bool _full;

    public SessionRing(int capacity)
    {
        this._capacity = capacity;
        _ring = new Session[]?[(capacity + ChunkSize - 1) >> ChunkBits];
        _ringKeys = new long[capacity];
        _index = new SessionIndex(capacity);
    }

    /// <summary>True when every slot holds a session: the next new one replaces <see cref="Oldest"/>.</summary>
    public bool Full => _full;

    /// <summary>The slot the next new session takes: when <see cref="Full"/>, the oldest session's.</summary>
    public int Oldest => _next;

    /// <summary>The session in a slot that <see cref="Find"/> or <see cref="Add"/> gave.</summary>
    public ref Session this[int slot] => ref _ring[slot >> ChunkBits]![slot & (ChunkSize - 1)];

    /// <summary>
    /// Reads the table where <paramref name="key"/> would be, and where the key of the session that the
    /// <paramref name="ahead"/>-th next new one replaces is: called for a run of lines before they are handled, so that
    /// the processor waits for those cache misses all at once instead of one line after another.
    /// </summary>
    public int Touch(long key, int ahead)
    {
        var touched = _index.Touch(key);
        var replaced = _next + ahead;
        if (_full || replaced >= _capacity)
        {
            touched += _index.Touch(_ringKeys[replaced < _capacity ? replaced : replaced % _capacity]);
        }

        return touched;
    }

    /// <summary>The slot of the session under <paramref name="key"/>, or -1.</summary>
    public int Find(long key) => _index.Find(key);

    /// <summary>
    /// Adds an empty session under a key not present and gives its slot; when full, it takes the oldest session's slot
    /// (the caller reads that session first: <see cref="Oldest"/>).
    /// </summary>
    public int Add(long key)
    {
        var slot = Oldest;
        if (Full)
        {
            _index.Remove(_ringKeys[slot]);
        }
        else
        {
            _ring[slot >> ChunkBits] ??= new Session[ChunkSize];
        }

        this[slot].Reset();
        _ringKeys[slot] = key;
        _index.Add(key, slot);
        if (++_next == _capacity)
        {
            _next = 0;
            _full = true;
        }
        return slot;
    }

    /// <summary>Every slot in use, oldest first.</summary>
    public IEnumerable<int> All()
    {
        var count = _full ? _capacity : _next;
        var start = Full ? Oldest : 0;
        for (var n = 0; n < count; n++)
        {
            yield return (start + n) % _capacity;
        }
    }

    public void Clear()
    {
        _index.Clear(_ringKeys.AsSpan(0, _full ? _capacity : _next));
        foreach (var chunk in _ring)
        {
            if (chunk is not null)
            {
                Array.Clear(chunk);
            }
        }

        _next = 0;
        _full = false;
    }
}
