namespace SshDoctor.Fixes.Planning;

/// <summary>What <c>ssh-doctor fix</c> would do, root cause first, and what it will not do (with reasons).</summary>
public sealed record FixPlan(IReadOnlyList<PlannedFix> Fixes, IReadOnlyList<FixRefusal> Refused)
{
    public bool IsEmpty => Fixes.Count == 0;

    public bool HasBadInput => Refused.Any(r => r.BadInput);
}
