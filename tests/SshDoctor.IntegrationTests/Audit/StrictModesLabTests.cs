using System.Globalization;
using System.Text;
using SshDoctor.Audit;
using SshDoctor.Audit.Server;

namespace SshDoctor.IntegrationTests.Audit;

/// <summary>
/// The StrictModes walk against a real sshd: one sshd (StrictModes yes, UsePAM no) in a network namespace and a
/// private mount namespace where test users exist only in a bind-mounted passwd/group; each user's home is prepared
/// with one owner/mode combination around the edge of misc.c:safe_path (with Debian's private-group patch), a real
/// ssh logs in with a key, and the audit's verdict must equal whether the login worked. In the same namespace the real
/// check-server runs for AllowUsers, a /bin/false user and a user without a home.
/// </summary>
public sealed class StrictModesLabTests : IDisposable
{
    /// <summary>name, setup commands relative to the user's home H (files already at 755/700/600, owned by the user).</summary>
    private static readonly (string Name, string Setup)[] Scenarios =
    [
        ("ok", ""),
        ("akread", "chmod 644 H/.ssh/authorized_keys"),
        ("akprivgw", "chmod 664 H/.ssh/authorized_keys"),
        ("aksharedgw", "chgrp 5900 H/.ssh/authorized_keys; chmod 664 H/.ssh/authorized_keys"),
        ("akow", "chmod 666 H/.ssh/authorized_keys"),
        ("sshsharedgw", "chgrp 5900 H/.ssh; chmod 770 H/.ssh"),
        ("sshprivgw", "chmod 775 H/.ssh"),
        ("homeow", "chmod 757 H"),
        ("homeprivgw", "chmod 775 H"),
        ("homesharedgw", "chgrp 5900 H; chmod 775 H"),
        ("akroot", "chown 0:0 H/.ssh/authorized_keys; chmod 644 H/.ssh/authorized_keys"),
        ("akother", "chown 5999:5999 H/.ssh/authorized_keys; chmod 644 H/.ssh/authorized_keys"),
        ("sshother", "chown 5999:5999 H/.ssh; chmod 755 H/.ssh"),
        ("akrootgw", "chown 0:0 H/.ssh/authorized_keys; chmod 664 H/.ssh/authorized_keys"),
        ("aklink", "mv H/.ssh/authorized_keys H/keys; ln -s ../keys H/.ssh/authorized_keys"),
        ("aklinkbad", "mv H/.ssh/authorized_keys H/keys; chmod 666 H/keys; ln -s ../keys H/.ssh/authorized_keys"),
    ];

