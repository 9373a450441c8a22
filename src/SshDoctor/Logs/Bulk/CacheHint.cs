using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Asks for memory that will be needed soon: a prefetch instruction where there is one (x86). Unlike a load it does not
/// wait, so a run of lines has all its cache misses in flight at once. Elsewhere a plain load of the first byte.
/// </summary>
internal static class CacheHint
{
    /// <summary>The cache line that holds the start of <paramref name="value"/>.</summary>
    public static unsafe int Prefetch<T>(ref T value)
    {
        fixed (byte* address = &Unsafe.As<T, byte>(ref value))
        {
            if (!Sse.IsSupported)
            {
                return *address;
            }

            Sse.Prefetch0(address);
            return 0;
        }
    }
}
