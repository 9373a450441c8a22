namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Cuts a stream into blocks of whole lines (about <see cref="BlockBytes"/> each; lines end as <see cref="LineEnds"/>
/// says) so that blocks can be classified in parallel. Memory stays bounded whatever the input: a line that does not fit
/// in a block (a 100 MB line of garbage) is kept as its first bytes only, flagged as cut, and the rest is read past
/// without being stored. An endless line (<c>/dev/zero</c>) is read past in steps of <see cref="SkipStep"/>, each
/// handed on as an empty block that counts what was skipped, so the reader's caller keeps seeing progress.
/// </summary>
public sealed class BlockReader(Stream stream, BlockBuffers buffers)
{
    public const int BlockBytes = 1 << 20;

    /// <summary>Bytes of an over-long line skipped before an empty block reports them.</summary>
    public const int SkipStep = 16 << 20;

    private byte[] pending = buffers.Rent();
    private int pendingLength;
    private bool ended;

    /// <summary>Inside an over-long line, after its cut block: the rest is being skipped.</summary>
    private bool skipping;

    /// <summary>While skipping: the cut part ended in a CR, whose line end depends on the next byte.</summary>
    private bool carriageReturn;
    private long skipped;
    private long skippedControlBytes;

    /// <summary>The next block, or null at the end of the stream.</summary>
    public LineBlock? Next()
    {
        if (skipping && !SkipRestOfLine())
        {
            return Skipped(new LineBlock(buffers, null, 0, cutLine: false));
        }

        if (!ended)
        {
            Fill();
        }

        if (pendingLength == 0)
        {
            return skipped > 0 ? Skipped(new LineBlock(buffers, null, 0, cutLine: false)) : null;
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

        // No LF in a whole block: a file whose lines end in CR alone (searched only then: it costs a pass).
        var lastEnd = LineEnds.Last(pending.AsSpan(0, pendingLength));
        if (lastEnd >= 0)
        {
            return Take(lastEnd + 1, cut: false);
        }

        // The buffer is full and holds no line end: a line longer than a block.
        carriageReturn = pending[pendingLength - 1] == '\r';
        skipping = true;
        return Take(pendingLength, cut: true);
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
        return Skipped(block);
    }

    /// <summary>Hands on with <paramref name="block"/> what was skipped before it.</summary>
    private LineBlock Skipped(LineBlock block)
    {
        block.Skipped = skipped;
        block.SkippedControlBytes = skippedControlBytes;
        skipped = 0;
        skippedControlBytes = 0;
        return block;
    }

    /// <summary>
    /// Reads past the rest of an over-long line. True when its end was reached (what follows it is pending) or the stream
    /// ended; false after <see cref="SkipStep"/> bytes without an end.
    /// </summary>
    private bool SkipRestOfLine()
    {
        var step = 0L;
        while (step < SkipStep)
        {
            var read = stream.Read(pending, 0, pending.Length);
            if (read <= 0)
            {
                ended = true;
                pendingLength = 0;
                skipping = false;
                return true;
            }

            var bytes = pending.AsSpan(0, read);
            var endedBefore = carriageReturn && bytes[0] is not ((byte)'\n' or (byte)'\r');
            var end = endedBefore ? -1 : LineEnds.Next(bytes);
            if (end < 0 && !endedBefore)
            {
                step += read;
                skipped += read;
                skippedControlBytes += ControlBytes.Count(bytes);
                carriageReturn = bytes[^1] == '\r';
                continue;
            }

            // From the byte after the line end (all of them when the CR before them ended it).
            skipped += end + 1;
            skippedControlBytes += ControlBytes.Count(bytes[..(end + 1)]);
            var rest = read - end - 1;
            pending.AsSpan(end + 1, rest).CopyTo(pending);
            pendingLength = rest;
            skipping = false;
            return true;
        }

        return false;
    }
}
