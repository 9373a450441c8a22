using System.Diagnostics;
using System.Net;
using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Diagnosis.Observations;
using SshDoctor.Diagnosis.Rules;
using SshDoctor.Probing.Auth;
using SshDoctor.Probing.Connect;
using SshDoctor.Probing.UserSsh;
using SshDoctor.Ssh;
using SshDoctor.Ssh.KnownHosts;
using SshDoctor.Ssh.Transport;

namespace SshDoctor.Probing;

/// <summary>
/// The SSH stages over one connected stream (direct, or a channel through a jump host): banner, kex, hostkey, auth,
/// session. Key queries respect the politeness budget and reconnect through <c>reconnect</c> when it runs out.
/// </summary>
internal sealed class SshStages(ProbeTarget target, ProbeSettings settings, DiagnoseResult result, StageClock clock, Func<CancellationToken, Task<Stream?>> reconnect)
{
    // Only the entries for the names looked up are kept: a large known_hosts is read once, not held.
    private readonly KnownHostsDatabase _knownHosts = KnownHostsDatabase.LoadFor(target.KnownHostsFiles, [(target.KnownHostsName, target.Port), (target.HostName, target.Port)]);

    /// <summary>The address of a direct TCP connection (null through a jump host or a ProxyCommand), for dns.changed.</summary>
    public System.Net.IPAddress? ConnectedAddress { get; init; }

    /// <summary>The last session, kept open for --login or for a jump host's channels; the caller disposes it.</summary>
    public SshProbeSession? OpenSession { get; private set; }

    /// <summary>Runs every stage; returns true when the connection got as far as authentication.</summary>
    public async Task<bool> RunAsync(Stream stream, CancellationToken cancellationToken, bool keepOpen = false)
    {
        var hop = result.Hop;
        // The scan history's key types rank the target's host key algorithms, never a jump host's.
        var options = Prober.OptionsFor(target, _knownHosts, hop is null ? settings.RecordedHostKeyTypes : []);
        clock.Start(Stage.Banner);
        var started = Stopwatch.GetTimestamp();
        var session = await SshProbeClient.ConnectAsync(stream, options, cancellationToken);
        var current = session;
        try
        {
            var total = Prober.Since(started);
            Prober.Count(result, session);
            result.Server = session.ServerIdentification;
            result.ServerKexInit = session.ServerKexInit;
            result.Negotiated = session.Negotiated;
            var bannerTime = session.RoundTrips.FirstOrDefault(r => r.Stage == ProbeStage.Banner)?.Elapsed ?? total;
            if (session.Failure is { Stage: ProbeStage.Banner } bannerFailure)
            {
                // Closed or reset without a byte is also what a TLS service that waits for the client does: ask it.
                var tls = BannerFailed.Silent(bannerFailure, session.PreBannerBytes)
                    && await TlsProbe.AnswersTlsAsync(reconnect, target.ConnectTimeout, cancellationToken);
                result.Observations.Add(new BannerFailed(target.Subject, hop, bannerFailure, session.PreBannerBytes, session.PreBannerLines,
                    session.ServerIdentification?.Line, session.ServerIdentification?.ProtocolVersion, tls));
                clock.End(Stage.Banner, StageStatus.Failed, bannerFailure.Detail, total);
                clock.SkipAfter(Stage.Banner, "no SSH identification");
                return false;
            }

            // OpenSSH shows at most 100 characters of the software version; the line may be 8 KB.
            clock.End(Stage.Banner, StageStatus.Ok, RemoteText.Cut(session.ServerIdentification!.Line, 256), bannerTime, session.RoundTripsIn(ProbeStage.Banner));
            clock.Start(Stage.Kex);
            var kexTime = total - bannerTime;
            var kexTrips = session.RoundTripsIn(ProbeStage.AlgorithmNegotiation) + session.RoundTripsIn(ProbeStage.KeyExchange);
            if (session.Failure is { Stage: ProbeStage.AlgorithmNegotiation } negotiation)
            {
                if (negotiation.Slot is { } slot && AlgorithmSlots.IdFor(slot) is not null && session.ServerKexInit is { } offered)
                {
                    result.Observations.Add(OwnMismatch(hop, slot, offered));
                }
                else
                {
                    result.Observations.Add(Broken(target, hop, session, negotiation));
                }

                clock.End(Stage.Kex, StageStatus.Failed, negotiation.Detail, kexTime, kexTrips);
                clock.SkipAfter(Stage.Kex, negotiation.Kind == ProbeFailureKind.NoCommonAlgorithm ? "no algorithms in common" : "the key exchange did not complete");
                return false;
            }

            var predicted = session.ServerKexInit is { } serverKex ? Predicted(hop, serverKex) : [];
            result.Observations.AddRange(predicted);
            if (session.Failure is { Stage: ProbeStage.KeyExchange } kexFailure)
            {
                var status = kexFailure.Kind == ProbeFailureKind.HostKeySignatureInvalid ? "the host key signature does not verify: " : "";
                result.Observations.Add(Broken(target, hop, session, kexFailure));
                clock.End(Stage.Kex, StageStatus.Failed, status + kexFailure.Detail, kexTime, kexTrips);
                clock.SkipAfter(Stage.Kex, "the key exchange did not complete");
                return false;
            }

            var negotiated = session.Negotiated!;
            var kexDetail = $"{negotiated.Kex}, {negotiated.HostKey}, {negotiated.CipherClientToServer}{(negotiated.MacClientToServer is { } mac ? ", " + mac : "")}{(negotiated.StrictKex ? ", strict kex" : "")}";
            clock.End(Stage.Kex, predicted.Count > 0 ? StageStatus.Failed : StageStatus.Ok,
                predicted.Count > 0 ? $"your ssh ({target.ClientAlgorithms.Source}) finds nothing in common: {string.Join(", ", predicted.Select(p => AlgorithmSlots.IdFor(p.Slot)))}; the probe itself negotiated {kexDetail}" : kexDetail,
                kexTime, kexTrips);

            if (!HostKey(session))
            {
                await LastStepAsync(session, cancellationToken);
                return false;
            }

            current = await new AuthStage(target, settings, result, clock, reconnect, options, settings.Clock).RunAsync(session, cancellationToken);
            await LastStepAsync(current, cancellationToken);
            if (keepOpen)
            {
                OpenSession = current;
            }

            return true;
        }
        finally
        {
            if (!ReferenceEquals(current, OpenSession))
            {
                await current.DisposeAsync();
            }
        }
    }

