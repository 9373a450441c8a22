using SshDoctor.Ssh.Transport;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Ssh.Connection;

/// <summary>
/// The connection layer of one authenticated SSH connection (RFC 4254), so that many channels share it at once: one
/// reader loop owns the transport's receive side and hands each channel message to its channel by recipient id; sends
/// are serialised (one packet at a time, never cut by a caller's cancellation); global requests and the server's own
/// channel opens are refused, as OpenSSH's client refuses what it did not ask for. A channel that breaks the flow rules
/// (more than its window, a packet above our maximum) is closed alone; a message for a channel that does not exist, or
/// a key re-exchange the server starts, ends the connection, and the connection's end ends every channel with its
/// reason (<see cref="Failure"/>), reported to the session through <c>failed</c>.
/// </summary>
internal sealed class ChannelMultiplexer : IAsyncDisposable
{
    private readonly IMessageLink _link;
    private readonly Action<ProbeFailure>? _failed;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Lock _lock = new();
    private readonly Dictionary<uint, ChannelStream> _channels = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _reader;
    private uint _nextId;
    private ProbeFailure? _failure;

    public ChannelMultiplexer(IMessageLink link, ChannelLimits limits, Action<ProbeFailure>? failed)
    {
        _link = link;
        Limits = limits;
        _failed = failed;
    }

    public ChannelLimits Limits { get; }

    /// <summary>Why the connection ended; null while it carries channels.</summary>
    public ProbeFailure? Failure
    {
        get
        {
            lock (_lock)
            {
                return _failure;
            }
        }
    }

    /// <summary>Channels in the table: opening, open, or closed by one side and waiting for the other's CLOSE.</summary>
    public int ChannelCount
    {
        get
        {
            lock (_lock)
            {
                return _channels.Count;
            }
        }
    }

