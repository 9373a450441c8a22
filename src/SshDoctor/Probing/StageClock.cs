using System.Diagnostics;

namespace SshDoctor.Probing;

/// <summary>Records stage outcomes in order and tells the observer as each starts and ends.</summary>
internal sealed class StageClock(DiagnoseResult result, IProbeObserver? observer)
{
    private long _started = Stopwatch.GetTimestamp();

    public void Start(Diagnosis.Stage stage)
    {
        _started = Stopwatch.GetTimestamp();
        observer?.StageStarted(stage, result.Hop);
    }

    public StageOutcome End(Diagnosis.Stage stage, StageStatus status, string detail, TimeSpan? elapsed = null, int roundTrips = 0)
    {
        var outcome = new StageOutcome(stage, status, elapsed ?? Stopwatch.GetElapsedTime(_started), detail) { Hop = result.Hop, RoundTrips = roundTrips };
        result.Stages.Add(outcome);
        observer?.StageCompleted(outcome);
        _started = Stopwatch.GetTimestamp();
        return outcome;
    }

    /// <summary>Marks every pipeline stage after <paramref name="last"/> as skipped.</summary>
    public void SkipAfter(Diagnosis.Stage last, string why)
    {
        foreach (var stage in Diagnosis.StageNames.Pipeline.Where(s => (int)s > (int)last))
        {
            End(stage, StageStatus.Skipped, why, TimeSpan.Zero);
        }
    }
}
