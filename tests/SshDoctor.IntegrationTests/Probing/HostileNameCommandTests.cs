using SshDoctor.Diagnosis;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Reporting;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>
/// issue 18 §0: names that ssh refuses reach neither ssh's option parser (--with-ssh, ssh -G) nor a ProxyCommand's
/// shell, whether ssh is on PATH (ssh -G resolves) or not (the built-in parser resolves). Each name would create a
/// marker file if anything ran it; the report names config.invalid-name instead. The CLI runs with a temporary HOME,
/// -F and --known-hosts, so nothing of the machine's ~/.ssh is read or written.
/// </summary>
public sealed class HostileNameCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string Marker => _directory.File("marker");

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var name in (string[])["with-ssh user@option", "with-ssh login user@option", "with-ssh option destination", "proxycommand %h", "proxycommand %r"])
        {
            data.Add(name, true);
            if (name.StartsWith("proxycommand", StringComparison.Ordinal))
            {
                data.Add(name, false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_name_runs_nothing_and_is_reported_as_config_invalid_name(string @case, bool sshOnPath)
    {
        if (sshOnPath)
        {
            ExternalTool.Require("ssh");
        }

        var (code, stdout, stderr) = await DoctorProcess.RunAsync(["diagnose", "--json", .. CommonArguments(), .. Arguments(@case)], Environment(sshOnPath));

        Assert.False(File.Exists(Marker), "the hostile name ran a command:\n" + stdout + stderr);
        Assert.True(code == 1, stdout + stderr);
        var report = ReportJson.Deserialize(stdout)!;
        Assert.Equal("problem", report.Status);
        var diagnosis = Assert.Single(report.Diagnoses);
        Assert.Equal(DiagnosisIds.ConfigInvalidName, diagnosis.Id);
        Assert.Contains(diagnosis.Evidence, e => e.Text.Contains("contains invalid characters", StringComparison.Ordinal));
        Assert.Equal("failed", report.Stages[0].Status);
    }

    [Fact]
    public async Task The_text_report_names_the_refusal_once_with_its_catalogue_entry()
    {
        ExternalTool.Require("ssh");

        var (code, stdout, _) = await DoctorProcess.RunAsync(["diagnose", .. CommonArguments(), "u$(id)@host"], Environment(sshOnPath: true));

        Assert.Equal(1, code);
        Assert.Contains(DiagnosisIds.ConfigInvalidName + " · config · ", stdout, StringComparison.Ordinal);
        // Before: no diagnosis, and the stage failure printed twice as a bare "✗ config: …" line.
        Assert.DoesNotContain("✗ config:", stdout, StringComparison.Ordinal);
        Assert.Single(stdout.Split('\n'), l => l.Contains("remote username contains invalid characters (ssh's check", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("$(reboot)")]
    [InlineData("alice,addr=10.0.0.1")]
    [InlineData("-x")]
    public async Task Check_server_refuses_a_user_name_no_account_can_have(string user)
    {
        // It would go into sshd -T -C user=NAME,… and into printed commands; an empty prepared tree, so nothing of the host is read.
        Directory.CreateDirectory(_directory.File("root"));

        var (code, _, stderr) = await DoctorProcess.RunAsync(["check-server", "--root", _directory.File("root"), "--user", user]);

        Assert.True(code == 2, stderr);
        Assert.Contains("not a name an account can have", stderr, StringComparison.Ordinal);
    }

    private string[] CommonArguments()
    {
        File.WriteAllText(_directory.File("ssh_config"), string.Empty);
        File.WriteAllText(_directory.File("known_hosts"), string.Empty);
        return ["-F", _directory.File("ssh_config"), "--known-hosts", _directory.File("known_hosts"), "--agent", "none", "--timeout", "3"];
    }

    private string[] Arguments(string @case) => @case switch
    {
        "with-ssh user@option" => ["--with-ssh", $"bob@-oProxyCommand=/usr/bin/touch${{IFS}}{Marker}"],
        "with-ssh login user@option" => ["--with-ssh", "--login", $"bob@-oProxyCommand=/usr/bin/touch${{IFS}}{Marker}"],
        "with-ssh option destination" => ["--with-ssh", "--", $"-oProxyCommand=/usr/bin/touch {Marker}"],
        "proxycommand %h" => ["-o", "ProxyCommand=/bin/echo %h", $"h$(/usr/bin/touch {Marker})"],
        "proxycommand %r" => ["-o", "ProxyCommand=/bin/echo %r", "-l", $"u$(/usr/bin/touch {Marker})", "h"],
        _ => throw new ArgumentOutOfRangeException(nameof(@case)),
    };

    /// <summary>A temporary HOME; without ssh on PATH, a PATH holding nothing at all (ssh-doctor then uses its built-in parser).</summary>
    private Dictionary<string, string?> Environment(bool sshOnPath)
    {
        var home = _directory.File("home");
        Directory.CreateDirectory(home);
        var empty = _directory.File("empty-path");
        Directory.CreateDirectory(empty);
        return new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["SHELL"] = "/bin/sh",
            ["SSH_AUTH_SOCK"] = null,
            ["PATH"] = sshOnPath ? System.Environment.GetEnvironmentVariable("PATH") : empty,
        };
    }
}