    /// <summary>
    /// Opens a channel of <paramref name="type"/> (its type-specific fields written by <paramref name="extra"/>) and waits
    /// for the answer within <see cref="ChannelLimits.OpenTimeout"/>. A channel confirmed after its open was given up
    /// (deadline, cancellation) is closed as soon as the confirmation arrives.
    /// </summary>
    public async Task<ChannelOpenResult> OpenAsync(string type, Action<SshWriter> extra, CancellationToken cancellationToken)
    {
        ChannelStream channel;
        lock (_lock)
        {
            if (_failure is { } ended)
            {
                return new ChannelOpenResult(null, 0, ended.Detail) { Failure = ended };
            }

            channel = new ChannelStream(this, _nextId++);
            _channels[channel.LocalId] = channel;
            _reader ??= Task.Run(ReadLoopAsync, CancellationToken.None);
        }

        var writer = new SshWriter().WriteByte(ConnectionMessages.ChannelOpen).WriteString(type).WriteUInt32(channel.LocalId).WriteUInt32(Limits.Window).WriteUInt32(Limits.MaxPacket);
        extra(writer);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Limits.OpenTimeout);
        try
        {
            await SendAsync(writer.ToArray(), deadline.Token);
            return await channel.Opening.WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Abandon(channel);
            var late = new ProbeFailure(ProbeStage.Authentication, ProbeFailureKind.TimedOut, $"no complete answer within {Limits.OpenTimeout.TotalSeconds:0.###} s");
            return new ChannelOpenResult(null, 0, late.Detail) { Failure = late };
        }
        catch (OperationCanceledException)
        {
            Abandon(channel);
            throw;
        }
        catch (IOException) when (Failure is { } ended)
        {
            return new ChannelOpenResult(null, 0, ended.Detail) { Failure = ended };
        }
    }

    /// <summary>
    /// Sends one message; the caller's token only bounds the wait for our turn, never the write itself (a packet cut
    /// half-way would end the connection for every channel). Throws <see cref="IOException"/> once the connection ended.
    /// </summary>
    public async Task SendAsync(byte[] payload, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            if (Failure is { } ended)
            {
                throw new IOException("the connection under the channel ended: " + ended.Detail);
            }

            try
            {
                await _link.SendAsync(payload, _stop.Token);
            }
            catch (Exception e)
            {
                throw new IOException("the connection under the channel ended: " + Ended(e).Detail, e);
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>
    /// One incoming message of the connection layer, dispatched; returns the message to send back, if any (a refusal, a
    /// CLOSE, a WINDOW_ADJUST). Throws <see cref="SshProtocolException"/> or <see cref="SshWireException"/> for what ends
    /// the connection.
    /// </summary>
    internal byte[]? Dispatch(byte[] message)
    {
        var reader = new SshReader(message);
        var number = reader.ReadByte();
        switch (number)
        {
            case SshMessageNumber.KexInit:
                // Following it would mean stopping every channel's sends mid-stream; the probe never carries enough to
                // make OpenSSH re-key (RekeyLimit's default is a gigabyte or more), so this is a server asking for it.
                throw new SshProtocolException("the server started a key re-exchange on a connection carrying channels, which the probe does not follow");
            case ConnectionMessages.GlobalRequest:
                reader.ReadString(1024);
                return reader.ReadBoolean() ? [ConnectionMessages.RequestFailure] : null;
            case ConnectionMessages.RequestSuccess or ConnectionMessages.RequestFailure:
                // We never make a global request; an answer to none is passed over.
                return null;
            case ConnectionMessages.ChannelOpen:
                reader.ReadString(1024);
                var sender = reader.ReadUInt32();
                return new SshWriter().WriteByte(ConnectionMessages.ChannelOpenFailure).WriteUInt32(sender).WriteUInt32(ConnectionMessages.AdministrativelyProhibited)
                    .WriteString("open not allowed").WriteString("").ToArray();
            case >= ConnectionMessages.ChannelOpenConfirmation and <= ConnectionMessages.ChannelFailure:
                var recipient = reader.ReadUInt32();
                ChannelStream? channel;
                lock (_lock)
                {
                    _channels.TryGetValue(recipient, out channel);
                }

                // OpenSSH's channel_from_packet_id disconnects too: a peer that names a channel we never opened (or one
                // both sides closed) is not following the protocol, and nothing it says about channels can be trusted.
                if (channel is null)
                {
                    throw new SshProtocolException($"message {number} for channel {recipient}, which is not open");
                }

                var reply = channel.Receive(number, message.AsSpan(5));
                if (channel.Finished)
                {
                    lock (_lock)
                    {
                        _channels.Remove(recipient);
                    }
                }

                return reply;
            default:
                // Transport and authentication messages have no place here; OpenSSH answers UNIMPLEMENTED, we pass them over.
                return null;
        }
    }

    /// <summary>Removes a channel whose open failed (the peer will say nothing more about it).</summary>
    internal void Forget(ChannelStream channel)
    {
        lock (_lock)
        {
            _channels.Remove(channel.LocalId);
        }
    }

    /// <summary>Stops reading and ends every channel; the transport is the session's to dispose.</summary>
    public async ValueTask DisposeAsync()
    {
        Ended(new ProbeFailure(ProbeStage.Authentication, ProbeFailureKind.ConnectionClosed, "the connection was closed locally"));
        await _stop.CancelAsync();
        if (_reader is { } reader)
        {
            await reader.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private void Abandon(ChannelStream channel)
    {
        if (channel.Abandon() is { } close)
        {
            _ = SendQuietlyAsync(close);
        }
    }

    private async Task SendQuietlyAsync(byte[] payload)
    {
        try
        {
            await SendAsync(payload, _stop.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The connection ended: the channel went with it.
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var message = await _link.ReceiveMessageAsync(_stop.Token);
                if (Dispatch(message) is { } reply)
                {
                    await SendAsync(reply, _stop.Token);
                }
            }
        }
        catch (Exception e)
        {
            Ended(e);
        }
    }

    /// <summary>The connection's end, once: every channel ends with it, and the session hears why.</summary>
    private ProbeFailure Ended(Exception e) => Ended(
        e is OperationCanceledException && _stop.IsCancellationRequested
            ? new ProbeFailure(ProbeStage.Authentication, ProbeFailureKind.ConnectionClosed, "the connection was closed locally")
            : StageRunner.Classify(ProbeStage.Authentication, e) ?? new ProbeFailure(ProbeStage.Authentication, ProbeFailureKind.ProtocolError, e.Message));

    private ProbeFailure Ended(ProbeFailure failure)
    {
        List<ChannelStream> channels;
        lock (_lock)
        {
            if (_failure is { } first)
            {
                return first;
            }

            _failure = failure;
            channels = [.. _channels.Values];
            _channels.Clear();
        }

        foreach (var channel in channels)
        {
            channel.ConnectionEnded(failure);
        }

        _failed?.Invoke(failure);
        return failure;
    }
}
