using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.Kex;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Ssh.Transport;

/// <summary>
/// The client side of RFC 4253: identification exchange, KEXINIT, key exchange, host key signature check, NEWKEYS;
/// afterwards it carries encrypted messages and handles DISCONNECT, IGNORE, DEBUG and EXT_INFO wherever they appear.
/// </summary>
internal sealed class SshTransport : IDisposable, Connection.IMessageLink
{
    /// <summary>What may come before the server's KEXINIT in a re-exchange, at most.</summary>
    private const int MaxMessagesBeforeRekeyKexInit = 16;

    private readonly Stream _stream;
    private readonly ProbeOptions _options;
    private readonly PacketChannel _channel;
    private readonly List<string> _preBannerLines = [];
    private readonly MemoryStream _preBannerBytes = new();
    private readonly List<RoundTrip> _roundTrips = [];
    private readonly byte[] _clientIdentification;
    private ProbeStage _stage = ProbeStage.Banner;
    private bool _discardNextKexPacket;
    private bool? _strictKex;
    private NegotiatedAlgorithms? _inUse;

    public SshTransport(Stream stream, ProbeOptions options)
    {
        _stream = stream;
        _options = options;
        var limits = options.Limits;
        var input = new InputBuffer(stream, Math.Max(limits.MaxLineLength, limits.MaxPacketLength + 4 + 64) + 64);
        _channel = new PacketChannel(stream, input, limits.MaxPacketLength);
        _clientIdentification = Encoding.ASCII.GetBytes("SSH-2.0-" + options.SoftwareVersion);
        Banners = new Auth.UserAuthBanners(limits);
    }

    public ServerIdentification? ServerIdentification { get; private set; }

    public IReadOnlyList<string> PreBannerLines => _preBannerLines;

    public ReadOnlyMemory<byte> PreBannerBytes => _preBannerBytes.ToArray();

    public KexInitMessage? ClientKexInit { get; private set; }

    public KexInitMessage? ServerKexInit { get; private set; }

    public NegotiatedAlgorithms? Negotiated { get; private set; }

    public SshPublicKey? HostKey { get; private set; }

    public bool HostKeySignatureVerified { get; private set; }

    public byte[]? SessionId { get; private set; }

    public IReadOnlyList<string>? ServerSignatureAlgorithms { get; private set; }

