namespace SshDoctor.Fixes.Planning;

/// <summary>Owner (and group) changed (chown), content never touched.</summary>
public sealed record OwnerStep : FixStep
{
    public required uint OldUid { get; init; }

    public required uint OldGid { get; init; }

    public required uint NewUid { get; init; }

    public required uint NewGid { get; init; }
}
