using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// One string per distinct short text (host, process, address, user) per worker thread, looked up by span so a line
/// that repeats a known value makes no string. Bounded: past <see cref="Capacity"/> entries new texts are made but
/// not kept, so memory does not grow with a log of millions of distinct addresses. Once full, the table is no longer
/// searched (an attack from hundreds of thousands of addresses names each about once: a search was a cache miss and a
/// hash for nothing, a fifth of such a log's time); the cache in front of it still serves the texts that recur, from
/// their second coming on.
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

    /// <summary>The cache of texts that are not short (IPv6 addresses, long users): 2,048 ways of 16 bytes, 32 KiB a thread.</summary>
    private const int RecentBits = 11;
    private const int RecentSlots = 1 << RecentBits;
    private const int Ways = 4;

    [ThreadStatic]
    private static Dictionary<string, string>? _strings;

    /// <summary>
    /// A four-way cache in front of the dictionary, by a cheap hash of the whole text: most lookups
    /// (addresses, users) are one or two array reads and comparisons, without hashing the whole text. Each cached text
    /// is kept beside 32 bits of its cheap hash, so a text that only shares the set is told apart without reading the
    /// string, and beside its <see cref="TextHash"/>, which a hit hands back without reading the string again; the four
    /// ways of a set lie in 64 bytes (two arrays cost a cache miss each).
    /// </summary>
    [ThreadStatic]
    private static Cached[]? _recent;

    private struct Cached
    {
        /// <summary>24 bits of the cheap hash, and below them the text's <c>%</c> (see <see cref="Get(ReadOnlySpan{char}, out int, out int)"/>).</summary>
        public uint TagAndPercent;
        public int TextHash;
        public string? Text;
    }

    private const uint PercentBits = 0xFF;

    /// <summary>
    /// The cache of short texts (see <see cref="MissShort"/>): four ways of 32 bytes a set, 4,096 ways, 128 KiB a thread
    /// (as the one cache before it). Each thread's caches are fresh pages (page faults at ~10 us on this VM): with
    /// 256 KiB here a storm of 100 MB took 100 to 380 more faults a run than before (noisy), for some 0.5 % fewer
    /// instructions on default and dropbear.
    /// </summary>
    private const int ShortBits = 12;
    private const int ShortSlots = 1 << ShortBits;

    [ThreadStatic]
    private static ShortCached[]? _short;

    private struct ShortCached
    {
        public ulong Low;
        public ulong High;
        public int TextHash;
        public ushort Length;
        public ushort Percent;
        public string? Text;
    }

    public static string Get(ReadOnlySpan<char> span) => Get(span, out _, out _);

    /// <summary>
    /// The text's string, its <paramref name="textHash"/> (<see cref="Bulk.TextHash.Of"/>) and where its first <c>%</c>
    /// is (<paramref name="percent"/>; 0 when none or first: an address's zone, see <see cref="Address.Grouping"/>):
    /// made while the characters are in the cache, kept for the next hit, which then reads no more of the text.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string Get(ReadOnlySpan<char> span, out int textHash, out int percent) =>
        GetOrKey(span, keyWillDo: false, out textHash, out percent, out _)!;

    /// <summary>
    /// The same, but null for an address the table has no room for, that is not known and that an
    /// <see cref="AddressKey"/> holds (every IPv4 address): <paramref name="key"/> then stands for it and no string is
    /// made (an attack storm's addresses come once each). One that comes again gets its string from its second coming on.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string? GetOrKey(ReadOnlySpan<char> span, out int textHash, out int percent, out ulong key) =>
        GetOrKey(span, keyWillDo: true, out textHash, out percent, out key);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    [SkipLocalsInit]
    private static string? GetOrKey(ReadOnlySpan<char> span, bool keyWillDo, out int textHash, out int percent, out ulong key)
    {
        key = 0;

        // Most texts (addresses, users) are short: their hit is looked for here, in a frame with nothing to save; a
        // miss and longer texts go out of line.
        if (TryShortKey(span, out var low, out var high))
        {
            var recent = _short;
            if (recent is not null)
            {
                var length = (ushort)span.Length;
                ref var way = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(recent), ShortSet(low, high, length));
                for (var n = 0; n < Ways; n++, way = ref Unsafe.Add(ref way, 1))
                {
                    if (way.Low == low && way.High == high && way.Length == length && way.Text is { } seen)
                    {
                        textHash = way.TextHash;
                        percent = way.Percent;
                        return seen;
                    }
                }
            }

            return MissShort(span, low, high, keyWillDo, out key, out textHash, out percent);
        }

        return GetLong(span, out textHash, out percent);
    }

    /// <summary>The first way of a short text's set: from the top bits of the last product, which depend on every bit of both longs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ShortSet(ulong low, ulong high, ushort length)
    {
        // The last characters (where addresses differ most) are moved to the low bits of the second long first.
        var mixed = (((low ^ length) * 0x9E3779B97F4A7C15UL) ^ BinaryPrimitives.ReverseEndianness(high)) * 0xC2B2AE3D27D4EB4FUL;
        return (int)(mixed >> (64 - ShortBits)) & ~(Ways - 1);
    }

    /// <summary>A text that is not short (see <see cref="TryShortKey"/>): looked up by a cheap hash of its characters.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string GetLong(ReadOnlySpan<char> span, out int textHash, out int percent)
    {
        if (span.IsEmpty || span.Length > MaxLength)
        {
            textHash = Bulk.TextHash.Of(span);
            percent = Math.Max(0, span.IndexOf('%'));
            return span.IsEmpty ? string.Empty : span.ToString();
        }

        // Four ways per set, the newest first, in one cache line: with two, a set that three frequent texts share kept
        // evicting one of them (a dropbear log of 2,000 addresses missed on 8 % of its lookups, with four on under 1 %).
        var recent = _recent ??= new Cached[RecentSlots];
        var hash = Hash(span);
        var set = recent.AsSpan((int)(hash >> (64 - RecentBits)) & ~(Ways - 1), Ways);

        // The tag takes bits below the set's: texts of one set differ in them.
        var tag = (uint)(hash >> (32 - RecentBits)) & ~PercentBits;
        foreach (ref var way in set)
        {
            if ((way.TagAndPercent & ~PercentBits) == tag && way.Text is { } seen && span.SequenceEqual(seen))
            {
                textHash = way.TextHash;
                percent = (int)(way.TagAndPercent & PercentBits);
                return seen;
            }
        }

        textHash = Bulk.TextHash.Of(span);

        // A text of at most MaxLength characters has its first % (if past the first) within the byte.
        percent = Math.Max(0, span.IndexOf('%'));
        var cached = new Cached { TagAndPercent = tag | (uint)percent, TextHash = textHash };
        if (IsFull && !SeenOnce(set, cached))
        {
            // Only its trace, in the oldest way (see SeenOnce): written field by field, the null without a write barrier.
            ref var oldest = ref set[^1];
            oldest.Text = null;
            oldest.TagAndPercent = cached.TagAndPercent;
            oldest.TextHash = cached.TextHash;
            return span.ToString();
        }

        cached.Text = Lookup(span);
        set[..^1].CopyTo(set[1..]);
        set[0] = cached;
        return cached.Text;
    }

    /// <summary>
    /// A short text not in the cache (see <see cref="Get(ReadOnlySpan{char}, out int, out int)"/>). A text of 1 to 16
    /// ASCII characters (an IPv4 address, most users) is its own key, 16 bytes (<see cref="TryShortKey"/>) kept in the
    /// cache beside its length: a lookup hashes two longs and compares them, without hashing the text by characters
    /// nor reading the cached string (a call to compare it; on a storm, a cache miss for a string no longer cached).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string? MissShort(ReadOnlySpan<char> span, ulong low, ulong high, bool keyWillDo, out ulong key, out int textHash, out int percent)
    {
        var recent = _short ??= new ShortCached[ShortSlots];
        var length = (ushort)span.Length;
        var set = recent.AsSpan(ShortSet(low, high, length), Ways);
        textHash = Bulk.TextHash.Of(span);
        percent = PercentOf(low, high, length);
        key = 0;
        if (IsFull && !SeenOnce(set, low, high, length))
        {
            // Only its trace, in the oldest way (see SeenOnce): written field by field, the null without a write barrier.
            ref var oldest = ref set[^1];
            oldest.Text = null;
            oldest.Low = low;
            oldest.High = high;
            oldest.TextHash = textHash;
            oldest.Length = length;
            oldest.Percent = (ushort)percent;
            return keyWillDo && AddressKey.TryMake(span, out key) ? null : span.ToString();
        }

        var found = Lookup(span);
        set[..^1].CopyTo(set[1..]);
        set[0] = new ShortCached { Low = low, High = high, TextHash = textHash, Length = length, Percent = (ushort)percent, Text = found };
        return found;
    }

    /// <summary>Whether this thread's table is at its <see cref="Capacity"/>: a text not in it then gets a string for its lookup only.</summary>
    private static bool IsFull => _strings is { Count: >= Capacity };

    /// <summary>As <see cref="SeenOnce(Span{Cached}, in Cached)"/>, for a short text, by its whole key and length.</summary>
    private static bool SeenOnce(Span<ShortCached> set, ulong low, ulong high, ushort length)
    {
        foreach (ref var way in set)
        {
            if (way.Text is null && way.Low == low && way.High == high && way.Length == length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The characters of a text of 1 to 16 ASCII characters as 16 bytes: the first eight and the last eight (which
    /// overlap below 16), or the first four and the last four, or each one; with its length, they are the text. False
    /// for any other text.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryShortKey(ReadOnlySpan<char> span, out ulong low, out ulong high)
    {
        ref var chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(span));
        var length = (nuint)span.Length;
        if (length - 8 <= 8 && Vector128.IsHardwareAccelerated)
        {
            var first = Vector128.LoadUnsafe(ref chars);
            var last = Vector128.LoadUnsafe(ref chars, length - 8);
            if (((first | last) & Vector128.Create((ushort)0xFF80)) == Vector128<ushort>.Zero)
            {
                var bytes = (Sse2.IsSupported ? Sse2.PackUnsignedSaturate(first.AsInt16(), last.AsInt16()) : Vector128.Narrow(first, last)).AsUInt64();
                low = bytes.ToScalar();
                high = bytes.GetElement(1);
                return true;
            }
        }
        else if (length - 4 <= 3)
        {
            var first = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref chars));
            var last = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref chars, length - 4)));
            if (((first | last) & 0xFF80FF80FF80FF80UL) == 0)
            {
                low = Narrow(first) | (Narrow(last) << 32);
                high = 0;
                return true;
            }
        }
        else if (length - 1 <= 2)
        {
            ulong key = 0;
            for (nuint i = 0; i < length; i++)
            {
                var c = Unsafe.Add(ref chars, i);
                if (c >= 0x80)
                {
                    low = high = 0;
                    return false;
                }

                key |= (ulong)c << (int)(8 * i);
            }

            low = key;
            high = 0;
            return true;
        }

        low = high = 0;
        return false;
    }

    /// <summary>
    /// Where the first <c>%</c> of a short text is (0 when none), from its key (<see cref="TryShortKey"/>): no second
    /// pass over its characters. A byte past the key's characters is 0, and where the halves overlap the first one
    /// is looked at first, so the first byte found is the first <c>%</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int PercentOf(ulong low, ulong high, int length)
    {
        const ulong Percents = 0x2525252525252525UL;
        var inLow = ZeroBytes(low ^ Percents);
        if (inLow != 0)
        {
            // Bytes 4 to 7 of a text of 4 to 7 characters are its last four (those of eight or more: characters 4 to 7).
            var at = System.Numerics.BitOperations.TrailingZeroCount(inLow) >> 3;
            return length >= 8 || at < 4 ? at : length - 8 + at;
        }

        var inHigh = ZeroBytes(high ^ Percents);
        return inHigh != 0 ? length - 8 + (System.Numerics.BitOperations.TrailingZeroCount(inHigh) >> 3) : 0;
    }

    /// <summary>
    /// The high bit of each zero byte of <paramref name="bytes"/> (each below 0x80): the lowest one set is exact (a
    /// byte above a zero one may be marked too, by the borrow).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ZeroBytes(ulong bytes) => (bytes - 0x0101010101010101UL) & ~bytes & 0x8080808080808080UL;

    /// <summary>Four ASCII characters (a long of 16-bit lanes) as four bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Narrow(ulong chars)
    {
        chars = (chars | (chars >> 8)) & 0x0000FFFF0000FFFFUL;
        return (chars | (chars >> 16)) & 0xFFFFFFFFUL;
    }

    /// <summary>
    /// Whether the set holds the trace of <paramref name="text"/>'s text (its tag and hash, no string), left when it was
    /// last made past the table's <see cref="Capacity"/>. Such a string is cached only when its text comes a second
    /// time: an attack storm names each of its addresses about once, and cached strings of texts that never came back
    /// outlived the young generation (the cache held them), so each collection copied thousands of them (a storm of
    /// 100 MB: 8 % of its CPU, 4.5 MB of its peak memory).
    /// </summary>
    private static bool SeenOnce(Span<Cached> set, in Cached text)
    {
        foreach (ref var way in set)
        {
            if (way.Text is null && way.TagAndPercent == text.TagAndPercent && way.TextHash == text.TextHash)
            {
                return true;
            }
        }

        return false;
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

    /// <summary>The table's string of the text, added if new; when the table is full (<see cref="IsFull"/>), one made for this lookup only.</summary>
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
