using System.Globalization;
using System.Text.RegularExpressions;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Reporting;

namespace SshDoctor.IntegrationTests.Scan;

/// <summary>
/// scan against real defenders. A real fail2ban (a server of the test's own: config, socket, log in a temporary
/// directory, no action, so no firewall is touched) with Debian's default sshd jail (maxretry 5, findtime 10m, the sshd
/// filter in mode normal) reads what a real sshd logs — its stderr relayed line by line with the syslog header syslog
/// would add — while the same host is scanned again and again, with --keys too: no failure counts and nothing is banned,
/// and a real ssh trying an unknown user five times is banned (the jail does see sshd). And a real sshd with
/// PerSourcePenalties (OpenSSH 10.0 from bookworm-backports, unpacked by tests/lab/fetch-openssh-backports.sh, never
/// installed) activates no penalty for ten default scans of the same host in a row (one connection each), nor for an
/// --all-host-keys scan and an --all-host-keys --keys scan right after. Needs root: fails under CI=true otherwise.
/// </summary>
public sealed class ScanPolitenessTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Scanning_a_host_again_and_again_with_keys_never_counts_against_a_default_fail2ban_jail()
    {
        ExternalTool.Require("fail2ban-server");
        ExternalTool.Require("fail2ban-client");
        await using var ns = NetworkNamespace.Create();
        using var directory = new TempDirectory();
        Directory.CreateDirectory("/run/sshd");
        var accepted = directory.NewKey("accepted");
        var refused = directory.NewKey("refused");
        var authorized = directory.File("authorized");
        File.Copy(accepted + ".pub", authorized);
        var config = directory.File("sshd.conf");
        // Three host key types and --all-host-keys: the scan's most connections per host. LogLevel INFO, as Debian's sshd logs.
        File.WriteAllText(config, $"Port 2201\nListenAddress 127.0.0.1\nHostKey {directory.NewKey("ed", "ed25519")}\nHostKey {directory.NewKey("ec", "ecdsa")}\nHostKey {directory.NewKey("rsa", "rsa")}\n"
            + $"PidFile {directory.File("sshd.pid")}\nUsePAM no\nStrictModes no\nAuthorizedKeysFile {authorized}\n");
        var authLog = directory.File("auth.log");
        File.WriteAllText(authLog, string.Empty);
        var sshd = ns.Start(ExternalTool.Require("sshd"), "-D", "-e", "-f", config);
        var relay = RelayAsSyslog(sshd, authLog);
        await using var fail2ban = Fail2ban.Start(directory, authLog);
        await Task.Delay(500, Token);

        string[] common = ["127.0.0.1:2201", "-F", "/dev/null", "--agent", "none", "--known-hosts", directory.File("known_hosts"), "--timeout", "5", "-l", "root", "--db", directory.File("history.db"), "--json", "--all-host-keys"];
        for (var i = 0; i < 6; i++)
        {
            string[] keys = i % 2 == 0 ? [] : ["--keys", "-i", refused, "-i", accepted];
            var scan = await ns.RunDoctorAsync(["scan", .. common, .. keys]);
            var host = Assert.Single(ScanReportJson.Deserialize(scan.Stdout)!.Hosts!);
            Assert.True(host.Outcome == "ok", scan.Stdout + scan.Stderr);
            Assert.Equal(3, host.HostKeys.Count);
            Assert.Equal(keys.Length == 0 ? [] : ["rejected", "accepted"], host.Keys.Select(k => k.Result));
        }

        // A failure from another address, written after everything sshd logged: once fail2ban counts it, it has read all before.
        await Task.Delay(300, Token); // the relay's last lines
        File.AppendAllText(authLog, Syslog("Failed password for invalid user sentinel from 192.0.2.77 port 4242 ssh2"));
        var status = fail2ban.WaitForStatus(s => Count(s, "Total failed") >= 1);
        Assert.True(Count(status, "Total failed") == 1, status + fail2ban.Log());
        Assert.True(Count(status, "Total banned") == 0, status + fail2ban.Log());

        // The jail does read sshd: a real ssh trying an unknown user five times is banned.
        for (var i = 0; i < 5; i++)
        {
            ExternalTool.TryRun("ip", "netns", "exec", ns.Name, "ssh", "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "IdentityFile=none", "-o", "IdentityAgent=none",
                "-o", "StrictHostKeyChecking=no", "-o", $"UserKnownHostsFile={directory.File("ssh_known_hosts")}", "-o", "ConnectTimeout=5", "-p", "2201", "nosuchuser@127.0.0.1", "true");
        }

        var banned = fail2ban.WaitForStatus(s => s.Contains("127.0.0.1", StringComparison.Ordinal));
        Assert.True(banned.Contains("127.0.0.1", StringComparison.Ordinal), banned + fail2ban.Log() + "\nauth.log:\n" + string.Join('\n', File.ReadLines(authLog).TakeLast(40)));
        sshd.Kill();
        await relay;
    }

    [Fact]
    public async Task Ten_default_scans_of_a_host_in_a_row_activate_no_PerSourcePenalties_penalty()
    {
        await using var ns = NetworkNamespace.Create();
        using var directory = new TempDirectory();
        var log = await StartPenalisingSshdAsync(ns, directory);
        string[] common = ["127.0.0.1:2201", "-F", "/dev/null", "--agent", "none", "--known-hosts", directory.File("known_hosts"), "--timeout", "5", "-l", "root", "--db", directory.File("history.db"), "--json"];

        // Back to back: one connection per scan (noauth, 1 s of penalty each) stays below min (15 s) however often it
        // runs; three per scan (one per host key type) activated a penalty here within a few scans.
        for (var i = 0; i < 10; i++)
        {
            var scan = await ns.RunDoctorAsync(["scan", .. common]);
            var host = Assert.Single(ScanReportJson.Deserialize(scan.Stdout)!.Hosts!);
            Assert.True(host.Outcome == "ok" && host.Connections == 1 && host.HostKeys.Count == 1 && host.HostKeyTypes.Count == 3 && host.Banner?.Contains("OpenSSH_10", StringComparison.Ordinal) == true,
                $"scan {i + 1}: " + scan.Stdout + scan.Stderr + string.Join('\n', File.ReadLines(log).TakeLast(30)));
            Assert.Empty(host.Changes);
        }

        var lines = await File.ReadAllLinesAsync(log, Token);
        Assert.Equal(10, lines.Count(l => l.Contains("Connection from 127.0.0.1", StringComparison.Ordinal)));
        AssertNoPenaltyActivated(lines);
    }

    [Fact]
    public async Task An_all_host_keys_scan_and_a_keys_scan_of_a_host_activate_no_PerSourcePenalties_penalty()
    {
        await using var ns = NetworkNamespace.Create();
        using var directory = new TempDirectory();
        var log = await StartPenalisingSshdAsync(ns, directory);
        var refused = directory.NewKey("refused");

        string[] common = ["127.0.0.1:2201", "-F", "/dev/null", "--agent", "none", "--known-hosts", directory.File("known_hosts"), "--timeout", "5", "-l", "root", "--db", directory.File("history.db"), "--json", "--all-host-keys"];
        // One scan of the host, then one with --keys right after: each costs the source its connections' penalties
        // (noauth 1 s each; a refused key makes its connection authfail, 5 s), together still below min (15 s).
        // Scanning the same host over and over within seconds with --all-host-keys does activate it (measured: README.md, scan).
        for (var i = 0; i < 2; i++)
        {
            string[] keys = i % 2 == 0 ? [] : ["--keys", "-i", refused];
            var scan = await ns.RunDoctorAsync(["scan", .. common, .. keys]);
            var host = Assert.Single(ScanReportJson.Deserialize(scan.Stdout)!.Hosts!);
            Assert.True(host.HostKeys.Count == 3 && host.Banner?.Contains("OpenSSH_10", StringComparison.Ordinal) == true, scan.Stdout + scan.Stderr + string.Join('\n', File.ReadLines(log).TakeLast(30)));
        }

        AssertNoPenaltyActivated(await File.ReadAllLinesAsync(log, Token));
    }

    /// <summary>
    /// A real sshd 10.0 with PerSourcePenalties at its defaults (crash:90 authfail:5 noauth:1 grace-exceeded:10 max:600
    /// min:15), said out loud, and ed25519, ECDSA and RSA host keys, logging at DEBUG1 (which shows how much penalty a
    /// source has built up, not only when one becomes active) to the file returned.
    /// </summary>
    private static async Task<string> StartPenalisingSshdAsync(NetworkNamespace ns, TempDirectory directory)
    {
        var sshd = Backports.Sshd();
        Directory.CreateDirectory("/run/sshd");
        var libexec = Backports.Libexec;
        var config = directory.File("sshd.conf");
        var log = directory.File("sshd.log");
        File.WriteAllText(config, $"Port 2201\nListenAddress 127.0.0.1\nHostKey {directory.NewKey("ed", "ed25519")}\nHostKey {directory.NewKey("ec", "ecdsa")}\nHostKey {directory.NewKey("rsa", "rsa")}\n"
            + $"PidFile {directory.File("sshd.pid")}\nUsePAM no\nLogLevel DEBUG1\nPerSourcePenalties yes\nSshdSessionPath {libexec}/sshd-session\nSshdAuthPath {libexec}/sshd-auth\n");
        ns.Start(sshd, "-D", "-E", log, "-f", config);
        // Listening, said by sshd itself: a connection to find out would itself count toward a penalty.
        for (var waited = 0; waited < 100 && !(File.Exists(log) && File.ReadAllText(log).Contains("Server listening on 127.0.0.1 port 2201", StringComparison.Ordinal)); waited++)
        {
            await Task.Delay(100, Token);
        }

        return log;
    }

    private static void AssertNoPenaltyActivated(string[] lines)
    {
        Assert.Contains(lines, l => l.Contains("srclimit_penalise", StringComparison.Ordinal)); // penalties are being counted
        // "new … active penalty" or "activating … penalty": the source would be refused (logged "inactive penalty … already exists" is fine).
        Assert.DoesNotContain(lines, l => Regex.IsMatch(l, @"\bactive penalty|activating"));
        Assert.DoesNotContain(lines, l => l.Contains("drop connection", StringComparison.Ordinal) || l.Contains("Not allowed at this time", StringComparison.Ordinal));
    }

    private static int Count(string status, string field) =>
        Regex.Match(status, field + @":\s*(\d+)") is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;

    private static string Syslog(string message) =>
        $"{DateTime.Now.ToString("MMM d HH:mm:ss", CultureInfo.InvariantCulture).PadLeft(15)} labhost sshd[4242]: {message}\n";

    /// <summary>sshd's stderr (-e) appended to <paramref name="authLog"/> line by line, each with the header syslog would add.</summary>
    private static Task RelayAsSyslog(System.Diagnostics.Process sshd, string authLog) => Task.Run(async () =>
    {
        while (await sshd.StandardError.ReadLineAsync() is { } line)
        {
            File.AppendAllText(authLog, Syslog(line));
        }
    });

    /// <summary>A fail2ban-server of the test's own with Debian's default sshd jail values, reading <c>auth.log</c>; stopped by its pid.</summary>
    private sealed class Fail2ban(string lab) : IAsyncDisposable
    {
        private string Socket => Path.Combine(lab, "f2b.sock");

        private string PidFile => Path.Combine(lab, "f2b.pid");

        public static Fail2ban Start(TempDirectory directory, string authLog)
        {
            var lab = Directory.CreateDirectory(directory.File("fail2ban")).FullName;
            var server = new Fail2ban(lab);
            Directory.CreateDirectory(Path.Combine(lab, "filter.d"));
            File.Copy("/etc/fail2ban/filter.d/sshd.conf", Path.Combine(lab, "filter.d", "sshd.conf"));
            File.Copy("/etc/fail2ban/filter.d/common.conf", Path.Combine(lab, "filter.d", "common.conf"));
            File.WriteAllText(Path.Combine(lab, "fail2ban.conf"), $"[Definition]\nloglevel = INFO\nlogtarget = {lab}/fail2ban.log\nsocket = {server.Socket}\npidfile = {server.PidFile}\ndbfile = :memory:\n");
            // Debian's jail.conf defaults for [sshd]: maxretry 5, findtime 10m, bantime 10m; the filter's mode is normal. One
            // change: ignoreself off, since the lab's scanner is this machine (127.0.0.1), which fail2ban never counts by default.
            File.WriteAllText(Path.Combine(lab, "jail.conf"), $"[sshd]\nenabled = true\nfilter = sshd\nmode = normal\nbackend = polling\nlogpath = {authLog}\nmaxretry = 5\nfindtime = 10m\nbantime = 10m\nignoreself = false\nignoreip =\naction =\n");
            var (code, output) = ExternalTool.TryRun("fail2ban-server", "-c", lab, "-s", server.Socket, "-p", server.PidFile, "-x", "-b");
            Assert.True(code == 0 && File.Exists(server.PidFile), output + server.Log());
            return server;
        }

        /// <summary>Polls the jail's status until <paramref name="done"/> holds (at most a minute) and returns it.</summary>
        public string WaitForStatus(Func<string, bool> done)
        {
            var status = string.Empty;
            for (var i = 0; i < 240 && !done(status); i++)
            {
                Thread.Sleep(250);
                status = ExternalTool.TryRun("fail2ban-client", "-s", Socket, "status", "sshd").Stdout;
            }

            return status;
        }

        public string Log() => File.Exists(Path.Combine(lab, "fail2ban.log")) ? "\n" + File.ReadAllText(Path.Combine(lab, "fail2ban.log")) : string.Empty;

        public ValueTask DisposeAsync()
        {
            if (File.Exists(PidFile) && File.ReadAllText(PidFile).Trim() is { Length: > 0 } pid && pid.All(char.IsAsciiDigit))
            {
                ExternalTool.TryRun("bash", "-c", $"kill {pid}; for i in $(seq 40); do kill -0 {pid} 2>/dev/null || exit 0; sleep 0.25; done; kill -9 {pid}");
            }

            return ValueTask.CompletedTask;
        }
    }
}
