using SshDoctor.Tests.TestSupport;

namespace SshDoctor.Tests.Fixes;

/// <summary>
/// The CLI killed with SIGKILL at every named step of an apply (backup written, record written, temporary file
/// written and synced, renamed, directory synced, mode changed, record finished: <c>CrashPoint</c>): each file is then
/// either its old or its new version, never a mix, and <c>undo</c> puts everything back or says why nothing needs it.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    [Fact]
    public void A_kill_at_any_step_leaves_old_or_new_and_undo_restores_or_says_why()
    {
        string[] steps;
        using (var traced = new FixTestHome())
        {
            var trace = Path.Combine(traced.Path, "trace");
            var full = CliRun.Run(traced.Environment(("SSH_DOCTOR_TEST_CRASH_TRACE", trace)), "fix", "--home", traced.Path, "--yes");
            Assert.True(full.Code == 0, full.Stdout + full.Stderr);
            Assert.Equal(FixTestHome.NewPublic, File.ReadAllBytes(traced.Public));
            steps = File.ReadAllLines(trace);
        }

        Assert.True(steps.Length >= 10, string.Join('\n', steps));
        var table = new List<string>();
        for (var n = 1; n <= steps.Length; n++)
        {
            using var home = new FixTestHome();
            var killed = CliRun.Run(home.Environment(("SSH_DOCTOR_TEST_CRASH_AT", n.ToString(System.Globalization.CultureInfo.InvariantCulture))), "fix", "--home", home.Path, "--yes");
            Assert.True(killed.Code == 137, $"step {n} ({steps[n - 1]}): the run was not killed (exit {killed.Code})\n{killed.Stderr}");

            var pub = File.ReadAllBytes(home.Public);
            var pubState = pub.AsSpan().SequenceEqual(FixTestHome.OldPublic) ? "old" : pub.AsSpan().SequenceEqual(FixTestHome.NewPublic) ? "new" : null;
            Assert.True(pubState is not null, $"step {n} ({steps[n - 1]}): {home.Public} is neither the old nor the new version");
            var mode = File.GetUnixFileMode(home.Key);
            Assert.True(mode == FixTestHome.OldKeyMode || mode == FixTestHome.NewKeyMode, $"step {n}: mode {mode}");
            var modeState = mode == FixTestHome.OldKeyMode ? "old" : "new";

            var undo = CliRun.Run(home.Environment(), "undo", "--home", home.Path);
            var afterUndo = home.IsOriginal ? "restored" : "NOT restored";
            Assert.True(home.IsOriginal, $"step {n} ({steps[n - 1]}): after undo (exit {undo.Code}: {undo.Stdout}{undo.Stderr}) the files are not the original ones");
            Assert.True(undo.Code == 0 || (undo.Code == 2 && undo.Stdout.Contains("No fix to undo", StringComparison.Ordinal)), $"step {n}: undo said {undo.Code} {undo.Stdout}{undo.Stderr}");
            Assert.Empty(Directory.GetFiles(home.Ssh, ".*.tmp"));
            var step = System.Text.RegularExpressions.Regex.Replace(steps[n - 1][(steps[n - 1].IndexOf(' ', StringComparison.Ordinal) + 1)..], @"/\S*sshdoctor-fixhome-[0-9a-f]+", "HOME");
            step = System.Text.RegularExpressions.Regex.Replace(step, @"\d{8}T\d{6}Z-[0-9a-f]{6}", "ID");
            table.Add($"{n,2} {step,-80} .pub {pubState}, key mode {modeState}; undo exit {undo.Code}: {afterUndo}");
        }

        output.WriteLine($"{steps.Length} crash points, each killed with SIGKILL:");
        foreach (var line in table)
        {
            output.WriteLine(line);
        }
    }
}
