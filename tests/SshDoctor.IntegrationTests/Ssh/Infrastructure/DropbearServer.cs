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

    /// <summary>Starts dropbear with one or more host keys (one <c>-r</c> each).</summary>
    public static async Task<DropbearServer> StartAsync(string dropbear, params string[] hostKeys)
    {
        var port = SshdServer.FreePort();
        var (process, log) = await ServerProcess.StartAsync(dropbear, ["-F", "-E", "-s", "-p", $"127.0.0.1:{port}", .. hostKeys.SelectMany(k => (string[])["-r", k])], readyPort: port);
        return process is null ? throw new InvalidOperationException("dropbear did not start listening:\n" + log) : new DropbearServer(process, port);
    }

    public async Task<Stream> ConnectAsync()
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, Port);
        return client.GetStream();
    }

    public string Log => _process.Log;

    /// <summary>Waits until the log contains a text.</summary>
    public Task<bool> WaitForLogAsync(string text, TimeSpan timeout) => _process.WaitForLogAsync(text, timeout);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
