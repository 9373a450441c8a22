using SshDoctor.Diagnosis.Observations;
using static SshDoctor.Diagnosis.DiagnosisIds;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>
/// After authentication: a refused shell or command, a forwarding channel the server will not open, a connection that
/// died under an idle session. A channel refused on a jump host's ssh is a hop failure (<see cref="JumpRule"/>).
/// </summary>
public sealed class SessionRule : IRule
{
    public IReadOnlyList<string> Produces { get; } = [SessionShellDisabled, SessionChannelRefused, SessionBrokenPipe, SessionNoHome, SessionTimeout];

    public IEnumerable<Diagnosis> Evaluate(ObservationSet evidence) => FromLogs(evidence).Concat(FromProbe(evidence));

    private static readonly string[] NoLoginTexts = ["This account is currently not available", "This service allows sftp connections only"];

    /// <summary>--login: the session channel refused, no home directory, no usable shell, a session that did not end.</summary>
    private static IEnumerable<Diagnosis> FromProbe(ObservationSet evidence)
    {
        foreach (var o in evidence.Probed)
        {
            switch (o)
            {
                case SessionRefused refused:
                    yield return o.Diagnose(SessionChannelRefused, Certainty.Proven, [Observation.Seen($"session channel open failed: {refused.ReasonName}: {refused.Description}")]);
                    break;
                case SessionRan ran:
                    var stderr = ran.Stderr;
                    if (stderr.Contains("Could not chdir to home directory", StringComparison.Ordinal))
                    {
                        var line = FirstLine(stderr, "Could not chdir");
                        var home = line.Split("Could not chdir to home directory ", 2) is [_, var rest] ? rest.Split(':')[0].Trim() : null;
                        yield return o.Diagnose(SessionNoHome, Certainty.Proven, [Observation.Seen("server: " + line)], ("home", home));
                    }

                    if (!ran.Started || NoLoginTexts.Any(t => stderr.Contains(t, StringComparison.Ordinal)) || (ran.ExitStatus is not (null or 0) && stderr.Length == 0))
                    {
                        var seen = !ran.Started ? "the server refused to run a command (exec request failed)"
                            : stderr.Length > 0 ? "server: " + FirstLine(stderr, "")
                            : $"'true' exited with status {ran.ExitStatus} and no output: the login shell is not a shell";
                        yield return o.Diagnose(SessionShellDisabled, Certainty.Proven, [Observation.Seen(seen)]);
                    }

                    break;
                case SessionEnded ended:
                    // The probe's own deadline is session.timeout; the connection ending under it is the server or the network (likely).
                    var evidenceText = Observation.Seen($"logged in with a signature; {ended.Doing}: {Knowledge.ProbeFailureText.Describe(ended.Failure)}");
                    yield return ended.Failure.Kind == Ssh.ProbeFailureKind.TimedOut
                        ? o.Diagnose(SessionTimeout, Certainty.Proven, [evidenceText], ("timeout", ended.Timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)))
                        : o.Diagnose(SessionBrokenPipe, Certainty.Likely, [evidenceText]);
                    break;
            }
        }
    }

    /// <summary>The first line of <paramref name="text"/> holding <paramref name="containing"/>, trimmed.</summary>
    internal static string FirstLine(string text, string containing) =>
        text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains(containing, StringComparison.Ordinal)) ?? text;

    private static IEnumerable<Diagnosis> FromLogs(ObservationSet evidence)
    {
        foreach (var session in evidence.Sessions)
        {
            var hop = session.Index > 0 ? SignatureRule.HopName(evidence, session.Index) : null;
            var refused = session.Events.FirstOrDefault(e => e.Kind == ClientRequestFailed.Name && e[ClientRequestFailed.What] is "shell" or "exec" or "subsystem");
            if (refused is not null)
            {
                yield return Diagnosis.Create(SessionShellDisabled, Certainty.Likely, [EvidenceOf.Line(refused)], ("host", session.Host), ("user", session.User)) with { Hop = hop };
            }

            if (refused is null && LoginShellEndedAtOnce(session) is { } exit)
            {
                yield return Diagnosis.Create(SessionShellDisabled, Certainty.Likely, [EvidenceOf.Line(session.First(ClientAuthenticated.Name) ?? exit), EvidenceOf.Line(exit)], ("host", session.Host), ("user", session.User)) with { Hop = hop };
            }

            var channel = session.First(ClientChannelOpenFailed.Name);
            if (channel is not null && !IsJumpForwarding(session))
            {
                yield return Diagnosis.Create(SessionChannelRefused, Certainty.Proven, [EvidenceOf.Line(channel)], ("reason", channel[ClientChannelOpenFailed.Reason]), ("host", session.Host), ("user", session.User)) with { Hop = hop };
            }

            var closed = session.First(ClientClosedByRemoteHost.Name);
            if (closed is not null && session.Authenticated && !session.Has(ClientExitStatus.Name)
                && !session.Events.Any(e => e.DiagnosisId is SessionShellDisabled or SessionNoHome or SessionBrokenPipe))
            {
                yield return Diagnosis.Create(SessionBrokenPipe, Certainty.Possible, [EvidenceOf.Line(closed)], ("host", session.Host)) with { Hop = hop };
            }
        }

        foreach (var e in evidence.ServerEvents.Where(e => e.DiagnosisId == SessionChannelRefused))
        {
            yield return Diagnosis.Create(SessionChannelRefused, Certainty.Proven, [EvidenceOf.Line(e)], EvidenceOf.Values(e));
        }
    }

    /// <summary>
    /// A login shell (no command sent) that ended with a failure status within a second of authentication: the account's
    /// shell refuses (<c>/bin/false</c> prints nothing; nologin prints its message, matched elsewhere).
    /// </summary>
    private static Logs.LogEvent? LoginShellEndedAtOnce(ClientSession session)
    {
        var exit = session.Last(ClientExitStatus.Name);
        if (exit is null || exit[ClientExitStatus.Status] == "0" || session.Has(ClientSendingCommand.Name) || !session.Authenticated)
        {
            return null;
        }

        var transferred = session.Last(ClientTransferred.Name);
        return transferred is not null && double.TryParse(transferred[ClientTransferred.Seconds], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds < 1.0
            ? exit
            : null;
    }

    /// <summary>The jump host's ssh opens the stdio-forward (-W) channel; its refusal means the hop failed.</summary>
    internal static bool IsJumpForwarding(ClientSession session) => session.Index > 0;
}
