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

    /// <summary>For each word of <see cref="_filter"/>, how many bits the words before it have set: a set bit's rank.</summary>
    private readonly int[] _bitsBefore = new int[(1 << Bits) / 64];

    /// <summary>
    /// The windows in the bit set, ordered by hash: a set bit of rank k is compared with the windows of its hash only,
    /// <c>_firstOfBit[k]</c> up to <c>_firstOfBit[k + 1]</c>. Small arrays (a few KiB with the filter), so a passing
    /// window's look-up stays in the first-level cache; each window's own characters turn a hash collision away
    /// before its string is read.
    /// </summary>
    private readonly int[] _firstOfBit;
    private readonly HashedWindow[] _windows;
    private readonly string[] _strings;

    /// <summary>Windows from one hashed to the next: 1, or more when every string is longer than a window.</summary>
    private readonly int _stride;

    /// <param name="strings">The strings to find (distinct, each at least <see cref="StrideOf"/>'s stride + 3 characters long).</param>
    /// <param name="runStarts">Where each string's run of stride windows starts.</param>
    public AnchorSet(string[] strings, int[] runStarts)
    {
        _strings = strings;
        _stride = StrideOf(strings);
        var windows = new (int Hash, HashedWindow Window)[strings.Length * _stride];
        for (var w = 0; w < windows.Length; w++)
        {
            var number = w / _stride;
            var offset = runStarts[number] + (w % _stride);
            var text = strings[number].AsSpan(offset);
            var hash = WindowHash(text);
            windows[w] = (hash, new HashedWindow(WindowBits(text), offset, number));
            _filter[hash >> 6] |= 1UL << hash;
        }

        for (var word = 1; word < _filter.Length; word++)
        {
            _bitsBefore[word] = _bitsBefore[word - 1] + System.Numerics.BitOperations.PopCount(_filter[word - 1]);
        }

        // Placed by hash (string by string within a hash).
        var ordered = windows.OrderBy(w => w.Hash).ToArray();
        _windows = [.. ordered.Select(w => w.Window)];
        _firstOfBit = new int[_bitsBefore[^1] + System.Numerics.BitOperations.PopCount(_filter[^1]) + 1];
        foreach (var (hash, _) in ordered)
        {
            _firstOfBit[Rank(hash, _filter[hash >> 6]) + 1]++;
        }

        for (var bit = 1; bit < _firstOfBit.Length; bit++)
        {
            _firstOfBit[bit] += _firstOfBit[bit - 1];
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
            var word = Unsafe.Add(ref bits, hash >> 6);
            if ((word & (1UL << hash)) != 0)
            {
                MarkNear(text, at, Rank(hash, word), found);
            }
        }
    }

    /// <summary>The window at the start of <paramref name="text"/> as one number (its four characters' bits).</summary>
    private static ulong WindowBits(ReadOnlySpan<char> text) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(text)));

    /// <summary>The hash of the window at the start of <paramref name="text"/> (which has at least a window).</summary>
    private static int WindowHash(ReadOnlySpan<char> text) =>
        (int)((WindowBits(text) * Multiplier) >> (64 - Bits));

    /// <summary>The rank of set bit <paramref name="hash"/> among the filter's set bits (<paramref name="word"/>: its word of the filter).</summary>
    private int Rank(int hash, ulong word) => _bitsBefore[hash >> 6] + System.Numerics.BitOperations.PopCount(word & ((1UL << hash) - 1));

    private void MarkNear(ReadOnlySpan<char> text, int at, int rank, Span<ulong> found)
    {
        var window = WindowBits(text[at..]);
        for (var i = _firstOfBit[rank]; i < _firstOfBit[rank + 1]; i++)
        {
            var candidate = _windows[i];
            var number = candidate.Number;
            var start = at - candidate.Offset;
            if (candidate.Bits == window && (found[number >> 6] & (1UL << number)) == 0 && start >= 0
                && text[start..].StartsWith(_strings[number], StringComparison.Ordinal))
            {
                found[number >> 6] |= 1UL << number;
            }
        }
    }

    /// <summary>A window of a string in the bit set: its characters, where it stands in the string, and the string's number.</summary>
    private readonly record struct HashedWindow(ulong Bits, int Offset, int Number);
}
