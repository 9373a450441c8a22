namespace SshDoctor.Audit;

/// <summary>
/// How a finding reads. <see cref="Problem"/> findings are the ones OpenSSH itself fails on: each also becomes a
/// diagnosis. <see cref="Warning"/> is a recommendation (a mode looser than the guide's, a risky option) where OpenSSH
/// still works: it stays a finding and never becomes a diagnosis.
/// </summary>
public enum FindingSeverity
{
    Ok,
    Info,
    Warning,
    Problem,

    /// <summary>The check could not look (not root, program missing, SELinux off): the text says why.</summary>
    Skipped,

    /// <summary>The check itself failed (a bug or an unexpected error); the other checks still ran.</summary>
    Error,
}

public static class FindingSeverityNames
{
    public static string ToJson(this FindingSeverity severity) => severity switch
    {
        FindingSeverity.Ok => "ok",
        FindingSeverity.Info => "info",
        FindingSeverity.Warning => "warning",
        FindingSeverity.Problem => "problem",
        FindingSeverity.Skipped => "skipped",
        FindingSeverity.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };
}
