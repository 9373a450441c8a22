using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Short texts compared and copied inline, eight characters a vector or four in a long, instead of through a call that
/// first sorts out the length: a count table's keys (addresses, users: mostly 4 to 39 characters; a storm compares or
/// copies one on every line) and a line's known prefix and stamp (<see cref="ShortPrefix"/>).
/// </summary>
internal static class KeyText
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Equal(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        ref var x = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(a));
        ref var y = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(b));
        var length = (nuint)a.Length;
        if (length >= 8 && Vector128.IsHardwareAccelerated)
        {
            var last = length - 8;
            for (nuint i = 0; i < last; i += 8)
            {
                if (Vector128.LoadUnsafe(ref x, i) != Vector128.LoadUnsafe(ref y, i))
                {
                    return false;
                }
            }

            return Vector128.LoadUnsafe(ref x, last) == Vector128.LoadUnsafe(ref y, last);
        }

        if (length >= 4)
        {
            // Two longs that overlap when the key is shorter than eight.
            return Long(ref x, 0) == Long(ref y, 0) && Long(ref x, length - 4) == Long(ref y, length - 4);
        }

        for (nuint i = 0; i < length; i++)
        {
            if (Unsafe.Add(ref x, i) != Unsafe.Add(ref y, i))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Copies <paramref name="from"/> to <paramref name="to"/> (of its length), which may overlap it only by starting
    /// before it (a table's text packed again after a removal).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy(ReadOnlySpan<char> from, Span<char> to)
    {
        var length = (nuint)from.Length;
        ref var source = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(from));
        ref var target = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(to[..from.Length]));
        if (length >= 8 && Vector128.IsHardwareAccelerated)
        {
            // The last eight characters are read before anything is written: the vectors before them may overwrite
            // them when the target starts a little before the source. Each vector of the loop is read before it is
            // written, and what was written before it lies before it.
            var last = length - 8;
            var tail = Vector128.LoadUnsafe(ref source, last);
            for (nuint i = 0; i < last; i += 8)
            {
                Vector128.LoadUnsafe(ref source, i).StoreUnsafe(ref target, i);
            }

            tail.StoreUnsafe(ref target, last);
            return;
        }

        if (length >= 4)
        {
            // Both read before either is written, for the same reason.
            var head = Long(ref source, 0);
            var end = Long(ref source, length - 4);
            Unsafe.WriteUnaligned(ref Unsafe.As<ushort, byte>(ref target), head);
            Unsafe.WriteUnaligned(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref target, length - 4)), end);
            return;
        }

        for (nuint i = 0; i < length; i++)
        {
            Unsafe.Add(ref target, i) = Unsafe.Add(ref source, i);
        }
    }

    /// <summary>Four characters from <paramref name="at"/> as one long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Long(ref ushort text, nuint at) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref text, at)));
}
