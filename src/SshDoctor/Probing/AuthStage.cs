using SshDoctor.Diagnosis;
using SshDoctor.Ssh;
using SshDoctor.Ssh.Auth;

namespace SshDoctor.Probing;

/// <summary>
/// Authentication without authenticating: <c>none</c> for the methods, then an RFC 4252 §7 query per candidate key in
/// ssh's order until one is accepted. Politeness: at most MaxAuthTries−1 rejections per connection (then a new
/// connection), at most <see cref="ProbeSettings.MaxAuthConnections"/> connections, one pause and retry when the
/// server throttles. No password, no signature.
/// </summary>
internal sealed class AuthStage(ProbeTarget target, ProbeSettings settings, DiagnoseResult result, StageClock clock, Func<CancellationToken, Task<Stream?>> reconnect, ProbeOptions options)
{
    /// <summary>Runs the auth stage (and marks session skipped); returns the session in use at the end, for the caller to dispose.</summary>
    public async Task<SshProbeSession> RunAsync(SshProbeSession session, CancellationToken cancellationToken)
    {
        clock.Start(Stage.Auth);
        var methods = await session.QueryMethodsAsync(target.User, cancellationToken);
        Prober.Count(result, session);
        if (methods.Outcome == AuthQueryOutcome.Stopped)
        {
            clock.End(Stage.Auth, StageStatus.Failed, "the server ended the connection when asked for the methods: " + methods.Failure);
            clock.SkipAfter(Stage.Auth, "no authentication");
            return session;
        }

        if (methods.Outcome == AuthQueryOutcome.Accepted)
        {
            clock.End(Stage.Auth, StageStatus.Ok, $"the server lets {target.User} in without authentication ('none' accepted)");
            EndSession();
            return session;
        }

        result.AllowedMethods = methods.AllowedMethods;
        var candidates = await CandidateKeyCollector.CollectAsync(target, target.ConnectTimeout, cancellationToken);
        var maxAuthTries = settings.AssumedMaxAuthTries;
        var known = false;
        if (methods.AllowedMethods.Contains("publickey") && target.PubkeyAuthentication)
        {
            (session, maxAuthTries, known) = await QueryKeysAsync(session, candidates, cancellationToken);
        }

        var findings = AuthFindings.From(target, result.Hop, methods.AllowedMethods, candidates, result.Keys, maxAuthTries, known);
        result.Diagnoses.AddRange(findings);
        result.InferredMaxAuthTries = known ? maxAuthTries : null;
        var accepted = result.Keys.FirstOrDefault(k => k.Result == KeyQueryResult.Accepted);
        var summary = $"methods {string.Join(',', methods.AllowedMethods)}; " + (accepted is not null
            ? $"key accepted: {accepted.Key}"
            : candidates.Keys.Count == 0 ? "no key to offer" : $"{result.Keys.Count(k => k.Result == KeyQueryResult.Rejected)} keys rejected, none accepted");
        if (accepted is not null && target.User == "root")
        {
            // sshd answers the query before PermitRootLogin is checked (reference §6).
            summary += "; for root, PermitRootLogin is only checked after a signature (--login)";
        }

        var status = findings.Any(d => d.Certainty != Certainty.Possible) && accepted is null || findings.Any(d => d.Id == DiagnosisIds.AuthTooManyFailures && d.Certainty == Certainty.Proven)
            ? StageStatus.Failed
            : findings.Count > 0 ? StageStatus.Warning : StageStatus.Ok;
        if (settings.Login && accepted is not null && session.IsOpen)
        {
            // The auth stage ends after the signed login; LoginStage reports the session stage itself.
            var pendingSummary = summary;
            var login = await DeferredAuthEndAsync(session, accepted, status, pendingSummary, cancellationToken);
            return login;
        }

        clock.End(Stage.Auth, status, summary);
        EndSession();
        return session;
    }

    private async Task<SshProbeSession> DeferredAuthEndAsync(SshProbeSession session, KeyVerdict accepted, StageStatus status, string summary, CancellationToken cancellationToken)
    {
        // Run the signed login inside the auth stage's timing, then report auth before session.
        var recorder = new DiagnoseResult { Target = target, Hop = result.Hop };
        var inner = new StageClock(recorder, null);
        var (loginStatus, loginDetail) = await LoginStage.RunAsync(target, result, inner, session, accepted, cancellationToken);
        clock.End(Stage.Auth, loginStatus == StageStatus.Failed ? StageStatus.Failed : status, loginDetail.Length == 0 ? summary : $"{summary}; {loginDetail}");
        foreach (var stage in recorder.Stages)
        {
            clock.Start(stage.Stage);
            clock.End(stage.Stage, stage.Status, stage.Detail, stage.Elapsed);
        }

        return session;
    }