    private readonly string _lab = Shell.TempDirectory();
    private readonly string _ns = "sshdoc-audit-" + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public void Audit_StrictModes_verdict_equals_real_sshd_for_every_scenario()
    {
        Shell.Require(Shell.IsRoot, "network and mount namespaces need root");
        Shell.Require(File.Exists("/usr/sbin/sshd") && Shell.Has("ssh") && Shell.Has("ip") && Shell.Has("unshare"), "openssh-server, openssh-client, iproute2 and util-linux are needed");

        var passwd = new StringBuilder(File.ReadAllText("/etc/passwd"));
        var group = new StringBuilder(File.ReadAllText("/etc/group"));
        var setup = new StringBuilder($"set -e\nssh-keygen -q -t ed25519 -N '' -f {_lab}/key\nssh-keygen -q -t ed25519 -N '' -f {_lab}/hostkey\n");
        var uid = 5001;
        foreach (var (name, commands) in Scenarios)
        {
            var user = "sm" + name;
            var home = $"{_lab}/home/{user}";
            passwd.Append(CultureInfo.InvariantCulture, $"{user}:x:{uid}:{uid}::{home}:/bin/sh\n");
            group.Append(CultureInfo.InvariantCulture, $"{user}:x:{uid}:\n");
            setup.Append(CultureInfo.InvariantCulture, $"mkdir -p {home}/.ssh; cp {_lab}/key.pub {home}/.ssh/authorized_keys; chown -R {uid}:{uid} {home}; chmod 755 {home}; chmod 700 {home}/.ssh; chmod 600 {home}/.ssh/authorized_keys\n");
            setup.Append(commands.Replace("H", home, StringComparison.Ordinal)).Append('\n');
            uid++;
        }

        // Users for check-server: not in AllowUsers, /bin/false, no home.
        passwd.Append(CultureInfo.InvariantCulture, $"outsider:x:5801:5801::{_lab}/home/outsider:/bin/sh\nnoshell:x:5802:5802::{_lab}/home/noshell:/bin/false\nhomeless:x:5803:5803::{_lab}/home/homeless:/bin/sh\n");
        group.Append("shared:x:5900:smaksharedgw,smsshsharedgw,smhomesharedgw,outsider\n");
        setup.Append(CultureInfo.InvariantCulture, $"mkdir -p {_lab}/home/outsider/.ssh {_lab}/home/noshell; chown -R 5801 {_lab}/home/outsider; chown 5802 {_lab}/home/noshell\n");
        File.WriteAllText($"{_lab}/passwd", passwd.ToString());
        File.WriteAllText($"{_lab}/group", group.ToString());
        var allowed = string.Join(' ', Scenarios.Select(s => "sm" + s.Name)) + " noshell homeless";
        File.WriteAllText($"{_lab}/sshd_config", $"AllowUsers {allowed}\nPort 2222\nListenAddress 127.0.0.1\nHostKey {_lab}/hostkey\nPidFile {_lab}/sshd.pid\nUsePAM no\nStrictModes yes\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nLogLevel VERBOSE\nAuthorizedKeysFile .ssh/authorized_keys\n");
        Assert.Equal(0, Shell.Run(setup.ToString()).Code);

        var doctor = Path.Combine(AppContext.BaseDirectory, "ssh-doctor");
        var logins = string.Join("\n", Scenarios.Select(s =>
            $"ssh -F none -i {_lab}/key -o BatchMode=yes -o IdentitiesOnly=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ConnectTimeout=5 -p 2222 sm{s.Name}@127.0.0.1 true >/dev/null 2>&1; echo \"login sm{s.Name} $?\""));
        var inner = $"""
            set -u
            mount --bind {_lab}/passwd /etc/passwd; mount --bind {_lab}/group /etc/group
            mount -t tmpfs tmpfs /run; mkdir -m 755 /run/sshd
            /usr/sbin/sshd -D -f {_lab}/sshd_config -E {_lab}/sshd.log & pid=$!
            for i in $(seq 50); do (echo > /dev/tcp/127.0.0.1/2222) 2>/dev/null && break; sleep 0.1; done
            {logins}
            {doctor} check-server --json --no-color --sshd-config {_lab}/sshd_config --client-ip 127.0.0.1 --user outsider --user noshell --user homeless --user smakow > {_lab}/server.json
            kill $pid; wait $pid 2>/dev/null
            true
            """;
        File.WriteAllText($"{_lab}/inner.sh", inner);
        var run = Shell.Run($"ip netns add {_ns} && ip netns exec {_ns} ip link set lo up && ip netns exec {_ns} unshare -m bash {_lab}/inner.sh", 120_000);
        Assert.True(run.Code == 0, run.Stderr);

        var users = UserDatabase.Parse(passwd.ToString(), group.ToString());
        var fs = new RootedFileSystem(null);
        var results = run.Stdout.Split('\n').Where(l => l.StartsWith("login ", StringComparison.Ordinal)).Select(l => l.Split(' ')).ToDictionary(f => f[1], f => f[2] == "0");
        Assert.Equal(Scenarios.Length, results.Count);
        var mismatches = new List<string>();
        foreach (var (name, _) in Scenarios)
        {
            var user = users.User("sm" + name)!;
            var verdict = StrictModesWalk.Check(fs, user.Home + "/.ssh/authorized_keys", user, users, debianRules: true);
            if ((verdict is null) != results["sm" + name])
            {
                mismatches.Add($"{name}: sshd {(results["sm" + name] ? "accepted" : "refused")}, audit {(verdict is null ? "accepts" : verdict.Value.Message)}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches) + "\n" + File.ReadAllText($"{_lab}/sshd.log"));
        Assert.Contains(results, r => !r.Value);
        Assert.Contains(results, r => r.Value);

        var report = File.ReadAllText($"{_lab}/server.json");
        Assert.Contains("\"auth.not-allowed\"", report, StringComparison.Ordinal);
        Assert.Contains("\"session.shell-disabled\"", report, StringComparison.Ordinal);
        Assert.Contains("\"session.no-home\"", report, StringComparison.Ordinal);
        Assert.Contains("\"auth.publickey.server-modes\"", report, StringComparison.Ordinal);
        Assert.DoesNotContain("\"server.sshd-not-running\"", report, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Shell.Run($"ip netns del {_ns} 2>/dev/null; cp {_lab}/server.json /tmp/last-server.json 2>/dev/null; rm -rf {_lab}");
    }
}
