using SshDoctor.Diagnosis;
using SshDoctor.Ssh;
using SshDoctor.Ssh.Auth;
using SshDoctor.Ssh.Connection;

namespace SshDoctor.Probing;

/// <summary>
/// --login only: authenticate with a signature using the key the server accepted, open a session, run <c>true</c>,
/// and read what the server says (no home directory, a disabled shell, a refused command).
/// </summary>
internal static class LoginStage
{
    private static readonly string[] NoLoginTexts = ["This account is currently not available", "This service allows sftp connections only"];

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
            if (signed.Outcome == AuthQueryOutcome.Stopped && signer is AgentSigner && signed.Failure?.Kind == Ssh.ProbeFailureKind.ProtocolError)
            {
                // The agent holds the key but would not sign (ssh-add -c without askpass, a locked agent, a missing token).
                result.Diagnoses.Add(ProbeEvidence.Create(DiagnosisIds.KeyAgentSignFailed, Certainty.Proven, target, result.Hop,
                    [ProbeEvidence.Seen($"{accepted.Key} → PK_OK to the query, but the agent refused to sign: {signed.Failure.Detail}")],
                    ("key", accepted.Key.PrivateKeyFile ?? accepted.Key.Identity)));
            }

            if (signed.Outcome == AuthQueryOutcome.Rejected && !signed.PartialSuccess && target.User == "root")
            {
                // sshd answers the query before PermitRootLogin is checked (reference §6): the refusal after the signature is that check.
                result.Diagnoses.Add(ProbeEvidence.Create(DiagnosisIds.AuthRootRefused, Certainty.Likely, target, result.Hop,
                    [ProbeEvidence.Seen($"{accepted.Key} → PK_OK to the query, USERAUTH_FAILURE to the signed request as root")]));
            }

            clock.Start(Stage.Session);
            clock.End(Stage.Session, StageStatus.Skipped, "not logged in", TimeSpan.Zero);
            return (StageStatus.Failed, why);
        }

        clock.Start(Stage.Session);
        var opened = await ChannelStream.OpenSessionAsync(session, cancellationToken);
        if (opened.Failure is { } unanswered)
        {
            // No answer to the channel open in time, or the connection ended: logged in, but no session.
            SessionEnded(target, result, clock, unanswered, "opening the session channel");
            return (StageStatus.Ok, "logged in");
        }

        if (opened.Stream is not { } channel)
        {
            result.Diagnoses.Add(ProbeEvidence.Create(DiagnosisIds.SessionChannelRefused, Certainty.Proven, target, result.Hop,
                [ProbeEvidence.Seen($"session channel open failed: {opened.ReasonName}: {opened.Description}")]));
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
                SessionEnded(target, result, clock, stopped, started ? "running 'true'" : "asking to run 'true'");
                return (StageStatus.Ok, "logged in with a signature");
            }

            var stderr = channel.ErrorText.ToString().Trim();
            var problems = new List<string>();
            if (stderr.Contains("Could not chdir to home directory", StringComparison.Ordinal))
            {
                var line = FirstLine(stderr, "Could not chdir");
                var home = line.Split("Could not chdir to home directory ", 2) is [_, var rest] ? rest.Split(':')[0].Trim() : null;
                result.Diagnoses.Add(ProbeEvidence.Create(DiagnosisIds.SessionNoHome, Certainty.Proven, target, result.Hop, [ProbeEvidence.Seen("server: " + line)], ("home", home)));
                problems.Add("no home directory");
            }

            if (!started || NoLoginTexts.Any(t => stderr.Contains(t, StringComparison.Ordinal)) || (channel.ExitStatus is not (null or 0) && stderr.Length == 0))
            {
                var evidence = !started ? "the server refused to run a command (exec request failed)"
                    : stderr.Length > 0 ? "server: " + FirstLine(stderr, "")
                    : $"'true' exited with status {channel.ExitStatus} and no output: the login shell is not a shell";
                result.Diagnoses.Add(ProbeEvidence.Create(DiagnosisIds.SessionShellDisabled, Certainty.Proven, target, result.Hop, [ProbeEvidence.Seen(evidence)]));
                problems.Add("no usable shell");
            }

            clock.End(Stage.Session, problems.Count > 0 ? StageStatus.Failed : StageStatus.Ok,
                problems.Count > 0 ? string.Join(", ", problems) + (stderr.Length > 0 ? $" ({FirstLine(stderr, "")})" : "") : $"ran 'true': exit status {channel.ExitStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
        }

        return (StageStatus.Ok, "logged in with a signature");
    }

    /// <summary>
    /// Logged in, but the session did not complete: the probe's deadline passed (session.timeout), or the connection
    /// ended under it (session.broken-pipe, likely: the server or the network; never "the server" for the probe's own
    /// deadline).
    /// </summary>
    private static void SessionEnded(ProbeTarget target, DiagnoseResult result, StageClock clock, ProbeFailure failure, string doing)
    {
        var what = HandshakeFindings.Describe(failure);
        var evidence = ProbeEvidence.Seen($"logged in with a signature; {doing}: {what}");
        result.Diagnoses.Add(failure.Kind == ProbeFailureKind.TimedOut
            ? ProbeEvidence.Create(DiagnosisIds.SessionTimeout, Certainty.Proven, target, result.Hop, [evidence],
                ("timeout", target.ConnectTimeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)))
            : ProbeEvidence.Create(DiagnosisIds.SessionBrokenPipe, Certainty.Likely, target, result.Hop, [evidence]));

        clock.End(Stage.Session, StageStatus.Failed, $"{doing}: {what}");
    }

    private static string FirstLine(string text, string containing) =>
        text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains(containing, StringComparison.Ordinal)) ?? text;
}
