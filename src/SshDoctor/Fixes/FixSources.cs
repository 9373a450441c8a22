using SshDoctor.Probing;

namespace SshDoctor.Fixes;

/// <summary>The diagnoses a fix is planned from (and re-checked with): the probe's, every hop's, merged as diagnose reports them.</summary>
public static class FixSources
{
    public static IReadOnlyList<Diagnosis.Diagnosis> FromProbe(DiagnoseResult result, IEnumerable<Diagnosis.Diagnosis>? fromSsh = null) =>
        result.AllDiagnoses(fromSsh);
}