    private void EndSession() =>
        clock.End(Stage.Session, StageStatus.Skipped, settings.Login ? "--login: no key was accepted, so no login was attempted" : "not checked (use --login to open a session)", TimeSpan.Zero);

    private async Task<(SshProbeSession Session, int MaxAuthTries, bool Known)> QueryKeysAsync(SshProbeSession session, CandidateKeySet candidates, CancellationToken cancellationToken)
    {
        var maxAuthTries = settings.AssumedMaxAuthTries;
        var known = false;
        var connection = 1;
        var acceptedSeen = false;
        string? stopReason = null;
        foreach (var key in candidates.Keys)
        {
            if (acceptedSeen || stopReason is not null)
            {
                result.Keys.Add(new KeyVerdict(key, KeyQueryResult.NotAsked, acceptedSeen ? "an earlier key is accepted; ssh stops there" : stopReason!) { Connection = connection });
                continue;
            }

            if (!session.IsOpen || session.RejectionsBeforeDisconnect(maxAuthTries) == 0)
            {
                if (connection >= settings.MaxAuthConnections)
                {
                    stopReason = $"politeness: no more than {settings.MaxAuthConnections} connections for key queries";
                    result.Keys.Add(new KeyVerdict(key, KeyQueryResult.NotAsked, stopReason) { Connection = connection });
                    continue;
                }

                var fresh = await ReconnectAsync(cancellationToken);
                if (fresh.Session is null)
                {
                    stopReason = "could not reconnect: " + fresh.Error;
                    result.Keys.Add(new KeyVerdict(key, KeyQueryResult.NotAsked, stopReason) { Connection = connection });
                    continue;
                }

                await session.DisposeAsync();
                session = fresh.Session;
                connection++;
            }

            var answer = await session.QueryPublicKeyAsync(target.User, key.PublicKey.Blob, cancellationToken: cancellationToken);
            Prober.Count(result, session);
            switch (answer.Outcome)
            {
                case AuthQueryOutcome.Accepted:
                    acceptedSeen = true;
                    result.Keys.Add(new KeyVerdict(key, KeyQueryResult.Accepted, answer.Algorithm ?? "") { Connection = connection });
                    break;
                case AuthQueryOutcome.Rejected:
                    result.Keys.Add(new KeyVerdict(key, KeyQueryResult.Rejected, "") { Connection = connection });
                    break;
                default:
                    if (session.InferredMaxAuthTries is { } inferred)
                    {
                        // The server's limit is lower than assumed; this query counted as a rejection.
                        maxAuthTries = inferred;
                        known = true;
                        result.Keys.Add(new KeyVerdict(key, KeyQueryResult.Rejected, $"the server then disconnected: MaxAuthTries is {inferred}") { Connection = connection });
                    }
                    else
                    {
                        stopReason = "the connection ended: " + answer.Failure;
                        result.Keys.Add(new KeyVerdict(key, KeyQueryResult.NotAsked, stopReason) { Connection = connection });
                    }

                    break;
            }
        }

        result.Connections += connection - 1;
        return (session, maxAuthTries, known);
    }

    /// <summary>A fresh connection up to NEWKEYS; after a throttling refusal, one pause and one more try.</summary>
    private async Task<(SshProbeSession? Session, string? Error)> ReconnectAsync(CancellationToken cancellationToken)
    {
        string? error = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var stream = await reconnect(cancellationToken);
            if (stream is null)
            {
                return (null, "TCP connect failed");
            }

            var session = await SshProbeClient.ConnectAsync(stream, options, cancellationToken);
            Prober.Count(result, session);
            if (session.IsOpen)
            {
                return (session, null);
            }

            error = session.Failure?.ToString();
            var throttled = BannerFindings.IsThrottled(session) || session.Failure is { Stage: ProbeStage.Banner, Kind: ProbeFailureKind.ConnectionClosed };
            await session.DisposeAsync();
            if (!throttled)
            {
                break;
            }

            await Task.Delay(settings.ThrottlePause, cancellationToken);
        }

        return (null, error);
    }
}
