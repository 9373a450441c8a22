using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Diagnosis.Observations;
using SshDoctor.Diagnosis.Rules;
using SshDoctor.Ssh;
using SshDoctor.Ssh.Auth;

namespace SshDoctor.Probing.Auth;

/// <summary>
/// Authentication without authenticating: <c>none</c> for the methods, then an RFC 4252 §7 query per candidate key in
/// ssh's order until one is accepted. Politeness: at most MaxAuthTries−1 rejections per connection (then a new
/// connection), at most <see cref="ProbeSettings.MaxAuthConnections"/> connections, one pause and retry when the
/// server throttles. No password, no signature.
/// </summary>
internal sealed class AuthStage(ProbeTarget target, ProbeSettings settings, DiagnoseResult result, StageClock clock, Func<CancellationToken, Task<Stream?>> reconnect, ProbeOptions options, TimeProvider timeProvider)
{
    /// <summary>Runs the auth stage (and marks session skipped); returns the session in use at the end, for the caller to dispose.</summary>
    public async Task<SshProbeSession> RunAsync(SshProbeSession session, CancellationToken cancellationToken)
    {
        clock.Start(Stage.Auth);
        var methods = await session.QueryMethodsAsync(target.User, cancellationToken);
        Prober.Count(result, session);
        if (methods.Outcome == AuthQueryOutcome.Stopped)
        {
            if (methods.Failure is { } stopped)
            {
                result.Observations.Add(SshStages.Broken(target, result.Hop, session, stopped));
            }

            clock.End(Stage.Auth, StageStatus.Failed, "asked for the methods: " + (methods.Failure is { } failure ? ProbeFailureText.Describe(failure) : "no answer"));
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
        if (settings.MethodsOnly)
        {
            clock.End(Stage.Auth, StageStatus.Ok, $"methods {RemoteText.Names(methods.AllowedMethods)}; no key queried (methods only)");
            clock.End(Stage.Session, StageStatus.Skipped, "not checked: the probe stopped at the methods", TimeSpan.Zero);
            return session;
        }

        if (target.PreferredAuthentications is { } preferred && !preferred.Contains("publickey"))
        {
            // ssh will not offer a key here: key queries would say nothing about this login, and no password is ever sent.
            var preferredSeen = new MethodsPreferred(target.Subject, result.Hop, preferred, methods.AllowedMethods);
            result.Observations.Add(preferredSeen);
            var preferredFindings = DiagnoseResult.Judge([preferredSeen]);
            clock.End(Stage.Auth, preferredFindings.Any(d => d.Certainty != Certainty.Possible) ? StageStatus.Failed : preferredFindings.Count > 0 ? StageStatus.Warning : StageStatus.Ok,
                $"methods {RemoteText.Names(methods.AllowedMethods)}; your ssh tries only {string.Join(',', preferred)} (PreferredAuthentications): no key queried, and diagnose never sends a password");
            clock.End(Stage.Session, StageStatus.Skipped, "not checked: diagnose logs in only with a key, and your ssh does not use keys here", TimeSpan.Zero);
            return session;
        }

        var collected = await CandidateKeyCollector.CollectAsync(target, target.ConnectTimeout, cancellationToken);
        var skipped = collected.Keys.Where(k => UserKeyAlgorithms.Skipped(target, k)).ToList();
        var candidates = collected with { Keys = [.. collected.Keys.Except(skipped)] };
        var maxAuthTries = settings.AssumedMaxAuthTries;
        var known = false;
        CandidateKey? otherAccepted = null;
        if (methods.AllowedMethods.Contains("publickey") && target.PubkeyAuthentication)
        {
            (session, maxAuthTries, known) = await QueryKeysAsync(session, candidates, cancellationToken);
            if (candidates.Keys.Count > 0 && result.Keys.All(k => k.Result == KeyQueryResult.Rejected))
            {
                (session, otherAccepted) = await QueryOtherKeysAsync(session, candidates, maxAuthTries, cancellationToken);
            }
        }

        var observed = KeyObservations.Of(target, result.Hop, methods.AllowedMethods, collected, candidates, skipped, result.Keys, maxAuthTries, known, timeProvider.GetUtcNow());
        if (otherAccepted is not null)
        {
            observed.Add(new OtherKeyAccepted(target.Subject, result.Hop, otherAccepted.ToString(), otherAccepted.PrivateKeyFile!));
        }

        result.Observations.AddRange(observed);
        var findings = DiagnoseResult.Judge(observed);
        result.InferredMaxAuthTries = known ? maxAuthTries : null;
        var accepted = result.Keys.FirstOrDefault(k => k.Result == KeyQueryResult.Accepted);
        var summary = $"methods {RemoteText.Names(methods.AllowedMethods)}; " + (accepted is not null
            ? $"key accepted: {accepted.Key}"
            : candidates.Keys.Count == 0 ? "no key to offer" : $"{result.Keys.Count(k => k.Result == KeyQueryResult.Rejected)} keys rejected, none accepted");
        if (accepted is not null && target.User == "root")
        {
            // sshd answers the query before PermitRootLogin is checked (reference §6).
            summary += "; for root, PermitRootLogin is only checked after a signature (--login)";
        }

        // ssh cannot sign with the accepted key (it ignores the file, or the file holds another key).
        var unusable = findings.Any(d => d.Certainty == Certainty.Proven && d.Id is DiagnosisIds.KeyPermissionsTooOpen or DiagnosisIds.KeyMismatch);
        var status = findings.Any(d => d.Certainty != Certainty.Possible) && accepted is null || unusable || findings.Any(d => d.Id == DiagnosisIds.AuthTooManyFailures && d.Certainty == Certainty.Proven)
            ? StageStatus.Failed
            : findings.Count > 0 ? StageStatus.Warning : StageStatus.Ok;
        if (unusable)
        {
            clock.End(Stage.Auth, status, summary);
            clock.End(Stage.Session, StageStatus.Skipped, "not logged in: ssh cannot sign with the accepted key", TimeSpan.Zero);
            return session;
        }

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
            if (acceptedSeen && !settings.EveryKey || stopReason is not null)
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

            var algorithm = UserKeyAlgorithms.ForQuery(target, key, session.ServerSignatureAlgorithms);
            var answer = await session.QueryPublicKeyAsync(target.User, key.PublicKey.Blob, algorithm, cancellationToken);
            Prober.Count(result, session);
            switch (answer.Outcome)
            {
                case AuthQueryOutcome.Accepted:
                    acceptedSeen = true;
                    result.Keys.Add(new KeyVerdict(key, KeyQueryResult.Accepted, answer.Algorithm ?? "") { Connection = connection });
                    break;
                case AuthQueryOutcome.Rejected:
                    await AskWithStrongerAlgorithmAsync(session, key, algorithm, maxAuthTries, cancellationToken);
                    result.Keys.Add(new KeyVerdict(key, KeyQueryResult.Rejected, algorithm is null ? "" : "as " + algorithm) { Connection = connection });
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
                        if (answer.Failure is { } ended)
                        {
                            result.Observations.Add(SshStages.Broken(target, result.Hop, session, ended));
                        }

                        stopReason = answer.Failure is { } failure ? ProbeFailureText.Describe(failure) : "the connection ended";
                        result.Keys.Add(new KeyVerdict(key, KeyQueryResult.NotAsked, stopReason) { Connection = connection });
                    }

                    break;
            }
        }

