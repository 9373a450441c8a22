using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Observations;
using SshDoctor.Logs;
using SshDoctor.Logs.Input;
using SshDoctor.Logs.Signatures;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Explain;

/// <summary>
/// <c>explain</c>: any mix of pasted ssh output and server log lines → recognised lines → the client's connections and
/// the server's events → rules → merged diagnoses, root cause first.
/// </summary>
public static class Explainer
{
    public static ExplainResult Explain(IEnumerable<InputText> inputs)
    {
        var classified = inputs.Select(LogReader.Classify).ToList();
        var sessions = new List<ClientSession>();
        foreach (var input in classified)
        {
            var clientEvents = input.Events.Where(e => e.Side == LogSide.Client).ToList();
            if (clientEvents.Count == 0)
            {
                continue;
            }

            // Each client log is its own attempt; their connections are numbered together so hops stay distinct.
            foreach (var session in ClientSessionBuilder.Build(input.Input.Name, clientEvents))
            {
                sessions.Add(session);
            }
        }

        var serverEvents = classified.SelectMany(i => i.Events.Where(e => e.Side == LogSide.Server)).ToList();
        var observations = new ObservationSet(sessions, serverEvents)
        {
            // Nothing recognised (a typed command is no message), but the paste reports an error: never "nothing wrong".
            UnrecognisedError = classified.All(c => c.Events.All(e => e.Kind == ClientCommandLine.Name)) ? ErrorLine(classified) : null,
        };
        var merged = DiagnosisEngine.Merge(DiagnosisEngine.Evaluate(observations));
        if (merged.Any(d => !DiagnosisIds.IsHint(d.Id) && d.Id != DiagnosisIds.LogFailureNotUnderstood))
        {
            // Another rule named a cause: the failure is understood.
            merged.RemoveAll(d => d.Id == DiagnosisIds.LogFailureNotUnderstood);
        }
        else if (merged.Find(d => d.Id == DiagnosisIds.LogFailureNotUnderstood) is { } notUnderstood)
        {
            merged = [notUnderstood];
        }
        else
        {
            merged = [];
        }

        return new ExplainResult(classified, sessions, DiagnosisOrder.RootCauseFirst(merged));
    }

    /// <summary>Words an error report uses, in any program's output (the last such line of an input nothing was recognised in).</summary>
    private static readonly System.Text.RegularExpressions.Regex ErrorWords = new(
        @"(?i)\b(?:error|fail(?:ed|ure)?|denied|refused|fatal|unable|could not|couldn't|cannot|can't|timed? ?out|unreachable|reset by|broken pipe|abort(?:ed)?|not (?:found|known|allowed|permitted)|invalid)\b",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));

    /// <summary>The last line reporting an error, in an input nothing was recognised in: not understood, never "nothing wrong".</summary>
    private static Logs.Input.SourceLine? ErrorLine(IEnumerable<ClassifiedInput> inputs)
    {
        foreach (var input in inputs)
        {
            for (var i = input.Input.Lines.Count - 1; i >= 0; i--)
            {
                var line = input.Input.Lines[i];
                try
                {
                    if (line.Text.Length is > 0 and < 2048 && line.Text[0] != '#' && ErrorWords.IsMatch(line.Text))
                    {
                        return line;
                    }
                }
                catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
                {
                    return null;
                }
            }
        }

        return null;
    }
}
