using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Cli;

/// <summary>
/// diagnose with files that are not what they seem, against a real sshd: a known_hosts named by the config that is a
/// FIFO is not opened and the host-key evidence says so; a key file given with -i that is /dev/zero is exit 2.
/// </summary>
public sealed class DiagnoseFileTests
{
    [Fact]
    public async Task A_known_hosts_fifo_named_by_the_config_is_not_opened_and_the_evidence_says_why()
    {
        await using var server = await SshdServer.StartAsync([]);
        using var dir = new TempDirectory();
        var fifo = dir.File("known_hosts");
        Shell.Run($"mkfifo {fifo}");
        File.WriteAllText(dir.File("config"), $"UserKnownHostsFile {fifo}\nGlobalKnownHostsFile /dev/null\nStrictHostKeyChecking yes\n");
        Directory.CreateDirectory(dir.File("home"));

        var run = WatchedCli.Run(["diagnose", "--json", "--agent", "none", "--timeout", "10", "-F", dir.File("config"), "-p", Port(server), "root@127.0.0.1"],
            TimeSpan.FromSeconds(90), new Dictionary<string, string> { ["HOME"] = dir.File("home") });

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("\"hostkey.unknown\"", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{fifo} is a FIFO, not a regular file: not read", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-i", "/dev/zero", "a character device, not a regular file")]
    [InlineData("--known-hosts", "/dev/zero", "a character device, not a regular file")]
    [InlineData("-F", "/", "a directory, not a regular file")]
    public void A_device_or_directory_named_on_the_command_line_is_exit_2_before_anything_runs(string option, string path, string reason)
    {
        var run = WatchedCli.Run(["diagnose", option, path, "127.0.0.1"], TimeSpan.FromSeconds(60));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"ssh-doctor: {option} {path}: {reason}", run.Stderr.Trim());
    }

    private static string Port(SshdServer server) => server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
