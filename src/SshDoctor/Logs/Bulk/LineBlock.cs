namespace SshDoctor.Logs.Bulk;

/// <summary>
/// A run of whole lines read from an input, in a reused buffer. A line longer than the buffer arrives alone, with
/// <see cref="CutLine"/> set: its first bytes are kept and the rest was skipped up to its newline.
/// </summary>
public sealed class LineBlock : IDisposable
{
    private readonly BlockBuffers owner;
    private byte[]? buffer;

    public LineBlock(BlockBuffers owner, byte[] buffer, int length, bool cutLine)
    {
        this.owner = owner;
        this.buffer = buffer;
        Length = length;
        CutLine = cutLine;
    }

    public int Length { get; }

    public bool CutLine { get; }

    public ReadOnlySpan<byte> Bytes => buffer.AsSpan(0, Length);

    public void Dispose()
    {
        if (buffer is { } b)
        {
            buffer = null;
            owner.Return(b);
        }
    }
}
