using SshDoctor.Diagnosis;
using SshDoctor.Fixes.Planning;
using SshDoctor.Tests.Audit;
using SshDoctor.Tests.TestSupport;

namespace SshDoctor.Tests.Fixes;

/// <summary>
/// Files a fix cannot change safely: a clear message naming the file, exit 2, and nothing touched — not the file, not
/// the other files of the same plan (a mode already changed is put back).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BadInputTests
{
    [Fact]
    public void A_read_only_file_system_refuses_with_exit_2_and_changes_nothing()
    {
        RequireRootAndUnshare();
        using var home = new FixTestHome();
        var run = InMountNamespace(home, $"mount --bind '{home.Ssh}' '{home.Ssh}' && mount -o remount,bind,ro '{home.Ssh}'");
        Assert.True(run.Code == 2, run.Stdout + run.Stderr);
        Assert.Contains(home.Public, run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.True(home.IsOriginal, "a file was changed");
    }

    [Fact]
    public void A_full_disk_refuses_with_exit_2_and_changes_nothing()
    {
        RequireRootAndUnshare();
        using var home = new FixTestHome();

        // ~/.ssh on a 64 KiB tmpfs holding the same files, filled up: the new .pub cannot be written.
        var setup = $"""
            cp -a '{home.Ssh}' '{home.Path}/saved' && mount -t tmpfs -o size=64k tmpfs '{home.Ssh}' && cp -a '{home.Path}/saved/.' '{home.Ssh}/'
            && chmod 700 '{home.Ssh}' && (dd if=/dev/zero of='{home.Ssh}/filler' bs=4k 2>/dev/null || true)
            """.ReplaceLineEndings(" ");
        var run = InMountNamespace(home, setup, after: $"cmp '{home.Public}' '{home.Path}/saved/id_ed25519.pub' && stat -c %a '{home.Key}'");
        Assert.True(run.Code == 2, run.Stdout + run.Stderr);
        Assert.Contains(home.Public, run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.Contains("CHECK 0\n644", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_owned_by_another_account_is_refused_with_exit_2()
    {
        Shell.Require(Environment.UserName == "root", "needs root to give a file to another account");
        using var home = new FixTestHome();
        Assert.Equal(0, Shell.Run($"chown 65534 '{home.Public}'").Code);
        var run = CliRun.Run(home.Environment(), "fix", "--home", home.Path, "--yes");
        Assert.True(run.Code == 2, run.Stdout + run.Stderr);
        Assert.Contains("belongs to uid 65534", run.Stdout, StringComparison.Ordinal);
        Assert.True(home.IsOriginal);
    }

    [Fact]
    public void A_link_that_leads_out_of_the_home_is_refused_with_exit_2()
    {
        using var home = new FixTestHome();
        using var elsewhere = new FixTestHome();
        File.Delete(home.Public);
        File.CreateSymbolicLink(home.Public, elsewhere.Public);
        var run = CliRun.Run(home.Environment(), "fix", "--home", home.Path, "--yes");
        Assert.True(run.Code == 2, run.Stdout + run.Stderr);
        Assert.Contains("leads out of your home", run.Stdout, StringComparison.Ordinal);
        Assert.True(elsewhere.IsOriginal);
        Assert.Equal(FixTestHome.OldKeyMode, File.GetUnixFileMode(home.Key));
    }

    [Fact]
    public void A_known_hosts_that_is_a_directory_is_refused_as_bad_input()
    {
        using var home = new FixTestHome();
        var knownHosts = Path.Combine(home.Ssh, "known_hosts");
        Directory.CreateDirectory(knownHosts);
        var context = FixRoundTrip.Context(home.Path) is var c ? new FixContext
        {
            Home = c.Home,
            Uid = c.Uid,
            Gid = c.Gid,
            UserName = c.UserName,
            Programs = c.Programs,
            StateDirectory = c.StateDirectory,
            UserKnownHostsFiles = [knownHosts],
        }
        : null!;
        var diagnosis = Diagnosis.Diagnosis.Create(DiagnosisIds.HostKeyChanged, Certainty.Proven, [new Evidence(EvidenceSource.Probe, "changed")],
            ("host", "server.test"), ("fingerprint", "SHA256:x"), ("host_key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTestsOnly0000000000000000000000"));

        var plan = FixPlanner.Plan([diagnosis], context);

        Assert.True(plan.HasBadInput);
        Assert.Contains("is a directory", Assert.Single(plan.Refused).Reason, StringComparison.Ordinal);
        Assert.True(Directory.Exists(knownHosts));
    }

    [Fact]
    public void A_config_ssh_refuses_is_bad_input_and_is_not_edited()
    {
        using var home = new FixTestHome();
        var config = Path.Combine(home.Ssh, "config");
        var broken = "Host a\n  User \"unclosed\n"u8.ToArray();
        File.WriteAllBytes(config, broken);
        var diagnosis = Diagnosis.Diagnosis.Create(DiagnosisIds.SessionBrokenPipe, Certainty.Proven, [new Evidence(EvidenceSource.Probe, "broken pipe")], ("host", "server.test"));

        var plan = FixPlanner.Plan([diagnosis], FixRoundTrip.Context(home.Path));

        Assert.True(plan.HasBadInput);
        Assert.Contains(config, Assert.Single(plan.Refused).Reason, StringComparison.Ordinal);
        Assert.Equal(broken, File.ReadAllBytes(config));
    }

    /// <summary>fix --yes on <paramref name="home"/> in a private mount namespace after <paramref name="setup"/>; then <paramref name="after"/> inside it (its output after "CHECK code").</summary>
    private static (int Code, string Stdout, string Stderr) InMountNamespace(FixTestHome home, string setup, string? after = null)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "ssh-doctor.dll");
        var check = after is null ? string.Empty : $"; {after} > '{home.Path}/check' 2>&1; echo \"CHECK $?\" >> '{home.Path}/check'";
        var script = $"{setup} && {{ NO_COLOR=1 XDG_STATE_HOME='{home.State}' dotnet '{cli}' fix --home '{home.Path}' --yes; code=$?{check}; exit $code; }}";
        var run = Shell.Run($"unshare -m --propagation private sh -c {Quote(script)}", 120_000);
        var checkFile = Path.Combine(home.Path, "check");
        if (File.Exists(checkFile))
        {
            var lines = File.ReadAllLines(checkFile);
            run = (run.Code, run.Stdout + "\n" + string.Join('\n', lines.Where(l => l.StartsWith("CHECK", StringComparison.Ordinal)).Concat(lines.Where(l => !l.StartsWith("CHECK", StringComparison.Ordinal)))), run.Stderr);
        }

        return run;
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static void RequireRootAndUnshare()
    {
        Shell.Require(Environment.UserName == "root", "needs root for a private mount namespace");
        Shell.Require(Shell.Run("unshare -m --propagation private true").Code == 0, "unshare -m must work");
    }
}
