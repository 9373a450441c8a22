namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Counts per signature name or diagnosis id in a block's tally: a few dozen keys at most, nearly always the signature
/// table's own string objects, so a short array searched by reference beats hashing the text of every line's key.
/// A key that comes as another object with the same text still finds its entry (compared by text after the
/// reference search).
/// </summary>
public sealed class FewKeyCounts
{
    private string[] _keys = new string[16];
    private TimedCount[] _values = new TimedCount[16];
    private int _last;

    public int Count { get; private set; }

    /// <summary>The count kept for <paramref name="key"/>, made empty the first time.</summary>
    public ref TimedCount For(string key)
    {
        if (_last < Count && ReferenceEquals(_keys[_last], key))
        {
            return ref _values[_last];
        }

        for (var i = 0; i < Count; i++)
        {
            if (ReferenceEquals(_keys[i], key))
            {
                _last = i;
                return ref _values[i];
            }
        }

        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(_keys[i], key, StringComparison.Ordinal))
            {
                _last = i;
                return ref _values[i];
            }
        }

        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, Count * 2);
            Array.Resize(ref _values, Count * 2);
        }

        _keys[Count] = key;
        _values[Count] = default;
        _last = Count;
        return ref _values[Count++];
    }

    public IEnumerable<(string Key, TimedCount Counts)> Entries()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return (_keys[i], _values[i]);
        }
    }

    public void Clear()
    {
        Array.Clear(_keys, 0, Count);
        Count = 0;
        _last = 0;
    }
}