    public IReadOnlyDictionary<string, string> ServerExtensions { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<RoundTrip> RoundTrips => _roundTrips;

    public ProbeLimits Limits => _options.Limits;

    /// <summary>The USERAUTH_BANNER text of this connection, bounded.</summary>
    public Auth.UserAuthBanners Banners { get; }

    /// <summary>Identification exchange, then key exchange up to and including NEWKEYS.</summary>
    public async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        var clientKexInitPayload = BuildClientKexInit();
        var started = Stopwatch.GetTimestamp();
        await StageRunner.RunAsync(ProbeStage.Banner, Limits.StageTimeout, async ct =>
        {
            // Send identification and KEXINIT at once: a server that waits for us still answers, and we save a round trip.
            try
            {
                await _stream.WriteAsync(_clientIdentification.Concat("\r\n"u8.ToArray()).ToArray(), ct);
                await _channel.SendAsync(clientKexInitPayload, ct);
            }
            catch (IOException)
            {
                // A server that spoke and hung up ("Exceeded MaxStartups", a web server's error page) resets our write;
                // what it said may still be waiting to be read, and it names the problem better than the reset does.
            }

            await ReadServerIdentificationAsync(ct);
            return true;
        }, cancellationToken);
        Record(ProbeStage.Banner, "identification", started);

        _stage = ProbeStage.AlgorithmNegotiation;
        var (serverKexInitPayload, kex) = await StageRunner.RunAsync(ProbeStage.AlgorithmNegotiation, Limits.StageTimeout, async ct =>
        {
            var payload = await ReceiveMessageAsync(ct);
            if (payload[0] != SshMessageNumber.KexInit)
            {
                throw new SshProtocolException($"expected KEXINIT, received message {payload[0]}");
            }

            ServerKexInit = KexInitMessage.Parse(payload);
            var (negotiated, failedSlot) = AlgorithmNegotiation.Negotiate(ClientKexInit!, ServerKexInit);
            if (negotiated is null)
            {
                var slot = failedSlot!.Value;
                await TrySendDisconnectAsync(3, $"no matching {slot} algorithm", ct);
                throw new ProbeFailureException(new ProbeFailure(ProbeStage.AlgorithmNegotiation, ProbeFailureKind.NoCommonAlgorithm,
                    $"no common {slot} algorithm: we offer {RemoteText.Names(ClientKexInit!.ListFor(slot))}; server offers {RemoteText.Names(ServerKexInit.ListFor(slot))}")
                { Slot = slot });
            }

            Negotiated = negotiated;
            _discardNextKexPacket = AlgorithmNegotiation.ServerGuessWasWrong(ClientKexInit!, ServerKexInit);
            return (payload, KeyExchangeMethod.Create(negotiated.Kex));
        }, cancellationToken);
        Record(ProbeStage.AlgorithmNegotiation, "KEXINIT", started);

        _stage = ProbeStage.KeyExchange;
        await StageRunner.RunAsync(ProbeStage.KeyExchange, Limits.StageTimeout, async ct =>
        {
            await ExchangeKeysAsync(kex, Negotiated!, clientKexInitPayload, serverKexInitPayload, key => HostKey = key, ct);
            HostKeySignatureVerified = true;
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// A key re-exchange on the open connection (RFC 4253 §9), offering only <paramref name="hostKeyAlgorithms"/> as the
    /// host key algorithms, so the server signs this exchange with that key: its public key is returned once the
    /// signature over the new exchange hash verified and NEWKEYS went both ways (the new keys are then in use). The
    /// session id stays the first exchange's; strict kex, agreed in the first exchange only, goes on resetting the
    /// sequence numbers after each NEWKEYS. What the probe observed of the first exchange (<see cref="HostKey"/>,
    /// <see cref="ServerKexInit"/>, <see cref="Negotiated"/>) stays as it was. A refusal, a close or a bad signature
    /// throws <see cref="ProbeFailureException"/>; the connection is then unusable.
    /// </summary>
    public async Task<SshPublicKey> RekeyAsync(IReadOnlyList<string> hostKeyAlgorithms, CancellationToken cancellationToken)
    {
        if (SessionId is null || _inUse is null)
        {
            throw new InvalidOperationException("a re-exchange needs a completed first key exchange");
        }

        var before = _stage;
        _stage = ProbeStage.KeyExchange;
        try
        {
            return await StageRunner.RunAsync(ProbeStage.KeyExchange, Limits.StageTimeout, async ct =>
            {
                var client = KexInitFor(hostKeyAlgorithms, initial: false);
                var clientPayload = client.Encode(RandomNumberGenerator.GetBytes(16));
                var started = Stopwatch.GetTimestamp();
                await _channel.SendAsync(clientPayload, ct);
                var serverPayload = await ReceiveRekeyKexInitAsync(ct);
                Record(ProbeStage.KeyExchange, "re-exchange KEXINIT", started);
                var server = KexInitMessage.Parse(serverPayload);
                var (negotiated, failedSlot) = AlgorithmNegotiation.Negotiate(client, server);
                if (negotiated is null)
                {
                    await TrySendDisconnectAsync(3, $"no matching {failedSlot} algorithm", ct);
                    throw StageRunner.Fail(ProbeStage.KeyExchange, ProbeFailureKind.NoCommonAlgorithm,
                        $"re-exchange: no common {failedSlot} algorithm: we offer {RemoteText.Names(client.ListFor(failedSlot!.Value))}; server offers {RemoteText.Names(server.ListFor(failedSlot!.Value))}");
                }

                _discardNextKexPacket = AlgorithmNegotiation.ServerGuessWasWrong(client, server);
                return await ExchangeKeysAsync(KeyExchangeMethod.Create(negotiated.Kex), negotiated, clientPayload, serverPayload, _ => { }, ct);
            }, cancellationToken);
        }
        finally
        {
            _stage = before;
        }
    }

    public async Task SendAsync(byte[] payload, CancellationToken cancellationToken) => await _channel.SendAsync(payload, cancellationToken);

    /// <summary>Receives the next message the caller must act on; DISCONNECT becomes a failure, IGNORE/DEBUG are skipped, EXT_INFO is recorded.</summary>
    public async Task<byte[]> ReceiveMessageAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var payload = await _channel.ReceiveAsync(cancellationToken);
            if (payload.Length == 0)
            {
                throw new SshProtocolException("empty packet payload");
            }

            switch (payload[0])
            {
                case SshMessageNumber.Disconnect:
                    var reader = new SshReader(payload.AsSpan(1));
                    var info = new DisconnectInfo(reader.ReadUInt32(), reader.ReadUtf8Kept());
                    throw new ProbeFailureException(new ProbeFailure(_stage, ProbeFailureKind.Disconnected, $"server disconnected: {info.ReasonCode} {info.Description}") { Disconnect = info });
                case SshMessageNumber.Ignore:
                case SshMessageNumber.Debug:
                    continue;
                case SshMessageNumber.ExtInfo:
                    ReadExtInfo(payload);
                    continue;
                case SshMessageNumber.Unimplemented:
                    throw new SshProtocolException("server answered SSH_MSG_UNIMPLEMENTED");
                default:
                    return payload;
            }
        }
    }

    public void EnterStage(ProbeStage stage) => _stage = stage;

    public void Record(ProbeStage stage, string exchange, long startedTimestamp) =>
        _roundTrips.Add(new RoundTrip(stage, exchange, Stopwatch.GetElapsedTime(startedTimestamp)));

    /// <summary>Best effort: tell the server why we leave, as OpenSSH does; errors are irrelevant by then.</summary>
    public async Task TrySendDisconnectAsync(uint reason, string description, CancellationToken cancellationToken)
    {
        try
        {
            await _channel.SendAsync(new SshWriter().WriteByte(SshMessageNumber.Disconnect).WriteUInt32(reason).WriteString(description).WriteString("").ToArray(), cancellationToken);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            // The connection is being abandoned anyway.
        }
    }

    public void Dispose()
    {
        _channel.Dispose();
        _preBannerBytes.Dispose();
    }

    private byte[] BuildClientKexInit()
    {
        ClientKexInit = KexInitFor(_options.Algorithms.HostKey, initial: true);
        return ClientKexInit.Encode(RandomNumberGenerator.GetBytes(16));
    }

    /// <summary>
    /// Our KEXINIT. The pseudo-algorithms ext-info-c and kex-strict-c (RFC 8308 §2.1, OpenSSH PROTOCOL §1.10) mean
    /// something in the first exchange only, so a re-exchange leaves them out.
    /// </summary>
    private KexInitMessage KexInitFor(IReadOnlyList<string> hostKeyAlgorithms, bool initial)
    {
        var algorithms = _options.Algorithms;
        var kex = algorithms.Kex.ToList();
        if (initial)
        {
            kex.Add(SupportedAlgorithms.ExtInfoClient);
            if (_options.OfferStrictKex)
            {
                kex.Add(SupportedAlgorithms.StrictKexClient);
            }
        }

        return new KexInitMessage
        {
            KexAlgorithms = kex,
            HostKeyAlgorithms = hostKeyAlgorithms,
            CiphersClientToServer = algorithms.Ciphers,
            CiphersServerToClient = algorithms.Ciphers,
            MacsClientToServer = algorithms.Macs,
            MacsServerToClient = algorithms.Macs,
            CompressionClientToServer = ["none"],
            CompressionServerToClient = ["none"],
        };
    }

    /// <summary>
    /// The key exchange proper, for the first exchange and each re-exchange alike: the method's messages, the host key
    /// (handed to <paramref name="received"/> before its signature is checked, so a bad signature still shows the key),
    /// the signature over H, then NEWKEYS both ways with the new keys taken into use.
    /// </summary>
    private async Task<SshPublicKey> ExchangeKeysAsync(KeyExchangeMethod kex, NegotiatedAlgorithms negotiated, byte[] clientKexInitPayload, byte[] serverKexInitPayload, Action<SshPublicKey> received, CancellationToken cancellationToken)
    {
        var input = new ExchangeHashInput(_clientIdentification, Encoding.ASCII.GetBytes(ServerIdentification!.Line), clientKexInitPayload, serverKexInitPayload);
        var result = await kex.ExchangeAsync(new Conversation(this), input, cancellationToken);
        var key = SshPublicKey.TryParse(result.HostKeyBlob)
            ?? throw new SshProtocolException($"the host key blob ({result.HostKeyBlob.Length} bytes) is not a valid {negotiated.HostKey} key: its inner lengths or fields do not add up") { OpenSshError = "invalid format" };
        received(key);
        var problem = HostKeySignatureVerifier.Verify(negotiated.HostKey, result.HostKeyBlob, result.Signature, result.ExchangeHash);
        if (problem is not null)
        {
            await TrySendDisconnectAsync(9, "host key signature does not verify", cancellationToken);
            throw StageRunner.Fail(ProbeStage.KeyExchange, ProbeFailureKind.HostKeySignatureInvalid, problem, "incorrect signature");
        }

        // RFC 4253 §7.2: the session id is the first exchange's H, for the whole connection.
        SessionId ??= result.ExchangeHash;
        // Strict kex is agreed in the first exchange and holds for the connection (OpenSSH PROTOCOL §1.10).
        _strictKex ??= negotiated.StrictKex;
        await _channel.SendAsync(new[] { SshMessageNumber.NewKeys }, cancellationToken);
        ActivateKeys(negotiated, kex, result, sending: true);
        var newKeys = await ReceiveMessageAsync(cancellationToken);
        if (newKeys[0] != SshMessageNumber.NewKeys)
        {
            throw new SshProtocolException($"expected NEWKEYS, received message {newKeys[0]}");
        }

        ActivateKeys(negotiated, kex, result, sending: false);
        _inUse = negotiated;
        return key;
    }

    /// <summary>
    /// The server's KEXINIT in answer to ours. Messages it sent before it saw ours (RFC 4253 §9 lets either side go on
    /// until then: a late banner, a global request) are passed over, a few at most.
    /// </summary>
    private async Task<byte[]> ReceiveRekeyKexInitAsync(CancellationToken cancellationToken)
    {
        for (var passed = 0; ; passed++)
        {
            var payload = await ReceiveMessageAsync(cancellationToken);
            if (payload[0] == SshMessageNumber.KexInit)
            {
                return payload;
            }

            if (passed >= MaxMessagesBeforeRekeyKexInit)
            {
                throw new SshProtocolException($"no KEXINIT in answer to ours within {MaxMessagesBeforeRekeyKexInit} messages (last: message {payload[0]})");
            }
        }
    }

    private async Task ReadServerIdentificationAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await _channel.Input.ReadLineAsync(Limits.MaxLineLength, cancellationToken);
            Retain(line.Bytes);
            var isIdentification = line.Bytes.AsSpan().StartsWith("SSH-"u8);
            if (line.Ending == LineEnding.EndOfStream)
            {
                throw StageRunner.Fail(ProbeStage.Banner, ProbeFailureKind.ConnectionClosed,
                    $"connection closed before an SSH identification line (after {_preBannerLines.Count} other lines, {_preBannerBytes.Length} bytes)");
            }

            if (line.Ending == LineEnding.TooLong)
            {
                throw StageRunner.Fail(ProbeStage.Banner, ProbeFailureKind.LimitExceeded,
                    $"{(isIdentification ? "identification" : "pre-banner")} line longer than {Limits.MaxLineLength} bytes");
            }

            var text = Encoding.UTF8.GetString(line.Bytes).TrimEnd('\n').TrimEnd('\r');
            if (isIdentification)
            {
                _preBannerBytes.SetLength(Math.Max(0, _preBannerBytes.Length - line.Bytes.Length));
                var identification = ServerIdentification.TryParse(text)
                    ?? throw StageRunner.Fail(ProbeStage.Banner, ProbeFailureKind.ProtocolError, "malformed identification line");
                ServerIdentification = identification;
                if (identification.ProtocolVersion is not ("2.0" or "1.99"))
                {
                    throw StageRunner.Fail(ProbeStage.Banner, ProbeFailureKind.UnsupportedProtocolVersion,
                        $"server speaks SSH protocol {identification.ProtocolVersion}");
                }

                return;
            }

            _preBannerLines.Add(text);
            if (line.Bytes.AsSpan().Contains((byte)0))
            {
                // OpenSSH rejects a pre-banner line with a NUL: whatever this is, it is not SSH.
                throw StageRunner.Fail(ProbeStage.Banner, ProbeFailureKind.NotSsh, "binary data before the identification line");
            }

            if (_preBannerLines.Count >= Limits.MaxPreBannerLines)
            {
                throw StageRunner.Fail(ProbeStage.Banner, ProbeFailureKind.NotSsh,
                    $"no SSH identification within {Limits.MaxPreBannerLines} lines");
            }
        }
    }

    private void Retain(byte[] bytes)
    {
        var room = Limits.MaxRetainedPreBannerBytes - (int)_preBannerBytes.Length;
        if (room > 0)
        {
            _preBannerBytes.Write(bytes, 0, Math.Min(room, bytes.Length));
        }
    }

    private void ReadExtInfo(byte[] payload)
    {
        var reader = new SshReader(payload.AsSpan(1));
        var count = reader.ReadUInt32();
        if (count > 64)
        {
            throw new SshProtocolException($"EXT_INFO with {count} extensions");
        }

        var extensions = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadUtf8(256);
            var value = reader.ReadString(65536);
            extensions[name] = Encoding.UTF8.GetString(value);
            if (name == "server-sig-algs")
            {
                ServerSignatureAlgorithms = extensions[name].Split(',', StringSplitOptions.RemoveEmptyEntries);
            }
        }

        ServerExtensions = extensions;
    }

    private void ActivateKeys(NegotiatedAlgorithms negotiated, KeyExchangeMethod kex, KeyExchangeResult result, bool sending)
    {
        var cipher = sending ? negotiated.CipherClientToServer : negotiated.CipherServerToClient;
        var mac = sending ? negotiated.MacClientToServer : negotiated.MacServerToClient;
        var (keySize, ivSize) = CipherCatalog.Sizes(cipher);
        var macSize = mac is null ? 0 : MacCatalog.KeySize(mac);
        var iv = KeyDerivation.Derive(kex, result.SharedSecretMpint, result.ExchangeHash, sending ? 'A' : 'B', SessionId!, ivSize);
        var key = KeyDerivation.Derive(kex, result.SharedSecretMpint, result.ExchangeHash, sending ? 'C' : 'D', SessionId!, keySize);
        var macKey = mac is null ? null : KeyDerivation.Derive(kex, result.SharedSecretMpint, result.ExchangeHash, sending ? 'E' : 'F', SessionId!, macSize);
        var protection = CipherCatalog.Create(cipher, mac, key, iv, macKey, encrypting: sending);
        if (sending)
        {
            _channel.SetSendProtection(protection);
            if (_strictKex == true)
            {
                _channel.ResetSendSequence();
            }
        }
        else
        {
            _channel.SetReceiveProtection(protection);
            if (_strictKex == true)
            {
                _channel.ResetReceiveSequence();
            }
        }
    }

    /// <summary>The kex methods' view of the transport: counts each receive as the end of a round trip.</summary>
    private sealed class Conversation(SshTransport transport) : IKexConversation
    {
        private long _sentAt = Stopwatch.GetTimestamp();

        public async Task SendAsync(byte[] payload, CancellationToken cancellationToken)
        {
            _sentAt = Stopwatch.GetTimestamp();
            await transport._channel.SendAsync(payload, cancellationToken);
        }

        public async Task<byte[]> ReceiveAsync(string roundTripName, CancellationToken cancellationToken)
        {
            var payload = await transport.ReceiveMessageAsync(cancellationToken);
            if (transport._discardNextKexPacket)
            {
                // RFC 4253 §7: the server guessed wrong; its first kex packet must be ignored.
                transport._discardNextKexPacket = false;
                payload = await transport.ReceiveMessageAsync(cancellationToken);
            }

            transport.Record(ProbeStage.KeyExchange, roundTripName, _sentAt);
            return payload;
        }
    }
}
