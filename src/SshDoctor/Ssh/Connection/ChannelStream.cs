using System.Text;
using SshDoctor.Ssh.Transport;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Ssh.Connection;

/// <summary>
/// One RFC 4254 channel as a Stream: a <c>direct-tcpip</c> channel carries the next hop's SSH connection, a
/// <c>session</c> channel runs a command. Reads pull messages from the transport (one channel in use at a time, as the
/// probe uses them); messages for other channels are skipped, global requests are refused, the window is kept open.
/// </summary>
public sealed class ChannelStream : Stream
{
    private const uint LocalWindow = 2 * 1024 * 1024;
    private const uint LocalMaxPacket = 32768;
    private static uint _nextChannel;
    private readonly SshTransport _transport;
    private readonly uint _localId;
    private readonly uint _remoteId;
    private readonly Queue<byte[]> _pending = new();
    private uint _remoteWindow;
    private readonly uint _remoteMaxPacket;
    private uint _consumed;
    private int _offset;
    private bool _closed;

    private ChannelStream(SshTransport transport, uint localId, uint remoteId, uint remoteWindow, uint remoteMaxPacket)
    {
        _transport = transport;
        _localId = localId;
        _remoteId = remoteId;
        _remoteWindow = remoteWindow;
        _remoteMaxPacket = Math.Max(1024, Math.Min(remoteMaxPacket, 32768));
    }

    /// <summary>Standard error of a session channel (extended data type 1), bounded.</summary>
    public StringBuilder ErrorText { get; } = new();

    /// <summary>The exit status a session channel reported, if any.</summary>
    public uint? ExitStatus { get; private set; }

    /// <summary>True once the server sent EOF or CLOSE.</summary>
    public bool RemoteEnded { get; private set; }

    /// <summary>True once the server sent CLOSE (exit-status comes between EOF and CLOSE).</summary>
    public bool RemoteClosed { get; private set; }

    /// <summary>Why the connection under the channel ended, when it did (then <see cref="RemoteClosed"/> is set too).</summary>
    public ProbeFailure? TransportFailure { get; private set; }

    /// <summary>Opens <c>direct-tcpip</c> to host:port through <paramref name="session"/> (authenticated).</summary>
    public static Task<ChannelOpenResult> OpenDirectTcpIpAsync(SshProbeSession session, string host, int port, CancellationToken cancellationToken) =>
        OpenAsync(session, "direct-tcpip", w => w.WriteString(host).WriteUInt32((uint)port).WriteString("127.0.0.1").WriteUInt32(0), cancellationToken);

    public static Task<ChannelOpenResult> OpenSessionAsync(SshProbeSession session, CancellationToken cancellationToken) =>
        OpenAsync(session, "session", _ => { }, cancellationToken);

    /// <summary>Sends an <c>exec</c> request and waits for its success or failure.</summary>
    public async Task<bool> ExecAsync(string command, CancellationToken cancellationToken)
    {
        await _transport.SendAsync(new SshWriter().WriteByte(ConnectionMessages.ChannelRequest).WriteUInt32(_remoteId).WriteString("exec").WriteBoolean(true).WriteString(command).ToArray(), cancellationToken);
        while (true)
        {
            var message = await NextForThisChannelAsync(cancellationToken);
            if (message is null)
            {
                return false;
            }

            switch (message[0])
            {
                case ConnectionMessages.ChannelSuccess:
                    return true;
                case ConnectionMessages.ChannelFailure:
                    return false;
                default:
                    Handle(message);
                    break;
            }
        }
    }

    /// <summary>Reads until the server closes the channel (bounded by the caller's token); collects stderr and exit status.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        while (await ReadAsync(buffer, cancellationToken) > 0)
        {
        }

        while (!RemoteClosed)
        {
            var message = await NextForThisChannelAsync(cancellationToken);
            if (message is null)
            {
                return;
            }

            Handle(message);
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_pending.Count == 0)
        {
            if (RemoteEnded)
            {
                return 0;
            }

            var message = await NextForThisChannelAsync(cancellationToken);
            if (message is null)
            {
                return 0;
            }

            Handle(message);
        }

        var head = _pending.Peek();
        var count = Math.Min(buffer.Length, head.Length - _offset);
        head.AsMemory(_offset, count).CopyTo(buffer);
        _offset += count;
        if (_offset == head.Length)
        {
            _pending.Dequeue();
            _offset = 0;
        }

        return count;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (buffer.Length > 0)
        {
            var chunk = (int)Math.Min((uint)buffer.Length, _remoteMaxPacket);
            if (_remoteWindow < chunk)
            {
                // A probe sends a few kilobytes; a server that never opens its window is not worth waiting for.
                throw new IOException("the server's channel window is exhausted");
            }

            await _transport.SendAsync(new SshWriter(chunk + 16).WriteByte(ConnectionMessages.ChannelData).WriteUInt32(_remoteId).WriteString(buffer.Span[..chunk]).ToArray(), cancellationToken);
            _remoteWindow -= (uint)chunk;
            buffer = buffer[chunk..];
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (!_closed)
        {
            _closed = true;
            try
            {
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await _transport.SendAsync(new SshWriter().WriteByte(ConnectionMessages.ChannelClose).WriteUInt32(_remoteId).ToArray(), deadline.Token);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or System.Net.Sockets.SocketException)
            {
                // The connection underneath is gone; nothing to close.
            }
        }

        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        _closed = true;
        base.Dispose(disposing);
    }

