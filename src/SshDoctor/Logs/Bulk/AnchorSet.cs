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
/// of any s consecutive windows of its own at a multiple of s, so s consecutive windows of each go into the bit set:
/// the run whose windows are rarest in a model of the texts searched (<c>common</c>), so that a text's ordinary words
/// (<c> fro</c>, <c>auth</c>) do not set off a comparison each.
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
    /// The windows in the bit set, as three arrays in step, ordered by hash: a set bit is compared with the strings whose
    /// window has that hash only, windows <c>_firstOfHash[hash]</c> up to <c>_firstOfHash[hash + 1]</c> (no search).
    /// </summary>
    private readonly int[] _firstOfHash = new int[(1 << Bits) + 1];
    private readonly int[] _offsets;
    private readonly string[] _texts;

    /// <summary>Each window's string as its place in <see cref="_distinctStrings"/>.</summary>
    private readonly int[] _numbers;
    private readonly string[] _distinctStrings;

    /// <summary>Windows from one hashed to the next: 1, or more when every string is longer than a window.</summary>
    private readonly int _stride;

    /// <param name="strings">The strings to find.</param>
    /// <param name="common">Text like the texts to be searched: each string's windows are chosen among its rarest there.</param>
    public AnchorSet(IEnumerable<string> strings, string common = "")
    {
        var distinct = strings.Distinct(StringComparer.Ordinal).ToArray();
        _distinctStrings = distinct;
        if (distinct.FirstOrDefault(s => s.Length < Window) is { } shortOne)
        {
            throw new ArgumentException($"\"{shortOne}\" is shorter than {Window} characters", nameof(strings));
        }

        _stride = distinct.Length == 0 ? 1 : Math.Min(MaxStride, distinct.Min(s => s.Length) - Window + 1);
        var frequency = WindowCounts(common);
        var windows = distinct.SelectMany((s, number) => Enumerable.Range(RarestRun(s, _stride, frequency), _stride).Select(offset => (Hash: WindowHash(s.AsSpan(offset)), Offset: offset, Text: s, Number: number)))
            .OrderBy(w => w.Hash).ThenBy(w => w.Number).ToArray();
        _offsets = [.. windows.Select(w => w.Offset)];
        _texts = [.. windows.Select(w => w.Text)];
        _numbers = [.. windows.Select(w => w.Number)];
        foreach (var window in windows)
        {
            _filter[window.Hash >> 6] |= 1UL << window.Hash;
            _firstOfHash[window.Hash + 1]++;
        }

        for (var hash = 1; hash < _firstOfHash.Length; hash++)
        {
            _firstOfHash[hash] += _firstOfHash[hash - 1];
        }
    }

    /// <summary>How often each window occurs in <paramref name="common"/>.</summary>
    private static Dictionary<ulong, int> WindowCounts(string common)
    {
        var counts = new Dictionary<ulong, int>();
        for (var at = 0; at + Window <= common.Length; at++)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(counts, WindowBits(common.AsSpan(at)), out _)++;
        }

        return counts;
    }

    /// <summary>The window at the start of <paramref name="text"/> as one number (its four characters' bits).</summary>
    private static ulong WindowBits(ReadOnlySpan<char> text) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(text)));

    /// <summary>Where the <paramref name="stride"/> consecutive windows of <paramref name="text"/> least common together start (the first such run).</summary>
    private static int RarestRun(string text, int stride, Dictionary<ulong, int> frequency)
    {
        var best = 0;
        var bestCount = long.MaxValue;
        for (var start = 0; start + stride - 1 + Window <= text.Length; start++)
        {
            long count = 0;
            for (var offset = start; offset < start + stride; offset++)
            {
                count += frequency.GetValueOrDefault(WindowBits(text.AsSpan(offset)));
            }

            if (count < bestCount)
            {
                (best, bestCount) = (start, count);
            }
        }

        return best;
    }

    /// <summary>The strings, in the order given (duplicates dropped): <see cref="Mark"/> numbers them so.</summary>
    public IReadOnlyList<string> Strings => _distinctStrings;

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

    /// <summary>The hash of the window at the start of <paramref name="text"/> (which has at least a window).</summary>
    private static int WindowHash(ReadOnlySpan<char> text) =>
        (int)((WindowBits(text) * Multiplier) >> (64 - Bits));

    private void MarkNear(ReadOnlySpan<char> text, int at, int hash, Span<ulong> found)
    {
        for (var i = _firstOfHash[hash]; i < _firstOfHash[hash + 1]; i++)
        {
            var start = at - _offsets[i];
            if (start >= 0 && text[start..].StartsWith(_texts[i], StringComparison.Ordinal))
            {
                found[_numbers[i] >> 6] |= 1UL << _numbers[i];
            }
        }
    }
}
