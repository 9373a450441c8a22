using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Counts the C0 control bytes other than TAB, LF, VT, FF, CR and ESC (terminal colours in pasted logs): text logs
/// have none, binary files are full of them. Sixteen bytes at a time: a block of text has a byte below a space only
/// at each newline, so most vectors are passed after one comparison.
/// </summary>
public static class ControlBytes
{
    private const byte Escape = 27;

    public static long Count(ReadOnlySpan<byte> bytes)
    {
        long count = 0;
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            // A byte is below a space when its top three bits are clear: one AND and one comparison (an unsigned
            // comparison costs four instructions on baseline x86-64). Two vectors are tested at once; only those with
            // such a byte (a newline, mostly) are looked at closer.
            ref var start = ref MemoryMarshal.GetReference(bytes);
            var top = Vector128.Create((byte)0xE0);
            for (; i + (2 * Vector128<byte>.Count) <= bytes.Length; i += 2 * Vector128<byte>.Count)
            {
                var first = Vector128.LoadUnsafe(ref start, (nuint)i);
                var second = Vector128.LoadUnsafe(ref start, (nuint)(i + Vector128<byte>.Count));
                var firstBelow = Vector128.Equals(first & top, Vector128<byte>.Zero);
                var secondBelow = Vector128.Equals(second & top, Vector128<byte>.Zero);
                if ((firstBelow | secondBelow) != Vector128<byte>.Zero)
                {
                    count += Controls(first, firstBelow) + Controls(second, secondBelow);
                }
            }
        }

        return count + CountOneByOne(bytes[i..]);
    }

    public static bool IsControl(byte b) => b < ' ' && b is not ((>= (byte)'\t' and <= (byte)'\r') or Escape);

    /// <summary>How many of the bytes below a space in <paramref name="v"/> are neither whitespace (TAB to CR) nor ESC.</summary>
    private static int Controls(Vector128<byte> v, Vector128<byte> below)
    {
        var allowed = Vector128.LessThanOrEqual(v - Vector128.Create((byte)'\t'), Vector128.Create((byte)('\r' - '\t'))) | Vector128.Equals(v, Vector128.Create(Escape));
        var controls = Vector128.AndNot(below, allowed).ExtractMostSignificantBits();
        return controls == 0 ? 0 : BitOperations.PopCount(controls);
    }

    private static int CountOneByOne(ReadOnlySpan<byte> bytes)
    {
        var count = 0;
        foreach (var b in bytes)
        {
            count += IsControl(b) ? 1 : 0;
        }

        return count;
    }
}
