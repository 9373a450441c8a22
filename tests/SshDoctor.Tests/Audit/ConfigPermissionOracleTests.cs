using SshDoctor.Audit;
using SshDoctor.Audit.Local;
using SshDoctor.Diagnosis;

namespace SshDoctor.Tests.Audit;

/// <summary>
/// readconf.c's ~/.ssh/config owner/mode rule (with Debian's private-group patch) against the real ssh: test user
/// alice (uid 4242) exists only in a passwd/group bind-mounted in a private mount namespace, with her home in a temp
/// directory; ssh -G runs as her (setpriv) and either reads the file or stops with "Bad owner or permissions".
/// </summary>
public sealed class ConfigPermissionOracleTests : IDisposable
{
    private const uint Alice = 4242;
    private readonly string _dir = Shell.TempDirectory();

    /// <summary>mode, owner uid, group gid: 4242 alice's private group, 4300 shared with bob, 4301 bob's primary group too, 0 root.</summary>
    public static TheoryData<string, uint, uint> Cases()
    {
        var data = new TheoryData<string, uint, uint>();
        foreach (var mode in (string[])["600", "644", "664", "666", "646", "624", "620", "660", "604"])
        {
            foreach (var group in (uint[])[4242, 4300, 4301, 0])
            {
                data.Add(mode, Alice, group);
            }
        }

        // Files of root or another user, readable by alice (an unreadable file is skipped by ssh without a word).
        foreach (var mode in (string[])["644", "664", "666"])
        {
            foreach (var owner in (uint[])[0, 4243])
            {
                data.Add(mode, owner, 4242);
                data.Add(mode, owner, 0);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Audit_verdict_equals_real_ssh(string mode, uint owner, uint group)
    {
        Shell.Require(Shell.IsRoot, "bind mounts and setpriv need root");
        Shell.Require(Shell.Has("ssh") && Shell.Has("unshare") && Shell.Has("setpriv"), "ssh, unshare and setpriv are needed");
        var home = Path.Combine(_dir, "alice");
        var passwd = File.ReadAllText("/etc/passwd")
            + $"alice:x:4242:4242::{home}:/bin/sh\nbob:x:4243:4301::/nonexistent:/bin/sh\ncarol:x:4244:4301::/nonexistent:/bin/sh\n";
        var groups = File.ReadAllText("/etc/group") + "alice:x:4242:\nshared:x:4300:alice,bob\nbobs:x:4301:\n";
        File.WriteAllText(Path.Combine(_dir, "passwd"), passwd);
        File.WriteAllText(Path.Combine(_dir, "group"), groups);
        var config = Path.Combine(home, ".ssh", "config");
        var setup = Shell.Run($"mkdir -p {home}/.ssh && printf 'Host x\\n  Port 2222\\n' > {config} && chown 4242:4242 {home} {home}/.ssh && chmod 755 {home} {home}/.ssh && chown {owner}:{group} {config} && chmod {mode} {config}");
        Assert.Equal(0, setup.Code);

        var real = Shell.Run($"unshare -m sh -c 'mount --bind {_dir}/passwd /etc/passwd && mount --bind {_dir}/group /etc/group && setpriv --reuid=4242 --regid=4242 --clear-groups ssh -G x'");
        var sshRefuses = real.Stderr.Contains("Bad owner or permissions", StringComparison.Ordinal);
        Assert.True(sshRefuses || real.Stdout.Contains("port 2222", StringComparison.Ordinal), $"ssh neither read the file nor refused it: {real.Stderr}");

        var context = LocalAudit.Context(home, Alice, UserDatabase.Parse(passwd, groups));
        var result = AuditRunner.Run([new ConfigPermissionsCheck()], context, EvidenceSource.Local);
        Assert.Equal(sshRefuses, result.Diagnoses.Any(d => d.Id == "config.bad-permissions"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
