using SshDoctor.Ssh;
using SshDoctor.Ssh.Auth;
using SshDoctor.Ssh.Transport;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Fuzz.Harnesses;

/// <summary>
/// What a server sends. The first byte says which part of the client reads the rest: 0 the whole stream from the first
/// byte (pre-banner lines, identification, packets, KEXINIT, the key exchange reply, NEWKEYS) through
/// <see cref="SshProbeClient.ConnectAsync"/>, which never throws for anything the server does; 1 unencrypted packets
/// answering the authentication queries (service accept, banners, failures, PK_OK, EXT_INFO, DISCONNECT), where a
/// <see cref="ProbeFailureException"/> is the documented answer; 2 one KEXINIT payload, parsed and negotiated, where an
/// <see cref="SshWireException"/> is.
/// </summary>
public sealed class PacketHarness : IHarness
{
    private static readonly byte[] UserKey = [0, 0, 0, 11, .. "ssh-ed25519"u8, 0, 0, 0, 32, .. new byte[32]];

    private static readonly KexInitMessage Client = new()
    {
        KexAlgorithms = [.. SupportedAlgorithms.Kex, SupportedAlgorithms.ExtInfoClient, SupportedAlgorithms.StrictKexClient],
        HostKeyAlgorithms = SupportedAlgorithms.HostKey,
        CiphersClientToServer = SupportedAlgorithms.Ciphers,
        CiphersServerToClient = SupportedAlgorithms.Ciphers,
        MacsClientToServer = SupportedAlgorithms.Macs,
        MacsServerToClient = SupportedAlgorithms.Macs,
        CompressionClientToServer = ["none"],
        CompressionServerToClient = ["none"],
    };

    public string Name => "packets";

    public string Covers => "SshTransport (banner, packets, KEXINIT, kex replies, host key), UserAuthClient replies, KexInitMessage + negotiation";

    public void Run(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        var rest = input[1..];
        switch (input[0] % 3)
        {
            case 0:
                Handshake(rest);
                break;
            case 1:
                Authentication(rest);
                break;
            default:
                KexInit(rest);
                break;
        }
    }

    private static void Handshake(byte[] server)
    {
        var session = SshProbeClient.ConnectAsync(new ServerBytes(server)).GetAwaiter().GetResult();
        ProducedText.CheckAll(session.ServerIdentification, "identification");
        ProducedText.CheckAll(session.PreBannerLines, "pre-banner lines");
        ProducedText.CheckAll(session.ServerKexInit, "server KEXINIT");
        ProducedText.CheckAll(session.Failure, "failure");
        ProducedText.CheckAll(session.HostKey, "host key");
        session.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static void Authentication(byte[] server)
    {
        using var transport = new SshTransport(new ServerBytes(server), ProbeOptions.Default);
        var auth = new UserAuthClient(transport);
        try
        {
            ProducedText.CheckAll(auth.QueryNoneAsync("alice", CancellationToken.None).GetAwaiter().GetResult(), "none answer");
            ProducedText.CheckAll(auth.QueryPublicKeyAsync("alice", "ssh-ed25519", UserKey, CancellationToken.None).GetAwaiter().GetResult(), "publickey answer");
        }
        catch (ProbeFailureException e)
        {
            ProducedText.CheckAll(e.Failure, "failure");
        }

        ProducedText.CheckAll(transport.ServerSignatureAlgorithms, "server-sig-algs");
        ProducedText.CheckAll(transport.ServerExtensions, "extensions");
    }

    private static void KexInit(byte[] payload)
    {
        try
        {
            var server = KexInitMessage.Parse(payload);
            var (negotiated, _) = AlgorithmNegotiation.Negotiate(Client, server);
            AlgorithmNegotiation.ServerGuessWasWrong(Client, server);
            ProducedText.CheckAll(negotiated, "negotiated");
        }
        catch (SshWireException)
        {
            // KexInitMessage.Parse's answer to a malformed payload.
        }
    }

    /// <summary>A connection whose server sends the fuzz input and then closes; what the client writes is dropped.</summary>
    private sealed class ServerBytes(byte[] bytes) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, bytes.Length - _position);
            bytes.AsSpan(_position, n).CopyTo(buffer.AsSpan(offset));
            _position += n;
            return n;
        }

        public override void Write(byte[] buffer, int offset, int count) { }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
