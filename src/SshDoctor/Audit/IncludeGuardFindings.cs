using System.Globalization;

namespace SshDoctor.Audit;

/// <summary>
/// What the reading of a config and its Includes leaves for the report, the same for ssh_config and sshd_config: the
/// files not read or cut, the Include OpenSSH stops at ("Too many recursive configuration includes": a problem), and a spent budget.
/// </summary>
public static class IncludeGuardFindings
{
    /// <param name="codePrefix">"config" or "sshd": the finding codes are PREFIX.include-loop and PREFIX.include-too-deep.</param>
    public static void Report(IncludeGuard reading, AuditSink sink, string codePrefix)
    {
        foreach (var problem in reading.Problems)
        {
            FileReadFindings.Report(sink, problem);
        }

        if (reading.TooDeep is { } deep)
        {
            var evidence = IncludeLoopEvidence.Text(deep);
            sink.Problem(codePrefix + (deep.Loop ? ".include-loop" : ".include-too-deep"), deep.Where,
                evidence, [.. IncludeLoopEvidence.Values(deep), ("error", evidence)]);
        }

        if (reading.BudgetSpent is { } budget)
        {
            sink.Add(FindingSeverity.Warning, "config.include-budget", null, ("budget", budget), ("files", reading.Files.Count.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
