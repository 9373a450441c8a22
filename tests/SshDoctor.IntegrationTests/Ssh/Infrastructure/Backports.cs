namespace SshDoctor.IntegrationTests.Ssh.Infrastructure;

/// <summary>
/// OpenSSH 10.0 from bookworm-backports, unpacked (never installed) into artifacts/lab/openssh-backports by
/// tests/lab/fetch-openssh-backports.sh: an sshd newer than the system's 9.2 (PerSourcePenalties, sshd-auth).
/// </summary>
internal static class Backports
{
    private static string Root => Path.Combine(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..")), "lab", "openssh-backports");

    /// <summary>The directory of sshd-session and sshd-auth (for SshdSessionPath and SshdAuthPath).</summary>
    public static string Libexec => Path.Combine(Root, "usr", "lib", "openssh");

    /// <summary>The backport's sshd; skips the test when it is missing, fails it under CI=true.</summary>
    public static string Sshd()
    {
        var sshd = Path.Combine(Root, "usr", "sbin", "sshd");
        if (!File.Exists(sshd))
        {
            var why = $"OpenSSH 10.0 is needed at {sshd} (tests/lab/fetch-openssh-backports.sh)";
            if (ExternalTool.OnCi)
            {
                Assert.Fail(why);
            }

            Assert.Skip(why);
        }

        return sshd;
    }
}
