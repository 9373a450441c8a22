using SshDoctor.Diagnosis;
using SshDoctor.Localization;
using SshDoctor.Reporting;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Explain;

/// <summary>
/// A git host refusing every key (real git push + real ssh, github.com pointed at a local sshd): the cause is the key
/// missing from the account's settings, and its fixes are shown first; no server-admin advice (ssh-copy-id to
/// git@github.com, journalctl on GitHub's machines, "the account git does not exist").
/// </summary>
public sealed class GitHostRefusalTests
{
    [Theory]
    [InlineData("github-push-key-not-registered.log")]
    [InlineData("github-push-key-not-registered-v.log")]
    public void A_git_push_refused_by_github_names_the_account_key_settings_first(string file)
    {
        var report = ExplainReportBuilder.Build(ExplainHelper.OfFiles(SampleFiles.PathOf("clients", "git", file)), Language.English);

        var root = report.Diagnoses[0];
        Assert.Equal(DiagnosisIds.HintGitHosting, root.Id);
        Assert.Equal("likely", root.Certainty);
        Assert.Contains(root.Fixes, f => f.Summary.Contains("https://github.com/settings/keys", StringComparison.Ordinal));
        Assert.Contains(root.Fixes, f => f.Command == "ssh -T git@github.com");
        var shown = report.Diagnoses.Where(d => d.Certainty != "possible").ToList();
        Assert.DoesNotContain(shown.SelectMany(d => d.Fixes), f => (f.Command ?? "").Contains("ssh-copy-id", StringComparison.Ordinal) || (f.Command ?? "").Contains("journalctl", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Diagnoses, d => d.Id is DiagnosisIds.AuthWrongUser or DiagnosisIds.AuthPublicKeyServerModes or DiagnosisIds.AuthNotAllowed);
        Assert.Equal("problem", report.Status);
    }

    [Fact]
    public void The_verbose_push_pins_the_key_the_user_named()
    {
        var report = ExplainReportBuilder.Build(ExplainHelper.OfFiles(SampleFiles.PathOf("clients", "git", "github-push-key-not-registered-v.log")), Language.English);

        Assert.Contains(report.Diagnoses[0].Fixes, f => f.Command == "cat /tmp/loose-lab/user_rsa.pub");
    }
}
