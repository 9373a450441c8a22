using System.Numerics;
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
    /// number in <paramref name="newlineCount"/>.
    /// </summary>
    public static unsafe bool TryDecode(ReadOnlySpan<byte> bytes, Span<char> chars, ref int[] newlines, out int newlineCount, out long controls)
    {
        // Locals, written back at the end: the loop keeps them in registers. CRs are only counted here: the lines they
        // end, if any, are added afterwards (WithLoneCarriageReturns).
        var ends = newlines;
        var count = 0;
        long control = 0;
        var carriageReturns = 0;
        var i = 0;
        if (chars.Length < bytes.Length)
        {
            throw new ArgumentException("fewer characters than bytes", nameof(chars));
        }

        fixed (byte* source = bytes)
        fixed (char* target = chars)
        {
            // Two vectors a step: the bytes widened to characters, and one mask of the bytes below a space by a signed
            // comparison, which also holds the bytes above 127 (negative): the newlines, then rarely a control byte or
            // a byte that refuses the slice. (AVX2 is no help: NativeAOT's baseline is SSE2, and it compiles
            // Avx2.IsSupported as false.)
            const int Step = 2 * 16;
            for (; Vector128.IsHardwareAccelerated && i + Step <= bytes.Length; i += Step)
            {
                var first = Vector128.Load(source + i);
                var second = Vector128.Load(source + i + 16);
                var (lower, upper) = Vector128.Widen(first);
                lower.Store((ushort*)target + i);
                upper.Store((ushort*)target + i + 8);
                (lower, upper) = Vector128.Widen(second);
                lower.Store((ushort*)target + i + 16);
                upper.Store((ushort*)target + i + 24);
                var space = Vector128.Create((sbyte)' ');
                var below = Vector128.LessThan(first.AsSByte(), space).ExtractMostSignificantBits()
                    | (Vector128.LessThan(second.AsSByte(), space).ExtractMostSignificantBits() << 16);

                while (below != 0)
                {
                    var at = i + BitOperations.TrailingZeroCount(below);
                    below &= below - 1;
                    var b = source[at];
                    if (b == '\n')
                    {
                        ends = count < ends.Length ? ends : Grown(ends);
                        ends[count++] = at;
                    }
                    else if (b > 127)
                    {
                        // Nothing written means anything then: see the scalar loop.
                        newlines = ends;
                        newlineCount = 0;
                        controls = 0;
                        return false;
                    }
                    else
                    {
                        control += ControlBytes.IsControl(b) ? 1 : 0;
                        carriageReturns += b == '\r' ? 1 : 0;
                    }
                }
            }
        }

        // The rest.
        for (; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b > 127)
            {
                newlines = ends;
                newlineCount = 0;
                controls = 0;
                return false;
            }

            chars[i] = (char)b;
            if (b == '\n')
            {
                ends = count < ends.Length ? ends : Grown(ends);
                ends[count++] = i;
            }
            else if (b < (byte)' ')
            {
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
