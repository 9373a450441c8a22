using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Cli;

/// <summary>
/// The paths check-local and check-server are given, as a user types them: a relative --home is the one under the
/// current directory; a --home, --root or --sshd-config that is not there is exit 2 with the reason, not an empty
/// report; and check-server --root reads the tree's own Includes.
/// </summary>
public sealed class AuditPathTests
{
    [Fact]
    public void A_relative_home_is_resolved_against_the_current_directory()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "h", ".ssh"));
        File.WriteAllText(Path.Combine(dir.Path, "h", ".ssh", "config"), "Hostt typo\n");

        var run = WatchedCli.Run(["check-local", "--json", "--home", "h"], TimeSpan.FromSeconds(60), workingDirectory: dir.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{dir.Path}/h/.ssh/config:1", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check-local", "--home")]
    [InlineData("check-local", "--root")]
    [InlineData("check-server", "--root")]
    [InlineData("check-server", "--sshd-config")]
    public void A_path_that_is_not_there_is_exit_2_with_the_reason(string command, string option)
    {
        using var dir = new TempDirectory();
        var missing = Path.Combine(dir.Path, "nonexistent");

        var run = WatchedCli.Run([command, option, missing], TimeSpan.FromSeconds(60), workingDirectory: dir.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"ssh-doctor: {option} {missing}: no such file or directory", run.Stderr.Trim());
    }

    [Fact]
    public void A_home_that_is_a_file_is_exit_2()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, "file"), "x");

        var run = WatchedCli.Run(["check-local", "--home", Path.Combine(dir.Path, "file")], TimeSpan.FromSeconds(60));

        Assert.Equal(2, run.ExitCode);
        Assert.EndsWith("not a directory", run.Stderr.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_server_root_takes_allow_users_and_password_authentication_from_the_trees_include()
    {
        using var dir = new TempDirectory();
        var tree = dir.Path;
        Write(tree + "/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n");
        Write(tree + "/etc/group", "alice:x:1000:\n");
        Write(tree + "/bin/bash", "#!/bin/true\n");
        Write(tree + "/home/alice/.ssh/authorized_keys", string.Empty);
        Write(tree + "/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nKbdInteractiveAuthentication no\n");
        Write(tree + "/etc/ssh/sshd_config.d/10-lock.conf", "AllowUsers bob\nPasswordAuthentication no\n");
        Shell.Run($"chmod 755 {tree}/bin/bash");

        var run = WatchedCli.Run(["check-server", "--json", "--root", tree, "--user", "alice"], TimeSpan.FromSeconds(60));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("\"auth.not-allowed\"", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("/etc/ssh/sshd_config.d/10-lock.conf:2", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"rooted.host-only\"", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\"server.sshd-not-running\"", run.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Issue 15: the hosts.deny finding printed the placeholder TEXT instead of the entry that rejects the address.</summary>
    [Fact]
    public void Check_server_root_names_the_hosts_deny_entry_that_rejects_the_client_address()
    {
        using var dir = new TempDirectory();
        var tree = dir.Path;
        Write(tree + "/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
        Write(tree + "/etc/group", "root:x:0:\n");
        Write(tree + "/etc/ssh/sshd_config", "PasswordAuthentication no\n");
        Write(tree + "/etc/hosts.deny", "sshd: 192.0.2.\n");

        var run = WatchedCli.Run(["check-server", "--root", tree, "--client-ip", "192.0.2.10"], TimeSpan.FromSeconds(60), environment: new Dictionary<string, string> { ["NO_COLOR"] = "1" });

        Assert.Contains("hosts.deny rejects 192.0.2.10: sshd: 192.0.2.", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("TEXT", run.Stdout, StringComparison.Ordinal);
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
