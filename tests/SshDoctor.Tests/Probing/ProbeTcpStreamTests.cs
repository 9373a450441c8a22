using System.Net;
using System.Net.Sockets;
using SshDoctor.Probing.Connect;

namespace SshDoctor.Tests.Probing;

/// <summary>
/// The probe's TCP stream: keeps what the server says before the probe reads, and never stalls a dialogue. The order of
/// events is made explicit (the kernel's counters say when the read-ahead took the bytes and when the reset came), not
/// left to sleeps.
/// </summary>
public sealed class ProbeTcpStreamTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_dialogue_proceeds_when_the_server_answered_before_the_probe_read()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint, Token);
        using var server = await listener.AcceptSocketAsync(Token);
        await using var stream = new ProbeTcpStream(client);

        // The server greets, the probe (late) greets back, the server answers and then waits for the probe's reply:
        // the answer has been read ahead while the probe was not reading yet, and must be handed over, not waited past.
        await server.SendAsync("hello\n"u8.ToArray(), Token);
        await TcpReceiveQueue.UntilTakenAsync(client, "hello\n".Length, Token);
        await stream.WriteAsync("hi\n"u8.ToArray(), Token);
        await ReceiveExactlyAsync(server, 3);
        await server.SendAsync("question\n"u8.ToArray(), Token);

        // The read-ahead holds the question (and waits for more) before the probe asks for it.
        await TcpReceiveQueue.UntilTakenAsync(client, "hello\nquestion\n".Length, Token);

        var heard = await ReadAtLeastAsync(stream, "hello\nquestion\n".Length).WaitAsync(TimeSpan.FromSeconds(10), Token);
        Assert.Equal("hello\nquestion\n", heard);

        await stream.WriteAsync("answer\n"u8.ToArray(), Token);
        await ReceiveExactlyAsync(server, "answer\n".Length);
        await server.SendAsync("bye\n"u8.ToArray(), Token);
        Assert.Equal("bye\n", await ReadAtLeastAsync(stream, 4).WaitAsync(TimeSpan.FromSeconds(10), Token));
    }

    [Fact]
    public async Task A_server_that_speaks_and_hangs_up_is_heard_in_full_after_our_write_is_reset()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint, Token);
        using (var server = await listener.AcceptSocketAsync(Token))
        {
            await server.SendAsync("Exceeded MaxStartups\r\n"u8.ToArray(), Token);
        }

        await using var stream = new ProbeTcpStream(client);

        // The read-ahead has taken the server's words before our write meets the reset that would discard unread bytes.
        await TcpReceiveQueue.UntilTakenAsync(client, "Exceeded MaxStartups\r\n".Length, Token);
        try
        {
            // The first write reaches a closed socket (the peer answers with a reset); the second fails.
            await stream.WriteAsync("SSH-2.0-probe\r\n"u8.ToArray(), Token);
            await TcpReceiveQueue.UntilResetAsync(client, Token);
            await stream.WriteAsync(new byte[64], Token);
        }
        catch (IOException)
        {
        }

        Assert.Equal("Exceeded MaxStartups\r\n", await ReadAtLeastAsync(stream, 22).WaitAsync(TimeSpan.FromSeconds(10), Token));
    }

    private static async Task<string> ReadAtLeastAsync(Stream stream, int count)
    {
        var buffer = new byte[256];
        var total = 0;
        while (total < count)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total), Token);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return System.Text.Encoding.ASCII.GetString(buffer, 0, total);
    }

    private static async Task ReceiveExactlyAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        var total = 0;
        while (total < count)
        {
            total += await socket.ReceiveAsync(buffer.AsMemory(total), Token);
        }
    }
}
