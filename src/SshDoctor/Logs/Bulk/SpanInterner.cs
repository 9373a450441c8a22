using System.Runtime.InteropServices;

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

    private const int RecentBits = 13;
    private const int RecentSlots = 1 << RecentBits;

    [ThreadStatic]
    private static Dictionary<string, string>? strings;

    /// <summary>
    /// A two-way cache in front of the dictionary, by a cheap hash of the first and last characters: most lookups
    /// (addresses, users) are one or two array reads and comparisons, without hashing the whole text.
    /// </summary>
    [ThreadStatic]
    private static string?[]? recent;

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

        // Two ways per set, the newer first: two frequent texts that share a set do not keep evicting each other.
        var slots = recent ??= new string?[RecentSlots];
        var slot = Slot(span);
        if (slots[slot] is { } seen && span.SequenceEqual(seen))
        {
            return seen;
        }

        if (slots[slot ^ 1] is { } other && span.SequenceEqual(other))
        {
            return other;
        }

        var found = Lookup(span);
        slots[slot ^ 1] = slots[slot];
        slots[slot] = found;
        return found;
    }

    private static int Slot(ReadOnlySpan<char> span)
    {
        // The slot is taken from the top bits of the last product, which depend on every bit hashed (the low bits of a
        // product depend only on the low bits of its factors: addresses differing in their last digit collided).
        var bytes = MemoryMarshal.AsBytes(span);
        var mixed = (ulong)span.Length;
        if (bytes.Length >= sizeof(ulong))
        {
            mixed = (mixed ^ MemoryMarshal.Read<ulong>(bytes)) * 0x9E3779B97F4A7C15UL;
            mixed = (mixed ^ MemoryMarshal.Read<ulong>(bytes[^sizeof(ulong)..])) * 0xC2B2AE3D27D4EB4FUL;
        }
        else
        {
            foreach (var c in span)
            {
                mixed = (mixed * 31) + c;
            }

            mixed *= 0x9E3779B97F4A7C15UL;
        }

        return (int)(mixed >> (64 - RecentBits));
    }

    private static string Lookup(ReadOnlySpan<char> span)
    {
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
