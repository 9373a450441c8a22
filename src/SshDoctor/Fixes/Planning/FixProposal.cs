namespace SshDoctor.Fixes.Planning;

/// <summary>What planning one fix gave: the planned changes, or a refusal.</summary>
public sealed record FixProposal(PlannedFix? Fix, FixRefusal? Refusal)
{
    public static FixProposal Planned(PlannedFix fix) => new(fix, null);

    public static FixProposal Refuse(Diagnosis.Diagnosis diagnosis, string reason, bool badInput = false) => new(null, new FixRefusal(diagnosis, reason, badInput));
}
