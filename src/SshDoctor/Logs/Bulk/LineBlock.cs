namespace SshDoctor.Logs.Bulk;

/// <summary>
/// A run of whole lines read from an input, in a reused buffer. A line longer than the buffer arrives alone, with
/// <see cref="CutLine"/> set: its first bytes are kept and the rest is skipped up to its end, counted in
/// <see cref="Skipped"/> of the next block (an empty one, with no buffer, after every <see cref="BlockReader.SkipStep"/>).
/// </summary>
public sealed class LineBlock : IDisposable
{
    private readonly BlockBuffers _owner;
    private byte[]? _buffer;

    public LineBlock(BlockBuffers owner, byte[]? buffer, int length, bool cutLine)
    {
        this._owner = owner;
        this._buffer = buffer;
        Length = length;
        CutLine = cutLine;
    }

    public int Length { get; }

    public bool CutLine { get; }

    /// <summary>Bytes of an over-long line read past (not kept) since the block before.</summary>
    public long Skipped { get; set; }

    /// <summary>The control bytes among <see cref="Skipped"/> (see <see cref="Bulk.ControlBytes"/>).</summary>
    public long SkippedControlBytes { get; set; }

    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, Length);

    public void Dispose()
    {
        if (_buffer is { } b)
        {
            _buffer = null;
            _owner.Return(b);
        }
    }
}
