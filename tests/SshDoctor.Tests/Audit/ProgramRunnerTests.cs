using System.Diagnostics;
using System.Globalization;
using SshDoctor.Audit;

namespace SshDoctor.Tests.Audit;

/// <summary>
/// The programs the audits start run in a process group of their own, and the whole group goes when they time out or
/// end: a child that left something running in the background leaves nothing behind, and does not hold the run open.
/// </summary>
public sealed class ProgramRunnerTests
{
    [Fact]
    public void A_program_past_its_deadline_is_killed_with_everything_it_started()
    {
        Shell.Require(ProcessGroups.Isolated, "setsid (util-linux) is needed for process groups");
        var mark = Guid.NewGuid().ToString("N");
        var runner = new ProgramRunner(new Dictionary<string, string> { ["SSHDOC_TEST_MARK"] = mark });

        var clock = Stopwatch.StartNew();
        var result = runner.Run("/bin/sh", ["-c", "sleep 300 & sleep 301"], TimeSpan.FromSeconds(1));

        Assert.True(result.TimedOut);
        Assert.Null(result.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), clock.Elapsed.ToString());
        Assert.Empty(Survivors(mark));
    }

    [Fact]
    public void What_a_program_left_running_in_the_background_goes_when_it_ends()
    {
        Shell.Require(ProcessGroups.Isolated, "setsid (util-linux) is needed for process groups");
        var mark = Guid.NewGuid().ToString("N");
        var runner = new ProgramRunner(new Dictionary<string, string> { ["SSHDOC_TEST_MARK"] = mark });

        var clock = Stopwatch.StartNew();
        var result = runner.Run("/bin/sh", ["-c", "sleep 300 & echo started"], TimeSpan.FromSeconds(30));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("started", result.Stdout.Trim());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), clock.Elapsed.ToString());
        Assert.Empty(Survivors(mark));
    }

    [Fact]
    public void A_program_runs_in_a_process_group_of_its_own()
    {
        Shell.Require(ProcessGroups.Isolated, "setsid (util-linux) is needed for process groups");

        var result = new ProgramRunner().Run("/bin/sh", ["-c", "echo $$ $(ps -o pgid= -p $$)"]);

        var fields = result.Stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(fields[0], fields[1]);
    }

    /// <summary>Processes still alive (after a short grace) whose environment holds the mark; killed by pid so a failing test leaves nothing.</summary>
    private static List<string> Survivors(string mark)
    {
        Thread.Sleep(300);
        var needle = System.Text.Encoding.ASCII.GetBytes("SSHDOC_TEST_MARK=" + mark);
        var found = new List<string>();
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
                    found.Add(File.ReadAllText(dir + "/cmdline").Replace('\0', ' '));
                    Process.GetProcessById(pid).Kill();
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // Gone meanwhile.
            }
        }

        return found;
    }
}
