using SshDoctor.Ssh.Connection;

namespace SshDoctor.Tests.Ssh;

/// <summary>
/// The connection layer's view of a transport, in memory: the test plays the server, delivering messages and reading
/// what the client sent, in order. Ending it (<see cref="Break"/>) is the transport failing under every channel.
/// </summary>
internal sealed class MemoryLink : IMessageLink
{
    private readonly System.Threading.Channels.Channel<byte[]> _incoming = System.Threading.Channels.Channel.CreateUnbounded<byte[]>();
    private readonly System.Threading.Channels.Channel<byte[]> _sent = System.Threading.Channels.Channel.CreateUnbounded<byte[]>();

    public void Deliver(byte[] message) => _incoming.Writer.TryWrite(message);

    public void Break(Exception why) => _incoming.Writer.TryComplete(why);

    public Task SendAsync(byte[] payload, CancellationToken cancellationToken)
    {
        _sent.Writer.TryWrite(payload);
        return Task.CompletedTask;
    }

    public async Task<byte[]> ReceiveMessageAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _incoming.Reader.ReadAsync(cancellationToken);
        }
        catch (System.Threading.Channels.ChannelClosedException e)
        {
            throw e.InnerException ?? new EndOfStreamException();
        }
    }

    /// <summary>The next message the client sent (a generous deadline: the reader loop runs on its own).</summary>
    public async Task<byte[]> NextSentAsync()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        return await _sent.Reader.ReadAsync(deadline.Token);
    }

    /// <summary>
    /// Everything the client sent in answer to what was delivered so far: a channel open of the server's, with a sender
    /// id no test uses, goes last, and the reader loop, which takes messages in order, has dispatched all before it once
    /// its refusal (CHANNEL_OPEN_FAILURE to that id) comes back.
    /// </summary>
    public async Task<List<byte[]>> SettleAsync()
    {
        Deliver([90, 0, 0, 0, 4, .. "sync"u8, 0xFF, 0xFF, 0xFF, 0xF0, 0, 0, 0, 0, 0, 0, 0, 0]);
        var before = new List<byte[]>();
        while (await NextSentAsync() is var message && message is not [92, 0xFF, 0xFF, 0xFF, 0xF0, ..])
        {
            before.Add(message);
        }

        return before;
    }
}
