using System.Text;
using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Diagnosis.Observations;
using SshDoctor.Explain;
using SshDoctor.Logs.Input;

namespace SshDoctor.Probing.Connect;

/// <summary>
/// A target reached through a ProxyCommand: ssh makes no TCP connection of its own, so neither does the probe; it
/// runs the command and probes over its pipes. When the stages fail, what the command printed on stderr is read the
/// way <c>explain</c> reads ssh's output (a failing <c>ssh -W</c> names its own hop's problem there).
/// </summary>
internal sealed class ProxyCommandProber(ProbeTarget target, ProbeSettings settings)
{
    private static readonly TimeSpan StderrWait = TimeSpan.FromSeconds(1);

    public async Task RunAsync(DiagnoseResult result, StageClock clock, CancellationToken cancellationToken)
    {
        clock.Start(Stage.Dns);
        clock.End(Stage.Dns, StageStatus.Skipped, "ssh does not resolve the name itself: the ProxyCommand connects", TimeSpan.Zero);
        clock.Start(Stage.Tcp);
        var (proxy, error) = ProxyCommandProcess.Start(target);
        result.Connections++;
        if (proxy is null)
        {
            clock.End(Stage.Tcp, StageStatus.Failed, $"the ProxyCommand could not be started: {error}");
            clock.SkipAfter(Stage.Tcp, "no connection");
            return;
        }

        var started = new List<ProxyCommandProcess> { proxy };
        try
        {
            clock.End(Stage.Tcp, StageStatus.Ok, $"ProxyCommand started (pid {proxy.ProcessId}): {proxy.CommandLine}");

            Task<Stream?> ReconnectAsync(CancellationToken ct)
            {
                var (again, _) = ProxyCommandProcess.Start(target);
                if (again is null)
                {
                    return Task.FromResult<Stream?>(null);
                }

                started.Add(again);
                return Task.FromResult<Stream?>(again.Stream);
            }

            var reachedAuth = await new SshStages(target, settings, result, clock, ReconnectAsync).RunAsync(proxy.Stream, cancellationToken);
            if (!reachedAuth && await proxy.EndedAsync(StderrWait) is { } ended && ended.ExitCode != 0)
            {
                AddWhatTheCommandSaid(result, proxy.CommandLine, ended.ExitCode, ended.Stderr);
            }
        }
        finally
        {
            foreach (var process in started)
            {
                process.Dispose();
            }
        }
    }

    /// <summary>
    /// The command failed before SSH got going: it, not the server, closed the connection. Its failure is the hop
    /// failure; what it printed is read like ssh's own output, and "connect failed" (ssh -W) becomes the target's own
    /// tcp diagnosis, as for a ProxyJump hop.
    /// </summary>
    private void AddWhatTheCommandSaid(DiagnoseResult result, string commandLine, int exitCode, string stderr)
    {
        var said = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        result.Observations.Add(new ProxyCommandFailed(target.Subject, commandLine, exitCode, said));
        var connectFailed = said.Select(line => line.IndexOf("connect failed: ", StringComparison.Ordinal) is var at and >= 0 ? line[(at + 16)..] : null).FirstOrDefault(d => d is not null);
        if (connectFailed is not null && ConnectFailureText.IdFor(connectFailed) is not null)
        {
            result.Observations.Add(new ConnectFailed(target.Subject, null, target.HostName,
                [Observation.Seen($"the ProxyCommand tried to connect to {target.HostName} port {target.Port}: {connectFailed}")], null, connectFailed));
            return;
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(stderr));
        foreach (var diagnosis in Explainer.Explain([BoundedLineReader.Read("ProxyCommand stderr", stream, InputLimits.Default)]).Diagnoses)
        {
            result.FromLogs.Add(diagnosis with { Hop = "ProxyCommand" });
        }
    }
}
