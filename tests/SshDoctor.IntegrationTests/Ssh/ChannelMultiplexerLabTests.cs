using System.Security.Cryptography;
using System.Text;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Probing.Auth;
using SshDoctor.Ssh;
using SshDoctor.Ssh.Auth;
using SshDoctor.Ssh.Connection;

namespace SshDoctor.IntegrationTests.Ssh;

/// <summary>
/// Many channels of one connection at once, through a real OpenSSH sshd as the jump host: direct-tcpip channels to
/// different loopback servers (each greets with its own name and echoes), all opened before any is read, written in
/// order and read back in reverse order, each more than our window so the flow control of both sides takes part.
/// A target that refuses is refused on its own channel while the others go on. Needs sshd and root: fails under CI=true
/// otherwise.
/// </summary>
public sealed class ChannelMultiplexerLabTests
{
    private const int Targets = 6;

    /// <summary>More than the 256 KiB window we give a channel: read late, the rest waits at sshd for our window adjusts.</summary>
    private const int PayloadBytes = 600 * 1024;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Channels_opened_together_carry_interleaved_data_each_to_its_own_target()
    {
        using var directory = new TempDirectory();
        var servers = Enumerable.Range(0, Targets).Select(i => new EchoServer($"target-{i}")).ToList();
        try
        {
            await using var jump = await StartJumpAsync(directory);
            await using var session = await LoggedInAsync(jump, directory);

            // Every channel is open before any is read: the connection carries them all at once.
            var channels = new List<ChannelStream>();
            foreach (var server in servers)
            {
                var opened = await ChannelStream.OpenDirectTcpIpAsync(session, "127.0.0.1", server.Port, Token);
                Assert.True(opened.Stream is not null, $"{opened.ReasonName}: {opened.Description} {opened.Failure}\n{jump.Log}");
                channels.Add(opened.Stream);
            }

            Assert.Equal(Targets, session.Channels.ChannelCount);
            var payloads = channels.Select(_ => RandomNumberGenerator.GetBytes(PayloadBytes)).ToList();
            // Written in order, in pieces taking turns, so the connection's packets for the channels interleave.
            for (var offset = 0; offset < PayloadBytes; offset += 40 * 1024)
            {
                for (var i = 0; i < Targets; i++)
                {
                    await channels[i].WriteAsync(payloads[i].AsMemory(offset, Math.Min(40 * 1024, PayloadBytes - offset)), Token);
                }
            }

            // Read in reverse order: until its turn each channel holds at most our window, the rest waits at sshd.
            for (var i = Targets - 1; i >= 0; i--)
            {
                Assert.InRange(channels[i].Buffered, 0, (int)ChannelLimits.Default.Window);
                var expected = Encoding.ASCII.GetBytes(servers[i].Greeting + "\n").Concat(payloads[i]).ToArray();
                var received = await ReadExactlyAsync(channels[i], expected.Length);
                Assert.True(expected.AsSpan().SequenceEqual(received), $"channel {i}: {Encoding.ASCII.GetString(received.AsSpan(0, Math.Min(20, received.Length)))}…");
            }

            foreach (var channel in channels)
            {
                await channel.DisposeAsync();
            }

            Assert.True(session.IsOpen, $"{session.Failure}");
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_target_that_refuses_fails_its_own_channel_while_the_others_go_on()
    {
        using var directory = new TempDirectory();
        await using var before = new EchoServer("before");
        await using var after = new EchoServer("after");
        var closedPort = SshdServer.FreePort();
        await using var jump = await StartJumpAsync(directory);
        await using var session = await LoggedInAsync(jump, directory);

        var first = (await ChannelStream.OpenDirectTcpIpAsync(session, "127.0.0.1", before.Port, Token)).Stream!;
        var refused = await ChannelStream.OpenDirectTcpIpAsync(session, "127.0.0.1", closedPort, Token);
        var second = (await ChannelStream.OpenDirectTcpIpAsync(session, "127.0.0.1", after.Port, Token)).Stream!;

        Assert.Null(refused.Stream);
        Assert.Null(refused.Failure);
        Assert.Equal(2u, refused.ReasonCode);
        Assert.Equal("connect failed", refused.ReasonName);
        Assert.Contains("refused", refused.Description, StringComparison.OrdinalIgnoreCase);
        Assert.True(session.IsOpen, $"{session.Failure}");
        Assert.Equal(2, session.Channels.ChannelCount);
        Assert.Equal("after\n", Encoding.ASCII.GetString(await ReadExactlyAsync(second, 6)));
        Assert.Equal("before\n", Encoding.ASCII.GetString(await ReadExactlyAsync(first, 7)));
    }

    private static async Task<SshdServer> StartJumpAsync(TempDirectory directory)
    {
        var user = directory.NewKey("user");
        return await SshdServer.StartAsync(["AllowTcpForwarding yes"], new Dictionary<string, string> { ["root"] = await File.ReadAllTextAsync(user + ".pub", Token) });
    }

    private static async Task<SshProbeSession> LoggedInAsync(SshdServer jump, TempDirectory directory)
    {
        var session = await SshProbeClient.ConnectAsync(await jump.ConnectAsync(), cancellationToken: Token);
        var signer = PrivateKeyFileLoader.TryLoad(await File.ReadAllTextAsync(directory.File("user"), Token), "user")!;
        var login = await SignedAuthentication.AuthenticateAsync(session, "root", signer, Token);
        Assert.True(login.Outcome == AuthQueryOutcome.Accepted, $"{login.Outcome} {login.Failure}\n{jump.Log}");
        return session;
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        await stream.ReadExactlyAsync(buffer, deadline.Token);
        return buffer;
    }
}
