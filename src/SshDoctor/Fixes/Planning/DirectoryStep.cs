namespace SshDoctor.Fixes.Planning;

/// <summary>A directory created (a missing home), filled from a skeleton directory, owned by the account.</summary>
public sealed record DirectoryStep : FixStep
{
    public required int Mode { get; init; }

    public required uint Uid { get; init; }

    public required uint Gid { get; init; }

    /// <summary>The directory whose files are copied in (/etc/skel), or null.</summary>
    public string? Skeleton { get; init; }
}
