namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Counts per signature name or diagnosis id in a block's tally: a few dozen keys at most, nearly always the signature
/// table's own string objects, so a short array searched by reference beats hashing the text of every line's key.
/// A key that comes as another object with the same text still finds its entry (compared by text after the
/// reference search).
/// </summary>
public sealed class FewKeyCounts
{
    private string[] keys = new string[16];
    private TimedCount[] values = new TimedCount[16];
    private int last;

    public int Count { get; private set; }

    /// <summary>The count kept for <paramref name="key"/>, made empty the first time.</summary>
    public ref TimedCount For(string key)
    {
        if (last < Count && ReferenceEquals(keys[last], key))
        {
            return ref values[last];
        }

        for (var i = 0; i < Count; i++)
        {
            if (ReferenceEquals(keys[i], key))
            {
                last = i;
                return ref values[i];
            }
        }

        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(keys[i], key, StringComparison.Ordinal))
            {
                last = i;
                return ref values[i];
            }
        }

        if (Count == keys.Length)
        {
            Array.Resize(ref keys, Count * 2);
            Array.Resize(ref values, Count * 2);
        }

        keys[Count] = key;
        values[Count] = default;
        last = Count;
        return ref values[Count++];
    }

    public IEnumerable<(string Key, TimedCount Counts)> Entries()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return (keys[i], values[i]);
        }
    }

    public void Clear()
    {
        Array.Clear(keys, 0, Count);
        Count = 0;
        last = 0;
    }
}
