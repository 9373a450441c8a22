using System.Text;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Ssh.Connection;

/// <summary>
/// One RFC 4254 channel as a Stream: a <c>direct-tcpip</c> channel carries the next hop's SSH connection, a
/// <c>session</c> channel runs a command. Its messages come from the connection's <see cref="ChannelMultiplexer"/>, so
/// any number of channels of one connection are read and written at once. Flow control both ways (§5.2): writes wait
/// for the peer's window and are cut to its maximum packet; what arrives is buffered up to the window we gave, which
/// is opened again only as the reader takes the data, so a reader that stops stops the peer, and a peer that sends
/// beyond the window or above our maximum packet has its channel closed (the others go on).
/// </summary>
public sealed class ChannelStream : Stream
{
    /// <summary>How much of a session channel's standard error is kept.</summary>
    private const int MaxErrorText = 16384;

    private readonly ChannelMultiplexer _mux;
    private readonly Lock _gate = new();
    private readonly Queue<byte[]> _pending = new();
    private readonly Queue<TaskCompletionSource<bool>> _requests = new();
    private readonly TaskCompletionSource<ChannelOpenResult> _opening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private uint _remoteId;
    private uint _remoteWindow;
    private uint _remoteMaxPacket;
    private uint _localWindow;
    private uint _unadjusted;
    private int _buffered;
    private int _offset;
    private bool _confirmed;
    private bool _refused;
    private bool _abandoned;
    private bool _closeSent;
    private string? _fault;

