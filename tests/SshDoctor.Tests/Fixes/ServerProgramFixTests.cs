using SshDoctor.Audit;
using SshDoctor.Diagnosis;
using SshDoctor.Fixes.Planning;
using SshDoctor.Tests.Audit.Server;

namespace SshDoctor.Tests.Fixes;

/// <summary>
/// The server fixes that run a program: auth.publickey.selinux (restorecon), server.sshd-not-running (sshd -t, then
/// systemctl enable --now). This Debian machine has neither SELinux nor restorecon, and tests never start or stop
/// the machine's services, so these are plan tests with scripted programs: the step and its undo as planned, the labels
/// recorded for undo, and every reason not to plan (the program missing, sshd -t failing, a prepared tree) said
/// clearly. (fail2ban's unban runs for real in Fail2banLabTests.)
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ServerProgramFixTests : IDisposable
{
    private readonly string _tree = Directory.CreateTempSubdirectory("sshdoctor-serverfix-").FullName;

    public void Dispose() => Directory.Delete(_tree, recursive: true);

    private FixContext Context(IProgramRunner programs, string root = "") => new()
    {
        Home = "/root",
        Uid = 0,
        Gid = 0,
        UserName = "root",
        Root = root,
        Programs = programs,
        StateDirectory = Path.Combine(_tree, "state"),
        SshdConfigPath = "/etc/ssh/sshd_config",
        ServerSide = true,
        IsRoot = true,
        Users = UserDatabase.Parse($"root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n", "root:x:0:\nalice:x:1000:\n"),
    };

    private static Diagnosis.Diagnosis Found(string id, params (string Name, string Value)[] values) =>
        new(id, Certainty.Proven, [], values.ToDictionary(v => v.Name, v => v.Value));

    private string AliceSsh()
    {
        var ssh = Path.Combine(_tree, "home/alice/.ssh");
        Directory.CreateDirectory(ssh);
        File.WriteAllText(Path.Combine(ssh, "authorized_keys"), "ssh-ed25519 AAAA alice\n");
        return ssh;
    }

    [Fact]
    public void Selinux_plans_restorecon_on_the_accounts_ssh_directory_and_records_every_label()
    {
        var ssh = AliceSsh();
        var plan = FixPlanner.Plan([Found(DiagnosisIds.AuthPublicKeySelinux, ("user", "alice"))], Context(new ScriptedPrograms().Prints("restorecon", string.Empty), _tree));

        var step = Assert.IsType<ProgramStep>(Assert.Single(Assert.Single(plan.Fixes).Steps));
        Assert.Equal("restorecon", step.Program);
        Assert.Equal(["-R", "-v", "--", ssh], step.Arguments);
        Assert.Equal($"restorecon -R -v {ssh}", step.Command);
        Assert.Equal([ssh, Path.Combine(ssh, "authorized_keys")], step.Labels!.Select(l => l.Path));
    }

    [Fact]
    public void Selinux_without_restorecon_says_which_program_is_missing_and_plans_nothing()
    {
        AliceSsh();
        var plan = FixPlanner.Plan([Found(DiagnosisIds.AuthPublicKeySelinux, ("user", "alice"))], Context(new ScriptedPrograms(), _tree));

        Assert.Empty(plan.Fixes);
        var refusal = Assert.Single(plan.Refused);
        Assert.Contains("restorecon is not installed (policycoreutils)", refusal.Reason, StringComparison.Ordinal);
        Assert.False(refusal.BadInput);
    }

    [Fact]
    public void Selinux_for_an_account_that_does_not_exist_is_refused_naming_it() =>
        Assert.Contains("no account mallory", Assert.Single(FixPlanner.Plan([Found(DiagnosisIds.AuthPublicKeySelinux, ("user", "mallory"))], Context(new ScriptedPrograms().Prints("restorecon", string.Empty), _tree)).Refused).Reason, StringComparison.Ordinal);

    [Theory]
    [InlineData("disabled", "disable --now -- ssh")]
    [InlineData("enabled", "stop -- ssh")]
    public void Start_sshd_enables_the_unit_after_sshd_t_passes_and_undo_returns_it_to_how_it_was(string wasEnabled, string undo)
    {
        var programs = new ScriptedPrograms()
            .Answers("systemctl", a => a[0] == "cat" && a[^1] == "ssh.service" ? Ok(string.Empty) : a[0] == "is-enabled" ? Ok(wasEnabled + "\n") : new ProgramResult(1, string.Empty, "no such unit", false, false))
            .Prints("sshd", string.Empty);
        var plan = FixPlanner.Plan([Found(DiagnosisIds.ServerSshdNotRunning)], Context(programs));

        var step = Assert.IsType<ProgramStep>(Assert.Single(Assert.Single(plan.Fixes).Steps));
        Assert.Equal("systemctl enable --now -- ssh", string.Join(' ', [step.Program, .. step.Arguments]));
        Assert.Equal(undo, string.Join(' ', step.UndoArguments!));
        Assert.Contains("sshd -t -f /etc/ssh/sshd_config", programs.Calls);
        Assert.DoesNotContain(programs.Calls, c => c.StartsWith("systemctl enable", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_sshd_is_refused_with_sshds_own_words_when_its_configuration_is_broken()
    {
        var programs = new ScriptedPrograms()
            .Answers("systemctl", a => a[0] == "cat" ? Ok(string.Empty) : Ok("disabled\n"))
            .Answers("sshd", _ => new ProgramResult(255, string.Empty, "/etc/ssh/sshd_config line 3: Bad configuration option: PermitRootLgin\n", false, false));
        var refusal = Assert.Single(FixPlanner.Plan([Found(DiagnosisIds.ServerSshdNotRunning)], Context(programs)).Refused);

        Assert.Contains("sshd -t fails, so sshd is not started: /etc/ssh/sshd_config line 3: Bad configuration option: PermitRootLgin", refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_sshd_without_systemd_units_or_in_a_prepared_tree_is_refused_clearly()
    {
        Assert.Contains("no systemd unit ssh or sshd", Assert.Single(FixPlanner.Plan([Found(DiagnosisIds.ServerSshdNotRunning)], Context(new ScriptedPrograms())).Refused).Reason, StringComparison.Ordinal);
        Assert.Contains("a prepared tree (--root) has no services", Assert.Single(FixPlanner.Plan([Found(DiagnosisIds.ServerSshdNotRunning)], Context(new ScriptedPrograms(), _tree)).Refused).Reason, StringComparison.Ordinal);
    }

    private static ProgramResult Ok(string stdout) => new(0, stdout, string.Empty, false, false);
}
