using SshDoctor.Audit;
using SshDoctor.Audit.Local;
using SshDoctor.Diagnosis;

namespace SshDoctor.Tests.Audit.Local;

/// <summary>
/// A temporary home with a ~/.ssh (mode 0700) that a test fills with files, keys made by the real ssh-keygen, and
/// modes; audited through a check's public entry point. Never the developer's own home.
/// </summary>
internal sealed class AuditHome : IDisposable
{
    public AuditHome()
    {
        Home = Shell.TempDirectory();
        Directory.CreateDirectory(Ssh);
        Chmod(Ssh, "700");
    }

    public string Home { get; }

    public string Ssh => Path.Combine(Home, ".ssh");

    /// <summary>Writes <paramref name="text"/> to ~/.ssh/NAME with <paramref name="mode"/>; returns the path.</summary>
    public string Write(string name, string text, string mode = "600")
    {
        var path = Path.Combine(Ssh, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        Chmod(path, mode);
        return path;
    }

    /// <summary>A key pair ~/.ssh/NAME and NAME.pub made by ssh-keygen (unencrypted unless a passphrase is given); returns the private key's path.</summary>
    public string KeyGen(string name, string type, int? bits = null, string passphrase = "")
    {
        var path = Path.Combine(Ssh, name);
        var size = bits is { } b ? $"-b {b}" : string.Empty;
        var made = Shell.Run($"ssh-keygen -q -t {type} {size} -N '{passphrase}' -C '{name}' -f '{path}'");
        Shell.Require(made.Code == 0, $"ssh-keygen -t {type} (openssh-client) is needed: {made.Stderr}");
        return path;
    }

    public static void Chmod(string path, string mode) => Assert.Equal(0, Shell.Run($"chmod {mode} '{path}'").Code);

    /// <summary>Runs <paramref name="checks"/> as uid <paramref name="uid"/> (default: this process's) at <paramref name="now"/>.</summary>
    /// <remarks>A check that threw is a failed test here, not a finding: <see cref="AuditRunner"/> would hide it as check.failed.</remarks>
    public AuditResult Audit(IEnumerable<IAuditCheck<LocalContext>> checks, uint? uid = null, DateTimeOffset? now = null, UserDatabase? users = null, IProgramRunner? programs = null)
    {
        var result = AuditRunner.Run(checks, LocalAudit.Context(Home, uid ?? NativeUnix.GetUid(), users, programs: programs ?? new Server.ScriptedPrograms(), now: now), EvidenceSource.Local);
        Assert.DoesNotContain(result.Findings, f => f.Code == "check.failed");
        return result;
    }

    public AuditResult Audit(IAuditCheck<LocalContext> check, uint? uid = null, DateTimeOffset? now = null, UserDatabase? users = null, IProgramRunner? programs = null) =>
        Audit([check], uid, now, users, programs);

    public void Dispose() => Directory.Delete(Home, recursive: true);
}
