namespace SshDoctor.Probing;

/// <summary>How a stage ended.</summary>
public enum StageStatus
{
    Ok,
    Warning,
    Failed,
    Skipped,
}