    private async Task LastStepAsync(SshProbeSession session, CancellationToken cancellationToken)
    {
        if (settings.OnLastSession is { } last && session.IsOpen)
        {
            await last(session, cancellationToken);
        }
    }

    private bool HostKey(SshProbeSession session)
    {
        clock.Start(Stage.HostKey);
        var key = session.HostKey!;
        result.HostKey = key;
        var verdict = key.Certificate is { } certificate
            ? _knownHosts.CheckCertificate(target.KnownHostsName, target.Port, certificate, target.KnownHostsName, settings.Clock.GetUtcNow(), target.CaSignatureAlgorithms)
            : _knownHosts.Check(target.KnownHostsName, target.Port, key.Blob.Span);
        result.KnownHosts = verdict;
        if (ConnectedAddress is { } address && !IPAddress.TryParse(target.HostName.Trim('[', ']'), out _))
        {
            result.Observations.Add(RecordedAddresses(key, verdict, address));
        }

        var stops = HostKeyRule.StopsSsh(verdict.Status, target.StrictHostKeyChecking, target.BatchMode);
        result.Observations.Add(new HostKeyChecked(target.Subject, result.Hop, key, verdict)
        {
            KnownHostsName = target.KnownHostsName,
            KnownHostsFiles = target.KnownHostsFiles,
            UserKnownHostsFile = target.KnownHostsFiles.Except(target.GlobalKnownHostsFiles).FirstOrDefault(),
            Files = _knownHosts.Files,
            StrictHostKeyChecking = target.StrictHostKeyChecking,
            BatchMode = target.BatchMode,
        });

        var detail = verdict.Status switch
        {
            KnownHostsStatus.Ok when verdict.TrustedByCertificateAuthority => $"{HostKeyRule.KeyName(key.KeyType)} {key.Fingerprint}: {key.Certificate!.Describe()}; the CA is trusted by @cert-authority in {verdict.Match!.Location}",
            KnownHostsStatus.Ok => $"{HostKeyRule.KeyName(key.KeyType)} {key.Fingerprint} matches {verdict.Match!.Location}",
            KnownHostsStatus.New => $"{HostKeyRule.KeyName(key.KeyType)} {key.Fingerprint} is not in known_hosts" + (stops ? " (strict checking: ssh refuses)" : " (ssh will ask)"),
            KnownHostsStatus.Revoked => $"{key.Fingerprint} is @revoked",
            _ => $"{HostKeyRule.KeyName(key.KeyType)} {key.Fingerprint} differs from {verdict.Offending[0].Location}",
        };
        if (verdict.CertificateProblem is { } problem)
        {
            detail = $"host certificate not trusted ({problem}), so ssh checks the plain key: " + detail;
        }

        clock.End(Stage.HostKey, verdict.Status == KnownHostsStatus.Ok ? StageStatus.Ok : stops ? StageStatus.Failed : StageStatus.Warning, detail);
        if (verdict.Status is KnownHostsStatus.Changed or KnownHostsStatus.Revoked)
        {
            // Possibly not the real server: do not send it the user name or keys.
            clock.SkipAfter(Stage.HostKey, "ssh stops at a changed or revoked host key");
            return false;
        }

        return true;
    }

