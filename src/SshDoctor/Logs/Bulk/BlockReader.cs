namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Cuts a stream into blocks of whole lines (about <see cref="BlockBytes"/> each) so that blocks can be classified in
/// parallel. Memory stays bounded whatever the input: a line that does not fit in a block (a 100 MB line of garbage)
/// is kept as its first bytes only, flagged as cut, and the rest is read past without being stored.
/// </summary>
public sealed class BlockReader(Stream stream, BlockBuffers buffers)
{
    public const int BlockBytes = 1 << 20;

    private byte[] pending = buffers.Rent();
    private int pendingLength;
    private bool ended;

    /// <summary>Bytes read so far (before any cut).</summary>
    public long BytesRead { get; private set; }

    /// <summary>The next block, or null at the end of the stream.</summary>
    public LineBlock? Next()
    {
        while (true)
        {
            if (!ended)
            {
                Fill();
            }

            if (pendingLength == 0)
            {
                return null;
            }

            var lastNewline = pending.AsSpan(0, pendingLength).LastIndexOf((byte)'\n');
            if (lastNewline >= 0)
            {
                return Take(lastNewline + 1, cut: false);
            }

            if (ended)
            {
                return Take(pendingLength, cut: false);
            }

            // The buffer is full and holds no newline: a line longer than a block.
            var block = Take(pendingLength, cut: true);
            SkipRestOfLine();
            return block;
        }
    }

    private void Fill()
    {
        while (pendingLength < pending.Length)
        {
            var read = stream.Read(pending, pendingLength, pending.Length - pendingLength);
            if (read <= 0)
            {
                ended = true;
                return;
            }

            BytesRead += read;
            pendingLength += read;
        }
    }

    private LineBlock Take(int length, bool cut)
    {
        var next = buffers.Rent();
        var rest = pendingLength - length;
        pending.AsSpan(length, rest).CopyTo(next);
        var block = new LineBlock(buffers, pending, length, cut);
        pending = next;
        pendingLength = rest;
        return block;
    }

    private void SkipRestOfLine()
    {
        while (true)
        {
            var read = stream.Read(pending, 0, pending.Length);
            if (read <= 0)
            {
                ended = true;
                pendingLength = 0;
                return;
            }

            BytesRead += read;
            var newline = pending.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var rest = read - newline - 1;
                pending.AsSpan(newline + 1, rest).CopyTo(pending);
                pendingLength = rest;
                return;
            }
        }
    }
}
