using System.Diagnostics;
using SshDoctor.Diagnosis;
using SshDoctor.Ssh;
using SshDoctor.Ssh.KnownHosts;

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
        var options = Prober.OptionsFor(target, _knownHosts);
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
                var finding = BannerFindings.From(target, hop, session, bannerFailure);
                if (finding?.Id == DiagnosisIds.TcpResetBeforeBanner && session.PreBannerBytes.Length == 0 && !BannerFindings.IsThrottled(session)
                    && await TlsProbe.AnswersTlsAsync(reconnect, target.ConnectTimeout, cancellationToken))
                {
                    finding = ProbeEvidence.Create(DiagnosisIds.BannerNotSsh, Certainty.Proven, target, hop,
                        [ProbeEvidence.Seen("the server closed the connection on SSH's identification line without sending a byte, and answered a TLS ClientHello on another connection with a TLS record: this port speaks TLS")],
                        ("protocol", "TLS"));
                }

                AddIfAny(finding);
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
                AddIfAny(KexFindings.FromProbe(target, hop, session, negotiation) ?? HandshakeFindings.From(target, hop, session, negotiation));
                clock.End(Stage.Kex, StageStatus.Failed, negotiation.Detail, kexTime, kexTrips);
                clock.SkipAfter(Stage.Kex, negotiation.Kind == ProbeFailureKind.NoCommonAlgorithm ? "no algorithms in common" : "the key exchange did not complete");
                return false;
            }

            var predicted = session.ServerKexInit is { } serverKex ? KexFindings.Predicted(target, hop, serverKex) : [];
            result.Diagnoses.AddRange(predicted);
            if (session.Failure is { Stage: ProbeStage.KeyExchange } kexFailure)
            {
                var status = kexFailure.Kind == ProbeFailureKind.HostKeySignatureInvalid ? "the host key signature does not verify: " : "";
                AddIfAny(HandshakeFindings.From(target, hop, session, kexFailure));
                clock.End(Stage.Kex, StageStatus.Failed, status + kexFailure.Detail, kexTime, kexTrips);
                clock.SkipAfter(Stage.Kex, "the key exchange did not complete");
                return false;
            }

            var negotiated = session.Negotiated!;
            var kexDetail = $"{negotiated.Kex}, {negotiated.HostKey}, {negotiated.CipherClientToServer}{(negotiated.MacClientToServer is { } mac ? ", " + mac : "")}{(negotiated.StrictKex ? ", strict kex" : "")}";
            clock.End(Stage.Kex, predicted.Count > 0 ? StageStatus.Failed : StageStatus.Ok,
                predicted.Count > 0 ? $"your ssh ({target.ClientAlgorithms.Source}) finds nothing in common: {string.Join(", ", predicted.Select(d => d.Id))}; the probe itself negotiated {kexDetail}" : kexDetail,
                kexTime, kexTrips);

            if (!HostKey(session))
            {
                return false;
            }

            current = await new AuthStage(target, settings, result, clock, reconnect, options).RunAsync(session, cancellationToken);
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

    private bool HostKey(SshProbeSession session)
    {
        clock.Start(Stage.HostKey);
        var key = session.HostKey!;
        result.HostKey = key;
        var verdict = key.Certificate is { } certificate
            ? _knownHosts.CheckCertificate(target.KnownHostsName, target.Port, certificate, target.KnownHostsName, DateTimeOffset.UtcNow, target.CaSignatureAlgorithms)
            : _knownHosts.Check(target.KnownHostsName, target.Port, key.Blob.Span);
        result.KnownHosts = verdict;
        if (ConnectedAddress is { } address)
        {
            AddIfAny(AddressChangeFindings.From(target, result.Hop, key, _knownHosts, verdict, address));
        }

        var stops = HostKeyFindings.StopsSsh(target, verdict.Status);
        if (verdict.Status != KnownHostsStatus.New || stops)
        {
            // An unknown key is only a problem when ssh may not ask (strict checking, batch mode).
            AddIfAny(HostKeyFindings.From(target, result.Hop, key, verdict, _knownHosts.Files));
        }

        var detail = verdict.Status switch
        {
            KnownHostsStatus.Ok when verdict.TrustedByCertificateAuthority => $"{HostKeyFindings.KeyName(key.KeyType)} {key.Fingerprint}: {key.Certificate!.Describe()}; the CA is trusted by @cert-authority in {verdict.Match!.Location}",
            KnownHostsStatus.Ok => $"{HostKeyFindings.KeyName(key.KeyType)} {key.Fingerprint} matches {verdict.Match!.Location}",
            KnownHostsStatus.New => $"{HostKeyFindings.KeyName(key.KeyType)} {key.Fingerprint} is not in known_hosts" + (stops ? " (strict checking: ssh refuses)" : " (ssh will ask)"),
            KnownHostsStatus.Revoked => $"{key.Fingerprint} is @revoked",
            _ => $"{HostKeyFindings.KeyName(key.KeyType)} {key.Fingerprint} differs from {verdict.Offending[0].Location}",
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

    private void AddIfAny(Diagnosis.Diagnosis? diagnosis)
    {
        if (diagnosis is not null)
        {
            result.Diagnoses.Add(diagnosis);
        }
    }
}
