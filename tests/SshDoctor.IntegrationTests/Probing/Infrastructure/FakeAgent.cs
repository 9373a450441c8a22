using System.Net.Sockets;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Probing.Infrastructure;

/// <summary>
/// An AF_UNIX socket in a private temporary directory that answers like a broken ssh-agent: every connection gets the
/// script (a 4 GB length, silence, 100,000 keys…). Pass <see cref="Socket"/> as <c>--agent</c>.
/// </summary>
internal sealed class FakeAgent : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly System.Net.Sockets.Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeAgent(Func<NetworkStream, CancellationToken, Task> script)
    {
        Socket = _directory.File("agent.sock");
        _listener.Bind(new UnixDomainSocketEndPoint(Socket));
        _listener.Listen();
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                System.Net.Sockets.Socket connection;
                try
                {
                    connection = await _listener.AcceptAsync(_stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                _ = Task.Run(async () =>
                {
                    using (connection)
                    {
                        await using var stream = new NetworkStream(connection, ownsSocket: false);
                        try
                        {
                            await script(stream, _stop.Token);
                        }
                        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
                        {
                            // The client gave up.
                        }
                    }
                });
            }
        });
    }

    public string Socket { get; }

    /// <summary>Reads one request (length-prefixed) and returns its payload.</summary>
    public static async Task<byte[]> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var header = new byte[4];
        await stream.ReadExactlyAsync(header, cancellationToken);
        var body = new byte[System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header)];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _loop;
        _stop.Dispose();
        _directory.Dispose();
    }
}
