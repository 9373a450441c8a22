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
    /// <summary>
    /// 256 KiB: each block in flight holds its bytes, an array of its lines and a tally with a table of its addresses,
    /// all on the large-object heap; blocks of 1 MiB held 15 MB more at an attack storm's peak (issue 14: RSS 90 -> 75 MB
    /// at 3 M lines) for no CPU gained. Longer lines are cut long before (<see cref="LineClassifier.MaxLineChars"/>).
    /// </summary>
    public const int BlockBytes = 1 << 18;

    /// <summary>Bytes of an over-long line skipped before an empty block reports them.</summary>
    public const int SkipStep = 16 << 20;

    private byte[] _pending = buffers.Rent();
    private int _pendingLength;
    private bool _ended;

    /// <summary>Inside an over-long line, after its cut block: the rest is being skipped.</summary>
    private bool _skipping;

    /// <summary>While skipping: the cut part ended in a CR, whose line end depends on the next byte.</summary>
    private bool _carriageReturn;
    private long _skipped;
    private long _skippedControlBytes;

    /// <summary>The next block, or null at the end of the stream.</summary>
    public LineBlock? Next()
    {
        if (_skipping && !SkipRestOfLine())
        {
            return Skipped(new LineBlock(buffers, null, 0, cutLine: false));
        }

        if (!_ended)
        {
            Fill();
        }

        if (_pendingLength == 0)
        {
            return _skipped > 0 ? Skipped(new LineBlock(buffers, null, 0, cutLine: false)) : null;
        }

        var lastNewline = _pending.AsSpan(0, _pendingLength).LastIndexOf((byte)'\n');
        if (lastNewline >= 0)
        {
            return Take(lastNewline + 1, cut: false);
        }

        if (_ended)
        {
            return Take(_pendingLength, cut: false);
        }

        // No LF in a whole block: a file whose lines end in CR alone (searched only then: it costs a pass).
        var lastEnd = LineEnds.Last(_pending.AsSpan(0, _pendingLength));
        if (lastEnd >= 0)
        {
            return Take(lastEnd + 1, cut: false);
        }

        // The buffer is full and holds no line end: a line longer than a block.
        _carriageReturn = _pending[_pendingLength - 1] == '\r';
        _skipping = true;
        return Take(_pendingLength, cut: true);
    }

    private void Fill()
    {
        while (_pendingLength < _pending.Length)
        {
            var read = stream.Read(_pending, _pendingLength, _pending.Length - _pendingLength);
            if (read <= 0)
            {
                _ended = true;
                return;
            }

            _pendingLength += read;
        }
    }

    private LineBlock Take(int length, bool cut)
    {
        var next = buffers.Rent();
        var rest = _pendingLength - length;
        _pending.AsSpan(length, rest).CopyTo(next);
        var block = new LineBlock(buffers, _pending, length, cut);
        _pending = next;
        _pendingLength = rest;
        return Skipped(block);
    }

    /// <summary>Hands on with <paramref name="block"/> what was skipped before it.</summary>
    private LineBlock Skipped(LineBlock block)
    {
        block.Skipped = _skipped;
        block.SkippedControlBytes = _skippedControlBytes;
        _skipped = 0;
        _skippedControlBytes = 0;
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
            var read = stream.Read(_pending, 0, _pending.Length);
            if (read <= 0)
            {
                _ended = true;
                _pendingLength = 0;
                _skipping = false;
                return true;
            }

            var bytes = _pending.AsSpan(0, read);
            var endedBefore = _carriageReturn && bytes[0] is not ((byte)'\n' or (byte)'\r');
            var end = endedBefore ? -1 : LineEnds.Next(bytes);
            if (end < 0 && !endedBefore)
            {
                step += read;
                _skipped += read;
                _skippedControlBytes += ControlBytes.Count(bytes);
                _carriageReturn = bytes[^1] == '\r';
                continue;
            }

            // From the byte after the line end (all of them when the CR before them ended it).
            _skipped += end + 1;
            _skippedControlBytes += ControlBytes.Count(bytes[..(end + 1)]);
            var rest = read - end - 1;
            _pending.AsSpan(end + 1, rest).CopyTo(_pending);
            _pendingLength = rest;
            _skipping = false;
            return true;
        }

        return false;
    }
}
