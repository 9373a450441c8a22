namespace SshDoctor.Fixes.Planning;

/// <summary>Permission bits changed (chmod), content never touched.</summary>
public sealed record ModeStep : FixStep
{
    public required int OldMode { get; init; }

    public required int NewMode { get; init; }
}
