using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using SshDoctor.Ssh.Transport;

namespace SshDoctor.IntegrationTests.Ssh.Infrastructure;

/// <summary>A loopback TCP server that plays a script against the probe: broken, slow or hostile on purpose.</summary>
internal sealed class ScriptedPeer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Task _serving;
    private readonly CancellationTokenSource _stop = new();

    public ScriptedPeer(Func<Socket, NetworkStream, CancellationToken, Task> script)
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _serving = Task.Run(async () =>
        {
            using var socket = await _listener.AcceptSocketAsync(_stop.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            try
            {
                await script(socket, stream, _stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The probe gave up on us: that is the point of most scripts.
            }
        });
    }

    public async Task<Stream> ConnectAsync()
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)_listener.LocalEndpoint).Port);
        return client.GetStream();
    }

    /// <summary>An unencrypted packet (before NEWKEYS) around a payload.</summary>
    public static byte[] Packet(byte[] payload)
    {
        var padding = 4 + ((8 - ((4 + 1 + payload.Length + 4) % 8)) % 8);
        var packet = new byte[4 + 1 + payload.Length + padding];
        BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)(1 + payload.Length + padding));
        packet[4] = (byte)padding;
        payload.CopyTo(packet, 5);
        return packet;
    }

    public static byte[] ServerKexInit(IReadOnlyList<string>? kex = null) => new KexInitMessage
    {
        KexAlgorithms = kex ?? ["curve25519-sha256", "kex-strict-s-v00@openssh.com"],
        HostKeyAlgorithms = ["ssh-ed25519"],
        CiphersClientToServer = ["aes128-ctr"],
        CiphersServerToClient = ["aes128-ctr"],
        MacsClientToServer = ["hmac-sha2-256"],
        MacsServerToClient = ["hmac-sha2-256"],
        CompressionClientToServer = ["none"],
        CompressionServerToClient = ["none"],
    }.Encode(new byte[16]);

    /// <summary>Reads and discards until the peer closes or the stop token fires.</summary>
    public static async Task DrainAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        while (await stream.ReadAsync(buffer, cancellationToken) > 0)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _serving.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or TimeoutException)
        {
            // Nothing connected, or the script was cut short.
        }

        _stop.Dispose();
    }
}
