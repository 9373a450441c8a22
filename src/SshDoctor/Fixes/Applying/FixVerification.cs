namespace SshDoctor.Fixes.Applying;

/// <summary>
/// After applying, the check that found each problem is run again (the probe, or the audit): a fix is confirmed when
/// that check no longer reports the same problem; otherwise it is still failing, with the new evidence.
/// </summary>
public static class FixVerification
{
    private static readonly string[] Subject = ["key", "file", "path", "user", "ip", "jail"];

    public static FixOutcome Outcome(AppliedFix applied, IReadOnlyList<Diagnosis.Diagnosis> recheck)
    {
        if (!applied.Applied)
        {
            return new FixOutcome(applied, FixOutcomeKind.NotApplied, null);
        }

        var before = applied.Fix.Diagnosis;
        var still = recheck.FirstOrDefault(d => d.Id == before.Id && d.Hop == before.Hop && d.Certainty != Diagnosis.Certainty.Possible
            && Subject.All(k => !before.Values.TryGetValue(k, out var a) || !d.Values.TryGetValue(k, out var b) || a == b));
        return still is null ? new FixOutcome(applied, FixOutcomeKind.Fixed, null) : new FixOutcome(applied, FixOutcomeKind.StillFailing, still);
    }
}

public enum FixOutcomeKind
{
    Fixed,
    StillFailing,
    NotApplied,
}

/// <summary>A fix after the re-check; <see cref="Evidence"/> is the diagnosis the re-check still found.</summary>
public sealed record FixOutcome(AppliedFix Applied, FixOutcomeKind Kind, Diagnosis.Diagnosis? Evidence);
