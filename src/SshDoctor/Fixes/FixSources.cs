using System.Globalization;
using SshDoctor.Diagnosis;
using SshDoctor.Probing;

namespace SshDoctor.Fixes;

/// <summary>The diagnoses a fix is planned from (and re-checked with): the probe's, every hop's, merged as diagnose reports them.</summary>
public static class FixSources
{
    public static IReadOnlyList<Diagnosis.Diagnosis> FromProbe(DiagnoseResult result, IEnumerable<Diagnosis.Diagnosis>? fromSsh = null) =>
        result.AllDiagnoses(fromSsh);

    /// <summary>
    /// The probe's findings, plus the cause the user named when its fix is planned on the user's word (<see
    /// cref="Planning.IFix.PlannedWhenNamed"/>) and no check found it: a possible cause for the resolved destination,
    /// its evidence the command line. The fix itself proves what it wrote (ssh -G).
    /// </summary>
    public static IReadOnlyList<Diagnosis.Diagnosis> WithNamed(IReadOnlyList<Diagnosis.Diagnosis> found, string? namedId, ProbeTarget target)
    {
        if (namedId is null || FixRegistry.For(namedId) is not { PlannedWhenNamed: true } || found.Any(d => d.Id == namedId))
        {
            return found;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = target.Alias,
            ["port"] = target.Port.ToString(CultureInfo.InvariantCulture),
            ["user"] = target.User,
        };
        return [.. found, new Diagnosis.Diagnosis(namedId, Certainty.Possible, [new Evidence(EvidenceSource.Local, $"named on the command line: ssh-doctor fix {namedId} {target.Alias}")], values)];
    }
}
