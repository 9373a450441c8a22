using SshDoctor.Diagnosis;

namespace SshDoctor.Tests.Audit.Server;

/// <summary>
/// check-server reading a prepared tree as hostile input and as --root: the tree's own Includes decide (never the
/// host's), this machine's programs and live state are not consulted under --root, sshd -T / sshd -t never run on a
/// configuration that was not read whole, and a FIFO anywhere is reported instead of blocking.
/// </summary>
public sealed class ServerFileReadingTests : IDisposable
{
    private readonly PreparedServerTree _tree = new();

    public ServerFileReadingTests()
    {
        _tree.Write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n")
            .Write("/etc/group", "root:x:0:\nalice:x:1000:\n")
            .Write("/bin/bash", "#!/bin/true\n")
            .Write("/home/alice/.ssh/authorized_keys", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice\n");
        Shell.Run($"chmod 755 {_tree.Root}/bin/bash");
    }

    [Fact]
    public void Under_root_the_trees_own_include_decides_and_sshd_t_is_not_run_against_the_host()
    {
        _tree.Write("/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nPort 22\n")
            .Write("/etc/ssh/sshd_config.d/10-lock.conf", "AllowUsers bob\nPasswordAuthentication no\n");
        _tree.Programs.Prints("sshd", "passwordauthentication yes\nallowusers alice\n").Prints("iptables-save", "*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n");

        // A tree of configuration only, as an admin copies it: no /proc of its own.
        Directory.Delete(_tree.Root + "/proc", recursive: true);

        var result = _tree.Audit(users: ["alice"], clientIp: "192.0.2.1", rooted: true);

        var denied = Assert.Single(result.Diagnoses, d => d.Id == DiagnosisIds.AuthNotAllowed);
        Assert.Contains("AllowUsers", denied.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Contains(result.Findings, f => f.Code == "sshd.directive" && f.Values["keyword"] == "passwordauthentication" && f.Values["value"] == "no"
            && f.Where == "/etc/ssh/sshd_config.d/10-lock.conf:2");
        Assert.DoesNotContain(_tree.Programs.Calls, c => c.StartsWith("sshd", StringComparison.Ordinal) || c.StartsWith("iptables", StringComparison.Ordinal));
        Assert.Contains(result.Findings, f => f.Code == "rooted.host-only" && f.Area == "firewall");
        Assert.Contains(result.Findings, f => f.Code == "rooted.host-only" && f.Area == "bans");
        Assert.Contains(result.Findings, f => f.Code == "rooted.host-only" && f.Area == "service");
        Assert.DoesNotContain(result.Diagnoses, d => d.Id == DiagnosisIds.ServerSshdNotRunning);
    }

    [Fact]
    public void A_match_block_in_an_included_file_ends_with_that_file()
    {
        // servconf.c: "Don't let included files clobber the containing file's Match state".
        _tree.Write("/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\n")
            .Write("/etc/ssh/sshd_config.d/50-bob.conf", "Match User bob\n  PasswordAuthentication no\n");

        var result = _tree.Audit(users: ["root"], rooted: true);

        Assert.Contains(result.Diagnoses, d => d.Id == DiagnosisIds.AuthRootRefused);
    }

    [Fact]
    public void Match_lines_of_a_file_included_inside_a_match_block_need_both_blocks()
    {
        _tree.Write("/etc/ssh/sshd_config", "Match Address 198.51.100.0/24\n  Include /etc/ssh/inner.conf\n")
            .Write("/etc/ssh/inner.conf", "Match User alice\n  PubkeyAuthentication no\n");

        var inside = _tree.Audit(users: ["alice"], clientIp: "198.51.100.7", rooted: true);
        var outside = _tree.Audit(users: ["alice"], clientIp: "203.0.113.9", rooted: true);

        Assert.Contains(inside.Diagnoses, d => d.Id == DiagnosisIds.AuthPublicKeyDisabled);
        Assert.DoesNotContain(outside.Diagnoses, d => d.Id == DiagnosisIds.AuthPublicKeyDisabled);
    }

    [Fact]
    public void An_include_loop_in_sshd_config_is_server_config_invalid_once()
    {
        _tree.Write("/etc/ssh/sshd_config", "Include /etc/ssh/a.conf\n")
            .Write("/etc/ssh/a.conf", "Include /etc/ssh/b.conf\n")
            .Write("/etc/ssh/b.conf", "Include /etc/ssh/a.conf\n");
        _tree.Programs.Prints("sshd", string.Empty);

        var result = _tree.Audit();

        var invalid = Assert.Single(result.Diagnoses, d => d.Id == DiagnosisIds.ServerConfigInvalid);
        Assert.Contains("Too many recursive configuration includes", invalid.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Single(result.Findings, f => f.Code == "sshd.include-loop");
        Assert.DoesNotContain(_tree.Programs.Calls, c => c.StartsWith("sshd", StringComparison.Ordinal));
        Assert.Contains(result.Findings, f => f.Code == "sshd.t-unsafe");
    }

    [Theory]
    [InlineData("/etc/ssh/sshd_config")]
    [InlineData("/etc/ssh/sshd_config.d/a.conf")]
    public void A_fifo_in_the_configuration_is_reported_and_sshd_is_never_run_on_it(string fifo)
    {
        _tree.Write("/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\n");
        Directory.CreateDirectory(_tree.Root + "/etc/ssh/sshd_config.d");
        File.Delete(_tree.Root + fifo);
        Shell.Run($"mkfifo {_tree.Root}{fifo}");
        _tree.Programs.Prints("sshd", string.Empty);

        var result = _tree.Audit(users: ["alice"]);

        Assert.Equal(fifo, Assert.Single(result.Findings, f => f.Code == "file.not-regular").Where);
        Assert.DoesNotContain(_tree.Programs.Calls, c => c.StartsWith("sshd", StringComparison.Ordinal));
    }

    [Fact]
    public void A_passwd_that_cannot_be_read_does_not_make_every_user_missing()
    {
        _tree.Write("/etc/ssh/sshd_config", "Port 22\n");
        File.Delete(_tree.Root + "/etc/passwd");
        Shell.Run($"mkfifo {_tree.Root}/etc/passwd");

        var result = _tree.Audit(users: ["alice"]);

        Assert.DoesNotContain(result.Diagnoses, d => d.Id == DiagnosisIds.AuthWrongUser);
        Assert.Contains(result.Findings, f => f.Code == "user.passwd-unread" && f.Values["reason"] == "a FIFO, not a regular file");
        Assert.Contains(result.Findings, f => f.Code == "file.not-regular" && f.Where == "/etc/passwd");
    }

    [Theory]
    [InlineData("/home/alice/.ssh/authorized_keys")]
    [InlineData("/etc/hosts.deny")]
    [InlineData("/etc/shells")]
    [InlineData("/proc/net/tcp")]
    public async Task A_fifo_the_audit_reads_does_not_block_it(string fifo)
    {
        _tree.Write("/etc/ssh/sshd_config", "Port 22\n");
        Directory.CreateDirectory(Path.GetDirectoryName(_tree.Root + fifo)!);
        File.Delete(_tree.Root + fifo);
        Shell.Run($"mkfifo {_tree.Root}{fifo}");

        var audit = Task.Run(() => _tree.Audit(users: ["alice"], clientIp: "192.0.2.1"), TestContext.Current.CancellationToken);

        await audit.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    public void Dispose() => _tree.Dispose();
}
