using SshDoctor.Diagnosis.Observations;
using SshDoctor.Logs;
using static SshDoctor.Diagnosis.DiagnosisIds;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>
/// A connection whose last recognised line is a failure is never a clean run: when no other rule names a cause,
/// <c>log.failure-not-understood</c> says so and what to paste instead (<c>Explain.Explainer</c> keeps it only then); so
/// does an input in which nothing was recognised but a line reports an error.
/// </summary>
public sealed class UnexplainedFailureRule : IRule
{
    /// <summary>Lines that end a failed attempt without a diagnosis id of their own.</summary>
    private static readonly HashSet<string> EndsInFailure = new(StringComparer.Ordinal)
    {
        ClientConnectionClosed.Name, ClientConnectionReset.Name, ClientHostkeyVerificationFailed.Name, ClientNoMoreMethods.Name,
        ClientConnectionTimedOut.Name, ClientReceivedDisconnect.Name, ClientClosedByRemoteHost.Name, ClientRequestFailed.Name,
        PuttyBatchPrompt.Name, PuttyAbandoned.Name, ClientKeyRefused.Name, ClientPasswordRefused.Name, ClientBareTimeout.Name,
        ClientDisconnected.Name,
    };

    public IReadOnlyList<string> Produces { get; } = [LogFailureNotUnderstood];

    public IEnumerable<Diagnosis> Evaluate(ObservationSet evidence)
    {
        foreach (var session in evidence.Sessions)
        {
            var failure = session.Events.LastOrDefault(e => e.IsFailure || EndsInFailure.Contains(e.Kind));
            if (failure is not null && (!session.Authenticated || session.Events[^1] == failure))
            {
                yield return Of(failure, session.User, session.Host);
            }
        }

        if (evidence.Sessions.Count == 0 && evidence.ServerEvents.LastOrDefault(e => e.IsFailure) is { } serverFailure)
        {
            yield return Of(serverFailure, serverFailure[AnyEvent.User], null);
        }

        if (evidence.ServerEvents.Count == 0 && evidence.Sessions.All(s => s.Events.All(e => e.Kind == ClientCommandLine.Name)) && evidence.UnrecognisedError is { } error)
        {
            // Nothing recognised but the command typed, and the paste reports an error.
            yield return Diagnosis.Create(LogFailureNotUnderstood, Certainty.Possible, [new Evidence(EvidenceSource.ClientLog, error.Text, error.Where)], ("line", error.Text));
        }
    }

    internal static Diagnosis Of(LogEvent line, string? user, string? host) =>
        Diagnosis.Create(LogFailureNotUnderstood, Certainty.Possible, [EvidenceOf.Line(line)], ("line", line.Message), ("user", user), ("host", host));
}
