using System.Diagnostics;
using System.Text;

namespace SshDoctor.IntegrationTests.Ssh.Infrastructure;

/// <summary>
/// A server process started by a test (sshd -D -e, directly or inside unshare): its stderr collected as the log, ready
/// when a marker line appears, and ended by its own pid.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process, string readyMarker)
    {
        _process = process;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _ready.TrySetResult();
                return;
            }

            lock (_log)
            {
                _log.AppendLine(e.Data);
            }

            if (e.Data.Contains(readyMarker, StringComparison.Ordinal))
            {
                _ready.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="program"/> and waits up to 5 s for <paramref name="readyMarker"/>; null and the log when it did not come.</summary>
    public static async Task<(ServerProcess? Server, string Log)> StartAsync(string program, IEnumerable<string> arguments, string readyMarker = "Server listening")
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var server = new ServerProcess(Process.Start(start)!, readyMarker);
        await Task.WhenAny(server._ready.Task, Task.Delay(5000));
        if (!server._process.HasExited && server.Log.Contains(readyMarker, StringComparison.Ordinal))
        {
            return (server, server.Log);
        }

        var log = server.Log;
        await server.DisposeAsync();
        return (null, log);
    }

    /// <summary>Waits until the log contains a text (sshd's monitor logs shortly after the client sees the result).</summary>
    public async Task<bool> WaitForLogAsync(string text, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            if (Log.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(20);
        }

        return Log.Contains(text, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
