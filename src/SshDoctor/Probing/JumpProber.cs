using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Diagnosis.Observations;
using SshDoctor.Ssh;
using SshDoctor.Ssh.Auth;
using SshDoctor.Ssh.Connection;

namespace SshDoctor.Probing;

/// <summary>
/// ProxyJump: every hop gets the same stages as a direct target, then authenticates for real (a signature is
/// unavoidable to open channels) and carries the next hop in a <c>direct-tcpip</c> channel. The first hop that fails
/// is named in jump.hop-failed, next to its own diagnosis. With <see cref="ProbeSettings.SharedJumps"/> (scan) the chain
/// is probed once and its last session carries every target behind it.
/// </summary>
internal sealed class JumpProber(ProbeTarget target, ProbeSettings settings, IProbeObserver? observer)
{
    public async Task RunAsync(DiagnoseResult result, StageClock clock, CancellationToken cancellationToken)
    {
        if (settings.SharedJumps is { } shared)
        {
            // scan: the chain probed once and kept for every target behind it.
            await using var lease = await shared.LeaseAsync(target, ProbeChainAsync, settings.Deadline, cancellationToken);
            await ThroughAsync(lease.Chain, result, clock, cancellationToken);
            return;
        }

        await using var chain = await ProbeChainAsync(cancellationToken);
        await ThroughAsync(chain, result, clock, cancellationToken);
    }

    /// <summary>Probes every hop in turn, each through the one before; stops at the first that fails.</summary>
    private async Task<ProbedChain> ProbeChainAsync(CancellationToken cancellationToken)
    {
        var hops = new List<DiagnoseResult>();
        var carriers = new List<SshProbeSession>();
        try
        {
            SshProbeSession? carrier = null;
            for (var i = 0; i < target.JumpTargets.Count; i++)
            {
                var name = target.Jumps[i].ToString();
                var hopResult = new DiagnoseResult { Target = target.JumpTargets[i], Hop = name };
                hops.Add(hopResult);
                var session = await ProbeHopAsync(hopResult, carrier, cancellationToken);
                if (session is null)
                {
                    return new ProbedChain(hops, carriers, name, "the jump host itself failed: " + FirstProblem(hopResult));
                }

                carriers.Add(session);
                carrier = session;
            }

            return new ProbedChain(hops, carriers, null, null);
        }
        catch
        {
            await new ProbedChain(hops, carriers, null, null).DisposeAsync();
            throw;
        }
    }

    /// <summary>The target's stages through a probed chain: a direct-tcpip channel from its last hop.</summary>
    private async Task ThroughAsync(ProbedChain chain, DiagnoseResult result, StageClock clock, CancellationToken cancellationToken)
    {
        result.Hops.AddRange(chain.Hops);
        if (chain.FailedHop is { } failed)
        {
            HopFailed(result, failed, chain.Failure!);
            SkipTarget(clock, failed);
            return;
        }

        var carrier = chain.Carrier!;
        var last = target.Jumps[^1].ToString();
        clock.Start(Stage.Dns);
        clock.End(Stage.Dns, StageStatus.Ok, $"{target.HostName} is resolved by {last}", TimeSpan.Zero);
        clock.Start(Stage.Tcp);
        var opened = await ChannelStream.OpenDirectTcpIpAsync(carrier, target.HostName, target.Port, cancellationToken);
        if (opened.Failure is { } unanswered)
        {
            // The jump host never answered the channel open, or its connection ended: the hop failed, not the target.
            var text = $"{last}: asked for a channel to {target.HostName} port {target.Port}: {ProbeFailureText.Describe(unanswered)}";
            HopFailed(result, last, text);
            clock.End(Stage.Tcp, StageStatus.Failed, text);
            clock.SkipAfter(Stage.Tcp, "no channel to the target");
            return;
        }

        if (opened.Stream is null)
        {
            var text = $"{last}: channel open failed: {opened.ReasonName}: {opened.Description}";
            HopFailed(result, last, text);
            result.Observations.Add(new ConnectFailed(target.Subject, null, target.HostName,
                [Observation.Seen($"{last} tried to connect to {target.HostName} port {target.Port}: {opened.Description}")], null, opened.Description));

            clock.End(Stage.Tcp, StageStatus.Failed, text);
            clock.SkipAfter(Stage.Tcp, "no channel to the target");
            return;
        }

        clock.End(Stage.Tcp, StageStatus.Ok, $"direct-tcpip channel through {last} to {target.HostName} port {target.Port}");
        result.Connections++;
        async Task<Stream?> ReopenAsync(CancellationToken ct) =>
            (await ChannelStream.OpenDirectTcpIpAsync(carrier, target.HostName, target.Port, ct)).Stream;
        await new SshStages(target, settings, result, clock, ReopenAsync).RunAsync(opened.Stream, cancellationToken);
    }

