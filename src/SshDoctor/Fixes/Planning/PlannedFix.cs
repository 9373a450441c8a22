namespace SshDoctor.Fixes.Planning;

/// <summary>The changes that fix one diagnosis, with why (the diagnosis and its evidence) and what to check afterwards.</summary>
public sealed record PlannedFix(Diagnosis.Diagnosis Diagnosis, IReadOnlyList<FixStep> Steps)
{
    /// <summary>Things the user must know (a legacy algorithm re-enabled, a file ssh-keygen would refuse...).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Set for a host key fix: it is applied only after this confirmation.</summary>
    public HostKeyConfirmation? Confirmation { get; init; }

    /// <summary>Run right after the steps are applied; a text means the result is not what was intended, and the fix is put back.</summary>
    public Func<string?>? AfterApply { get; init; }
}
