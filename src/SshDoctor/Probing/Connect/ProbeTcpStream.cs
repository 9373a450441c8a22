using System.Net.Sockets;
using System.Runtime.ExceptionServices;

namespace SshDoctor.Probing.Connect;

/// <summary>
/// The probe's TCP connection. It reads ahead from the moment of connecting, so a server that speaks and closes at
/// once ("Exceeded MaxStartups", a web server's error page) is heard in full even though the probe writes its own
/// identification later, which would otherwise meet a reset that discards the unread bytes (the kept bytes are
/// bounded; after them the socket is read directly). And it acknowledges every segment at once (see
/// <see cref="AcknowledgeAtOnce"/>).
/// </summary>
internal sealed class ProbeTcpStream : Stream
{
    private const int MaxKept = 64 * 1024;
    private const int TcpLevel = 6;
    private const int TcpQuickAck = 12;
    private static readonly byte[] QuickAckOn = [1, 0, 0, 0];

    private readonly NetworkStream _inner;
    private readonly byte[] _kept = new byte[MaxKept];
    private readonly Task _readingAhead;
    private readonly Lock _gate = new();
    private int _keptStart;
    private int _keptEnd;
    private bool _ended;
    private Exception? _error;
    private volatile bool _stopReadingAhead;

    public ProbeTcpStream(Socket socket)
    {
        _inner = new NetworkStream(socket, ownsSocket: true);
        _readingAhead = ReadAheadAsync();
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _stopReadingAhead = true;
        if (TakeKept(buffer.Span) is var served and > 0)
        {
            // Never wait for the read-ahead while bytes are kept: the server may be waiting for our answer to them.
            return served;
        }

        if (!_readingAhead.IsCompleted)
        {
            // Nothing kept: the read in flight gets the next bytes the probe is waiting for anyway.
            await _readingAhead.WaitAsync(cancellationToken);
            if (TakeKept(buffer.Span) is var late and > 0)
            {
                return late;
            }
        }

        if (_error is not null)
        {
            // The same exception the socket gave, so resets and closes are classified exactly as on a direct read.
            ExceptionDispatchInfo.Throw(_error);
        }

        if (_ended)
        {
            return 0;
        }

        AcknowledgeAtOnce();
        return await _inner.ReadAsync(buffer, cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => _inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stopReadingAhead = true;
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Linux TCP_QUICKACK, renewed before every read because the kernel drops it again. Before authentication sshd
    /// leaves Nagle on, so a second small packet of a pipelined answer (SERVICE_ACCEPT, then USERAUTH_FAILURE) waits
    /// for our ACK of the first; with a delayed ACK that costs 40 ms per exchange. Real ssh has the same stall.
    /// </summary>
    private void AcknowledgeAtOnce()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                _inner.Socket.SetRawSocketOption(TcpLevel, TcpQuickAck, QuickAckOn);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Not a TCP socket any more (closed): the read that follows reports it.
            }
        }
    }

    /// <summary>Copies kept bytes out; the read-ahead only ever writes past <c>_keptEnd</c>, so the lock covers the indexes.</summary>
    private int TakeKept(Span<byte> destination)
    {
        lock (_gate)
        {
            var count = Math.Min(destination.Length, _keptEnd - _keptStart);
            _kept.AsSpan(_keptStart, count).CopyTo(destination);
            _keptStart += count;
            return count;
        }
    }

    private async Task ReadAheadAsync()
    {
        try
        {
            while (!_stopReadingAhead && _keptEnd < MaxKept)
            {
                AcknowledgeAtOnce();
                var read = await _inner.ReadAsync(_kept.AsMemory(_keptEnd));
                if (read == 0)
                {
                    _ended = true;
                    return;
                }

                lock (_gate)
                {
                    _keptEnd += read;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            _error = e;
        }
    }
}
