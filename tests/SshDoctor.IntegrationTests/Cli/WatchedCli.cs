using System.Diagnostics;
using System.Globalization;

namespace SshDoctor.IntegrationTests.Cli;

/// <summary>What one watched run of the real CLI did.</summary>
internal sealed record CliRun(int? ExitCode, TimeSpan Wall, long PeakRssKb, long ChildPeakRssKb, IReadOnlyList<string> Survivors, string Stdout, string Stderr)
{
    public override string ToString() =>
        $"exit {ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none (killed at the deadline)"}, {Wall.TotalSeconds:0.0} s, "
        + $"peak RSS {PeakRssKb / 1024} MB (children {ChildPeakRssKb / 1024} MB), survivors [{string.Join("; ", Survivors)}]\n"
        + $"stderr: {Stderr[..Math.Min(Stderr.Length, 600)]}\nstdout: {Stdout[..Math.Min(Stdout.Length, 6000)]}";
}

/// <summary>
/// Runs the real ssh-doctor (the built CLI, through dotnet) as a child and watches it: wall time, the peak RSS of
/// ssh-doctor (VmHWM from /proc) and of every process it started (marked by an environment variable only this run
/// carries), and which of those are still alive once it has exited. A run past its deadline is killed, and whatever
/// carries its mark is killed by pid after it, so a failing test leaves nothing behind.
/// </summary>
internal static class WatchedCli
{
    private const string MarkVariable = "SSHDOC_WATCHED_RUN";

    /// <summary>
    /// Runs <c>ssh-doctor ARGS</c>. <paramref name="withoutDacOverride"/> drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH
    /// when running as root (setpriv), so a mode-000 file is unreadable to it as to any user. <paramref name="during"/>
    /// is called once, while it runs, with its pid and a function listing the command lines of what it started.
    /// </summary>
    public static CliRun Run(IReadOnlyList<string> arguments, TimeSpan deadline, IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null, bool withoutDacOverride = false, Action<int, Func<IReadOnlyList<string>>>? during = null)
    {
        var mark = Guid.NewGuid().ToString("N");
        var dropCaps = withoutDacOverride && SshDoctor.Audit.NativeUnix.GetUid() == 0;
        var start = new ProcessStartInfo(dropCaps ? "setpriv" : "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (dropCaps)
        {
            foreach (var argument in (string[])["--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search", "--", "dotnet"])
            {
                start.ArgumentList.Add(argument);
            }
        }

        start.ArgumentList.Add(typeof(SshDoctor.Cli.ExitCodes).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment[MarkVariable] = mark;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0, childPeak = 0;
        var calledDuring = during is null;
        var polls = 0;
        while (!process.WaitForExit(50))
        {
            peak = Math.Max(peak, StatusKb(process.Id, "VmHWM"));
            if (polls++ % 4 == 0)
            {
                foreach (var pid in Marked(mark).Where(p => p != process.Id))
                {
                    childPeak = Math.Max(childPeak, StatusKb(pid, "VmHWM"));
                }
            }

            if (!calledDuring)
            {
                calledDuring = true;
                during!(process.Id, () => Marked(mark).Where(p => p != process.Id).Select(CommandLine).ToList());
            }

            if (clock.Elapsed > deadline)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
                break;
            }
        }

        var wall = clock.Elapsed;
        var exited = process.HasExited && wall <= deadline;
        Thread.Sleep(300);
        var survivors = Marked(mark).Where(p => p != process.Id).ToList();
        var described = survivors.Select(CommandLine).ToList();
        foreach (var pid in survivors)
        {
            try
            {
                Process.GetProcessById(pid).Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }

        return new CliRun(exited ? process.ExitCode : null, wall, peak, childPeak, described, Wait(stdout), Wait(stderr));
    }

    /// <summary>The pids of processes whose environment carries this run's mark.</summary>
    private static List<int> Marked(string mark)
    {
        var needle = System.Text.Encoding.ASCII.GetBytes(MarkVariable + "=" + mark);
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllBytes(dir + "/environ").AsSpan().IndexOf(needle) >= 0)
                {
                    pids.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone, or not ours to read.
            }
        }

        return pids;
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return pid.ToString(CultureInfo.InvariantCulture) + " " + File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return pid.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static long StatusKb(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(field.Length + 1).Trim().TrimEnd(" kB"), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // It ended between two polls.
        }

        return 0;
    }

    private static string Wait(Task<string> read) => read.Wait(TimeSpan.FromSeconds(5)) ? read.Result : string.Empty;
}
