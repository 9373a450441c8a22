using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SshDoctor.IntegrationTests.Ssh.Infrastructure;

/// <summary>A dropbear server in the foreground (<c>-F -E</c>), password logins off (<c>-s</c>), killed by its pid.</summary>
internal sealed class DropbearServer : IAsyncDisposable
{
    private readonly Process _process;

    private DropbearServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<DropbearServer> StartAsync(string dropbear, string hostKey)
    {
        var port = SshdServer.FreePort();
        var start = new ProcessStartInfo(dropbear) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-F", "-E", "-s", "-p", $"127.0.0.1:{port}", "-r", hostKey])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.BeginErrorReadLine();
        var server = new DropbearServer(process, port);
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(5))
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }

        await server.DisposeAsync();
        throw new InvalidOperationException("dropbear did not start listening");
    }

    public async Task<Stream> ConnectAsync()
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, Port);
        return client.GetStream();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }

        _process.Dispose();
    }
}
