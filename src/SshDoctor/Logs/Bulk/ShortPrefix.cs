using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// <c>StartsWith</c> for the short texts a line's prefix is compared with on every line (the last stamp, a known
/// <c>HOST NAME[</c>): inline, eight characters a vector, the last vector overlapping the one before, instead of a call
/// into the general comparison, which first sorts out the length (its cost was a fifth of reading a known prefix).
/// </summary>
internal static class ShortPrefix
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool StartsWith(ReadOnlySpan<char> text, ReadOnlySpan<char> start)
    {
        if (text.Length < start.Length)
        {
            return false;
        }

        if (start.Length < Vector128<ushort>.Count || !Vector128.IsHardwareAccelerated)
        {
            return text.StartsWith(start, StringComparison.Ordinal);
        }

        ref var a = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        ref var b = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(start));
        var last = (nuint)(start.Length - Vector128<ushort>.Count);
        var differ = Vector128.LoadUnsafe(ref a, last) ^ Vector128.LoadUnsafe(ref b, last);
        for (nuint i = 0; i < last; i += (nuint)Vector128<ushort>.Count)
        {
            differ |= Vector128.LoadUnsafe(ref a, i) ^ Vector128.LoadUnsafe(ref b, i);
        }

        return differ == Vector128<ushort>.Zero;
    }
}
