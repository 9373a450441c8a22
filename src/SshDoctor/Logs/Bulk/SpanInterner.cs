using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// One string per distinct short text (host, process, address, user) per worker thread, looked up by span so a line
/// that repeats a known value makes no string. Bounded: past <see cref="Capacity"/> entries new texts are made but
/// not kept, so memory does not grow with a log of millions of distinct addresses. Once full, the table is no longer
/// searched (an attack from hundreds of thousands of addresses names each about once: a search was a cache miss and a
/// hash for nothing, a fifth of such a log's time); the two-way cache still serves the texts that recur.
/// </summary>
internal static class SpanInterner
{
    /// <summary>
    /// Enough for the hosts, processes, users and the recurring addresses of a busy server. Each entry is held by every
    /// classifying thread for the whole run, and texts seen once (a storm's addresses, VERBOSE's key fingerprints) fill
    /// the table: at 65,536 entries a 3-million-line VERBOSE log took 80 MB, at 16,384 it takes 64 MB (issue 14).
    /// </summary>
    internal const int Capacity = 16_384;
    private const int MaxLength = 256;

    /// <summary>The longest text whose characters a cached entry holds itself (an IPv4 address has at most 15).</summary>
    private const int ShortLength = 16;

    private const int RecentBits = 13;
    private const int RecentSlots = 1 << RecentBits;

    [ThreadStatic]
    private static Dictionary<string, string>? _strings;

    /// <summary>
    /// A two-way cache in front of the dictionary, by a cheap hash: most lookups (addresses, users) are one or two
    /// array reads and comparisons, without hashing the whole text. A short ASCII text's entry holds the text itself
    /// (<see cref="Cached.Key"/>), so a hit is decided without reading the string: that read was a cache miss on
    /// nearly every line with an address (issue 14, dropbear: a third of the lookup's time). Longer texts are kept
    /// beside their full hash and compared with the string.
    /// </summary>
    [ThreadStatic]
    private static Cached[]? _recent;

    private struct Cached
    {
        /// <summary>A short ASCII text's characters as bytes (see <see cref="ShortKey"/>), else its hash.</summary>
        public Vector128<byte> Key;

        /// <summary>The text's length when <see cref="Key"/> holds its characters, minus it when it holds its hash; 0: empty.</summary>
        public int Length;
        public string? Text;
    }

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
        var recent = _recent ??= new Cached[RecentSlots];
        int slot;
        int length;
        Vector128<byte> key;
        if (span.Length <= ShortLength && ShortKey(span, out key))
        {
            length = span.Length;
            var words = key.AsUInt64();
            slot = (int)((((words.GetElement(0) ^ (ulong)length) * 0x9E3779B97F4A7C15UL) + words.GetElement(1)) * 0xC2B2AE3D27D4EB4FUL >> (64 - RecentBits));
            ref var newerShort = ref recent[slot];
            if (newerShort.Length == length && newerShort.Key == key)
            {
                return newerShort.Text!;
            }

            ref var olderShort = ref recent[slot ^ 1];
            if (olderShort.Length == length && olderShort.Key == key)
            {
                return olderShort.Text!;
            }
        }
        else
        {
            var hash = Hash(span);
            length = -span.Length;
            key = Vector128.CreateScalar(hash).AsByte();
            slot = (int)(hash >> (64 - RecentBits));
            ref var newerLong = ref recent[slot];
            if (newerLong.Length == length && newerLong.Key == key && span.SequenceEqual(newerLong.Text))
            {
                return newerLong.Text!;
            }

            ref var olderLong = ref recent[slot ^ 1];
            if (olderLong.Length == length && olderLong.Key == key && span.SequenceEqual(olderLong.Text))
            {
                return olderLong.Text!;
            }
        }

        var found = Lookup(span);
        ref var newer = ref recent[slot];
        recent[slot ^ 1] = newer;
        newer = new Cached { Key = key, Length = length, Text = found };
        return found;
    }

    /// <summary>
    /// A text of at most <see cref="ShortLength"/> ASCII characters as 16 bytes: its first eight and its last eight
    /// (overlapping when shorter; with the length, they are the whole text), or zero-padded under eight. False when a
    /// character is not ASCII (narrowing would drop its high byte).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ShortKey(ReadOnlySpan<char> span, out Vector128<byte> key)
    {
        ref var first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(span));
        var n = span.Length;
        Vector128<ushort> low;
        Vector128<ushort> high;
        if (n >= 8)
        {
            low = Vector128.LoadUnsafe(ref first);
            high = Vector128.LoadUnsafe(ref first, (nuint)(n - 8));
        }
        else if (n >= 4)
        {
            low = Vector128.Create(Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref first)),
                Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref first, n - 4)))).AsUInt16();
            high = Vector128<ushort>.Zero;
        }
        else
        {
            ulong packed = 0;
            for (var i = 0; i < n; i++)
            {
                packed |= (ulong)Unsafe.Add(ref first, i) << (16 * i);
            }

            low = Vector128.CreateScalar(packed).AsUInt16();
            high = Vector128<ushort>.Zero;
        }

        key = Vector128.Narrow(low, high);
        return ((low | high) & Vector128.Create((ushort)0xFF80)) == Vector128<ushort>.Zero;
    }

    private static ulong Hash(ReadOnlySpan<char> span)
    {
        // The slot is taken from the top bits of the last product, which depend on every bit hashed (the low bits of a
        // product depend only on the low bits of its factors: addresses differing in their last digit collided). Every
        // word is mixed in (the last one overlapping): texts that differ only in the middle get different hashes.
        var bytes = MemoryMarshal.AsBytes(span);
        var mixed = (ulong)span.Length;
        if (bytes.Length >= sizeof(ulong))
        {
            for (var i = 0; i < bytes.Length - sizeof(ulong); i += sizeof(ulong))
            {
                mixed = (mixed ^ MemoryMarshal.Read<ulong>(bytes[i..])) * 0x9E3779B97F4A7C15UL;
            }

            mixed = (mixed ^ MemoryMarshal.Read<ulong>(bytes[^sizeof(ulong)..])) * 0xC2B2AE3D27D4EB4FUL;
            mixed ^= mixed >> 29;
            mixed *= 0x9E3779B97F4A7C15UL;
        }
        else
        {
            foreach (var c in span)
            {
                mixed = (mixed * 31) + c;
            }

            mixed *= 0x9E3779B97F4A7C15UL;
        }

        return mixed;
    }

    private static string Lookup(ReadOnlySpan<char> span)
    {
        var table = _strings ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (table.Count >= Capacity)
        {
            return span.ToString();
        }

        var lookup = table.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(span, out var known))
        {
            return known;
        }

        var made = span.ToString();
        table[made] = made;
        return made;
    }
}
