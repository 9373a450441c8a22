using System.Buffers;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// The C0 control bytes other than TAB, LF, VT, FF, CR and ESC (terminal colours in pasted logs): text logs have none,
/// binary files are full of them. ASCII slices are counted by <see cref="AsciiSlice"/> on its own pass; this counts the
/// rest (slices with other UTF-8, a cut line).
/// </summary>
public static class ControlBytes
{
    private const byte Escape = 27;

    private static readonly SearchValues<byte> All = SearchValues.Create([.. Enumerable.Range(0, 32).Select(b => (byte)b).Where(IsControl)]);

    public static bool IsControl(byte b) => b < ' ' && b is not ((>= (byte)'\t' and <= (byte)'\r') or Escape);

    public static long Count(ReadOnlySpan<byte> bytes)
    {
        long count = 0;
        for (var at = bytes.IndexOfAny(All); at >= 0; at = bytes.IndexOfAny(All))
        {
            count++;
            bytes = bytes[(at + 1)..];
        }

        return count;
    }
}
