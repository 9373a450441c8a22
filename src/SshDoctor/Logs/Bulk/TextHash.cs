namespace SshDoctor.Logs.Bulk;

/// <summary>
/// The hash of a key's text in a <see cref="CountTable{TCounts}"/>: the runtime's randomized string hash, because the
/// keys are attacker-chosen and a fixed hash would let a log make every address probe the same run of the index. A
/// block's tally and the summary hash alike, so the hash made by a worker serves the summary's lookup.
/// </summary>
internal static class TextHash
{
    public static int Of(ReadOnlySpan<char> text) => string.GetHashCode(text);
}
