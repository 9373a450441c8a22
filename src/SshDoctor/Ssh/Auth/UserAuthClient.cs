using System.Diagnostics;
using SshDoctor.Ssh.Transport;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Ssh.Auth;

/// <summary>
/// The observing side of RFC 4252: the <c>ssh-userauth</c> service, <c>none</c>, and §7 public-key queries
/// (<c>boolean FALSE</c>, no signature). It cannot sign and has no password method by design.
/// </summary>
internal sealed class UserAuthClient
{
    private readonly SshTransport _transport;
    private bool _serviceAccepted;
    private int _requests;

    public UserAuthClient(SshTransport transport)
    {
        _transport = transport;
    }

    /// <summary>Rejections the server counted so far (OpenSSH does not count the very first <c>none</c>).</summary>
    public int CountedFailures { get; private set; }

    public bool Authenticated { get; private set; }

    public Task<AuthQueryResult> QueryNoneAsync(string user, CancellationToken cancellationToken) =>
        RequestAsync("none", Request(user, "none").ToArray(), algorithm: null, "USERAUTH none", cancellationToken);

    public Task<AuthQueryResult> QueryPublicKeyAsync(string user, string algorithm, ReadOnlyMemory<byte> blob, CancellationToken cancellationToken)
    {
        var payload = Request(user, "publickey").WriteBoolean(false).WriteString(algorithm).WriteString(blob.Span).ToArray();
        return RequestAsync("publickey", payload, algorithm, "USERAUTH publickey query", cancellationToken);
    }

    /// <summary>Requests ssh-userauth alone, so that EXT_INFO (server-sig-algs) is known before choosing an algorithm.</summary>
    public async Task EnsureServiceAsync(CancellationToken cancellationToken)
    {
        if (!_serviceAccepted)
        {
            var started = Stopwatch.GetTimestamp();
            await RequestServiceAsync(null, cancellationToken);
            _transport.Record(ProbeStage.ServiceRequest, "SERVICE_REQUEST", started);
        }
    }

    private async Task RequestServiceAsync(byte[]? pipelinedRequest, CancellationToken cancellationToken)
    {
        _transport.EnterStage(ProbeStage.ServiceRequest);
        await StageRunner.RunAsync(ProbeStage.ServiceRequest, _transport.Limits.StageTimeout, async ct =>
        {
            await _transport.SendAsync(new SshWriter().WriteByte(SshMessageNumber.ServiceRequest).WriteString("ssh-userauth").ToArray(), ct);
            if (pipelinedRequest is not null)
            {
                await _transport.SendAsync(pipelinedRequest, ct);
            }

            var reply = await _transport.ReceiveMessageAsync(ct);
            if (reply[0] != SshMessageNumber.ServiceAccept)
            {
                throw new SshProtocolException($"expected SERVICE_ACCEPT, received message {reply[0]}");
            }

            _serviceAccepted = true;
            return true;
        }, cancellationToken);
    }

    private static SshWriter Request(string user, string method) =>
        new SshWriter().WriteByte(SshMessageNumber.UserAuthRequest).WriteString(user).WriteString("ssh-connection").WriteString(method);

    private async Task<AuthQueryResult> RequestAsync(string method, byte[] payload, string? algorithm, string exchange, CancellationToken cancellationToken)
    {
        var limits = _transport.Limits;
        var started = Stopwatch.GetTimestamp();
        var pipelined = !_serviceAccepted;
        if (!_serviceAccepted)
        {
            // Pipelined: the server handles messages in order, so the request can follow at once (one round trip less).
            await RequestServiceAsync(payload, cancellationToken);
        }

        _transport.EnterStage(ProbeStage.Authentication);
        _requests++;
        var result = await StageRunner.RunAsync(ProbeStage.Authentication, limits.StageTimeout, async ct =>
        {
            if (!pipelined)
            {
                await _transport.SendAsync(payload, ct);
            }

            while (true)
            {
                var reply = await _transport.ReceiveMessageAsync(ct);
                var reader = new SshReader(reply);
                var banner = _transport.Banners;
                switch (reader.ReadByte())
                {
                    case SshMessageNumber.UserAuthBanner:
                        banner.Add(reader.ReadString(), ProbeStage.Authentication);
                        continue;
                    case SshMessageNumber.UserAuthFailure:
                        var methods = reader.ReadNameList();
                        var partial = reader.ReadBoolean();
                        if (!partial && (_requests > 1 || method != "none"))
                        {
                            CountedFailures++;
                        }

                        return new AuthQueryResult(AuthQueryOutcome.Rejected) { AllowedMethods = methods, PartialSuccess = partial, BannerText = banner.Text, Algorithm = algorithm };
                    case SshMessageNumber.UserAuthSuccess when method == "none":
                        Authenticated = true;
                        return new AuthQueryResult(AuthQueryOutcome.Accepted) { BannerText = banner.Text };
                    case SshMessageNumber.UserAuthPkOk when method == "publickey":
                        return new AuthQueryResult(AuthQueryOutcome.Accepted) { BannerText = banner.Text, Algorithm = reader.ReadUtf8(256) };
                    default:
                        throw new SshProtocolException($"unexpected message {reply[0]} in answer to {method}");
                }
            }
        }, cancellationToken);
        _transport.Record(ProbeStage.Authentication, pipelined ? "SERVICE_REQUEST+" + exchange : exchange, started);
        return result;
    }
}
