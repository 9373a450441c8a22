using SshDoctor.Ssh;
using SshDoctor.Ssh.Connection;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Tests.Ssh;

/// <summary>
/// The connection layer's rules (RFC 4254 §5), with the test as the server over an in-memory link: messages reach the
/// channel they name, windows and maximum packets hold both ways, the window reopens only as the reader reads (so a
/// channel buffers at most its window), a channel that breaks the rules is closed alone, and the connection's end or a
/// message for a channel that does not exist ends every channel with the reason. Real servers: Ssh/ChannelMultiplexerLabTests.
/// </summary>
public sealed class ChannelMultiplexerTests
{
    private static readonly ChannelLimits Small = new() { Window = 1024, MaxPacket = 256, MaxSendPacket = 256, OpenTimeout = TimeSpan.FromSeconds(30) };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Interleaved_data_reaches_the_channel_it_names()
    {
        var link = new MemoryLink();
        await using var mux = new ChannelMultiplexer(link, Small, null);
        var first = await OpenAsync(mux, link, remoteId: 70);
        var second = await OpenAsync(mux, link, remoteId: 71);

        link.Deliver(Data(second.LocalId, "two-a "));
        link.Deliver(Data(first.LocalId, "one-a "));
        link.Deliver(Data(second.LocalId, "two-b"));
        link.Deliver(Data(first.LocalId, "one-b"));
        link.Deliver([ConnectionMessages.ChannelEof, .. Id(first.LocalId)]);
        link.Deliver([ConnectionMessages.ChannelEof, .. Id(second.LocalId)]);

        Assert.Equal("two-a two-b", await ReadAllAsync(second));
        Assert.Equal("one-a one-b", await ReadAllAsync(first));
    }

    [Fact]
    public async Task The_window_reopens_only_as_the_reader_reads()
    {
        var link = new MemoryLink();
        await using var mux = new ChannelMultiplexer(link, Small, null);
        var channel = await OpenAsync(mux, link, remoteId: 5);

        // The peer fills the whole window and nobody reads: no WINDOW_ADJUST, and the channel holds exactly the window.
        for (var i = 0; i < 4; i++)
        {
            link.Deliver(Data(channel.LocalId, new string('x', 256)));
        }

        Assert.Empty(await link.SettleAsync());
        Assert.Equal(1024, channel.Buffered);

        // Reading half of it gives that half back to the peer, in one adjust.
        var buffer = new byte[512];
        Assert.Equal(256, await channel.ReadAsync(buffer, Token));
        Assert.Empty(await link.SettleAsync());
        Assert.Equal(256, await channel.ReadAsync(buffer, Token));
        var adjust = Assert.Single(await link.SettleAsync());
        Assert.Equal(ConnectionMessages.ChannelWindowAdjust, adjust[0]);
        var reader = new SshReader(adjust.AsSpan(1));
        Assert.Equal(5u, reader.ReadUInt32());
        Assert.Equal(512u, reader.ReadUInt32());
        Assert.Equal(512, channel.Buffered);
    }

    [Fact]
    public async Task Data_beyond_the_window_closes_that_channel_and_no_other()
    {
        var link = new MemoryLink();
        var failures = new List<ProbeFailure>();
        await using var mux = new ChannelMultiplexer(link, Small, failures.Add);
        var flooding = await OpenAsync(mux, link, remoteId: 8);
        var quiet = await OpenAsync(mux, link, remoteId: 9);
        for (var i = 0; i < 4; i++)
        {
            link.Deliver(Data(flooding.LocalId, new string('x', 256)));
        }

        link.Deliver(Data(flooding.LocalId, "one too many"));
        var close = Assert.Single(await link.SettleAsync());
        Assert.Equal([ConnectionMessages.ChannelClose, 0, 0, 0, 8], close);
        var error = await Assert.ThrowsAsync<IOException>(() => ReadOnceAsync(flooding));
        Assert.Contains("left in the window", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, flooding.Buffered);

        link.Deliver(Data(quiet.LocalId, "still here"));
        link.Deliver([ConnectionMessages.ChannelEof, .. Id(quiet.LocalId)]);
        Assert.Equal("still here", await ReadAllAsync(quiet));
        Assert.Empty(failures);
        Assert.Null(mux.Failure);
    }

