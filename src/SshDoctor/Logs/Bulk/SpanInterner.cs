namespace SshDoctor.Logs.Bulk;

/// <summary>
/// One string per distinct short text (host, process, address, user) per worker thread, looked up by span so a line
/// that repeats a known value makes no string. Bounded: past <see cref="Capacity"/> entries new texts are made but
/// not kept, so memory does not grow with a log of millions of distinct addresses.
/// </summary>
internal static class SpanInterner
{
    private const int Capacity = 65_536;
    private const int MaxLength = 256;

    [ThreadStatic]
    private static Dictionary<string, string>? strings;

    public static string Get(ReadOnlySpan<char> span)
    {
        if (span.IsEmpty)
        {
            return string.Empty;
        }

        if (span.Length > MaxLength)
        {
            return span.ToString();
        }

        var table = strings ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var lookup = table.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(span, out var known))
        {
            return known;
        }

        var made = span.ToString();
        if (table.Count < Capacity)
        {
            table[made] = made;
        }

        return made;
    }
}