    /// <summary>Runs a hop's stages; returns its authenticated session, or null when the hop failed.</summary>
    private async Task<SshProbeSession?> ProbeHopAsync(DiagnoseResult hop, SshProbeSession? carrier, CancellationToken cancellationToken)
    {
        var hopTarget = hop.Target;
        var clock = new StageClock(hop, observer);
        clock.Start(Stage.Config);
        clock.End(Stage.Config, StageStatus.Ok, $"{hopTarget.User}@{hopTarget.HostName}:{hopTarget.Port} ({hopTarget.ConfigSource})", TimeSpan.Zero);
        Stream stream;
        Func<CancellationToken, Task<Stream?>> reconnect;
        if (carrier is null)
        {
            clock.Start(Stage.Dns);
            var (addresses, dnsError) = await TcpConnector.ResolveAsync(hopTarget.HostName, hopTarget.AddressFamily, hopTarget.ConnectTimeout, cancellationToken);
            if (dnsError is not null)
            {
                hop.Observations.Add(new NameNotResolved(hopTarget.Subject, hop.Hop, hopTarget.HostName, dnsError));
                clock.End(Stage.Dns, StageStatus.Failed, dnsError);
                clock.SkipAfter(Stage.Dns, "no address");
                return null;
            }

            clock.End(Stage.Dns, StageStatus.Ok, string.Join(", ", addresses));
            clock.Start(Stage.Tcp);
            var tcp = await TcpConnector.ConnectAsync(addresses, hopTarget.Port, hopTarget.ConnectTimeout, cancellationToken);
            hop.Connections++;
            if (tcp.Socket is null)
            {
                hop.Observations.Add(TcpConnector.Failed(hopTarget, hop.Hop, tcp));
                clock.End(Stage.Tcp, StageStatus.Failed, tcp.LastFailure?.Detail ?? "failed");
                clock.SkipAfter(Stage.Tcp, "no TCP connection");
                return null;
            }

            var address = tcp.Attempts[^1].Address;
            clock.End(Stage.Tcp, StageStatus.Ok, $"connected to {address} port {hopTarget.Port}", tcp.Attempts[^1].Elapsed);
            stream = new ProbeTcpStream(tcp.Socket);
            reconnect = async ct =>
            {
                var again = await TcpConnector.ConnectAsync([address], hopTarget.Port, hopTarget.ConnectTimeout, ct);
                return again.Socket is null ? null : new ProbeTcpStream(again.Socket);
            };
        }
        else
        {
            clock.Start(Stage.Tcp);
            var opened = await ChannelStream.OpenDirectTcpIpAsync(carrier, hopTarget.HostName, hopTarget.Port, cancellationToken);
            if (opened.Stream is null)
            {
                clock.End(Stage.Tcp, StageStatus.Failed, opened.Failure is { } unanswered
                    ? "asked the previous hop for a channel: " + ProbeFailureText.Describe(unanswered)
                    : $"channel open failed: {opened.ReasonName}: {opened.Description}");
                clock.SkipAfter(Stage.Tcp, "no channel");
                return null;
            }

            clock.End(Stage.Tcp, StageStatus.Ok, "direct-tcpip channel through the previous hop");
            stream = opened.Stream;
            reconnect = async ct => (await ChannelStream.OpenDirectTcpIpAsync(carrier, hopTarget.HostName, hopTarget.Port, ct)).Stream;
        }

        // A hop must log in to carry the next one, whatever the target's probe asks (scan stops the target at its
        // methods, and asks every key only of the target).
        var stages = new SshStages(hopTarget, settings with { Login = false, MethodsOnly = false, EveryKey = false }, hop, clock, reconnect);
        await stages.RunAsync(stream, cancellationToken, keepOpen: true);
        var session = stages.OpenSession;
        var accepted = hop.Keys.FirstOrDefault(k => k.Result == KeyQueryResult.Accepted);
        if (session is null || accepted is null || hop.Diagnoses.Any(d => d.Certainty == Certainty.Proven && d.Stage is Stage.Kex or Stage.HostKey && d.Id != DiagnosisIds.HostKeyUnknown))
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }

            return null;
        }

        var signer = SignerFactory.For(accepted.Key, hopTarget);
        var signed = signer is null
            ? new AuthQueryResult(AuthQueryOutcome.Stopped) { Failure = new ProbeFailure(ProbeStage.Authentication, ProbeFailureKind.ProtocolError, $"no way to sign with {accepted.Key.Identity} ({SignerFactory.Abilities} needed)") }
            : await SignedAuthentication.AuthenticateAsync(session, hopTarget.User, signer, cancellationToken, accepted.Key.PublicKey);
        if (signed.Outcome != AuthQueryOutcome.Accepted)
        {
            hop.Observations.Add(new HopUnusable(hopTarget.Subject, hop.Hop, hop.Hop!, target.HostName,
                $"signed login to {hop.Hop} with {accepted.Key.Identity}: {(signed.Outcome == AuthQueryOutcome.Rejected ? "refused after the signature" : signed.Failure?.Detail)}", target.Port));
            await session.DisposeAsync();
            return null;
        }

        return session;
    }

    private void HopFailed(DiagnoseResult result, string hop, string text) =>
        result.Observations.Add(new HopUnusable(target.Subject, null, hop, target.HostName, text));

    private static void SkipTarget(StageClock clock, string hop)
    {
        clock.Start(Stage.Dns);
        clock.End(Stage.Dns, StageStatus.Skipped, $"the jump host {hop} failed", TimeSpan.Zero);
        clock.SkipAfter(Stage.Dns, $"the jump host {hop} failed");
    }

    private static string FirstProblem(DiagnoseResult hop) =>
        DiagnosisOrder.RootCauseFirst(hop.Diagnoses) is { Count: > 0 } list ? list[0].Id : hop.Stages.LastOrDefault(s => s.Status == StageStatus.Failed)?.Detail ?? "it could not be used";
}
