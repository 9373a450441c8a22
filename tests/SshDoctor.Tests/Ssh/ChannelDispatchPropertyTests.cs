using CsCheck;
using SshDoctor.Ssh.Connection;
using SshDoctor.Ssh.Transport;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Tests.Ssh;

/// <summary>
/// The dispatcher against whatever a hostile server sends: random sequences of connection-layer messages (real and
/// made-up channel ids, data beyond the window or the maximum packet, window adjusts near 2^32, malformed fields, other
/// message numbers). It answers only with what the protocol allows (refusals, CLOSE, WINDOW_ADJUST), ends the
/// connection only by its documented exceptions, and no channel ever holds more than the window it gave.
/// </summary>
public sealed class ChannelDispatchPropertyTests
{
    private static readonly ChannelLimits Small = new() { Window = 4096, MaxPacket = 1024, MaxSendPacket = 1024, OpenTimeout = TimeSpan.FromSeconds(30) };

    private static readonly byte[] Numbers = [80, 81, 82, 90, 91, 92, 93, 94, 94, 94, 95, 95, 96, 97, 98, 99, 100, 20, 50, 2];

    [Fact]
    public void Any_sequence_of_messages_keeps_the_rules()
    {
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            var link = new MemoryLink();
            var mux = new ChannelMultiplexer(link, Small, null);
            var channels = new[] { Open(mux, link, 0), Open(mux, link, 1) };
            for (var i = 0; i < 60; i++)
            {
                byte[]? reply;
                try
                {
                    reply = mux.Dispatch(Message(random));
                }
                catch (Exception e) when (e is SshProtocolException or SshWireException)
                {
                    // The connection ends: every channel with it (the reader loop's job, checked in ChannelMultiplexerTests).
                    break;
                }

                Assert.True(reply is null or [ConnectionMessages.RequestFailure] or [ConnectionMessages.ChannelOpenFailure, ..]
                    or [ConnectionMessages.ChannelWindowAdjust, ..] or [ConnectionMessages.ChannelClose, ..] or [ConnectionMessages.ChannelFailure, ..],
                    $"seed {seed}: reply {Convert.ToHexString(reply ?? [])}");
                Assert.All(channels, c => Assert.InRange(c.Buffered, 0, (int)Small.Window));
            }

            mux.DisposeAsync().AsTask().GetAwaiter().GetResult();
        });
    }

    private static ChannelStream Open(ChannelMultiplexer mux, MemoryLink link, uint expectedId)
    {
        var opening = mux.OpenAsync("direct-tcpip", _ => { }, CancellationToken.None);
        link.NextSentAsync().GetAwaiter().GetResult();
        Assert.Null(mux.Dispatch(new SshWriter().WriteByte(ConnectionMessages.ChannelOpenConfirmation).WriteUInt32(expectedId).WriteUInt32(expectedId + 40)
            .WriteUInt32(1 << 20).WriteUInt32(32768).ToArray()));
        return opening.GetAwaiter().GetResult().Stream!;
    }

    private static byte[] Message(Random random)
    {
        var number = Numbers[random.Next(Numbers.Length)];
        var writer = new SshWriter().WriteByte(number);
        if (number >= ConnectionMessages.ChannelOpenConfirmation)
        {
            // Mostly the two open channels; sometimes one that never was.
            writer.WriteUInt32(random.Next(10) switch { < 8 => (uint)random.Next(2), 8 => 2, _ => (uint)random.NextInt64(uint.MaxValue) });
        }

        if (random.Next(8) == 0)
        {
            // Garbage after the head: fields cut short or lengths that lie.
            var garbage = new byte[random.Next(12)];
            random.NextBytes(garbage);
            return [.. writer.ToArray(), .. garbage];
        }

        switch (number)
        {
            case ConnectionMessages.ChannelData:
                writer.WriteString(new byte[random.Next(10) == 0 ? random.Next(1025, 5000) : random.Next(0, 1100)]);
                break;
            case ConnectionMessages.ChannelExtendedData:
                writer.WriteUInt32((uint)random.Next(3)).WriteString(new byte[random.Next(0, 1100)]);
                break;
            case ConnectionMessages.ChannelWindowAdjust:
                writer.WriteUInt32(random.Next(3) == 0 ? uint.MaxValue - (uint)random.Next(10) : (uint)random.Next(100000));
                break;
            case ConnectionMessages.ChannelRequest:
                writer.WriteString(random.Next(2) == 0 ? "exit-status" : "keepalive@openssh.com").WriteBoolean(random.Next(2) == 0).WriteUInt32((uint)random.Next(256));
                break;
            case ConnectionMessages.ChannelOpenConfirmation:
                writer.WriteUInt32((uint)random.Next(100)).WriteUInt32((uint)random.Next(100000)).WriteUInt32((uint)random.Next(100000));
                break;
            case ConnectionMessages.ChannelOpenFailure:
                writer.WriteUInt32(2).WriteString("refused").WriteString("");
                break;
            case ConnectionMessages.GlobalRequest:
                writer.WriteString("keepalive@openssh.com").WriteBoolean(random.Next(2) == 0);
                break;
            case ConnectionMessages.ChannelOpen:
                writer.WriteString("x11").WriteUInt32((uint)random.Next()).WriteUInt32(1000).WriteUInt32(1000);
                break;
        }

        return writer.ToArray();
    }
}
