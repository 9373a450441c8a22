namespace SshDoctor.Cli.Rendering.Logs;

/// <summary>A set of ASCII characters as 128 bits: one test a character, no call (for short fields, see <see cref="Utf8EventBuffer"/>).</summary>
internal readonly struct AsciiSet
{
    private readonly ulong _low;
    private readonly ulong _high;

    public AsciiSet(ReadOnlySpan<byte> members)
    {
        foreach (var b in members)
        {
            if (b < 64)
            {
                _low |= 1UL << b;
            }
            else if (b < 128)
            {
                _high |= 1UL << (b - 64);
            }
        }
    }

    public bool Contains(char c) => c < 64 ? ((_low >> c) & 1) != 0 : c < 128 && ((_high >> (c - 64)) & 1) != 0;
}
