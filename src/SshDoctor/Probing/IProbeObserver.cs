namespace SshDoctor.Probing;

/// <summary>Told about each stage as it starts and ends, so a terminal can show progress live.</summary>
public interface IProbeObserver
{
    void StageStarted(Diagnosis.Stage stage, string? hop);

    void StageCompleted(StageOutcome outcome);
}