    private static async Task<ChannelOpenResult> OpenAsync(SshProbeSession session, string type, Action<SshWriter> extra, CancellationToken cancellationToken)
    {
        var transport = session.Transport;
        var localId = Interlocked.Increment(ref _nextChannel);
        var writer = new SshWriter().WriteByte(ConnectionMessages.ChannelOpen).WriteString(type).WriteUInt32(localId).WriteUInt32(LocalWindow).WriteUInt32(LocalMaxPacket);
        extra(writer);
        try
        {
            return await OpenOnceAsync(transport, writer.ToArray(), localId, cancellationToken);
        }
        catch (ProbeFailureException e)
        {
            session.Fail(e.Failure);
            return new ChannelOpenResult(null, 0, e.Failure.Detail) { Failure = e.Failure };
        }
    }

    private static async Task<ChannelOpenResult> OpenOnceAsync(SshTransport transport, byte[] request, uint localId, CancellationToken cancellationToken) =>
        await StageRunner.RunAsync(ProbeStage.Authentication, transport.Limits.StageTimeout, async ct =>
        {
            await transport.SendAsync(request, ct);
            while (true)
            {
                var reply = await transport.ReceiveMessageAsync(ct);
                var reader = new SshReader(reply);
                var number = reader.ReadByte();
                if (number is ConnectionMessages.ChannelOpenConfirmation or ConnectionMessages.ChannelOpenFailure && reader.ReadUInt32() == localId)
                {
                    if (number == ConnectionMessages.ChannelOpenFailure)
                    {
                        return new ChannelOpenResult(null, reader.ReadUInt32(), reader.ReadUtf8Kept());
                    }

                    var remoteId = reader.ReadUInt32();
                    return new ChannelOpenResult(new ChannelStream(transport, localId, remoteId, reader.ReadUInt32(), reader.ReadUInt32()), 0, "");
                }

                await RefuseGlobalRequestAsync(transport, reply, ct);
            }
        }, cancellationToken);

    private static async Task RefuseGlobalRequestAsync(SshTransport transport, byte[] message, CancellationToken cancellationToken)
    {
        if (message[0] != ConnectionMessages.GlobalRequest)
        {
            return;
        }

        var reader = new SshReader(message.AsSpan(1));
        reader.ReadString(256);
        if (reader.ReadBoolean())
        {
            await transport.SendAsync([ConnectionMessages.RequestFailure], cancellationToken);
        }
    }

    /// <summary>The next message for this channel; null when the transport ended.</summary>
    private async Task<byte[]?> NextForThisChannelAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            byte[] message;
            try
            {
                message = await _transport.ReceiveMessageAsync(cancellationToken);
            }
            catch (Exception e) when (StageRunner.Classify(ProbeStage.Authentication, e) is { } failure)
            {
                TransportFailure = failure;
                RemoteEnded = true;
                RemoteClosed = true;
                return null;
            }

            if (message[0] == ConnectionMessages.GlobalRequest)
            {
                await RefuseGlobalRequestAsync(_transport, message, cancellationToken);
                continue;
            }

            if (message[0] is >= ConnectionMessages.ChannelWindowAdjust and <= ConnectionMessages.ChannelFailure && message.Length >= 5
                && System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(1)) == _localId)
            {
                return message;
            }
        }
    }

    private void Handle(byte[] message)
    {
        var reader = new SshReader(message.AsSpan(5));
        switch (message[0])
        {
            case ConnectionMessages.ChannelData:
                var data = reader.ReadStringBytes((int)LocalMaxPacket);
                _pending.Enqueue(data);
                Consume((uint)data.Length);
                break;
            case ConnectionMessages.ChannelExtendedData:
                reader.ReadUInt32();
                var error = reader.ReadString((int)LocalMaxPacket);
                Consume((uint)error.Length);
                if (ErrorText.Length < 16384)
                {
                    ErrorText.Append(Encoding.UTF8.GetString(error));
                }

                break;
            case ConnectionMessages.ChannelWindowAdjust:
                _remoteWindow = ChannelWindow.Grow(_remoteWindow, reader.ReadUInt32());
                break;
            case ConnectionMessages.ChannelEof:
                RemoteEnded = true;
                break;
            case ConnectionMessages.ChannelClose:
                RemoteEnded = true;
                RemoteClosed = true;
                break;
            case ConnectionMessages.ChannelRequest:
                if (reader.ReadUtf8(64) == "exit-status")
                {
                    reader.ReadBoolean();
                    ExitStatus = reader.ReadUInt32();
                }

                break;
        }
    }

    private void Consume(uint count)
    {
        _consumed += count;
        if (_consumed > LocalWindow / 2)
        {
            var adjust = _consumed;
            _consumed = 0;
            // Only after 1 MB of input, which a probe never reads; sending in line keeps the message order simple.
            _transport.SendAsync(new SshWriter().WriteByte(ConnectionMessages.ChannelWindowAdjust).WriteUInt32(_remoteId).WriteUInt32(adjust).ToArray(), CancellationToken.None).GetAwaiter().GetResult();
        }
    }
}
