using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Probing.Auth;
using SshDoctor.Ssh.Connection;
using SshDoctor.Ssh.Kex;
using SshDoctor.Ssh.Transport;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.IntegrationTests.Probing.Infrastructure;

/// <summary>
/// A small SSH server for behaviour no real server shows: it does a real curve25519-sha256 key exchange signed with the
/// shared ed25519 test host key, switches to aes128-ctr + hmac-sha2-256 like any server, answers the ssh-userauth service
/// request, and hands every USERAUTH_REQUEST to a script (10,000 methods, endless banners…). Built from the project's
/// own packet layer and BouncyCastle; test code only.
/// </summary>
internal sealed class ScriptedSshServer : IAsyncDisposable
{
    private const string Cipher = "aes128-ctr";
    private const string Mac = "hmac-sha2-256";
    private static readonly byte[] Identification = "SSH-2.0-ScriptedServer_1.0"u8.ToArray();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<ScriptedSshConnection, byte[], CancellationToken, Task> _onUserAuthRequest;
    private readonly byte[]? _kexInit;
    private readonly ISshSigner _hostKey;
    private readonly Task _loop;
    private int _connections;

    /// <param name="onUserAuthRequest">Called with each USERAUTH_REQUEST payload; it answers through the connection.</param>
    /// <param name="kexInit">The KEXINIT payload to send instead of the usual one (curve25519, ssh-ed25519, aes128-ctr, hmac-sha2-256).</param>
    public ScriptedSshServer(Func<ScriptedSshConnection, byte[], CancellationToken, Task> onUserAuthRequest, byte[]? kexInit = null)
    {
        _onUserAuthRequest = onUserAuthRequest;
        _kexInit = kexInit;
        var path = TestKeys.PrivateKeyPath("ed25519");
        _hostKey = PrivateKeyFileLoader.TryLoad(File.ReadAllText(path), path) ?? throw new InvalidOperationException("cannot load the ed25519 test key");
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many connections the server accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>The known_hosts line for this server's host key.</summary>
    public string KnownHostsLine => $"[127.0.0.1]:{Port} {TestKeys.PublicKeyLine("ed25519")}";

    /// <summary>A KEXINIT payload with the given lists (the other lists as the usual one).</summary>
    public static byte[] KexInit(IReadOnlyList<string>? kex = null) => new KexInitMessage
    {
        KexAlgorithms = kex ?? ["curve25519-sha256"],
        HostKeyAlgorithms = ["ssh-ed25519"],
        CiphersClientToServer = [Cipher],
        CiphersServerToClient = [Cipher],
        MacsClientToServer = [Mac],
        MacsServerToClient = [Mac],
        CompressionClientToServer = ["none"],
        CompressionServerToClient = ["none"],
    }.Encode(RandomNumberGenerator.GetBytes(16));

    private async Task AcceptLoopAsync()
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

            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            var channel = new PacketChannel(stream, new InputBuffer(stream, 300 * 1024), 256 * 1024);
            try
            {
                var connection = await KeyExchangeAsync(stream, channel, _stop.Token);
                if (connection is not null)
                {
                    await connection.ServeAsync(_onUserAuthRequest, _stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException
                or EndOfStreamException or SshProtocolException or SshWireException)
            {
                // The probe left, or gave up on what the script sent: both are the point of a hostile script.
            }
            finally
            {
                channel.Dispose();
            }
        }
    }

    private async Task<ScriptedSshConnection?> KeyExchangeAsync(NetworkStream stream, PacketChannel channel, CancellationToken cancellationToken)
    {
        var serverKexInit = _kexInit ?? KexInit();
        await stream.WriteAsync(Identification.Concat("\r\n"u8.ToArray()).ToArray(), cancellationToken);
        await channel.SendAsync(serverKexInit, cancellationToken);
        var clientLine = await channel.Input.ReadLineAsync(8192, cancellationToken);
        var clientIdentification = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(clientLine.Bytes).TrimEnd('\n').TrimEnd('\r'));
        var clientKexInit = await ReceiveAsync(channel, cancellationToken);
        if (clientKexInit[0] != SshMessageNumber.KexInit)
        {
            return null;
        }

        var init = await ReceiveAsync(channel, cancellationToken);
        if (init[0] != SshMessageNumber.KexEcdhInit)
        {
            return null;
        }

        var reader = new SshReader(init.AsSpan(1));
        var clientPublic = reader.ReadStringBytes(64);
        var privateKey = new X25519PrivateKeyParameters(new SecureRandom());
        var serverPublic = privateKey.GeneratePublicKey().GetEncoded();
        var secret = new byte[32];
        var agreement = new X25519Agreement();
        agreement.Init(privateKey);
        agreement.CalculateAgreement(new X25519PublicKeyParameters(clientPublic), secret, 0);
        var kex = KeyExchangeMethod.Create("curve25519-sha256");
        var sharedSecret = new SshWriter(40).WriteMpintFromUnsigned(secret).ToArray();
        var hostKeyBlob = _hostKey.PublicKey.Blob.ToArray();
        var hash = new ExchangeHashInput(clientIdentification, Identification, clientKexInit, serverKexInit).StartHash()
            .WriteString(hostKeyBlob).WriteString(clientPublic).WriteString(serverPublic).WriteRaw(sharedSecret);
        var exchangeHash = kex.HashData(hash.WrittenSpan);
        var signature = await _hostKey.SignAsync(exchangeHash, "ssh-ed25519", cancellationToken) ?? throw new InvalidOperationException("host key signing failed");
        await channel.SendAsync(new SshWriter().WriteByte(SshMessageNumber.KexEcdhReply).WriteString(hostKeyBlob).WriteString(serverPublic).WriteString(signature).ToArray(), cancellationToken);
        await channel.SendAsync(new[] { SshMessageNumber.NewKeys }, cancellationToken);
        if ((await ReceiveAsync(channel, cancellationToken))[0] != SshMessageNumber.NewKeys)
        {
            return null;
        }

        byte[] Derive(char letter, int length) => KeyDerivation.Derive(kex, sharedSecret, exchangeHash, letter, exchangeHash, length);
        var (keySize, ivSize) = CipherCatalog.Sizes(Cipher);
        var macSize = MacCatalog.KeySize(Mac);
        channel.SetSendProtection(CipherCatalog.Create(Cipher, Mac, Derive('D', keySize), Derive('B', ivSize), Derive('F', macSize), encrypting: true));
        channel.SetReceiveProtection(CipherCatalog.Create(Cipher, Mac, Derive('C', keySize), Derive('A', ivSize), Derive('E', macSize), encrypting: false));
        return new ScriptedSshConnection(channel);
    }

    /// <summary>The next message that is not IGNORE or DEBUG.</summary>
    internal static async Task<byte[]> ReceiveAsync(PacketChannel channel, CancellationToken cancellationToken)
    {
        while (true)
        {
            var payload = await channel.ReceiveAsync(cancellationToken);
            if (payload.Length > 0 && payload[0] is not (SshMessageNumber.Ignore or SshMessageNumber.Debug))
            {
                return payload;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
        (_hostKey as IDisposable)?.Dispose();
    }
}
