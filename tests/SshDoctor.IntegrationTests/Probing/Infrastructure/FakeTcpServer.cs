using System.Net;
using System.Net.Sockets;

namespace SshDoctor.IntegrationTests.Probing.Infrastructure;

/// <summary>A loopback listener that answers every connection with a script (another protocol, silence, a close).</summary>
internal sealed class FakeTcpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeTcpServer(Func<NetworkStream, CancellationToken, Task> script)
    {
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket socket;
                try
                {
                    socket = await _listener.AcceptSocketAsync(_stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                _ = Task.Run(async () =>
                {
                    using (socket)
                    {
                        await using var stream = new NetworkStream(socket, ownsSocket: false);
                        try
                        {
                            await script(stream, _stop.Token);
                        }
                        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
                        {
                            // The probe left first.
                        }
                    }
                });
            }
        });
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
