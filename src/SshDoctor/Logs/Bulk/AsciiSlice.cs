using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Decodes a slice of ASCII bytes to characters, notes where its lines end (see <see cref="LineEnds"/>) and counts its control bytes (see
/// <see cref="ControlBytes"/>), all in one pass over the bytes: as good as every log is ASCII, and three passes (the
/// decoder's, the control count's and a newline search per line) cost a tenth of a line's reading. A slice with a byte
/// above 127 is left to the UTF-8 decoder.
/// </summary>
internal static class AsciiSlice
{
    /// <summary>
    /// False when a byte is not ASCII (what was written then means nothing). Else the characters are in <paramref name="chars"/>
    /// (as many as bytes), the index of each newline in <paramref name="newlines"/> (grown when needed) and their
    /// number in <paramref name="newlineCount"/>; <paramref name="printable"/> tells whether every byte but the newlines
    /// is printable (a space to a tilde: no tab, CR, control byte or DEL).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, Span<char> chars, ref int[] newlines, out int newlineCount, out long controls, out bool printable)
    {
        // Locals, written back at the end: the loop keeps them in registers. CRs are only counted here: the lines they
        // end, if any, are added afterwards (WithLoneCarriageReturns).
        var ends = newlines;
        var count = 0;
        long control = 0;
        var unprintable = 0;
        var carriageReturns = 0;
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref var source = ref MemoryMarshal.GetReference(bytes);
            ref var target = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(chars));
            var top = Vector128.Create((byte)0xE0);

            // Two vectors a step: one test for a byte above 127, one for DEL, one loop over the bytes below a space.
            const int Step = 2 * 16;
            for (; i + Step <= bytes.Length; i += Step)
            {
                var first = Vector128.LoadUnsafe(ref source, (nuint)i);
                var second = Vector128.LoadUnsafe(ref source, (nuint)(i + 16));
                if ((first | second).ExtractMostSignificantBits() != 0)
                {
                    break;
                }

                // With no byte above 127, adding one sets the top bit of DEL (127) alone.
                unprintable |= (int)((first + Vector128<byte>.One) | (second + Vector128<byte>.One)).ExtractMostSignificantBits();

                var (lower, upper) = Vector128.Widen(first);
                lower.StoreUnsafe(ref target, (nuint)i);
                upper.StoreUnsafe(ref target, (nuint)(i + 8));
                (lower, upper) = Vector128.Widen(second);
                lower.StoreUnsafe(ref target, (nuint)(i + 16));
                upper.StoreUnsafe(ref target, (nuint)(i + 24));

                // Bytes below a space (their top three bits clear): the newlines, and any control byte.
                var below = Vector128.Equals(first & top, Vector128<byte>.Zero).ExtractMostSignificantBits()
                    | (Vector128.Equals(second & top, Vector128<byte>.Zero).ExtractMostSignificantBits() << 16);
                while (below != 0)
                {
                    var at = i + BitOperations.TrailingZeroCount(below);
                    below &= below - 1;
                    var b = Unsafe.Add(ref source, at);
                    if (b == '\n')
                    {
                        ends = count < ends.Length ? ends : Grown(ends);
                        ends[count++] = at;
                    }
                    else
                    {
                        unprintable = 1;
                        control += ControlBytes.IsControl(b) ? 1 : 0;
                        carriageReturns += b == '\r' ? 1 : 0;
                    }
                }
            }
        }

        // The rest, and the step that held a byte above 127 (which then fails here).
        for (; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b > 127)
            {
                newlines = ends;
                newlineCount = 0;
                controls = 0;
                printable = false;
                return false;
            }

            chars[i] = (char)b;
            if (b == '\n')
            {
                ends = count < ends.Length ? ends : Grown(ends);
                ends[count++] = i;
            }
            else if (b is < (byte)' ' or 127)
            {
                unprintable = 1;
                control += ControlBytes.IsControl(b) ? 1 : 0;
                carriageReturns += b == '\r' ? 1 : 0;
            }
        }

        if (carriageReturns != 0 && carriageReturns != CarriageReturnsBeforeLineFeeds(bytes, ends, count))
        {
            // Rare (old Mac files, a stray CR): a second pass, so the loops above stay as short as for LF alone.
            count = WithLoneCarriageReturns(bytes, ref ends, count);
        }

        newlines = ends;
        newlineCount = count;
        controls = control;
        printable = unprintable == 0;
        return true;
    }

    /// <summary>How many CRs stand just before an LF (a CR LF file has no other): when that is all of them, none ends a line.</summary>
    private static int CarriageReturnsBeforeLineFeeds(ReadOnlySpan<byte> bytes, int[] ends, int count)
    {
        var found = 0;
        for (var k = 0; k < count; k++)
        {
            var at = ends[k];
            found += at > 0 && bytes[at - 1] == '\r' ? 1 : 0;
        }

        return found;
    }

    /// <summary>Adds the CRs that end a line by themselves (<see cref="LineEnds"/>) to the LF positions, in order; returns the new count.</summary>
    private static int WithLoneCarriageReturns(ReadOnlySpan<byte> bytes, ref int[] ends, int count)
    {
        List<int>? lone = null;
        for (var at = bytes.IndexOf((byte)'\r'); at >= 0;)
        {
            if (LineEnds.CarriageReturnEndsLine(bytes, at))
            {
                (lone ??= []).Add(at);
            }

            var next = bytes[(at + 1)..].IndexOf((byte)'\r');
            at = next < 0 ? -1 : at + 1 + next;
        }

        if (lone is null)
        {
            return count;
        }

        var merged = new int[Math.Max(ends.Length, count + lone.Count)];
        int a = 0, c = 0, m = 0;
        while (a < count || c < lone.Count)
        {
            merged[m++] = c >= lone.Count || (a < count && ends[a] < lone[c]) ? ends[a++] : lone[c++];
        }

        ends = merged;
        return m;
    }

    private static int[] Grown(int[] ends)
    {
        Array.Resize(ref ends, Math.Max(1024, ends.Length * 2));
        return ends;
    }
}
