using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    private const int RecentBits = 13;
    private const int RecentSlots = 1 << RecentBits;
    private const int Ways = 4;

    [ThreadStatic]
    private static Dictionary<string, string>? _strings;

    /// <summary>
    /// A four-way cache in front of the dictionary, by a cheap hash of the whole text: most lookups (addresses, users)
    /// are one or two array reads and comparisons, without hashing the whole text. A way's 24 bits of the cheap hash
    /// (with the text's <c>%</c> below them) lie apart from the rest of it, 16 bytes a set in an array of 32 KiB: a text
    /// that is not cached (an attack storm's new address on nearly every line) is told so by that array alone, a
    /// quarter of the memory the storm's other data evicts from the cache. The texts themselves (128 KiB) are read only
    /// in the ways whose tag matches: a hit hands back the string and its <see cref="TextHash"/>, which it then does
    /// not read again. The classifier asks for both arrays' lines early (<see cref="Prefetch"/>).
    /// </summary>
    [ThreadStatic]
    private static uint[]? _tags;

    [ThreadStatic]
    private static Cached[]? _recent;

    private struct Cached
    {
        public int TextHash;

        /// <summary>Null for a trace (see <see cref="SeenOnce"/>) or an empty way.</summary>
        public string? Text;
    }

    private const uint PercentBits = 0xFF;

    public static string Get(ReadOnlySpan<char> span) => Get(span, out _, out _);

    /// <summary>
    /// The text's string, its <paramref name="textHash"/> (<see cref="Bulk.TextHash.Of"/>) and where its first <c>%</c>
    /// is (<paramref name="percent"/>; 0 when none or first: an address's zone, see <see cref="Address.Grouping"/>):
    /// made while the characters are in the cache, kept for the next hit, which then reads no more of the text.
    /// </summary>
    public static string Get(ReadOnlySpan<char> span, out int textHash, out int percent) => Get(span, Prefetch(span, fetch: false), out textHash, out percent);

    /// <summary>
    /// Hashes <paramref name="span"/> and asks the processor for its set in the cache, which <see cref="Get(ReadOnlySpan{char}, Probe, out int, out int)"/>
    /// then reads: the classifier does other work of the line in between (an attack storm's new address is a cache
    /// miss a line otherwise waited for).
    /// </summary>
    public static Probe Prefetch(ReadOnlySpan<char> span, bool fetch = true)
    {
        if (span.IsEmpty || span.Length > MaxLength)
        {
            return default;
        }

        var hash = Hash(span, out var hasPercent);
        var first = (int)(hash >> (64 - RecentBits)) & ~(Ways - 1);
        if (fetch)
        {
            CacheHint.Prefetch(ref (_tags ??= new uint[RecentSlots])[first]);
            CacheHint.Prefetch(ref (_recent ??= new Cached[RecentSlots])[first]);
        }

        return new Probe(hash, hasPercent);
    }

    /// <summary>A text's cheap hash and whether it holds a <c>%</c>, made by <see cref="Prefetch"/> (default: a text not cached, empty or too long).</summary>
    internal readonly record struct Probe(ulong Hash, bool HasPercent);

    /// <summary>As <see cref="Get(ReadOnlySpan{char}, out int, out int)"/>, with the <paramref name="probe"/> <see cref="Prefetch"/> made of the same text.</summary>
    public static string Get(ReadOnlySpan<char> span, Probe probe, out int textHash, out int percent)
    {
        if (span.IsEmpty || span.Length > MaxLength)
        {
            textHash = Bulk.TextHash.Of(span);
            percent = Math.Max(0, span.IndexOf('%'));
            return span.IsEmpty ? string.Empty : span.ToString();
        }

        // Four ways per set, the newest first: with two, a set that three frequent texts share kept evicting one of them
        // (a dropbear log of 2,000 addresses missed on 8 % of its lookups, with four on under 1 %).
        var tags = _tags ??= new uint[RecentSlots];
        var recent = _recent ??= new Cached[RecentSlots];
        var (hash, hasPercent) = probe;
        var first = (int)(hash >> (64 - RecentBits)) & ~(Ways - 1);

        // The tag takes bits below the set's: texts of one set differ in them.
        var tag = (uint)(hash >> (32 - RecentBits)) & ~PercentBits;
        var setTags = Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(tags), (nuint)first);
        var matches = Vector128.Equals(setTags & Vector128.Create(~PercentBits), Vector128.Create(tag)).ExtractMostSignificantBits();
        var set = recent.AsSpan(first, Ways);
        for (var m = matches; m != 0; m &= m - 1)
        {
            var way = BitOperations.TrailingZeroCount(m);
            if (set[way].Text is { } seen && span.SequenceEqual(seen))
            {
                textHash = set[way].TextHash;
                percent = (int)(tags[first + way] & PercentBits);
                return seen;
            }
        }

        var found = Lookup(span, out var kept);
        textHash = Bulk.TextHash.Of(span);

        // A text of at most MaxLength characters has its first % (if past the first) within the byte.
        percent = hasPercent ? Math.Max(0, span.IndexOf('%')) : 0;
        var tagAndPercent = tag | (uint)percent;
        var wayTags = tags.AsSpan(first, Ways);
        if (!kept && !SeenOnce(matches, wayTags, set, tagAndPercent, textHash))
        {
            // Only its trace, in the oldest way: see SeenOnce.
            wayTags[^1] = tagAndPercent;
            set[^1] = new Cached { TextHash = textHash };
            return found;
        }

        wayTags[..^1].CopyTo(wayTags[1..]);
        set[..^1].CopyTo(set[1..]);
        wayTags[0] = tagAndPercent;
        set[0] = new Cached { TextHash = textHash, Text = found };
        return found;
    }

    /// <summary>
    /// Whether the set holds the trace of the text (its tag and hash, no string), left when it was last made past the
    /// table's <see cref="Capacity"/>. Such a string is cached only when its text comes a second time: an attack storm
    /// names each of its addresses about once, and cached strings of texts that never came back outlived the young
    /// generation (the cache held them), so each collection copied thousands of them (a storm of 100 MB: 8 % of its
    /// CPU, 4.5 MB of its peak memory). Only the ways whose tag <paramref name="matches"/> are read.
    /// </summary>
    private static bool SeenOnce(uint matches, Span<uint> wayTags, Span<Cached> set, uint tagAndPercent, int textHash)
    {
        for (var m = matches; m != 0; m &= m - 1)
        {
            var way = BitOperations.TrailingZeroCount(m);
            if (set[way].Text is null && wayTags[way] == tagAndPercent && set[way].TextHash == textHash)
            {
                return true;
            }
        }

        return false;
    }

    /// <param name="hasPercent">Whether the text holds a <c>%</c>, found in the same pass (an address's zone is rare).</param>
    private static ulong Hash(ReadOnlySpan<char> span, out bool hasPercent)
    {
        // The slot is taken from the top bits of the last product, which depend on every bit hashed (the low bits of a
        // product depend only on the low bits of its factors: addresses differing in their last digit collided). Every
        // word is mixed in (the last one overlapping): texts that differ only in the middle get different hashes.
        var bytes = MemoryMarshal.AsBytes(span);
        var mixed = (ulong)span.Length;
        if (bytes.Length >= sizeof(ulong))
        {
            ulong percents = 0;
            for (var i = 0; i < bytes.Length - sizeof(ulong); i += sizeof(ulong))
            {
                var word = MemoryMarshal.Read<ulong>(bytes[i..]);
                percents |= PercentIn(word);
                mixed = (mixed ^ word) * 0x9E3779B97F4A7C15UL;
            }

            var last = MemoryMarshal.Read<ulong>(bytes[^sizeof(ulong)..]);
            hasPercent = (percents | PercentIn(last)) != 0;
            mixed = (mixed ^ last) * 0xC2B2AE3D27D4EB4FUL;
            mixed ^= mixed >> 29;
            mixed *= 0x9E3779B97F4A7C15UL;
        }
        else
        {
            hasPercent = false;
            foreach (var c in span)
            {
                hasPercent |= c == '%';
                mixed = (mixed * 31) + c;
            }

            mixed *= 0x9E3779B97F4A7C15UL;
        }

        return mixed;
    }

    /// <summary>Not zero when one of the four UTF-16 characters in <paramref name="word"/> is <c>%</c> (a zero lane after the xor: exact for "any").</summary>
    private static ulong PercentIn(ulong word)
    {
        var x = word ^ 0x0025_0025_0025_0025UL;
        return (x - 0x0001_0001_0001_0001UL) & ~x & 0x8000_8000_8000_8000UL;
    }

    /// <param name="kept">False when the table is full: the string is made for this lookup only.</param>
    private static string Lookup(ReadOnlySpan<char> span, out bool kept)
    {
        var table = _strings ??= new Dictionary<string, string>(StringComparer.Ordinal);
        kept = table.Count < Capacity;
        if (!kept)
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
