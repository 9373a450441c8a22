using SshDoctor.Diagnosis.Observations;
using SshDoctor.Probing;

namespace SshDoctor.Fixes;

/// <summary>The diagnoses a fix is planned from (and re-checked with): the probe's, every hop's, merged as diagnose reports them.</summary>
public static class FixSources
{
    public static IReadOnlyList<Diagnosis.Diagnosis> FromProbe(DiagnoseResult result, IEnumerable<Diagnosis.Diagnosis>? fromSsh = null) =>
        result.AllDiagnoses(fromSsh);

    /// <summary>
    /// The probe's findings, plus the cause the user named when its fix is planned on the user's word (<see
    /// cref="Planning.IFix.PlannedWhenNamed"/>) and no check found it: an observation (<see cref="CauseNamed"/>) the rules
    /// judge, a possible cause for the resolved destination. The fix itself proves what it wrote (ssh -G).
    /// </summary>
    public static IReadOnlyList<Diagnosis.Diagnosis> WithNamed(IReadOnlyList<Diagnosis.Diagnosis> found, string? namedId, ProbeTarget target)
    {
        if (namedId is null || FixRegistry.For(namedId) is not { PlannedWhenNamed: true } || found.Any(d => d.Id == namedId))
        {
            return found;
        }

        return [.. found, .. DiagnoseResult.Judge([new CauseNamed(target.Subject, namedId)])];
    }
}
