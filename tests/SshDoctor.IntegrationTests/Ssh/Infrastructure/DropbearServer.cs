using System.Net;
using System.Net.Sockets;

namespace SshDoctor.IntegrationTests.Ssh.Infrastructure;

/// <summary>A dropbear server in the foreground (<c>-F -E</c>), password logins off (<c>-s</c>), killed by its pid.</summary>
internal sealed class DropbearServer : IAsyncDisposable
{
    private readonly ServerProcess _process;

    private DropbearServer(ServerProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<DropbearServer> StartAsync(string dropbear, string hostKey)
    {
        var port = SshdServer.FreePort();
        var (process, log) = await ServerProcess.StartAsync(dropbear, ["-F", "-E", "-s", "-p", $"127.0.0.1:{port}", "-r", hostKey], readyPort: port);
        return process is null ? throw new InvalidOperationException("dropbear did not start listening:\n" + log) : new DropbearServer(process, port);
    }

    public async Task<Stream> ConnectAsync()
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, Port);
        return client.GetStream();
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
