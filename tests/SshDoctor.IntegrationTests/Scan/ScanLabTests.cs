using System.Diagnostics;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Scan.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Reporting;
using SshDoctor.Tests.TestSupport;

namespace SshDoctor.IntegrationTests.Scan;

/// <summary>
/// <c>scan</c> against a small fleet of real sshd processes in a network namespace of its own (several addresses and
/// ports), a legacy server, a refused and a silently dropped port: each host's outcome is the id <c>diagnose</c> reports,
/// a malformed inventory line is skipped with its file:line, a duplicate is probed once, and a host key regenerated
/// between two scans is reported from the history with both fingerprints. Needs root: fails under CI=true otherwise.
/// </summary>
public sealed class ScanLabTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_fleet_is_scanned_as_diagnose_sees_each_host_and_a_new_host_key_shows_in_the_next_scan()
    {
        await using var fleet = await LabFleet.StartAsync(Token);
        var ns = fleet.Namespace;
        var directory = fleet.Directory;

        var inventory = directory.File("fleet.txt");
        await File.WriteAllTextAsync(inventory, """
            # the lab fleet
            127.0.0.1:2201
            not a host line
            127.0.0.2:2201
            127.0.0.3:2202
            127.0.0.4:2203
            127.0.0.5:2204
            127.0.0.6:2205
            127.0.0.1:2201
            """, Token);
        var db = directory.File("history.db");
        var common = fleet.Options;

        var first = await ns.RunDoctorAsync(["scan", "-f", inventory, "--json", "--db", db, .. common]);

        Assert.True(first.ExitCode == 1, first.Stdout + first.Stderr);
        Assert.DoesNotContain("\r", first.Stderr, StringComparison.Ordinal); // no progress line on a pipe
        Assert.Contains($"{inventory}:3", first.Stderr, StringComparison.Ordinal);
        var report = ScanReportJson.Deserialize(first.Stdout)!;
        Assert.Equal($"{inventory}:3", Assert.Single(report.InventoryProblems).Where);
        Assert.Equal(1, report.Summary!.Duplicates);
        var hosts = report.Hosts!.ToDictionary(h => h.Destination);
        Assert.Equal(6, hosts.Count);
        foreach (var ok in (string[])["127.0.0.1:2201", "127.0.0.2:2201", "127.0.0.3:2202"])
        {
            Assert.Equal("ok", hosts[ok].Outcome);
            Assert.Equal("ok", hosts[ok].Stages.Single(s => s.Stage == "auth").Status);
            Assert.Contains("curve25519-sha256", hosts[ok].Algorithms.Single(a => a.Slot == "kex").Server);
            Assert.Equal("new", hosts[ok].HostKey!.KnownHosts);
            Assert.Contains(hosts[ok].Findings, f => f.Kind == "not-in-known-hosts");
        }

        Assert.Contains("diffie-hellman-group1-sha1", hosts["127.0.0.4:2203"].Algorithms.Single(a => a.Slot == "kex").Legacy);
        Assert.Contains(hosts["127.0.0.4:2203"].Findings, f => f.Kind == "legacy-algorithms");
        Assert.Equal("tcp.refused", hosts["127.0.0.5:2204"].Outcome);
        Assert.Equal("tcp.timeout", hosts["127.0.0.6:2205"].Outcome);
        foreach (var failing in (string[])["127.0.0.4:2203", "127.0.0.5:2204", "127.0.0.6:2205"])
        {
            // Exactly what diagnose reports for the same destination and options.
            var diagnose = await ns.RunDoctorAsync(["diagnose", "--json", failing, .. common]);
            var diagnosed = ReportJson.Deserialize(diagnose.Stdout)!;
            Assert.Equal(diagnosed.Diagnoses[0].Id, hosts[failing].Outcome);
            Assert.Equal(diagnosed.Diagnoses.Select(d => d.Id), hosts[failing].Diagnoses.Select(d => d.Id));
        }

        var oldFingerprint = hosts["127.0.0.3:2202"].HostKey!.Fingerprint;
        await fleet.NewHostKeyAsync("c", Token);

        var second = await ns.RunDoctorAsync(["scan", "127.0.0.3:2202", "127.0.0.1:2201", "--json", "--db", db, .. common]);

        var again = ScanReportJson.Deserialize(second.Stdout)!.Hosts!.ToDictionary(h => h.Destination);
        var change = Assert.Single(again["127.0.0.3:2202"].Changes);
        Assert.Equal(("host-key-changed", "hostkey.changed"), (change.Kind, change.Id));
        Assert.Equal($"ssh-ed25519 {oldFingerprint}", change.Before);
        Assert.Equal($"ssh-ed25519 {again["127.0.0.3:2202"].HostKey!.Fingerprint}", change.After);
        Assert.NotEqual(change.PreviousScan, change.ThisScan);
        Assert.Empty(again["127.0.0.1:2201"].Changes);

        var history = await ns.RunDoctorAsync("scan", "--history", "127.0.0.3:2202", "--json", "--db", db);
        Assert.Equal(2, ScanReportJson.Deserialize(history.Stdout)!.Snapshots!.Count);
        var since = await ns.RunDoctorAsync("scan", "--since", "1h", "--db", db);
        Assert.Contains("hostkey.changed", since.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_all_host_keys_every_type_is_recorded_as_ssh_keyscan_sees_it_and_a_changed_key_that_is_not_negotiated_shows_against_the_last_scan_that_fetched_it()
    {
        await using var ns = NetworkNamespace.Create();
        using var directory = new TempDirectory();
        Directory.CreateDirectory("/run/sshd");
        var sshd = ExternalTool.Require("sshd");
        var config = directory.File("sshd.conf");
        var log = directory.File("sshd.log");
        File.WriteAllText(config, $"Port 2201\nListenAddress 127.0.0.1\nHostKey {directory.NewKey("ed25519", "ed25519")}\nHostKey {directory.NewKey("ecdsa", "ecdsa")}\nHostKey {directory.NewKey("rsa", "rsa")}\nPidFile {directory.File("pid")}\nUsePAM no\nLogLevel VERBOSE\n");
        Process Start() => ns.Start(sshd, "-D", "-E", log, "-f", config);
        var server = Start();
        await Task.Delay(500, Token);
        string[] common = ["127.0.0.1:2201", "--json", "-F", "/dev/null", "--agent", "none", "--known-hosts", directory.File("known_hosts"), "--timeout", "5", "-l", "root", "--db", directory.File("history.db")];

        var first = await ns.RunDoctorAsync(["scan", .. common, "--all-host-keys"]);

        var host = Assert.Single(ScanReportJson.Deserialize(first.Stdout)!.Hosts!);
        Assert.Equal("ssh-ed25519", host.HostKey!.Type); // negotiated, as ssh would
        // One connection at a time: each key's connection ends before the next is accepted, and none tried to log in.
        var lines = File.ReadAllLines(log); // before ssh-keyscan, which asks in parallel
        Assert.DoesNotContain(lines, l => l.Contains("Failed ", StringComparison.Ordinal) || l.Contains("Invalid user", StringComparison.Ordinal));
        var open = 0;
        foreach (var line in lines)
        {
            open += line.StartsWith("Connection from ", StringComparison.Ordinal) ? 1 : 0;
            Assert.True(open <= 1, string.Join('\n', lines));
            open -= line.Contains("Connection closed by", StringComparison.Ordinal) || line.Contains("Disconnected from", StringComparison.Ordinal) || line.Contains("Connection reset by", StringComparison.Ordinal) ? 1 : 0;
        }

        // The same keys ssh-keyscan finds asking for every type.
        var scanned = directory.File("keyscan");
        File.WriteAllText(scanned, ExternalTool.Run("ip", "netns", "exec", ns.Name, "ssh-keyscan", "-t", "ed25519,ecdsa,rsa", "-p", "2201", "127.0.0.1"));
        var keyscan = ExternalTool.Run("ssh-keygen", "-l", "-f", scanned).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[1]).Order(StringComparer.Ordinal);
        Assert.Equal(keyscan, host.HostKeys.Select(k => k.Fingerprint).Order(StringComparer.Ordinal));
        Assert.Equal(["ecdsa-sha2-nistp256", "ssh-ed25519", "ssh-rsa"], host.HostKeys.Select(k => k.Type));
        var oldRsa = host.HostKeys.Single(k => k.Type == "ssh-rsa").Fingerprint;
        server.Kill();
        await server.WaitForExitAsync(Token);
        directory.NewKey("rsa", "rsa");
        server = Start();
        await Task.Delay(500, Token);

        var second = await ns.RunDoctorAsync(["scan", .. common, "--all-host-keys"]);

        var again = Assert.Single(ScanReportJson.Deserialize(second.Stdout)!.Hosts!);
        Assert.Equal(host.HostKey.Fingerprint, again.HostKey!.Fingerprint); // the negotiated key did not change
        var change = Assert.Single(again.Changes);
        Assert.Equal(("host-key-changed", "hostkey.changed"), (change.Kind, change.Id));
        Assert.Equal($"ssh-rsa {oldRsa}", change.Before);
        var secondRsa = again.HostKeys.Single(k => k.Type == "ssh-rsa").Fingerprint;
        Assert.Equal($"ssh-rsa {secondRsa}", change.After);

        // A default scan fetches only the negotiated key: the RSA key it did not fetch is neither changed nor removed.
        server.Kill();
        await server.WaitForExitAsync(Token);
        directory.NewKey("rsa", "rsa");
        server = Start();
        await Task.Delay(500, Token);
        var third = await ns.RunDoctorAsync(["scan", .. common]);
        var negotiatedOnly = Assert.Single(ScanReportJson.Deserialize(third.Stdout)!.Hosts!);
        Assert.True(negotiatedOnly.Changes.Count == 0 && negotiatedOnly.HostKeys.Select(k => k.Type).SequenceEqual(["ssh-ed25519"]), third.Stdout);
        Assert.Contains("ssh-rsa", negotiatedOnly.HostKeyTypes);

        // The next --all-host-keys scan compares the RSA key with the last scan that fetched one (the second), not the third.
        var fourth = await ns.RunDoctorAsync(["scan", .. common, "--all-host-keys"]);
        var all = Assert.Single(ScanReportJson.Deserialize(fourth.Stdout)!.Hosts!);
        Assert.True(all.Changes.Count == 1 && all.HostKeys.Count == 3, fourth.Stdout + fourth.Stderr);
        var rsaChange = all.Changes[0];
        Assert.Equal(($"ssh-rsa {secondRsa}", $"ssh-rsa {all.HostKeys.Single(k => k.Type == "ssh-rsa").Fingerprint}"), (rsaChange.Before, rsaChange.After));
        Assert.Equal(change.ThisScan, rsaChange.PreviousScan);
    }

    [Fact]
    public async Task A_changed_host_key_of_the_type_the_history_recorded_is_found_when_known_hosts_names_none()
    {
        await using var ns = NetworkNamespace.Create();
        using var directory = new TempDirectory();
        Directory.CreateDirectory("/run/sshd");
        var config = directory.File("sshd.conf");
        File.WriteAllText(config, $"Port 2201\nListenAddress 127.0.0.1\nHostKey {directory.NewKey("ed25519", "ed25519")}\nHostKey {directory.NewKey("ecdsa", "ecdsa")}\nPidFile {directory.File("pid")}\nUsePAM no\n");
        Process Start() => ns.Start(ExternalTool.Require("sshd"), "-D", "-E", directory.File("sshd.log"), "-f", config);
        var server = Start();
        await Task.Delay(500, Token);
        string[] common = ["127.0.0.1:2201", "--json", "-F", "/dev/null", "--agent", "none", "--known-hosts", directory.File("known_hosts"), "--timeout", "2", "-l", "root", "--db", directory.File("history.db")];

        // The first scan negotiates ECDSA (a user whose HostKeyAlgorithms put it first); later scans do without the option.
        var first = await ns.RunDoctorAsync(["scan", .. common, "-o", "HostKeyAlgorithms=ecdsa-sha2-nistp256,ssh-ed25519"]);
        var before = Assert.Single(ScanReportJson.Deserialize(first.Stdout)!.Hosts!);
        Assert.True(before.HostKey?.Type == "ecdsa-sha2-nistp256", first.Stdout + first.Stderr);
        server.Kill();
        await server.WaitForExitAsync(Token);
        directory.NewKey("ecdsa", "ecdsa");
        Start();
        await Task.Delay(500, Token);

        var second = await ns.RunDoctorAsync(["scan", .. common]);

        // known_hosts names no type, the history names ECDSA: it is offered first, so its change is found (ed25519 would be new).
        var after = Assert.Single(ScanReportJson.Deserialize(second.Stdout)!.Hosts!);
        Assert.True(after.HostKey?.Type == "ecdsa-sha2-nistp256" && after.Connections == 1, second.Stdout);
        var change = Assert.Single(after.Changes);
        Assert.Equal(("host-key-changed", "hostkey.changed"), (change.Kind, change.Id));
        Assert.Equal(($"ecdsa-sha2-nistp256 {before.HostKey.Fingerprint}", $"ecdsa-sha2-nistp256 {after.HostKey.Fingerprint}"), (change.Before, change.After));
    }

    [Fact]
    public async Task A_hostile_banner_is_escaped_in_the_table_the_json_and_the_csv()
    {
        await using var server = new FakeTcpServer(async (stream, ct) =>
        {
            await stream.WriteAsync("SSH-2.0-evil\u001b]0;pwned\u0007\u202e\r\n"u8.ToArray(), ct);
            var buffer = new byte[4096];
            while (await stream.ReadAsync(buffer, ct) > 0)
            {
            }
        });
        using var directory = new TempDirectory();
        var port = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var format in (string[][])[[], ["--json"], ["--csv"]])
        {
            var run = CliRun.Run(["scan", "127.0.0.1:" + port, "-F", "/dev/null", "--agent", "none", "--known-hosts", directory.File("kh"), "--timeout", "2", "--db", directory.File("h.db"), .. format]);

            TerminalSafety.AssertSafe(run, "scan " + string.Join(' ', format));
            Assert.True(format.Length == 0 || run.Stdout.Replace("\\\\", "\\", StringComparison.Ordinal).Contains("evil\\x1b]0;pwned\\x07", StringComparison.Ordinal), run.Stdout);
            Assert.DoesNotContain("pwned\u0007", run.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_history_that_cannot_be_written_stops_the_scan_before_any_connection()
    {
        var run = await DoctorProcess.RunAsync(["scan", "127.0.0.1:1", "--db", "/proc/version/history.db"]);

        Assert.Equal(2, run.Code);
        Assert.Contains("/proc/version/history.db", run.Stderr, StringComparison.Ordinal);
    }
}
