using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Probing.Infrastructure;

/// <summary>
/// A loopback proxy in front of a real SSH server that rewrites the server's unencrypted packets (KEXINIT, the key
/// exchange reply) before they reach the client: a man in the middle that cannot hold the host key. Each packet payload
/// up to the server's NEWKEYS goes through <c>rewrite</c> and is framed again; everything else is relayed as it is.
/// </summary>
internal sealed class RewritingProxy : IAsyncDisposable
{
    private const byte NewKeys = 21;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly int _serverPort;
    private readonly Func<byte[], byte[]> _rewrite;

    public RewritingProxy(int serverPort, Func<byte[], byte[]> rewrite)
    {
        _serverPort = serverPort;
        _rewrite = rewrite;
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using (client)
        {
            using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _serverPort, done.Token);
                await Task.WhenAny(RewriteServerAsync(server, client, done.Token), CopyAsync(client, server, done.Token));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // Either side went away.
            }
            finally
            {
                await done.CancelAsync();
            }
        }
    }

    private static async Task CopyAsync(Socket from, Socket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken)) > 0)
        {
            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken);
        }
    }

    private async Task RewriteServerAsync(Socket server, Socket client, CancellationToken cancellationToken)
    {
        await using var input = new NetworkStream(server, ownsSocket: false);
        var buffered = new BufferedStream(input, 64 * 1024);

        // Identification line (and any lines before it) as they are.
        while (true)
        {
            var line = await ReadLineAsync(buffered, cancellationToken);
            await client.SendAsync(line, SocketFlags.None, cancellationToken);
            if (line.AsSpan().StartsWith("SSH-"u8))
            {
                break;
            }
        }

        while (true)
        {
            var header = new byte[4];
            await buffered.ReadExactlyAsync(header, cancellationToken);
            var packet = new byte[BinaryPrimitives.ReadUInt32BigEndian(header)];
            await buffered.ReadExactlyAsync(packet, cancellationToken);
            var payload = packet[1..^packet[0]];
            await client.SendAsync(ScriptedPeer.Packet(_rewrite(payload)), SocketFlags.None, cancellationToken);
            if (payload[0] == NewKeys)
            {
                break;
            }
        }

        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await buffered.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await client.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken);
        }
    }

    private static async Task<byte[]> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (line.Count == 0 || line[^1] != '\n')
        {
            await stream.ReadExactlyAsync(one, cancellationToken);
            line.Add(one[0]);
        }

        return [.. line];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or TimeoutException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }
}
