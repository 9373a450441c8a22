namespace SshDoctor.Ssh.Transport;

/// <summary>A fixed-size receive buffer over the connection; it never grows, so a peer cannot make us allocate.</summary>
internal sealed class InputBuffer
{
    private readonly Stream _stream;
    private readonly byte[] _buffer;
    private int _start;
    private int _end;

    public InputBuffer(Stream stream, int capacity)
    {
        _stream = stream;
        _buffer = new byte[capacity];
    }

    public int Capacity => _buffer.Length;

    public int Available => _end - _start;

    public Span<byte> AvailableSpan => _buffer.AsSpan(_start, _end - _start);

    public void Consume(int count) => _start += count;

    /// <summary>Waits until <paramref name="count"/> bytes are buffered; EOF before that throws <see cref="EndOfStreamException"/>.</summary>
    public async ValueTask EnsureAsync(int count, CancellationToken cancellationToken)
    {
        if (count > _buffer.Length)
        {
            throw new InvalidOperationException("request exceeds the receive buffer");
        }

        while (Available < count)
        {
            if (await FillAsync(cancellationToken) == 0)
            {
                throw new EndOfStreamException();
            }
        }
    }

    /// <summary>Reads one line ending in LF, at most <paramref name="maxLength"/> bytes including the terminator.</summary>
    public async ValueTask<LineRead> ReadLineAsync(int maxLength, CancellationToken cancellationToken)
    {
        var scanned = 0;
        while (true)
        {
            var span = AvailableSpan;
            var limit = Math.Min(span.Length, maxLength);
            var newline = span[scanned..limit].IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var line = span[..(scanned + newline + 1)].ToArray();
                Consume(line.Length);
                return new LineRead(line, LineEnding.Newline);
            }

            scanned = limit;
            if (Available >= maxLength)
            {
                var partial = span[..maxLength].ToArray();
                Consume(maxLength);
                return new LineRead(partial, LineEnding.TooLong);
            }

            if (await FillAsync(cancellationToken) == 0)
            {
                var rest = AvailableSpan.ToArray();
                Consume(rest.Length);
                return new LineRead(rest, LineEnding.EndOfStream);
            }
        }
    }

    private async ValueTask<int> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, Available);
            _end -= _start;
            _start = 0;
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        return read;
    }
}

internal enum LineEnding
{
    Newline,
    TooLong,
    EndOfStream,
}

internal readonly record struct LineRead(byte[] Bytes, LineEnding Ending);
