using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Cli;

/// <summary>
/// ssh-doctor stopped mid-run (Ctrl-C, SIGTERM, a hang-up) takes what it started with it: the real CLI runs until its
/// child (a stand-in for ssh -G or sshd -t that itself starts a background process and sleeps) is running, gets the
/// signal, and afterwards no process it started is alive. The stand-in is found first on PATH; the real ssh and sshd
/// are not run, nothing of the machine's own configuration is read by them.
/// </summary>
public sealed class InterruptTests
{
    [Theory]
    [InlineData("check-local", "SIGTERM")]
    [InlineData("check-local", "SIGINT")]
    [InlineData("check-local", "SIGHUP")]
    [InlineData("check-server", "SIGTERM")]
    [InlineData("diagnose", "SIGTERM")]
    public void Nothing_ssh_doctor_started_outlives_it(string command, string signal)
    {
        Shell.Require(SshDoctor.Audit.ProcessGroups.Isolated, "setsid (util-linux) is needed for process groups");
        if (command == "check-server")
        {
            Shell.Require(Shell.IsRoot, "check-server runs sshd -t only as root");
        }

        using var dir = new TempDirectory();
        var bin = Directory.CreateDirectory(Path.Combine(dir.Path, "bin")).FullName;
        foreach (var program in (string[])["ssh", "sshd"])
        {
            File.WriteAllText(Path.Combine(bin, program), "#!/bin/sh\nsleep 600 &\nexec sleep 601\n");
        }

        Shell.Run($"chmod 755 {bin}/ssh {bin}/sshd");
        var home = Path.Combine(dir.Path, "home");
        Directory.CreateDirectory(Path.Combine(home, ".ssh"));
        File.WriteAllText(Path.Combine(home, ".ssh", "config"), "Host example\n  Port 22\n");
        File.WriteAllText(Path.Combine(dir.Path, "sshd_config"), "Port 22\n");
        Shell.Run($"chmod 600 {home}/.ssh/config {dir.Path}/sshd_config");
        string[] arguments = command switch
        {
            "check-local" => ["check-local", "--home", home],
            "check-server" => ["check-server", "--sshd-config", Path.Combine(dir.Path, "sshd_config")],
            _ => ["diagnose", "-F", Path.Combine(home, ".ssh", "config"), "--agent", "none", "127.0.0.1"],
        };
        var seen = new List<string>();

        var run = WatchedCli.Run(arguments, TimeSpan.FromSeconds(60), new Dictionary<string, string>
        {
            ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["HOME"] = home,
        }, dir.Path, during: (pid, children) =>
        {
            bool Running(string what) => children().Any(c => c.Contains(what, StringComparison.Ordinal));
            for (var i = 0; i < 400 && !(Running("sleep 601") && Running("sleep 600")); i++)
            {
                Thread.Sleep(50);
            }

            seen.AddRange(children());
            Shell.Run($"kill -{signal[3..]} {pid}");
        });

        Assert.Contains(seen, c => c.Contains("sleep 601", StringComparison.Ordinal));
        Assert.Contains(seen, c => c.Contains("sleep 600", StringComparison.Ordinal));
        Assert.NotNull(run.ExitCode);
        Assert.True(run.Wall < TimeSpan.FromSeconds(60), run.ToString());
        Assert.Empty(run.Survivors);
    }
}