    internal ChannelStream(ChannelMultiplexer mux, uint localId)
    {
        _mux = mux;
        LocalId = localId;
        _localWindow = mux.Limits.Window;
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

    /// <summary>Our id of the channel (the recipient id of what the peer sends on it).</summary>
    internal uint LocalId { get; }

    /// <summary>The open's answer: this stream once confirmed, the peer's refusal, or the connection's end.</summary>
    internal Task<ChannelOpenResult> Opening => _opening.Task;

    /// <summary>Bytes received and not yet read: never more than the window we gave.</summary>
    internal int Buffered
    {
        get
        {
            lock (_gate)
            {
                return _buffered;
            }
        }
    }

    /// <summary>True once both sides closed (or the open was refused): the id may leave the connection's table.</summary>
    internal bool Finished
    {
        get
        {
            lock (_gate)
            {
                return _refused || (_closeSent && RemoteClosed);
            }
        }
    }

    /// <summary>Opens <c>direct-tcpip</c> to host:port through <paramref name="session"/> (authenticated).</summary>
    public static Task<ChannelOpenResult> OpenDirectTcpIpAsync(SshProbeSession session, string host, int port, CancellationToken cancellationToken) =>
        OpenAsync(session, "direct-tcpip", w => w.WriteString(host).WriteUInt32((uint)port).WriteString("127.0.0.1").WriteUInt32(0), cancellationToken);

    public static Task<ChannelOpenResult> OpenSessionAsync(SshProbeSession session, CancellationToken cancellationToken) =>
        OpenAsync(session, "session", _ => { }, cancellationToken);

    /// <summary>Sends an <c>exec</c> request and waits for its success or failure (false too when the channel or connection ended).</summary>
    public async Task<bool> ExecAsync(string command, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        uint remoteId;
        lock (_gate)
        {
            if (Ended)
            {
                return false;
            }

            // Answers come in the order of the requests (§5.4).
            _requests.Enqueue(answer);
            remoteId = _remoteId;
        }

        try
        {
            await _mux.SendAsync(new SshWriter().WriteByte(ConnectionMessages.ChannelRequest).WriteUInt32(remoteId).WriteString("exec").WriteBoolean(true).WriteString(command).ToArray(), cancellationToken);
        }
        catch (IOException)
        {
            return false;
        }

        return await answer.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Reads until the server closes the channel (bounded by the caller's token); collects stderr and exit status.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        while (await ReadAsync(buffer, cancellationToken) > 0)
        {
        }

        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (RemoteClosed || _fault is not null)
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>The next bytes; 0 after the peer's EOF or CLOSE; an <see cref="IOException"/> when the channel or its connection failed.</summary>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task changed;
            byte[]? adjust = null;
            var count = 0;
            lock (_gate)
            {
                if (_pending.Count > 0)
                {
                    var head = _pending.Peek();
                    count = Math.Min(buffer.Length, head.Length - _offset);
                    head.AsMemory(_offset, count).CopyTo(buffer);
                    _offset += count;
                    if (_offset == head.Length)
                    {
                        _pending.Dequeue();
                        _offset = 0;
                    }

                    _buffered -= count;
                    _unadjusted += (uint)count;
                    adjust = AdjustIfDue();
                }
                else if (Problem() is { } problem)
                {
                    throw new IOException(problem);
                }
                else if (RemoteEnded || _closeSent || buffer.Length == 0)
                {
                    return 0;
                }

                changed = _changed.Task;
            }

            if (count > 0 || buffer.Length == 0)
            {
                if (adjust is not null)
                {
                    // Not the caller's token: a window adjust lost to a cancelled read would shut the channel for good.
                    await SendQuietlyAsync(adjust, CancellationToken.None);
                }

                return count;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Sends in pieces of at most the peer's maximum packet, each waiting for room in the peer's window.</summary>
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (buffer.Length > 0)
        {
            Task changed;
            var chunk = 0;
            uint remoteId;
            lock (_gate)
            {
                if (Problem() is { } problem)
                {
                    throw new IOException(problem);
                }

                if (_closeSent || RemoteClosed)
                {
                    throw new IOException("the channel is closed");
                }

                if (_remoteWindow > 0)
                {
                    chunk = (int)Math.Min(Math.Min((uint)buffer.Length, _remoteWindow), Math.Max(1, Math.Min(_remoteMaxPacket, _mux.Limits.MaxSendPacket)));
                    _remoteWindow -= (uint)chunk;
                }

                remoteId = _remoteId;
                changed = _changed.Task;
            }

            if (chunk == 0)
            {
                // The peer's window is shut: wait for its WINDOW_ADJUST (or the channel's end); the caller's token bounds it.
                await changed.WaitAsync(cancellationToken);
                continue;
            }

            await _mux.SendAsync(new SshWriter(chunk + 16).WriteByte(ConnectionMessages.ChannelData).WriteUInt32(remoteId).WriteString(buffer.Span[..chunk]).ToArray(), cancellationToken);
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
        if (CloseLocally() is { } close)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await SendQuietlyAsync(close, deadline.Token);
        }

        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && CloseLocally() is { } close)
        {
            _ = SendQuietlyAsync(close, CancellationToken.None);
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// One message the peer sent on this channel (<paramref name="body"/>: after the recipient id); returns what to send
    /// back. Malformed fields throw <see cref="SshWireException"/>, which ends the connection.
    /// </summary>
    internal byte[]? Receive(byte number, ReadOnlySpan<byte> body)
    {
        var reader = new SshReader(body);
        lock (_gate)
        {
            try
            {
                return ReceiveLocked(number, ref reader);
            }
            finally
            {
                Changed();
            }
        }
    }

    /// <summary>The open was given up (deadline, cancellation): a confirmation that already came is answered with CLOSE.</summary>
    internal byte[]? Abandon()
    {
        lock (_gate)
        {
            _abandoned = true;
            if (_confirmed && !_closeSent)
            {
                _closeSent = true;
                _pending.Clear();
                return CloseMessage();
            }

            return null;
        }
    }

    /// <summary>The connection ended: the open, a request and every reader and writer learn why.</summary>
    internal void ConnectionEnded(ProbeFailure failure)
    {
        lock (_gate)
        {
            TransportFailure = failure;
            RemoteEnded = true;
            RemoteClosed = true;
            _opening.TrySetResult(new ChannelOpenResult(null, 0, failure.Detail) { Failure = failure });
            FailRequests();
            Changed();
        }
    }

    private static async Task<ChannelOpenResult> OpenAsync(SshProbeSession session, string type, Action<SshWriter> extra, CancellationToken cancellationToken)
    {
        if (session.Failure is { } failed)
        {
            return new ChannelOpenResult(null, 0, failed.Detail) { Failure = failed };
        }

        // A refused id leaves the connection's table as the refusal is dispatched: the peer says nothing more about it.
        return await session.Channels.OpenAsync(type, extra, cancellationToken);
    }

    private bool Ended => _fault is not null || TransportFailure is not null || _closeSent || RemoteClosed;

    private byte[]? ReceiveLocked(byte number, ref SshReader reader)
    {
        switch (number)
        {
            case ConnectionMessages.ChannelOpenConfirmation:
                if (_confirmed || _refused)
                {
                    return Fault("a second answer to its open");
                }

                _remoteId = reader.ReadUInt32();
                _remoteWindow = reader.ReadUInt32();
                _remoteMaxPacket = reader.ReadUInt32();
                _confirmed = true;
                if (_abandoned)
                {
                    _closeSent = true;
                    return CloseMessage();
                }

                _opening.TrySetResult(new ChannelOpenResult(this, 0, ""));
                return null;
            case ConnectionMessages.ChannelOpenFailure:
                if (_confirmed || _refused)
                {
                    return Fault("a second answer to its open");
                }

                var reason = reader.ReadUInt32();
                var description = reader.ReadUtf8Kept();
                _refused = true;
                _opening.TrySetResult(new ChannelOpenResult(null, reason, description));
                return null;
        }

        if (!_confirmed || RemoteClosed)
        {
            // Before the open's answer or after the peer's CLOSE there is no channel to speak of (§5.3: nothing after CLOSE).
            return null;
        }

        switch (number)
        {
            case ConnectionMessages.ChannelData:
                return Received(reader.ReadString(), stderr: null);
            case ConnectionMessages.ChannelExtendedData:
                var kind = reader.ReadUInt32();
                return Received(reader.ReadString(), stderr: kind == 1);
            case ConnectionMessages.ChannelWindowAdjust:
                var added = reader.ReadUInt32();
                if ((ulong)_remoteWindow + added > uint.MaxValue)
                {
                    // §5.2: a window may not exceed 2^32 - 1 bytes (OpenSSH ends the connection; we end the channel).
                    return Fault($"a window adjust of {added} that takes its window past 2^32 - 1 bytes");
                }

                _remoteWindow += added;
                return null;
            case ConnectionMessages.ChannelEof:
                RemoteEnded = true;
                return null;
            case ConnectionMessages.ChannelClose:
                RemoteEnded = true;
                RemoteClosed = true;
                FailRequests();
                if (_closeSent)
                {
                    return null;
                }

                _closeSent = true;
                return CloseMessage();
            case ConnectionMessages.ChannelRequest:
                var name = reader.ReadString();
                var wantReply = reader.ReadBoolean();
                if (name.SequenceEqual("exit-status"u8))
                {
                    ExitStatus = reader.ReadUInt32();
                }

                // exit-status, exit-signal, keepalive@openssh.com: nothing we act on; a reply is what was asked.
                return wantReply ? new SshWriter().WriteByte(ConnectionMessages.ChannelFailure).WriteUInt32(_remoteId).ToArray() : null;
            case ConnectionMessages.ChannelSuccess or ConnectionMessages.ChannelFailure:
                if (_requests.TryDequeue(out var answer))
                {
                    answer.TrySetResult(number == ConnectionMessages.ChannelSuccess);
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>CHANNEL_DATA or EXTENDED_DATA: within our maximum packet and the window left, or the channel is closed.</summary>
    private byte[]? Received(ReadOnlySpan<byte> data, bool? stderr)
    {
        var limits = _mux.Limits;
        if (data.Length > limits.MaxPacket)
        {
            return Fault($"{data.Length} bytes in one message, above the maximum packet of {limits.MaxPacket} we gave");
        }

        if ((uint)data.Length > _localWindow)
        {
            return Fault($"{data.Length} bytes with {_localWindow} left in the window we gave");
        }

        _localWindow -= (uint)data.Length;
        if (_closeSent || _fault is not null)
        {
            // Nobody reads any more; data in flight when we closed is dropped (§5.3).
            return null;
        }

        if (stderr is null)
        {
            _pending.Enqueue(data.ToArray());
            _buffered += data.Length;
            return null;
        }

        if (stderr == true && ErrorText.Length < MaxErrorText)
        {
            ErrorText.Append(Encoding.UTF8.GetString(data[..Math.Min(data.Length, MaxErrorText - ErrorText.Length)]));
        }

        // Standard error is taken at once (kept, bounded, or dropped), so its window reopens at once.
        _unadjusted += (uint)data.Length;
        return AdjustIfDue();
    }

    /// <summary>The channel broke the flow rules: it is closed and its readers and writers hear why; the others go on.</summary>
    private byte[]? Fault(string what)
    {
        _fault ??= $"channel {LocalId}: the peer sent {what}";
        _pending.Clear();
        _buffered = 0;
        FailRequests();
        if (!_confirmed || _closeSent)
        {
            return null;
        }

        _closeSent = true;
        return CloseMessage();
    }

    /// <summary>A WINDOW_ADJUST once half the window was taken (as OpenSSH's channel_check_window), else null.</summary>
    private byte[]? AdjustIfDue()
    {
        if (_unadjusted < _mux.Limits.Window / 2 || _closeSent || _fault is not null)
        {
            return null;
        }

        var added = _unadjusted;
        _unadjusted = 0;
        _localWindow += added;
        return new SshWriter().WriteByte(ConnectionMessages.ChannelWindowAdjust).WriteUInt32(_remoteId).WriteUInt32(added).ToArray();
    }

    private string? Problem() =>
        _fault ?? (TransportFailure is { } failure ? "the connection under the channel ended: " + failure.Detail : null);

    private byte[]? CloseLocally()
    {
        byte[]? close = null;
        lock (_gate)
        {
            _pending.Clear();
            _buffered = 0;
            if (_confirmed && !_closeSent && TransportFailure is null)
            {
                _closeSent = true;
                close = CloseMessage();
            }

            Changed();
        }

        if (Finished)
        {
            _mux.Forget(this);
        }

        return close;
    }

    private byte[] CloseMessage() => new SshWriter().WriteByte(ConnectionMessages.ChannelClose).WriteUInt32(_remoteId).ToArray();

    private void FailRequests()
    {
        while (_requests.TryDequeue(out var request))
        {
            request.TrySetResult(false);
        }
    }

    /// <summary>Wakes every reader and writer waiting on this channel; they look at its state again.</summary>
    private void Changed()
    {
        var woken = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        woken.TrySetResult();
    }

    private async Task SendQuietlyAsync(byte[] message, CancellationToken cancellationToken)
    {
        try
        {
            await _mux.SendAsync(message, cancellationToken);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The connection ended, or the close could not go out in time: the channel goes with the connection.
        }
    }
}
