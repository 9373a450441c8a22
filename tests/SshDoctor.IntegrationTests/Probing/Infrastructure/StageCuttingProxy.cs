using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace SshDoctor.IntegrationTests.Probing.Infrastructure;

/// <summary>
/// A loopback TCP proxy in front of a real SSH server that closes every connection at one protocol stage
/// (<see cref="StageCut"/>). Up to NEWKEYS it reads the unencrypted packets of both sides; after NEWKEYS it only sees
/// who writes: the probe sends the service request and userauth 'none' together, so "after the service request" drops
/// the client's first encrypted bytes, and "after userauth none" passes them on and closes instead of relaying the
/// server's answer.
/// </summary>
internal sealed class StageCuttingProxy : IAsyncDisposable
{
    private const byte KexInit = 20;
    private const byte NewKeys = 21;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly int _serverPort;
    private readonly StageCut _cut;

    public StageCuttingProxy(int serverPort, StageCut cut)
    {
        _serverPort = serverPort;
        _cut = cut;
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
            if (_cut == StageCut.BeforeBanner)
            {
                return;
            }

            using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _serverPort, done.Token);
                var state = new ConnectionState();
                var down = PumpAsync(server, client, fromServer: true, state, done.Token);
                var up = PumpAsync(client, server, fromServer: false, state, done.Token);
                await Task.WhenAny(down, up);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // Either side went away: the connection ends here.
            }
            finally
            {
                await done.CancelAsync();
            }
        }
    }

    /// <summary>Copies one direction until the cut; returns when this direction decides to close (or ends).</summary>
    private async Task PumpAsync(Socket from, Socket to, bool fromServer, ConnectionState state, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var pending = new List<byte>();
        var bannerDone = false;
        var encrypted = false;
        while (true)
        {
            var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                return;
            }

            if (encrypted)
            {
                if (CutsEncrypted(fromServer, state))
                {
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken);
                continue;
            }

            pending.AddRange(buffer.AsSpan(0, read).ToArray());
            while (true)
            {
                if (!bannerDone)
                {
                    var newline = pending.IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        break;
                    }

                    var line = pending.GetRange(0, newline + 1).ToArray();
                    pending.RemoveRange(0, newline + 1);
                    await to.SendAsync(line, SocketFlags.None, cancellationToken);
                    bannerDone = line.Length >= 4 && line[0] == (byte)'S' && line[1] == (byte)'S' && line[2] == (byte)'H' && line[3] == (byte)'-';
                    if (bannerDone && fromServer && _cut == StageCut.AfterBanner)
                    {
                        return;
                    }

                    continue;
                }

                if (pending.Count < 6)
                {
                    break;
                }

                var length = (int)BinaryPrimitives.ReadUInt32BigEndian(pending.GetRange(0, 4).ToArray());
                if (pending.Count < 4 + length)
                {
                    break;
                }

                var packet = pending.GetRange(0, 4 + length).ToArray();
                pending.RemoveRange(0, 4 + length);
                var type = packet[5];
                if (fromServer && type == NewKeys && _cut == StageCut.AfterKexReply)
                {
                    return;
                }

                await to.SendAsync(packet, SocketFlags.None, cancellationToken);
                if (fromServer && ((type == KexInit && _cut == StageCut.AfterKexInit) || (type == NewKeys && _cut == StageCut.AfterNewKeys)))
                {
                    return;
                }

                if (type == NewKeys)
                {
                    encrypted = true;
                    break;
                }
            }

            if (encrypted && pending.Count > 0)
            {
                // The first encrypted bytes came in the same read as NEWKEYS.
                if (CutsEncrypted(fromServer, state))
                {
                    return;
                }

                await to.SendAsync(pending.ToArray(), SocketFlags.None, cancellationToken);
                pending.Clear();
            }
        }
    }

    /// <summary>True when these encrypted bytes must not be passed on: the connection closes instead.</summary>
    private bool CutsEncrypted(bool fromServer, ConnectionState state)
    {
        if (!fromServer)
        {
            state.ClientSentEncrypted = true;
            return _cut == StageCut.AfterServiceRequest;
        }

        // The server's EXT_INFO may come before the client's first request; its answer to that request comes after.
        return _cut == StageCut.AfterUserAuthNone && state.ClientSentEncrypted;
    }

    private sealed class ConnectionState
    {
        private volatile bool _clientSentEncrypted;

        public bool ClientSentEncrypted
        {
            get => _clientSentEncrypted;
            set => _clientSentEncrypted = value;
        }
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
