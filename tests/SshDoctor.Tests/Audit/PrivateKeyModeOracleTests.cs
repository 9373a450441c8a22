using SshDoctor.Audit;
using SshDoctor.Audit.Local;
using SshDoctor.Diagnosis;

namespace SshDoctor.Tests.Audit;

/// <summary>
/// authfile.c:sshkey_perm_ok against the real thing: ssh-keygen -y applies the same check, so for every mode and owner
/// around the edge of the rule its verdict must equal the audit's (key.permissions-too-open).
/// </summary>
public sealed class PrivateKeyModeOracleTests : IDisposable
{
    private readonly string _dir = Shell.TempDirectory();

    public static TheoryData<string, uint> Cases()
    {
        var data = new TheoryData<string, uint>();
        foreach (var mode in (string[])["400", "600", "700", "640", "644", "604", "660", "610", "601", "200", "666", "750"])
        {
            data.Add(mode, 0);
            data.Add(mode, 4242);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Audit_verdict_equals_ssh_keygen_verdict(string mode, uint owner)
    {
        Shell.Require(Shell.Has("ssh-keygen"), "ssh-keygen (openssh-client) is not installed");
        Shell.Require(owner == NativeUnix.GetUid() || Shell.IsRoot, "changing a file's owner needs root");
        Directory.CreateDirectory(Path.Combine(_dir, ".ssh"));
        var key = Path.Combine(_dir, ".ssh", "id_ed25519");
        var gen = Shell.Run($"ssh-keygen -q -t ed25519 -N '' -C t -f {key} && chown {owner} {key} && chmod {mode} {key}");
        Assert.Equal(0, gen.Code);

        var real = Shell.Run($"ssh-keygen -y -f {key}");
        var sshIgnores = real.Stderr.Contains("bad permissions", StringComparison.Ordinal) || real.Stderr.Contains("UNPROTECTED PRIVATE KEY", StringComparison.Ordinal);

        var context = LocalAudit.Context(_dir, NativeUnix.GetUid());
        var result = AuditRunner.Run([new PrivateKeyPermissionsCheck()], context, EvidenceSource.Local);
        var weSayIgnored = result.Diagnoses.Any(d => d.Id == "key.permissions-too-open");
        Assert.Equal(sshIgnores, weSayIgnored);
        if (!sshIgnores && NativeUnix.GetUid() == 0)
        {
            Assert.Equal(0, real.Code);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
