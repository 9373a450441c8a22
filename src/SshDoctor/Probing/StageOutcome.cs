namespace SshDoctor.Probing;

/// <summary>One stage of one connection (the target, or a jump host named by Hop).</summary>
public sealed record StageOutcome(Diagnosis.Stage Stage, StageStatus Status, TimeSpan Elapsed, string Detail)
{
    /// <summary>Null for the target; the hop's name for a jump host.</summary>
    public string? Hop { get; init; }

    /// <summary>Request/response exchanges the stage needed.</summary>
    public int RoundTrips { get; init; }
}