    [Fact]
    public async Task A_message_above_our_maximum_packet_closes_that_channel()
    {
        var link = new MemoryLink();
        await using var mux = new ChannelMultiplexer(link, Small, null);
        var channel = await OpenAsync(mux, link, remoteId: 3);

        link.Deliver(Data(channel.LocalId, new string('x', 257)));

        Assert.Equal([ConnectionMessages.ChannelClose, 0, 0, 0, 3], Assert.Single(await link.SettleAsync()));
        var error = await Assert.ThrowsAsync<IOException>(() => ReadOnceAsync(channel));
        Assert.Contains("above the maximum packet of 256", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10u, uint.MaxValue)]
    [InlineData(0x8000_0000u, 0x8000_0000u)]
    public async Task A_window_adjust_that_would_wrap_the_window_closes_that_channel(uint window, uint added)
    {
        var link = new MemoryLink();
        await using var mux = new ChannelMultiplexer(link, Small, null);
        var channel = await OpenAsync(mux, link, remoteId: 5, window: window);

        link.Deliver([ConnectionMessages.ChannelWindowAdjust, .. Id(channel.LocalId), (byte)(added >> 24), (byte)(added >> 16), (byte)(added >> 8), (byte)added]);

        Assert.Equal([ConnectionMessages.ChannelClose, 0, 0, 0, 5], Assert.Single(await link.SettleAsync()));
        var error = await Assert.ThrowsAsync<IOException>(() => ReadOnceAsync(channel));
        Assert.Contains("past 2^32 - 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_keep_to_the_peers_maximum_packet_and_wait_for_its_window()
    {
        var link = new MemoryLink();
        await using var mux = new ChannelMultiplexer(link, Small, null);
        var channel = await OpenAsync(mux, link, remoteId: 4, window: 10, maxPacket: 4);

        var writing = channel.WriteAsync(new byte[12], Token).AsTask();
        Assert.Equal([4, 4, 2], await SentDataLengthsAsync(link, 3));
        Assert.False(writing.IsCompleted);

        link.Deliver([ConnectionMessages.ChannelWindowAdjust, .. Id(channel.LocalId), 0, 0, 0, 100]);
        Assert.Equal([2], await SentDataLengthsAsync(link, 1));
        await writing.WaitAsync(TimeSpan.FromSeconds(30), Token);
    }

    [Fact]
    public async Task A_close_is_answered_and_the_id_leaves_the_table_after_both_closes()
    {
        var link = new MemoryLink();
        await using var mux = new ChannelMultiplexer(link, Small, null);
        var theirs = await OpenAsync(mux, link, remoteId: 20);
        var ours = await OpenAsync(mux, link, remoteId: 21);

        link.Deliver(Data(theirs.LocalId, "last words"));
        link.Deliver([ConnectionMessages.ChannelClose, .. Id(theirs.LocalId)]);
        Assert.Equal([ConnectionMessages.ChannelClose, 0, 0, 0, 20], Assert.Single(await link.SettleAsync()));
        Assert.Equal("last words", await ReadAllAsync(theirs));
        Assert.True(theirs.RemoteClosed);
        Assert.Equal(1, mux.ChannelCount);

        await ours.DisposeAsync();
        Assert.Equal([ConnectionMessages.ChannelClose, 0, 0, 0, 21], await link.NextSentAsync());
        // Until the peer's CLOSE the id stays: data in flight for it is no protocol error.
        Assert.Equal(1, mux.ChannelCount);
        link.Deliver(Data(ours.LocalId, "in flight"));
        link.Deliver([ConnectionMessages.ChannelClose, .. Id(ours.LocalId)]);
        Assert.Empty(await link.SettleAsync());
        Assert.Equal(0, mux.ChannelCount);
    }

    [Fact]
    public async Task A_refused_open_says_why_and_leaves_the_table()
    {
        var link = new MemoryLink();
        await using var mux = new ChannelMultiplexer(link, Small, null);
        var opening = mux.OpenAsync("direct-tcpip", _ => { }, Token);
        var id = new SshReader((await link.NextSentAsync()).AsSpan(1)) is var r && r.ReadUtf8() == "direct-tcpip" ? r.ReadUInt32() : throw new InvalidOperationException();

        link.Deliver(new SshWriter().WriteByte(ConnectionMessages.ChannelOpenFailure).WriteUInt32(id).WriteUInt32(2).WriteString("Connection refused").WriteString("").ToArray());
        var refused = await opening;

        Assert.Null(refused.Stream);
        Assert.Null(refused.Failure);
        Assert.Equal("connect failed", refused.ReasonName);
        Assert.Equal("Connection refused", refused.Description);
        Assert.Empty(await link.SettleAsync());
        Assert.Equal(0, mux.ChannelCount);
    }

    [Fact]
    public async Task An_open_answered_too_late_is_closed_when_the_answer_comes()
    {
        var link = new MemoryLink();
        await using var mux = new ChannelMultiplexer(link, Small with { OpenTimeout = TimeSpan.FromMilliseconds(50) }, null);
        var result = await mux.OpenAsync("direct-tcpip", _ => { }, Token);
        var open = await link.NextSentAsync();

        Assert.Equal(ProbeFailureKind.TimedOut, result.Failure?.Kind);
        link.Deliver(Confirmation(0, 33, 1000, 1000));
        Assert.Equal([ConnectionMessages.ChannelClose, 0, 0, 0, 33], Assert.Single(await link.SettleAsync()));
        Assert.Equal(ConnectionMessages.ChannelOpen, open[0]);
    }

    [Fact]
    public async Task Requests_the_client_did_not_ask_for_are_refused()
    {
        var link = new MemoryLink();
        await using var mux = new ChannelMultiplexer(link, Small, null);
        var channel = await OpenAsync(mux, link, remoteId: 12);

        link.Deliver(new SshWriter().WriteByte(ConnectionMessages.GlobalRequest).WriteString("keepalive@openssh.com").WriteBoolean(true).ToArray());
        link.Deliver(new SshWriter().WriteByte(ConnectionMessages.GlobalRequest).WriteString("hostkeys-00@openssh.com").WriteBoolean(false).WriteString("key").ToArray());
        link.Deliver(new SshWriter().WriteByte(ConnectionMessages.ChannelOpen).WriteString("forwarded-tcpip").WriteUInt32(77).WriteUInt32(1000).WriteUInt32(1000).ToArray());
        link.Deliver(new SshWriter().WriteByte(ConnectionMessages.ChannelRequest).WriteUInt32(channel.LocalId).WriteString("keepalive@openssh.com").WriteBoolean(true).ToArray());
        link.Deliver(new SshWriter().WriteByte(ConnectionMessages.ChannelRequest).WriteUInt32(channel.LocalId).WriteString("exit-status").WriteBoolean(false).WriteUInt32(3).ToArray());

        var answers = await link.SettleAsync();
        Assert.Equal(3, answers.Count);
        Assert.Equal([ConnectionMessages.RequestFailure], answers[0]);
        Assert.Equal(ConnectionMessages.ChannelOpenFailure, answers[1][0]);
        Assert.Equal(77u, new SshReader(answers[1].AsSpan(1)).ReadUInt32());
        Assert.Equal([ConnectionMessages.ChannelFailure, 0, 0, 0, 12], answers[2]);
        Assert.Equal(3u, channel.ExitStatus);
    }

    [Fact]
    public async Task A_message_for_a_channel_that_does_not_exist_ends_every_channel()
    {
        var link = new MemoryLink();
        var failures = new List<ProbeFailure>();
        await using var mux = new ChannelMultiplexer(link, Small, failures.Add);
        var channel = await OpenAsync(mux, link, remoteId: 1);
        var reading = channel.ReadAsync(new byte[10], Token).AsTask();

        link.Deliver(Data(999, "garbage"));

        var error = await Assert.ThrowsAsync<IOException>(() => reading.WaitAsync(TimeSpan.FromSeconds(30), Token));
        Assert.Contains("channel 999, which is not open", error.Message, StringComparison.Ordinal);
        Assert.Equal(ProbeFailureKind.ProtocolError, Assert.Single(failures).Kind);
        var after = await mux.OpenAsync("session", _ => { }, Token);
        Assert.Same(mux.Failure, after.Failure);
    }

    [Fact]
    public async Task The_connections_end_ends_every_channel_and_every_open_with_its_reason()
    {
        var link = new MemoryLink();
        var failures = new List<ProbeFailure>();
        await using var mux = new ChannelMultiplexer(link, Small, failures.Add);
        var open = await OpenAsync(mux, link, remoteId: 1, window: 100, maxPacket: 50);
        var opening = mux.OpenAsync("direct-tcpip", _ => { }, Token);
        await link.NextSentAsync();
        // More than the peer's window: the write waits for an adjust that never comes.
        var writing = open.WriteAsync(new byte[20000], Token).AsTask();
        Assert.Equal([50, 50], await SentDataLengthsAsync(link, 2));

        link.Break(new EndOfStreamException());

        var unanswered = await opening.WaitAsync(TimeSpan.FromSeconds(30), Token);
        Assert.Equal(ProbeFailureKind.ConnectionClosed, unanswered.Failure?.Kind);
        Assert.Equal(ProbeFailureKind.ConnectionClosed, open.TransportFailure?.Kind);
        Assert.True(open.RemoteClosed);
        await Assert.ThrowsAsync<IOException>(() => ReadOnceAsync(open));
        await Assert.ThrowsAsync<IOException>(() => writing.WaitAsync(TimeSpan.FromSeconds(30), Token));
        Assert.False(await open.ExecAsync("true", Token));
        Assert.Single(failures);
    }

    [Fact]
    public async Task Exec_answers_come_in_the_order_of_the_requests()
    {
        var link = new MemoryLink();
        await using var mux = new ChannelMultiplexer(link, Small, null);
        var channel = await OpenAsync(mux, link, remoteId: 2);
        var running = channel.ExecAsync("true", Token);
        Assert.Equal(ConnectionMessages.ChannelRequest, (await link.NextSentAsync())[0]);

        link.Deliver([ConnectionMessages.ChannelSuccess, .. Id(channel.LocalId)]);
        link.Deliver(new SshWriter().WriteByte(ConnectionMessages.ChannelExtendedData).WriteUInt32(channel.LocalId).WriteUInt32(1).WriteString("warning\n").ToArray());
        link.Deliver([ConnectionMessages.ChannelEof, .. Id(channel.LocalId)]);
        link.Deliver(new SshWriter().WriteByte(ConnectionMessages.ChannelRequest).WriteUInt32(channel.LocalId).WriteString("exit-status").WriteBoolean(false).WriteUInt32(0).ToArray());
        link.Deliver([ConnectionMessages.ChannelClose, .. Id(channel.LocalId)]);

        Assert.True(await running);
        await channel.DrainAsync(Token);
        Assert.Equal("warning\n", channel.ErrorText.ToString());
        Assert.Equal(0u, channel.ExitStatus);
        Assert.True(channel.RemoteClosed);
    }

    /// <summary>Opens a channel and confirms it as the server would, with the server's id and its window and maximum packet.</summary>
    private static async Task<ChannelStream> OpenAsync(ChannelMultiplexer mux, MemoryLink link, uint remoteId, uint window = 1 << 20, uint maxPacket = 32768)
    {
        var opening = mux.OpenAsync("direct-tcpip", w => w.WriteString("127.0.0.1").WriteUInt32(22).WriteString("127.0.0.1").WriteUInt32(0), Token);
        var open = new SshReader((await link.NextSentAsync()).AsSpan(1));
        open.ReadString();
        var localId = open.ReadUInt32();
        Assert.Equal(Small.Window, open.ReadUInt32());
        Assert.Equal(Small.MaxPacket, open.ReadUInt32());
        link.Deliver(Confirmation(localId, remoteId, window, maxPacket));
        var result = await opening;
        return result.Stream ?? throw new InvalidOperationException($"not opened: {result.Failure}");
    }

    private static byte[] Confirmation(uint localId, uint remoteId, uint window, uint maxPacket) =>
        new SshWriter().WriteByte(ConnectionMessages.ChannelOpenConfirmation).WriteUInt32(localId).WriteUInt32(remoteId).WriteUInt32(window).WriteUInt32(maxPacket).ToArray();

    private static byte[] Data(uint localId, string text) =>
        new SshWriter().WriteByte(ConnectionMessages.ChannelData).WriteUInt32(localId).WriteString(text).ToArray();

    private static Task<int> ReadOnceAsync(Stream stream) => stream.ReadAsync(new byte[10], Token).AsTask();

    private static byte[] Id(uint id) => [(byte)(id >> 24), (byte)(id >> 16), (byte)(id >> 8), (byte)id];

    private static async Task<string> ReadAllAsync(Stream stream)
    {
        using var all = new MemoryStream();
        await stream.CopyToAsync(all, Token);
        return System.Text.Encoding.UTF8.GetString(all.ToArray());
    }

    private static async Task<List<int>> SentDataLengthsAsync(MemoryLink link, int count)
    {
        var lengths = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var message = await link.NextSentAsync();
            Assert.Equal(ConnectionMessages.ChannelData, message[0]);
            var reader = new SshReader(message.AsSpan(5));
            lengths.Add(reader.ReadString().Length);
        }

        return lengths;
    }
}
