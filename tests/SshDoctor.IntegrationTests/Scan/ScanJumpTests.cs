using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Reporting;

namespace SshDoctor.IntegrationTests.Scan;

/// <summary>
/// ProxyJump in a scan: four real sshd behind one real jump sshd, all probed at once with -J. The jump host's log shows
/// exactly one connection and one login for the four (each target in its own direct-tcpip channel over it), and every
/// target is probed as diagnose would. Needs root: fails under CI=true otherwise.
/// </summary>
public sealed class ScanJumpTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hosts_behind_one_jump_host_share_one_connection_to_it()
    {
        await using var ns = NetworkNamespace.Create();
        using var directory = new TempDirectory();
        Directory.CreateDirectory("/run/sshd");
        var sshd = ExternalTool.Require("sshd");
        string StartSshd(string name, string address, int port, string extra = "")
        {
            var config = directory.File(name + ".conf");
            var log = directory.File(name + ".log");
            File.WriteAllText(config, $"Port {port}\nListenAddress {address}\nHostKey {directory.NewKey(name + ".hostkey")}\nPidFile {directory.File(name + ".pid")}\nUsePAM no\nLogLevel VERBOSE\n{extra}");
            ns.Start(sshd, "-D", "-E", log, "-f", config);
            return log;
        }

        var user = directory.NewKey("user");
        var authorized = directory.File("jump.authorized");
        File.Copy(user + ".pub", authorized);
        var jumpLog = StartSshd("jump", "127.0.0.1", 2200, $"StrictModes no\nAuthorizedKeysFile {authorized}\n");
        string[] targets = ["127.0.0.2:2201", "127.0.0.3:2201", "127.0.0.4:2201", "127.0.0.5:2201"];
        var targetLogs = targets.Select((t, i) => StartSshd($"target{i}", t.Split(':')[0], 2201)).ToList();
        await Task.Delay(500, Token);
        // The hop gets its own ssh -G over this config, as ssh's -J does: the key comes from here, not from -i.
        var config = directory.File("ssh_config");
        File.WriteAllText(config, $"Host *\n  IdentityFile {user}\n  IdentitiesOnly yes\n");

        var scan = await ns.RunDoctorAsync(["scan", .. targets, "-J", "root@127.0.0.1:2200", "--json", "--concurrency", "8", "-F", config, "--agent", "none",
            "--known-hosts", directory.File("known_hosts"), "--timeout", "10", "-l", "root", "--db", directory.File("history.db")]);

        var report = ScanReportJson.Deserialize(scan.Stdout)!;
        Assert.True(report.Hosts!.Count == 4, scan.Stdout + scan.Stderr);
        Assert.All(report.Hosts!, h =>
        {
            Assert.True(h.Outcome == "ok", $"{h.Destination}: {h.Outcome}\n{scan.Stdout}");
            Assert.StartsWith("SSH-2.0-OpenSSH", h.Banner, StringComparison.Ordinal);
            Assert.Contains(h.Stages, s => s.Stage == "tcp" && (s.Detail ?? "").Contains("direct-tcpip channel through root@127.0.0.1:2200", StringComparison.Ordinal));
        });
        var jump = await File.ReadAllLinesAsync(jumpLog, Token);
        Assert.True(jump.Count(l => l.StartsWith("Connection from ", StringComparison.Ordinal)) == 1, string.Join('\n', jump));
        Assert.Single(jump, l => l.Contains("Accepted publickey for root", StringComparison.Ordinal));
        // Each target was reached from the jump host, once per connection the probe needs.
        foreach (var log in targetLogs)
        {
            Assert.Contains(await File.ReadAllLinesAsync(log, Token), l => l.StartsWith("Connection from 127.0.0.1 ", StringComparison.Ordinal));
        }
    }
}