        result.Connections += connection - 1;
        return (session, maxAuthTries, known);
    }

    /// <summary>
    /// Every key ssh offers was refused: the user's other keys (~/.ssh/*.pub) are asked too, within the same politeness
    /// budget (connections, MaxAuthTries per connection), to name the one the server accepts. Not added to the key list:
    /// ssh does not offer them.
    /// </summary>
    private async Task<(SshProbeSession Session, CandidateKey? Accepted)> QueryOtherKeysAsync(SshProbeSession session, CandidateKeySet offered, int maxAuthTries, CancellationToken cancellationToken)
    {
        var connection = result.Connections + 1;
        foreach (var key in CandidateKeyCollector.OtherKeys(target, offered))
        {
            if (!session.IsOpen || session.RejectionsBeforeDisconnect(maxAuthTries) == 0)
            {
                if (connection >= settings.MaxAuthConnections)
                {
                    break;
                }

                var fresh = await ReconnectAsync(cancellationToken);
                if (fresh.Session is null)
                {
                    break;
                }

                await session.DisposeAsync();
                session = fresh.Session;
                connection++;
                result.Connections++;
            }

            var answer = await session.QueryPublicKeyAsync(target.User, key.PublicKey.Blob, UserKeyAlgorithms.ForQuery(target, key, session.ServerSignatureAlgorithms), cancellationToken);
            Prober.Count(result, session);
            if (answer.Outcome == AuthQueryOutcome.Accepted)
            {
                return (session, key);
            }

            if (answer.Outcome != AuthQueryOutcome.Rejected && session.InferredMaxAuthTries is null)
            {
                break;
            }
        }

        return (session, null);
    }

    /// <summary>
    /// An RSA key refused under the only algorithm the user's ssh allows (ssh-rsa): asked once more with a SHA-2
    /// signature, a PK_OK proves the algorithm, not the key, is refused (key.signature-algorithm).
    /// </summary>
    private async Task AskWithStrongerAlgorithmAsync(SshProbeSession session, CandidateKey key, string? refused, int maxAuthTries, CancellationToken cancellationToken)
    {
        if (UserKeyAlgorithms.Stronger(refused, session.ServerSignatureAlgorithms) is not { } stronger || !session.IsOpen || session.RejectionsBeforeDisconnect(maxAuthTries) < 2)
        {
            return;
        }

        var second = await session.QueryPublicKeyAsync(target.User, key.PublicKey.Blob, stronger, cancellationToken);
        Prober.Count(result, session);
        if (second.Outcome == AuthQueryOutcome.Accepted)
        {
            result.Observations.Add(new RsaSha1Refused(target.Subject, result.Hop, key.ToString(), key.PrivateKeyFile ?? key.Identity, refused ?? "", stronger));
        }
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
            var throttled = BannerRule.IsThrottled(session.PreBannerLines) || session.Failure is { Stage: ProbeStage.Banner, Kind: ProbeFailureKind.ConnectionClosed };
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
