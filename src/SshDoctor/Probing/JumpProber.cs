using SshDoctor.Diagnosis;

namespace SshDoctor.Probing;

/// <summary>ProxyJump: the same stages for each hop, then the target through the last hop's direct-tcpip channel.</summary>
internal sealed class JumpProber(ProbeTarget target, ProbeSettings settings, IProbeObserver? observer)
{
    public Task RunAsync(DiagnoseResult result, StageClock clock, CancellationToken cancellationToken)
    {
        _ = settings;
        _ = observer;
        _ = cancellationToken;
        clock.Start(Stage.Dns);
        clock.End(Stage.Dns, StageStatus.Skipped, $"ProxyJump {string.Join(',', target.Jumps)} is not probed by this build", TimeSpan.Zero);
        clock.SkipAfter(Stage.Dns, "ProxyJump not probed");
        return Task.CompletedTask;
    }
}
