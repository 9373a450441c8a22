using SshDoctor.Audit;
using SshDoctor.Audit.Server;
using SshDoctor.Diagnosis;

namespace SshDoctor.Tests.Audit.Server;

/// <summary>
/// auth.publickey.selinux from the labels of ~/.ssh and authorized_keys when /sys/fs/selinux/enforce exists below the
/// root. This machine has no SELinux: the contexts are the ones a Fedora/RHEL system shows for a home restored from a
/// backup (user_home_t) and after restorecon (ssh_home_t), handed in through <see cref="ISecurityLabels"/>.
/// </summary>
public sealed class SelinuxLabelTests : IDisposable
{
    private const string UserHome = "unconfined_u:object_r:user_home_t:s0";
    private const string SshHome = "unconfined_u:object_r:ssh_home_t:s0";

    private readonly PreparedServerTree _tree = new();

    public SelinuxLabelTests() => _tree.Write("/etc/ssh/sshd_config", "Port 22\n")
        .Write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n")
        .Write("/home/alice/.ssh/authorized_keys", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice@laptop\n");

    [Fact]
    public void An_authorized_keys_labelled_user_home_t_under_enforcing_is_selinux_with_restorecon()
    {
        _tree.Write("/sys/fs/selinux/enforce", "1");
        var labels = new RecordedSecurityLabels(new() { ["/home/alice/.ssh"] = SshHome, ["/home/alice/.ssh/authorized_keys"] = UserHome });

        var result = _tree.Audit(users: ["alice"], labels: labels);

        var diagnosis = Assert.Single(result.Diagnoses, d => d.Id == DiagnosisIds.AuthPublicKeySelinux);
        Assert.Equal("/home/alice/.ssh/authorized_keys", diagnosis.Evidence[0].Where);
        Assert.Equal("user_home_t", diagnosis.Values["type"]);
        var report = AuditReportBuilder.Build("check-server", result, SshDoctor.Localization.Language.English);
        Assert.Contains(report.Diagnoses.Single(d => d.Id == DiagnosisIds.AuthPublicKeySelinux).Fixes, f => f.Command == "sudo restorecon -R -v ~alice/.ssh");
        Assert.Contains("restorecon -R -v ~alice/.ssh", report.Findings!.Single(f => f.Code == "selinux.label-wrong").Text, StringComparison.Ordinal);
        Assert.Contains(result.Findings, f => f.Code == "selinux.label-ok" && f.Where == "/home/alice/.ssh");
    }

    [Fact]
    public void A_wrongly_labelled_ssh_directory_is_selinux_too()
    {
        _tree.Write("/sys/fs/selinux/enforce", "1\n");
        var labels = new RecordedSecurityLabels(new() { ["/home/alice/.ssh"] = UserHome, ["/home/alice/.ssh/authorized_keys"] = SshHome });

        var result = _tree.Audit(users: ["alice"], labels: labels);

        Assert.Equal("/home/alice/.ssh", Assert.Single(result.Diagnoses, d => d.Id == DiagnosisIds.AuthPublicKeySelinux).Evidence[0].Where);
    }

    [Fact]
    public void Correct_labels_are_fine()
    {
        _tree.Write("/sys/fs/selinux/enforce", "1");
        var labels = new RecordedSecurityLabels(new() { ["/home/alice/.ssh"] = SshHome, ["/home/alice/.ssh/authorized_keys"] = SshHome });

        var result = _tree.Audit(users: ["alice"], labels: labels);

        Assert.DoesNotContain(result.Diagnoses, d => d.Id == DiagnosisIds.AuthPublicKeySelinux);
        Assert.Equal(2, result.Findings.Count(f => f.Code == "selinux.label-ok"));
    }

    [Fact]
    public void Permissive_mode_only_warns()
    {
        _tree.Write("/sys/fs/selinux/enforce", "0");
        var labels = new RecordedSecurityLabels(new() { ["/home/alice/.ssh"] = SshHome, ["/home/alice/.ssh/authorized_keys"] = UserHome });

        var result = _tree.Audit(users: ["alice"], labels: labels);

        Assert.DoesNotContain(result.Diagnoses, d => d.Id == DiagnosisIds.AuthPublicKeySelinux);
        Assert.Equal(FindingSeverity.Warning, Assert.Single(result.Findings, f => f.Code == "selinux.label-wrong-permissive").Severity);
    }

    [Fact]
    public void Without_SELinux_no_label_is_read()
    {
        var labels = new RecordedSecurityLabels([]);

        var result = _tree.Audit(users: ["alice"], labels: labels);

        Assert.Empty(labels.Asked);
        Assert.Contains(result.Findings, f => f.Code == "selinux.disabled");
    }

    [Fact]
    public void Getfattr_is_asked_for_the_path_below_the_root()
    {
        var programs = new ScriptedPrograms().Prints("getfattr", SshHome);
        var fs = new RootedFileSystem(_tree.Root);

        var context = new GetfattrSecurityLabels(programs, fs).ContextOf("/home/alice/.ssh");

        Assert.Equal(SshHome, context);
        Assert.Equal($"getfattr -h -n security.selinux --only-values --absolute-names -- {_tree.Root}/home/alice/.ssh", Assert.Single(programs.Calls));
    }

    public void Dispose() => _tree.Dispose();
}