    /// <summary>What broke the handshake after the identification line (HandshakeRule judges it).</summary>
    internal static HandshakeBroken Broken(ProbeTarget target, string? hop, SshProbeSession session, ProbeFailure failure) =>
        new(target.Subject, hop, failure, session.ServerIdentification?.Line ?? "(none)", session.ServerKexInit is not null);

    /// <summary>
    /// The probe itself found nothing in common (it offers more than any default client, so the user's ssh fails too,
    /// unless its exact lists, as ssh -G shows them, agree with the server in that slot).
    /// </summary>
    private AlgorithmsUnmatched OwnMismatch(string? hop, AlgorithmSlot slot, KexInitMessage server)
    {
        var offer = server.ListFor(slot).Where(a => !a.StartsWith("ext-info-", StringComparison.Ordinal) && !a.StartsWith("kex-strict-", StringComparison.Ordinal)).ToList();
        var userSshAgrees = target.ClientAlgorithms.Exact
            && !UserClientNegotiation.Mismatches(target.ClientAlgorithms, server).Any(m => AlgorithmSlots.IdFor(m.Slot) == AlgorithmSlots.IdFor(slot));
        return new AlgorithmsUnmatched(target.Subject, hop, slot, offer, null, target.ClientAlgorithms.Source, true, userSshAgrees);
    }

    /// <summary>The slots where the user's ssh would find nothing in common with the server's offer, whatever the probe managed.</summary>
    private List<AlgorithmsUnmatched> Predicted(string? hop, KexInitMessage server)
    {
        var client = target.ClientAlgorithms;
        return
        [
            .. UserClientNegotiation.Mismatches(client, server)
                .Where(m => AlgorithmSlots.IdFor(m.Slot) is not null)
                .Select(m => new AlgorithmsUnmatched(target.Subject, hop, m.Slot, m.ServerOffer, m.Slot switch
                {
                    AlgorithmSlot.Kex => client.Kex,
                    AlgorithmSlot.HostKey => client.HostKey,
                    AlgorithmSlot.CipherClientToServer => client.Ciphers,
                    _ => client.Macs,
                }, client.Source, client.Exact)),
        ];
    }

    /// <summary>
    /// The addresses known_hosts remembers for the name (ssh writes <c>name,address</c> lines with CheckHostIP, and users
    /// connect by address too) or for the key the server just proved, against the one connected to now.
    /// </summary>
    private AddressesRecorded RecordedAddresses(Ssh.HostKeys.SshPublicKey key, KnownHostsVerdict verdict, IPAddress connected)
    {
        var recorded = _knownHosts.Find(target.HostName, target.Port)
            .Concat(_knownHosts.WithKey(key.Blob))
            .Where(e => !e.IsHashed && e.Marker == KnownHostsMarker.None)
            .DistinctBy(e => e.Location, StringComparer.Ordinal)
            .SelectMany(e => Addresses(e).Select(address => new RecordedAddress(address, e.HostPatterns, e.KeyType, Ssh.HostKeys.SshKeyFingerprint.Sha256(e.KeyBlob.Span), e.Location)))
            .ToList();
        return new AddressesRecorded(target.Subject, result.Hop, target.HostName, Normalize(connected), recorded, verdict.Status);
    }

    /// <summary>The literal addresses among an entry's host patterns (<c>1.2.3.4</c>, <c>[1.2.3.4]:2222</c>), wildcards and negations left out.</summary>
    private static IEnumerable<IPAddress> Addresses(KnownHostsEntry entry)
    {
        foreach (var pattern in entry.HostPatterns.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pattern.StartsWith('!') || pattern.Contains('*', StringComparison.Ordinal) || pattern.Contains('?', StringComparison.Ordinal))
            {
                continue;
            }

            var text = pattern.StartsWith('[') && pattern.IndexOf(']', StringComparison.Ordinal) is var close and > 0 ? pattern[1..close] : pattern;
            if (IPAddress.TryParse(text, out var address))
            {
                yield return Normalize(address);
            }
        }
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
