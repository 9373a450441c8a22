using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Whether a text holds any of a fixed set of strings, each at least <see cref="Window"/> characters long: every
/// window of four characters is hashed into a small bit set made from the strings' first four, and only a set bit is
/// followed by a comparison. It answers what <c>IndexOfAny(SearchValues&lt;string&gt;) &gt;= 0</c> answers, at a few
/// instructions per character: for the short free texts of sshd messages and the two dozen anchors of a guard, the
/// general search cost thousands of instructions a line (its buckets match at many places of a busy line, and
/// inputs shorter than a vector take a slow path).
/// </summary>
internal sealed class AnchorSet
{
    public const int Window = 4;

    private const int Bits = 12;
    private const ulong Multiplier = 0x9E3779B97F4A7C15UL;

    private readonly ulong[] filter = new ulong[(1 << Bits) / 64];

    /// <summary>Each string with the hash of its first window: a set bit is compared with the strings of that hash only.</summary>
    private readonly (int Hash, string Text)[] strings;

    public AnchorSet(IEnumerable<string> strings)
    {
        this.strings = [.. strings.Distinct(StringComparer.Ordinal).Select(s => (FirstWindowHash(s), s))];
        foreach (var (hash, _) in this.strings)
        {
            filter[hash >> 6] |= 1UL << hash;
        }
    }

    public bool IsFoundIn(ReadOnlySpan<char> text)
    {
        if (text.Length < Window)
        {
            return false;
        }

        ref var start = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(text));
        ref var bits = ref MemoryMarshal.GetArrayDataReference(filter);
        var last = text.Length - Window;
        for (var at = 0; at <= last; at++)
        {
            // The hash has Bits bits: the word index is always within the filter.
            var hash = Hash(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, at * sizeof(char))));
            if ((Unsafe.Add(ref bits, hash >> 6) & (1UL << hash)) != 0 && StartsAt(text[at..], hash))
            {
                return true;
            }
        }

        return false;
    }

    private static int FirstWindowHash(string s) => s.Length >= Window
        ? Hash(MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(s.AsSpan(0, Window))))
        : throw new ArgumentException($"\"{s}\" is shorter than {Window} characters", nameof(s));

    private static int Hash(ulong window) => (int)((window * Multiplier) >> (64 - Bits));

    private bool StartsAt(ReadOnlySpan<char> rest, int hash)
    {
        foreach (var (h, s) in strings)
        {
            if (h == hash && rest.StartsWith(s, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
