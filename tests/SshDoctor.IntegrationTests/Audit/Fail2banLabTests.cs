using System.Globalization;
using SshDoctor.Diagnosis;

namespace SshDoctor.IntegrationTests.Audit;

/// <summary>
/// server.banned from a real fail2ban: a fail2ban-server of the test's own (config dir, socket, pid file and log in a
/// temporary directory; one jail sshd, backend polling, Debian's sshd filter, no action at all, so no firewall is
/// touched) reads failure lines the test writes, bans the address, and check-server asks it through its socket.
/// The host's fail2ban, if any, is never contacted; the server is stopped by its pid. check-server asks with "--"
/// before fail2ban-client's command (the jail names come from its own output): the real client accepts it there.
/// </summary>
public sealed class Fail2banLabTests : IDisposable
{
    private const string Attacker = "192.0.2.10";
    private const string Bystander = "198.51.100.20";

    private readonly string _lab = Shell.TempDirectory();

    private string Socket => $"{_lab}/f2b.sock";

    private string PidFile => $"{_lab}/f2b.pid";

    [Fact]
    public void An_address_a_real_fail2ban_jail_banned_is_server_banned()
    {
        Shell.Require(Shell.Has("fail2ban-server") && Shell.Has("fail2ban-client"), "fail2ban is needed");
        Shell.Require(File.Exists("/etc/fail2ban/filter.d/sshd.conf") && File.Exists("/etc/fail2ban/filter.d/common.conf"), "fail2ban's sshd filter is needed");
        StartFail2ban();
        WriteFailures(Attacker, count: 4);
        WaitForBan(Attacker);

        var banned = CheckServer(Attacker);
        var other = CheckServer(Bystander);

        Assert.Contains($"\"{DiagnosisIds.ServerBanned}\"", banned, StringComparison.Ordinal);
        Assert.Contains("fail2ban jail sshd", banned, StringComparison.Ordinal);
        Assert.DoesNotContain($"\"{DiagnosisIds.ServerBanned}\"", other, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fix_unbans_the_address_in_its_jail_and_the_printed_undo_bans_it_again()
    {
        Shell.Require(Shell.Has("fail2ban-server") && Shell.Has("fail2ban-client"), "fail2ban is needed");
        Shell.Require(File.Exists("/etc/fail2ban/filter.d/sshd.conf") && File.Exists("/etc/fail2ban/filter.d/common.conf"), "fail2ban's sshd filter is needed");
        StartFail2ban();
        WriteFailures(Attacker, count: 4);
        WaitForBan(Attacker);
        Directory.CreateDirectory($"{_lab}/root/etc/ssh");
        var doctor = Path.Combine(AppContext.BaseDirectory, "ssh-doctor");

        var fix = Shell.Run($"{doctor} check-server --fix --yes --no-color --root {_lab}/root --fail2ban-socket {Socket} --client-ip {Attacker}", 60_000);

        Assert.True(fix.Code == 0, fix.Stdout + fix.Stderr);
        Assert.Contains($"fail2ban-client set sshd unbanip {Attacker}", fix.Stdout, StringComparison.Ordinal);
        Assert.Contains($"✓ fixed {DiagnosisIds.ServerBanned}", fix.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Attacker, Shell.Run($"fail2ban-client -s {Socket} status sshd").Stdout, StringComparison.Ordinal);

        // The hint names the tree (--root), so pasting it finds this record and bans the address again.
        var hint = fix.Stdout.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("Undo with: ", StringComparison.Ordinal))["Undo with: ".Length..];
        Assert.StartsWith($"ssh-doctor undo --root {_lab}/root ", hint, StringComparison.Ordinal);
        var undo = Shell.Run(doctor + hint["ssh-doctor".Length..], 60_000);
        Assert.True(undo.Code == 0, undo.Stdout + undo.Stderr);
        WaitForBan(Attacker);
    }

    private void StartFail2ban()
    {
        Directory.CreateDirectory($"{_lab}/conf/filter.d");
        File.Copy("/etc/fail2ban/filter.d/sshd.conf", $"{_lab}/conf/filter.d/sshd.conf");
        File.Copy("/etc/fail2ban/filter.d/common.conf", $"{_lab}/conf/filter.d/common.conf");
        File.WriteAllText($"{_lab}/conf/fail2ban.conf", $"[Definition]\nloglevel = INFO\nlogtarget = {_lab}/fail2ban.log\nsocket = {Socket}\npidfile = {PidFile}\ndbfile = :memory:\n");
        File.WriteAllText($"{_lab}/conf/jail.conf", $"[sshd]\nenabled = true\nfilter = sshd\nbackend = polling\nlogpath = {_lab}/auth.log\nmaxretry = 3\nfindtime = 600\nbantime = 3600\naction =\n");
        File.WriteAllText($"{_lab}/auth.log", string.Empty);
        var start = Shell.Run($"cd {_lab} && fail2ban-server -c {_lab}/conf -s {Socket} -p {PidFile} -x -b", 30_000);
        Assert.True(start.Code == 0 && File.Exists(PidFile), start.Stdout + start.Stderr + Log());
    }

    private void WriteFailures(string address, int count)
    {
        // Syslog lines as sshd writes them to auth.log, stamped now so they fall inside findtime.
        var stamp = DateTime.Now.ToString("MMM d HH:mm:ss", CultureInfo.InvariantCulture).PadLeft(15);
        var lines = Enumerable.Range(0, count).Select(i =>
            $"{stamp} labhost sshd[4242]: Failed password for invalid user bob from {address} port {50000 + i} ssh2\n");
        File.AppendAllText($"{_lab}/auth.log", string.Concat(lines));
    }

    private void WaitForBan(string address)
    {
        var status = string.Empty;
        for (var i = 0; i < 60 && !status.Contains(address, StringComparison.Ordinal); i++)
        {
            Thread.Sleep(250);
            status = Shell.Run($"fail2ban-client -s {Socket} status sshd").Stdout;
        }

        Assert.True(status.Contains(address, StringComparison.Ordinal), "fail2ban did not ban " + address + ":\n" + status + Log());
    }

    private string CheckServer(string clientIp)
    {
        // An empty prepared tree: nothing of the host's sshd_config, users or logs is read; only fail2ban is asked.
        Directory.CreateDirectory($"{_lab}/root/etc/ssh");
        var doctor = Path.Combine(AppContext.BaseDirectory, "ssh-doctor");
        var run = Shell.Run($"{doctor} check-server --json --no-color --root {_lab}/root --fail2ban-socket {Socket} --client-ip {clientIp}");
        Assert.True(run.Stdout.Contains("\"schema\"", StringComparison.Ordinal), run.Stdout + run.Stderr);
        return run.Stdout;
    }

    private string Log() => File.Exists($"{_lab}/fail2ban.log") ? "\n" + File.ReadAllText($"{_lab}/fail2ban.log") : string.Empty;

    public void Dispose()
    {
        if (File.Exists(PidFile) && File.ReadAllText(PidFile).Trim() is var pid && pid.All(char.IsAsciiDigit) && pid.Length > 0)
        {
            // Stop our server by its pid; wait for it to go (it removes its socket), then make sure.
            Shell.Run($"kill {pid}; for i in $(seq 40); do kill -0 {pid} 2>/dev/null || exit 0; sleep 0.25; done; kill -9 {pid}");
        }

        Directory.Delete(_lab, recursive: true);
    }
}
