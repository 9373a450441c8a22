using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SshDoctor.IntegrationTests.Ssh.Infrastructure;

/// <summary>
/// A loopback TCP server of this test process: to each connection it first says its own greeting line, then sends
/// back every byte it receives, so a reader can tell which server it reached and whether its data came through intact.
/// </summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public EchoServer(string greeting)
    {
        Greeting = greeting;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Greeting { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                connections.Add(EchoAsync(client));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        await Task.WhenAll(connections).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task EchoAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(Greeting + "\n"), _stop.Token);
            await stream.CopyToAsync(stream, _stop.Token);
        }
    }
}
