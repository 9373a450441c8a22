using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Diagnosis.Observations;
using SshDoctor.Diagnosis.Rules;
using SshDoctor.Ssh;
using SshDoctor.Ssh.Auth;
using SshDoctor.Ssh.Connection;

namespace SshDoctor.Probing.Auth;

/// <summary>
/// --login only: authenticate with a signature using the key the server accepted, open a session, run <c>true</c>,
/// and read what the server says (no home directory, a disabled shell, a refused command).
/// </summary>
internal static class LoginStage
{
    /// <summary>How the session stage's line words what the rules found in the run.</summary>
    private static readonly (string Id, string Words)[] ProblemWords = [(DiagnosisIds.SessionNoHome, "no home directory"), (DiagnosisIds.SessionShellDisabled, "no usable shell")];

    /// <summary>Adds the auth outcome of the signed request and the session stage; returns the auth stage status to use.</summary>
    public static async Task<(StageStatus AuthStatus, string AuthDetail)> RunAsync(ProbeTarget target, DiagnoseResult result, StageClock clock, SshProbeSession session, KeyVerdict accepted, CancellationToken cancellationToken)
    {
        var signer = SignerFactory.For(accepted.Key, target);
        if (signer is null)
        {
            clock.End(Stage.Session, StageStatus.Skipped, $"--login needs a key that can sign without a passphrase: {SignerFactory.Abilities} ({accepted.Key.Identity} is neither)", TimeSpan.Zero);
            return (StageStatus.Ok, "");
        }

        using var owned = signer as IDisposable;
        var signed = await SignedAuthentication.AuthenticateAsync(session, target.User, signer, cancellationToken, accepted.Key.PublicKey);
        Prober.Count(result, session);
        if (signed.Outcome != AuthQueryOutcome.Accepted)
        {
            var why = signed.Outcome == AuthQueryOutcome.Rejected
                ? $"the server accepted the key in the query but refused the signed login{(signed.PartialSuccess ? " (partial success: another method is required)" : "")}"
                : "the signed login did not complete: " + signed.Failure?.Detail;
            // The agent holds the key but would not sign (ssh-add -c without askpass, a locked agent, a missing token).
            var agentRefused = signed.Outcome == AuthQueryOutcome.Stopped && signer is AgentSigner && signed.Failure?.Kind == Ssh.ProbeFailureKind.ProtocolError ? signed.Failure.Detail : null;
            result.Observations.Add(new SignedLoginFailed(target.Subject, result.Hop, accepted.Key.ToString(), accepted.Key.PrivateKeyFile ?? accepted.Key.Identity,
                signed.Outcome == AuthQueryOutcome.Rejected, signed.PartialSuccess, agentRefused));

            clock.Start(Stage.Session);
            clock.End(Stage.Session, StageStatus.Skipped, "not logged in", TimeSpan.Zero);
            return (StageStatus.Failed, why);
        }

        clock.Start(Stage.Session);
        var opened = await ChannelStream.OpenSessionAsync(session, cancellationToken);
        if (opened.Failure is { } unanswered)
        {
            // No answer to the channel open in time, or the connection ended: logged in, but no session.
            Ended(target, result, clock, unanswered, "opening the session channel");
            return (StageStatus.Ok, "logged in");
        }

        if (opened.Stream is not { } channel)
        {
            result.Observations.Add(new SessionRefused(target.Subject, result.Hop, opened.ReasonName, opened.Description));
            clock.End(Stage.Session, StageStatus.Failed, $"session refused: {opened.ReasonName}: {opened.Description}");
            return (StageStatus.Ok, "logged in");
        }

        await using (channel)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(target.ConnectTimeout);
            var started = false;
            ProbeFailure? ended = null;
            try
            {
                started = await channel.ExecAsync("true", deadline.Token);
                if (started)
                {
                    await channel.DrainAsync(deadline.Token);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The probe's deadline, not the server: say so, with what arrived.
                ended = new ProbeFailure(ProbeStage.Authentication, ProbeFailureKind.TimedOut, $"no complete answer within {target.ConnectTimeout.TotalSeconds:0.###} s");
            }
            catch (Exception e) when (Ssh.Transport.StageRunner.Classify(ProbeStage.Authentication, e) is { } failure)
            {
                ended = failure;
            }

            if ((ended ?? channel.TransportFailure) is { } stopped)
            {
                session.Fail(stopped);
                Ended(target, result, clock, stopped, started ? "running 'true'" : "asking to run 'true'");
                return (StageStatus.Ok, "logged in with a signature");
            }

            var stderr = channel.ErrorText.ToString().Trim();
            var ran = new SessionRan(target.Subject, result.Hop, started, stderr, channel.ExitStatus);
            result.Observations.Add(ran);
            var found = DiagnoseResult.Judge([ran]).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            var problems = ProblemWords.Where(p => found.Contains(p.Id)).Select(p => p.Words).ToList();

            clock.End(Stage.Session, problems.Count > 0 ? StageStatus.Failed : StageStatus.Ok,
                problems.Count > 0 ? string.Join(", ", problems) + (stderr.Length > 0 ? $" ({SessionRule.FirstLine(stderr, "")})" : "") : $"ran 'true': exit status {channel.ExitStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
        }

        return (StageStatus.Ok, "logged in with a signature");
    }

    /// <summary>
    /// Logged in, but the session did not complete: the probe's deadline passed (session.timeout), or the connection
    /// ended under it (session.broken-pipe, likely: the server or the network; never "the server" for the probe's own
    /// deadline).
    /// </summary>
    private static void Ended(ProbeTarget target, DiagnoseResult result, StageClock clock, ProbeFailure failure, string doing)
    {
        result.Observations.Add(new SessionEnded(target.Subject, result.Hop, failure, doing, target.ConnectTimeout));
        clock.End(Stage.Session, StageStatus.Failed, $"{doing}: {ProbeFailureText.Describe(failure)}");
    }
}
