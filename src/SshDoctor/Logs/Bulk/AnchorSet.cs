using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Whether a text holds any of a fixed set of strings, each at least <see cref="Window"/> characters long: windows of
/// four characters are hashed into a small bit set made from the strings' own, and only a set bit is followed by a
/// comparison. It answers what <c>IndexOfAny(SearchValues&lt;string&gt;) &gt;= 0</c> answers, at a few instructions per
/// character: for the short free texts of sshd messages and the two dozen anchors of a guard, the general search cost
/// thousands of instructions a line (its buckets match at many places of a busy line, and inputs shorter than a vector
/// take a slow path).
/// </summary>
/// <remarks>
/// When every string is longer than a window, only every s-th window of the text is hashed (s up to
/// <see cref="MaxStride"/>, each string at least a window and s - 1 characters long): a string starting anywhere has one
/// of any s consecutive windows of its own at a multiple of s, so s consecutive windows of each go into the bit set.
/// Which run of s windows is chosen ahead of time (<see cref="MatcherLayout"/>: the run rarest in the table's
/// patterns, so that a text's ordinary words, <c> fro</c>, <c>auth</c>, do not set off a comparison each).
/// </remarks>
internal sealed class AnchorSet
{
    public const int Window = 4;

    /// <summary>The most windows one hashed window stands for (see the remarks).</summary>
    public const int MaxStride = 4;

    /// <summary>2 KiB of bits: with four windows a string, a few dozen strings still leave a passing window's bit clear 99 times in 100.</summary>
    private const int Bits = 14;
    private const ulong Multiplier = 0x9E3779B97F4A7C15UL;

    private readonly ulong[] _filter = new ulong[(1 << Bits) / 64];

    /// <summary>
    /// The windows in the bit set, as two arrays in step, ordered by hash: a set bit is compared with the strings whose
    /// window has that hash only, windows <c>_firstOfHash[hash]</c> up to <c>_firstOfHash[hash + 1]</c> (no search).
    /// </summary>
    private readonly int[] _firstOfHash = new int[(1 << Bits) + 1];
    private readonly int[] _offsets;

    /// <summary>Each window's string as its place in <see cref="_strings"/>.</summary>
    private readonly int[] _numbers;
    private readonly string[] _strings;

    /// <summary>Windows from one hashed to the next: 1, or more when every string is longer than a window.</summary>
    private readonly int _stride;

    /// <param name="strings">The strings to find (distinct, each at least <see cref="StrideOf"/>'s stride + 3 characters long).</param>
    /// <param name="runStarts">Where each string's run of stride windows starts.</param>
    public AnchorSet(string[] strings, int[] runStarts)
    {
        _strings = strings;
        _stride = StrideOf(strings);
        var count = strings.Length * _stride;
        var hashes = new int[count];
        for (var w = 0; w < count; w++)
        {
            hashes[w] = WindowHash(strings[w / _stride].AsSpan(runStarts[w / _stride] + (w % _stride)));
            _filter[hashes[w] >> 6] |= 1UL << hashes[w];
            _firstOfHash[hashes[w] + 1]++;
        }

        for (var hash = 1; hash < _firstOfHash.Length; hash++)
        {
            _firstOfHash[hash] += _firstOfHash[hash - 1];
        }

        // Placed by hash (a counting sort: string by string within a hash).
        _offsets = new int[count];
        _numbers = new int[count];
        var next = (int[])_firstOfHash.Clone();
        for (var w = 0; w < count; w++)
        {
            var at = next[hashes[w]]++;
            _offsets[at] = runStarts[w / _stride] + (w % _stride);
            _numbers[at] = w / _stride;
        }
    }

    /// <summary>The stride for a set of strings: as many windows as the shortest holds, at most <see cref="MaxStride"/>.</summary>
    public static int StrideOf(IReadOnlyCollection<string> strings) =>
        strings.Count == 0 ? 1 : Math.Min(MaxStride, strings.Min(s => s.Length) - Window + 1);

    /// <summary>The strings, numbered as <see cref="Mark"/> numbers them.</summary>
    public IReadOnlyList<string> Strings => _strings;

    /// <summary>Sets bit i of <paramref name="found"/> for each string i (see <see cref="Strings"/>) that <paramref name="text"/> holds: one pass for all.</summary>
    public void Mark(ReadOnlySpan<char> text, Span<ulong> found)
    {
        ref var bits = ref MemoryMarshal.GetArrayDataReference(_filter);
        var last = text.Length - Window;
        for (var at = 0; at <= last; at += _stride)
        {
            var hash = WindowHash(text[at..]);
            if ((Unsafe.Add(ref bits, hash >> 6) & (1UL << hash)) != 0)
            {
                MarkNear(text, at, hash, found);
            }
        }
    }

    /// <summary>The window at the start of <paramref name="text"/> as one number (its four characters' bits).</summary>
    private static ulong WindowBits(ReadOnlySpan<char> text) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(text)));

    /// <summary>The hash of the window at the start of <paramref name="text"/> (which has at least a window).</summary>
    private static int WindowHash(ReadOnlySpan<char> text) =>
        (int)((WindowBits(text) * Multiplier) >> (64 - Bits));

    private void MarkNear(ReadOnlySpan<char> text, int at, int hash, Span<ulong> found)
    {
        for (var i = _firstOfHash[hash]; i < _firstOfHash[hash + 1]; i++)
        {
            var start = at - _offsets[i];
            if (start >= 0 && text[start..].StartsWith(_strings[_numbers[i]], StringComparison.Ordinal))
            {
                found[_numbers[i] >> 6] |= 1UL << _numbers[i];
            }
        }
    }
}
