using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Localization;
using SshDoctor.Reporting;
using SshDoctor.Tests.Explain;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Reporting;

/// <summary>
/// A file Win32-OpenSSH complains about is a Windows path: the fixes are icacls on that path, in both languages,
/// never chmod, chown or namei, and never offered to <c>ssh-doctor fix</c>, which works on Unix modes.
/// </summary>
public sealed class WindowsFixTests
{
    public static TheoryData<string, string, string> WindowsAclSamples => new()
    {
        { "clients/windows/key-acl.log", "key.permissions-too-open", "id_" },
        { "variants/windows-config-acl.log", "config.bad-permissions", "config" },
        { "pastes/windows-admin-keys-acl-mixed.log", "auth.publickey.server-modes", "administrators_authorized_keys" },
        { "clients/windows/eventviewer-admin-keys-acl.log", "auth.publickey.server-modes", "administrators_authorized_keys" },
    };

    [Theory]
    [MemberData(nameof(WindowsAclSamples))]
    public void Windows_paths_get_icacls_fixes_in_both_languages(string sample, string id, string fileName)
    {
        var result = ExplainHelper.OfFiles(Path.Combine(SampleFiles.Root, sample));
        var diagnosis = Assert.Single(result.Diagnoses, d => d.Id == id);

        foreach (var language in new[] { Language.English, Language.Japanese })
        {
            var fixes = ReportBuilder.Describe(diagnosis, language).Fixes;
            Assert.NotEmpty(fixes);
            Assert.All(fixes, f =>
            {
                Assert.False(f.Automatic);
                Assert.NotNull(f.Command);
                Assert.StartsWith("icacls ", f.Command, StringComparison.Ordinal);
                Assert.Contains(fileName, f.Command, StringComparison.Ordinal);
                Assert.DoesNotContain("chmod", f.Command, StringComparison.Ordinal);
            });
        }
    }

    [Fact]
    public void Unix_paths_keep_the_mode_fixes()
    {
        var result = ExplainHelper.OfText(
            "@         WARNING: UNPROTECTED PRIVATE KEY FILE!          @\n"
            + "Permissions 0644 for '/home/me/.ssh/id_ed25519' are too open.\n"
            + "This private key will be ignored.\n");
        var diagnosis = Assert.Single(result.Diagnoses, d => d.Id == SshDoctor.Diagnosis.DiagnosisIds.KeyPermissionsTooOpen);

        var fixes = ReportBuilder.Describe(diagnosis, Language.English).Fixes;

        Assert.Contains(fixes, f => f.Automatic && f.Command!.StartsWith("chmod ", StringComparison.Ordinal));
        Assert.DoesNotContain(fixes, f => f.Command?.StartsWith("icacls", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("C:/Users/me/.ssh/id_ed25519", true)]
    [InlineData(@"C:\ProgramData\ssh\administrators_authorized_keys", true)]
    [InlineData(@"\\fileserver\home\me\.ssh\config", true)]
    [InlineData("/home/me/.ssh/id_ed25519", false)]
    [InlineData("/mnt/c/Users/me/.ssh/id_ed25519", false)]
    [InlineData("~/.ssh/config", false)]
    [InlineData("C:", false)]
    public void Windows_paths_are_told_by_their_drive_or_share(string path, bool windows) =>
        Assert.Equal(windows, WindowsPaths.IsWindowsPath(path));
}
