using System.Diagnostics;
using System.Globalization;

namespace SshDoctor.Tests.TestSupport;

/// <summary>
/// Runs the built CLI as a child process, as a user runs it, and measures what it cost: wall time and peak resident
/// memory (VmHWM of /proc/PID/status, polled while it runs: the high-water mark only grows, so the last reading is the
/// peak up to a few milliseconds before the end). A run that outlives its deadline is killed and says so.
/// </summary>
internal static class MeasuredCliRun
{
    /// <param name="runAs">A numeric user id to run as (with the same group id), through setpriv; null: as this process.</param>
    public static Result Run(string[] args, TimeSpan deadline, string? runAs = null)
    {
        var start = new ProcessStartInfo(runAs is null ? "dotnet" : "setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (runAs is not null)
        {
            // Root reads every file: an unreadable one is unreadable only to another user.
            foreach (var arg in (string[])[$"--reuid={runAs}", $"--regid={runAs}", "--clear-groups", "dotnet"])
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
            start.Environment["HOME"] = Path.GetTempPath();
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ssh-doctor.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peakKb = 0;
        var killed = false;
        while (!process.WaitForExit(20))
        {
            peakKb = Math.Max(peakKb, HighWaterMarkKb(process.Id));
            if (clock.Elapsed > deadline)
            {
                killed = true;
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                break;
            }
        }

        process.WaitForExit();
        return new Result(killed ? -1 : process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed, peakKb / 1024, killed);
    }

    private static long HighWaterMarkKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process ended between two readings.
        }

        return 0;
    }

    /// <param name="Code">The exit code, or -1 when the run was killed at its deadline.</param>
    public sealed record Result(int Code, string Stdout, string Stderr, TimeSpan Elapsed, long PeakMegabytes, bool Killed);
}
