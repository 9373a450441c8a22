using SshDoctor.Ssh.Auth;
using SshDoctor.Ssh.Connection;
using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.Transport;

namespace SshDoctor.Ssh;

/// <summary>
/// What the probe saw on one connection, and the observing requests it can still make. Everything observed stays
/// available after a failure: <see cref="Failure"/> says where and why the connection stopped.
/// Disposing the session disposes the stream it was given.
/// </summary>
public sealed class SshProbeSession : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly SshTransport _transport;
    private readonly UserAuthClient _auth;
    private readonly Lock _channelsLock = new();
    private ChannelMultiplexer? _channels;

    internal SshProbeSession(Stream stream, SshTransport transport)
    {
        _stream = stream;
        _transport = transport;
        _auth = new UserAuthClient(transport);
    }

    /// <summary>The server's identification line, or null when none arrived.</summary>
    public ServerIdentification? ServerIdentification => _transport.ServerIdentification;

    /// <summary>Lines the server sent before its identification (RFC 4253 §4.2), e.g. a MaxStartups refusal or another protocol.</summary>
    public IReadOnlyList<string> PreBannerLines => _transport.PreBannerLines;

    /// <summary>The raw bytes before the identification line (bounded), to name a non-SSH protocol.</summary>
    public ReadOnlyMemory<byte> PreBannerBytes => _transport.PreBannerBytes;

    /// <summary>What the probe offered.</summary>
    public KexInitMessage? ClientKexInit => _transport.ClientKexInit;

    /// <summary>The server's full algorithm lists, recorded even when negotiation then failed.</summary>
    public KexInitMessage? ServerKexInit => _transport.ServerKexInit;

    /// <summary>The algorithms in use, once negotiation succeeded.</summary>
    public NegotiatedAlgorithms? Negotiated => _transport.Negotiated;

    /// <summary>The server's host key, once received (even if its signature failed).</summary>
    public SshPublicKey? HostKey => _transport.HostKey;

    /// <summary>True when the server proved possession of <see cref="HostKey"/> by signing the exchange hash.</summary>
    public bool HostKeySignatureVerified => _transport.HostKeySignatureVerified;

    /// <summary>The algorithms from the server's EXT_INFO <c>server-sig-algs</c>, or null when it sent none.</summary>
    public IReadOnlyList<string>? ServerSignatureAlgorithms => _transport.ServerSignatureAlgorithms;

    /// <summary>Every EXT_INFO extension the server sent, by name.</summary>
    public IReadOnlyDictionary<string, string> ServerExtensions => _transport.ServerExtensions;

    /// <summary>Each request/response exchange, in order, with its stage.</summary>
    public IReadOnlyList<RoundTrip> RoundTrips => _transport.RoundTrips;

    /// <summary>Where and why the connection stopped; null while it is usable.</summary>
    public ProbeFailure? Failure { get; private set; }

    /// <summary>True once the key exchange is complete and nothing has failed.</summary>
    public bool IsOpen => Failure is null && _transport.SessionId is not null;

    /// <summary>Authentication requests the server counted as failures (every rejected key query; not the first <c>none</c>).</summary>
    public int CountedAuthFailures => _auth.CountedFailures;

    /// <summary>
    /// The server's MaxAuthTries, inferred when it disconnected with "Too many authentication failures"
    /// (OpenSSH disconnects on the failure that reaches the limit).
    /// </summary>
    public int? InferredMaxAuthTries { get; private set; }

    /// <summary>How many more rejections this connection survives if the server's MaxAuthTries is <paramref name="maxAuthTries"/> (OpenSSH default 6).</summary>
    public int RejectionsBeforeDisconnect(int maxAuthTries = 6) =>
        Math.Max(0, (InferredMaxAuthTries ?? maxAuthTries) - 1 - _auth.CountedFailures);

    /// <summary>Round trips made in one stage.</summary>
    public int RoundTripsIn(ProbeStage stage) => RoundTrips.Count(r => r.Stage == stage);

    /// <summary>Sends <c>none</c> for <paramref name="user"/> to learn the allowed methods (requests <c>ssh-userauth</c> first if needed).</summary>
    public Task<AuthQueryResult> QueryMethodsAsync(string user, CancellationToken cancellationToken = default) =>
        GuardAsync(ct => _auth.QueryNoneAsync(user, ct), cancellationToken);

    /// <summary>
    /// Asks whether the server would accept <paramref name="publicKeyBlob"/> for <paramref name="user"/> (RFC 4252 §7,
    /// no signature). For RSA keys the algorithm is chosen from server-sig-algs unless <paramref name="algorithm"/> is given.
    /// A rejection counts against the server's MaxAuthTries.
    /// </summary>
    public Task<AuthQueryResult> QueryPublicKeyAsync(string user, ReadOnlyMemory<byte> publicKeyBlob, string? algorithm = null, CancellationToken cancellationToken = default)
    {
        var key = SshPublicKey.TryParse(publicKeyBlob.Span) ?? throw new ArgumentException("not a public key blob", nameof(publicKeyBlob));
        return GuardAsync(async ct =>
        {
            if (algorithm is null && SshCertificate.PlainType(key.KeyType) == "ssh-rsa")
            {
                // The RSA signature name depends on server-sig-algs, which arrives with the service accept.
                await _auth.EnsureServiceAsync(ct);
            }

            var chosen = algorithm ?? PublicKeyAlgorithmChooser.Choose(key.KeyType, ServerSignatureAlgorithms);
            return await _auth.QueryPublicKeyAsync(user, chosen, publicKeyBlob, ct);
        }, cancellationToken);
    }

    /// <summary>
    /// A key re-exchange on this connection offering only <paramref name="hostKeyAlgorithms"/> (one key type's
    /// algorithms): the host key the server proved in it, its signature over the new exchange hash verified, or null
    /// with <see cref="Failure"/> saying why (a server that refuses a re-exchange closes or disconnects).
    /// </summary>
    public async Task<SshPublicKey?> RekeyForHostKeyAsync(IReadOnlyList<string> hostKeyAlgorithms, CancellationToken cancellationToken = default)
    {
        if (!IsOpen || HasChannels)
        {
            // Once channels are carried the connection layer owns the transport's receive side (a jump host's session).
            return null;
        }

        try
        {
            return await _transport.RekeyAsync(hostKeyAlgorithms, cancellationToken);
        }
        catch (ProbeFailureException e)
        {
            Failure = e.Failure;
            return null;
        }
    }

    /// <summary>The transport, for the connection layer (Ssh/Connection: signed authentication and channels).</summary>
    internal SshTransport Transport => _transport;

    /// <summary>
    /// The connection layer, made at the first channel open (after authentication): from then on its reader loop owns
    /// the transport's receive side, and the connection's end marks this session failed.
    /// </summary>
    internal ChannelMultiplexer Channels
    {
        get
        {
            lock (_channelsLock)
            {
                return _channels ??= new ChannelMultiplexer(_transport, ChannelLimits.Default with { OpenTimeout = _transport.Limits.StageTimeout }, Fail);
            }
        }
    }

    private bool HasChannels
    {
        get
        {
            lock (_channelsLock)
            {
                return _channels is not null;
            }
        }
    }

    /// <summary>Requests ssh-userauth if not yet done (before a signed request).</summary>
    internal Task EnsureUserAuthServiceAsync(CancellationToken cancellationToken) => _auth.EnsureServiceAsync(cancellationToken);

    /// <summary>Marks the connection as failed by something the connection layer saw.</summary>
    internal void Fail(ProbeFailure failure) => Failure ??= failure;

    public async ValueTask DisposeAsync()
    {
        ChannelMultiplexer? channels;
        lock (_channelsLock)
        {
            channels = _channels;
        }

        if (channels is not null)
        {
            await channels.DisposeAsync();
        }

        _transport.Dispose();
        await _stream.DisposeAsync();
    }

    internal async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _transport.HandshakeAsync(cancellationToken);
        }
        catch (ProbeFailureException e)
        {
            Failure = e.Failure;
        }
    }

    private async Task<AuthQueryResult> GuardAsync(Func<CancellationToken, Task<AuthQueryResult>> request, CancellationToken cancellationToken)
    {
        if (Failure is not null)
        {
            return new AuthQueryResult(AuthQueryOutcome.Stopped) { Failure = Failure };
        }

        if (_auth.Authenticated)
        {
            throw new InvalidOperationException("the server already accepted authentication on this connection");
        }

        try
        {
            return await request(cancellationToken);
        }
        catch (ProbeFailureException e)
        {
            Failure = e.Failure;
            if (e.Failure.Disconnect is { ReasonCode: 2 } d && d.Description.Contains("authentication failures", StringComparison.OrdinalIgnoreCase))
            {
                InferredMaxAuthTries = _auth.CountedFailures + 1;
            }

            return new AuthQueryResult(AuthQueryOutcome.Stopped) { Failure = e.Failure };
        }
    }
}
