using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Asks for memory that will be needed soon: a prefetch instruction where there is one (x86). Unlike a load it does not
/// wait, so a run of lines has all its cache misses in flight at once. Elsewhere a plain load of the first byte.
/// </summary>
internal static class CacheHint
{
    /// <summary>The cache lines of <paramref name="value"/>'s first <paramref name="bytes"/> bytes (64-byte lines).</summary>
    public static unsafe int Prefetch<T>(ref T value, int bytes = 1)
    {
        fixed (byte* address = &Unsafe.As<T, byte>(ref value))
        {
            if (!Sse.IsSupported)
            {
                return *address;
            }

            for (var offset = 0; offset < bytes; offset += 64)
            {
                Sse.Prefetch0(address + offset);
            }

            return 0;
        }
    }
}
