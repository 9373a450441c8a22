using System.Collections.Concurrent;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// The arrays blocks keep their SSH lines in. A block of 256 KiB holds 2,000–2,750 lines of the usual shapes:
/// <c>ArrayPool.Shared</c> gave a 4,096-line array to each block in flight, a third of it never written, for the whole
/// read. Here arrays start at 3,072 lines and one grows by a quarter when a block needs more (the grown one is kept):
/// the arrays stay close to what the input's blocks need.
/// </summary>
internal static class SshLineArrays
{
    private const int FirstLength = 3_072;

    /// <summary>More than the blocks in flight: the rest are dropped.</summary>
    private const int KeepFree = 16;

    private static readonly ConcurrentQueue<SshLine[]> Free = new();

    /// <summary>A free array, or a new one of the first length.</summary>
    public static SshLine[] Rent() => Free.TryDequeue(out var lines) ? lines : new SshLine[FirstLength];

    /// <summary>
    /// An array a quarter longer holding <paramref name="lines"/>' content; the smaller one is dropped, so the free
    /// arrays are the grown ones.
    /// </summary>
    public static SshLine[] Grow(SshLine[] lines)
    {
        var bigger = new SshLine[lines.Length + (lines.Length / 4)];
        lines.CopyTo(bigger, 0);
        return bigger;
    }

    /// <summary>
    /// Not cleared: the next block overwrites every line it uses, and the strings a few kept arrays hold alive until
    /// then are bounded (clearing 1 MB of references per block cost the consumer more than it saved).
    /// </summary>
    public static void Return(SshLine[] lines)
    {
        if (Free.Count < KeepFree)
        {
            Free.Enqueue(lines);
        }
    }
}
