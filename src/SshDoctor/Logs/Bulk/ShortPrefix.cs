using System.Runtime.CompilerServices;

namespace SshDoctor.Logs.Bulk;

/// <summary>
/// <c>StartsWith</c> for the short texts a line's prefix is compared with on every line (the last stamp, a known
/// <c>HOST NAME[</c>): inline (<see cref="KeyText.Equal"/>), instead of a call into the general comparison, which
/// first sorts out the length (its cost was a fifth of reading a known prefix).
/// </summary>
internal static class ShortPrefix
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool StartsWith(ReadOnlySpan<char> text, ReadOnlySpan<char> start) =>
        text.Length >= start.Length && KeyText.Equal(text[..start.Length], start);
}
