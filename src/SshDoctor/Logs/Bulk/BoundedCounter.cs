namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Counts by key (addresses, users, stories) within a fixed number of keys, so a log with millions of distinct
/// addresses still costs bounded memory. Past the bound, keys seen once are dropped and <see cref="Approximate"/> is set:
/// the top of the list stays right, the long tail is not kept.
/// </summary>
public sealed class BoundedCounter(int capacity = 100_000)
{
    private readonly Dictionary<string, CountWithTimes> _counts = new(StringComparer.Ordinal);

    public bool Approximate { get; private set; }

    public int Distinct => _counts.Count;

    public int Capacity { get; } = capacity;

    public void Add(string key, LogTime? time) => Entry(key).Add(time);

    public void Add(string key, LogTime? time, int count) => Entry(key).Add(time, count);

    /// <summary>Adds the counts of the same key from elsewhere (a block's tally).</summary>
    public void Merge(string key, in TimedCount other) => Entry(key).Merge(other);

    private CountWithTimes Entry(string key) => _counts.TryGetValue(key, out var entry) ? entry : New(key);

    /// <summary>The same by the key's text: a string is made only the first time a key is seen.</summary>
    public void Add(ReadOnlySpan<char> key, LogTime? time)
    {
        if (!_counts.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out var entry))
        {
            entry = New(key.ToString());
        }

        entry.Add(time);
    }

    public IReadOnlyList<(string Key, CountWithTimes Counts)> Top(int n) =>
        [.. _counts.OrderByDescending(p => p.Value.Count).ThenBy(p => p.Key, StringComparer.Ordinal).Take(n).Select(p => (p.Key, p.Value))];

    private CountWithTimes New(string key)
    {
        if (_counts.Count >= Capacity)
        {
            Prune();
        }

        var entry = new CountWithTimes();
        _counts[key] = entry;
        return entry;
    }

    private void Prune()
    {
        Approximate = true;
        var floor = 1L;
        while (_counts.Count >= Capacity * 3 / 4)
        {
            foreach (var key in _counts.Where(p => p.Value.Count <= floor).Select(p => p.Key).ToList())
            {
                _counts.Remove(key);
            }

            floor *= 2;
        }
    }
}
