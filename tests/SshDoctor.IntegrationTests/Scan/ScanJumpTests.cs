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

    /// <summary>
    /// Sixteen targets behind one jump host, each with a 5 s per-host deadline: they share the one jump connection, up
    /// to <see cref="SshDoctor.Probing.Connect.JumpCarriers.ChannelsPerSession"/> of them in their own channels at once
    /// (the jump sshd's debug log counts the channels it holds as it frees each), and the waiting of the others does
    /// not count against a target's deadline, so none ends as "deadline". Every target's result is its own server's:
    /// the two target sshd have different host keys. Still one connection and one login to the jump host. The scan's wall time is written to the test output (no assertion on it).
    /// </summary>
    [Fact]
    public async Task Hosts_behind_one_jump_host_are_probed_together_over_one_connection()
    {
        await using var ns = NetworkNamespace.Create();
        using var directory = new TempDirectory();
        Directory.CreateDirectory("/run/sshd");
        var sshd = ExternalTool.Require("sshd");
        var user = directory.NewKey("user");
        var authorized = directory.File("jump.authorized");
        File.Copy(user + ".pub", authorized);
        var jumpLog = directory.File("jump.log");
        var jumpConfig = directory.File("jump.conf");
        File.WriteAllText(jumpConfig, $"Port 2200\nListenAddress 127.0.0.1\nHostKey {directory.NewKey("jump.hostkey")}\nPidFile {directory.File("jump.pid")}\nUsePAM no\nLogLevel DEBUG1\n"
            + $"StrictModes no\nAuthorizedKeysFile {authorized}\n");
        ns.Start(sshd, "-D", "-E", jumpLog, "-f", jumpConfig);
        // Two sshd, eight addresses each (sshd listens on at most 16 sockets), each with its own host key.
        var targets = Enumerable.Range(0, 16).Select(i => $"127.0.1.{i + 10}:2201").ToList();
        var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var half in targets.Chunk(8).Select((chunk, i) => (chunk, i)))
        {
            var config = directory.File($"targets{half.i}.conf");
            var hostKey = directory.NewKey($"targets{half.i}.hostkey");
            var fingerprint = ExternalTool.Run("ssh-keygen", "-l", "-E", "sha256", "-f", hostKey + ".pub").Split(' ')[1];
            foreach (var target in half.chunk)
            {
                fingerprints[target] = fingerprint;
            }

            File.WriteAllText(config, $"Port 2201\n{string.Concat(half.chunk.Select(t => $"ListenAddress {t.Split(':')[0]}\n"))}HostKey {hostKey}\n"
                + $"PidFile {directory.File($"targets{half.i}.pid")}\nUsePAM no\nMaxStartups 100\n");
            ns.Start(sshd, "-D", "-E", directory.File($"targets{half.i}.log"), "-f", config);
        }

        await Task.Delay(500, Token);
        var config2 = directory.File("ssh_config");
        File.WriteAllText(config2, $"Host *\n  IdentityFile {user}\n  IdentitiesOnly yes\n");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var scan = await ns.RunDoctorAsync(["scan", .. targets, "-J", "root@127.0.0.1:2200", "--json", "--per-host-timeout", "5", "-F", config2, "--agent", "none",
            "--known-hosts", directory.File("known_hosts"), "--timeout", "5", "-l", "root", "--no-history"]);

        clock.Stop();
        var report = ScanReportJson.Deserialize(scan.Stdout)!;
        var outcomes = report.Hosts!.Select(h => $"{h.Destination} {h.Outcome} {h.ElapsedMs} ms").ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"16 hosts behind one jump host: scan {clock.Elapsed.TotalSeconds:0.0} s wall; per host: {string.Join(", ", outcomes)}");
        Assert.True(report.Hosts!.Count == 16, scan.Stdout + scan.Stderr);
        Assert.All(report.Hosts!, h =>
        {
            Assert.True(h.Outcome == "ok", string.Join('\n', outcomes));
            Assert.StartsWith("SSH-2.0-OpenSSH", h.Banner, StringComparison.Ordinal);
            Assert.Equal(fingerprints[h.Destination], h.HostKey?.Fingerprint);
            Assert.Contains(h.Stages, s => s.Stage == "tcp" && (s.Detail ?? "").Contains($"direct-tcpip channel through root@127.0.0.1:2200 to {h.Destination.Split(':')[0]} port 2201", StringComparison.Ordinal));
        });
        var jump = await File.ReadAllLinesAsync(jumpLog, Token);
        Assert.True(jump.Count(l => l.StartsWith("Connection from ", StringComparison.Ordinal)) == 1, string.Join('\n', jump));
        Assert.Single(jump, l => l.Contains("Accepted publickey for root", StringComparison.Ordinal));
        // sshd's debug log says, as it frees each channel, how many it holds then ("nchannels N", the freed one included).
        // Taking turns, a target's channel could overlap the next one's only while its close is in flight: 2 at most.
        var held = jump.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"channel \d+: free: .*nchannels (\d+)")).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(held.Count >= 16, string.Join('\n', jump));
        Assert.True(held.Max() >= 3, $"at most {held.Max()} channels at once: the targets took turns\n" + string.Join('\n', jump));
    }
}
