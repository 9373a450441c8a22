using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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

    /// <summary>
    /// Starts <paramref name="program"/> and waits up to 5 s until it is ready: <paramref name="readyMarker"/> in its log,
    /// or, with <paramref name="readyPort"/> (servers that log nothing at start, like dropbear), a loopback connect to
    /// that port succeeding. Null and the log when it did not get ready.
    /// </summary>
    public static async Task<(ServerProcess? Server, string Log)> StartAsync(string program, IEnumerable<string> arguments, string readyMarker = "Server listening", int? readyPort = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var server = new ServerProcess(Process.Start(start)!, readyMarker);
        var ready = readyPort is { } port ? await server.AcceptsAsync(port) : await server.LogsMarkerAsync(readyMarker);
        if (ready)
        {
            return (server, server.Log);
        }

        var log = server.Log;
        await server.DisposeAsync();
        return (null, log);
    }

    private async Task<bool> LogsMarkerAsync(string marker)
    {
        await Task.WhenAny(_ready.Task, Task.Delay(5000));
        return !_process.HasExited && Log.Contains(marker, StringComparison.Ordinal);
    }

    private async Task<bool> AcceptsAsync(int port)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(5) && !_process.HasExited)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }

        return false;
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
