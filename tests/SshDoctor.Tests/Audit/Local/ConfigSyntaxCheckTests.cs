using SshDoctor.Audit;
using SshDoctor.Audit.Local;
using SshDoctor.Diagnosis;

namespace SshDoctor.Tests.Audit.Local;

/// <summary>
/// check-local's ~/.ssh/config check in a temporary home: unknown keywords (with and without the installed ssh's
/// word on them), IgnoreUnknown, the settings that weaken ssh, IdentityFile lines naming missing keys, and Includes
/// that match nothing. Each finding is about FILE:LINE.
/// </summary>
public sealed class ConfigSyntaxCheckTests : IDisposable
{
    private readonly AuditHome _home = new();

    private string Config => Path.Combine(_home.Ssh, "config");

    [Fact]
    public void An_unknown_keyword_is_a_proven_bad_option_at_its_line_with_the_nearest_keyword_when_ssh_is_not_installed()
    {
        _home.Write("config", "Host web\n  HostName web.example\n  Prot 2222\n");

        var result = _home.Audit(new ConfigSyntaxCheck(), programs: new Server.ScriptedPrograms());

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("config.bad-option", FindingSeverity.Problem, DiagnosisIds.ConfigBadOption), (finding.Code, finding.Severity, finding.DiagnosisId));
        Assert.Equal($"{Config}:3", finding.Where);
        Assert.Equal((Config, "3", "Prot", "Port"), (finding.Values["file"], finding.Values["line"], finding.Values["option"], finding.Values["nearest"]));
        var diagnosis = Assert.Single(result.Diagnoses);
        Assert.Equal((DiagnosisIds.ConfigBadOption, Certainty.Proven), (diagnosis.Id, diagnosis.Certainty));
        Assert.Equal("Prot is not an ssh_config keyword", diagnosis.Evidence[0].Text);
        Assert.Equal($"{Config}:3", diagnosis.Evidence[0].Where);
    }

    [Fact]
    public void The_installed_ssh_confirms_a_bad_option_in_its_own_words()
    {
        Shell.Require(Shell.Has("ssh"), "openssh-client (ssh) is needed");
        _home.Write("config", "Host web\n  Hostt web.example\n");

        var result = _home.Audit(new ConfigSyntaxCheck(), programs: new ProgramRunner());

        var diagnosis = Assert.Single(result.Diagnoses);
        Assert.Equal((DiagnosisIds.ConfigBadOption, Certainty.Proven), (diagnosis.Id, diagnosis.Certainty));
        Assert.Equal($"{Config}: line 2: Bad configuration option: hostt", diagnosis.Evidence[0].Text);
    }

    [Fact]
    public void A_keyword_the_installed_ssh_accepts_is_only_likely_bad()
    {
        // A newer ssh than the keyword table: it reads the file without complaint, so the table may be what is behind.
        _home.Write("config", "Host web\n  FutureOption yes\n");
        var programs = new Server.ScriptedPrograms().Prints("ssh", "user root\nhostname ssh-doctor.invalid\n");

        var result = _home.Audit(new ConfigSyntaxCheck(), programs: programs);

        var diagnosis = Assert.Single(result.Diagnoses);
        Assert.Equal((DiagnosisIds.ConfigBadOption, Certainty.Likely), (diagnosis.Id, diagnosis.Certainty));
        Assert.Equal("FutureOption is not an ssh_config keyword", diagnosis.Evidence[0].Text);
        Assert.Equal($"ssh -G -F {Config} -- ssh-doctor.invalid", Assert.Single(programs.Calls));
    }

    [Fact]
    public void IgnoreUnknown_covers_the_lines_after_it_by_pattern_and_aliases_ssh_accepts_are_not_unknown()
    {
        _home.Write("config", "Frobnicate 1\nIgnoreUnknown Frob*,UseKeychain\nFrobnicate 2\nUseKeychain yes\nPubkeyAcceptedKeyTypes +ssh-rsa\nGSSAPIKeyExchange no\n");

        var result = _home.Audit(new ConfigSyntaxCheck());

        var finding = Assert.Single(result.Findings);
        Assert.Equal(($"{Config}:1", "Frobnicate"), (finding.Where, finding.Values["option"]));
    }

    [Fact]
    public void Settings_that_weaken_ssh_are_warnings_naming_their_block()
    {
        _home.Write("config", "ForwardAgent yes\nHost lab\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n  ForwardAgent yes\nHost *\n  ForwardAgent yes\nHost other\n  StrictHostKeyChecking accept-new\n");

        var result = _home.Audit(new ConfigSyntaxCheck());

        Assert.Empty(result.Diagnoses);
        Assert.All(result.Findings, f => Assert.Equal(FindingSeverity.Warning, f.Severity));
        Assert.Equal(
            [
                ("config.risky-forward-agent-all", $"{Config}:1", "(all hosts)", "yes"),
                ("config.risky-no-hostkey-check", $"{Config}:3", "Host lab", "no"),
                ("config.risky-known-hosts-null", $"{Config}:4", "Host lab", "/dev/null"),
                ("config.risky-forward-agent-all", $"{Config}:7", "Host *", "yes"),
            ],
            result.Findings.Select(f => (f.Code, f.Where!, f.Values["block"], f.Values["value"])));
    }

    [Fact]
    public void An_IdentityFile_naming_a_missing_file_is_a_likely_key_not_found_with_the_path_ssh_would_open_after_expanding_tilde_and_percent_d()
    {
        _home.KeyGen("id_present", "ed25519");
        _home.Write("config", $"Host a\n  IdentityFile ~/.ssh/id_missing\n  IdentityFile ~/.ssh/id_present\nHost b\n  IdentityFile {_home.Ssh}/absolute_missing\n  IdentityFile %d/.ssh/expanded_missing\n  IdentityFile %d/.ssh/id_present\n  IdentityFile ~/.ssh/id_%r\n");

        var result = _home.Audit(new ConfigSyntaxCheck());

        Assert.All(result.Diagnoses, d => Assert.Equal((DiagnosisIds.KeyNotFound, Certainty.Likely), (d.Id, d.Certainty)));
        Assert.Equal(
            [
                ($"{Config}:2", $"{_home.Home}/.ssh/id_missing"),
                ($"{Config}:5", $"{_home.Home}/.ssh/absolute_missing"),
                ($"{Config}:6", $"{_home.Home}/.ssh/expanded_missing"),
            ],
            result.Findings.Where(f => f.Code == "key.not-found").Select(f => (f.Where!, f.Values["key"])));
        Assert.Equal(3, result.Diagnoses.Count);
        Assert.Equal($"IdentityFile ~/.ssh/id_missing: {_home.Home}/.ssh/id_missing does not exist", result.Diagnoses[0].Evidence[0].Text);
    }

    [Fact]
    public void No_config_is_information_and_an_include_matching_nothing_is_said()
    {
        Assert.Equal(Config, Assert.Single(_home.Audit(new ConfigSyntaxCheck()).Findings, f => f.Code == "config.none").Values["path"]);

        _home.Write("config", "Include conf.d/*.conf\nHost x\n  Port 22\n");
        var result = _home.Audit(new ConfigSyntaxCheck());

        var empty = Assert.Single(result.Findings);
        Assert.Equal(("config.include-empty", $"{Config}:1", "conf.d/*.conf"), (empty.Code, empty.Where, empty.Values["pattern"]));
        Assert.Empty(result.Diagnoses);
    }

    [Fact]
    public void A_bad_option_inside_an_included_file_is_reported_at_that_file_and_line()
    {
        var included = _home.Write("conf.d/lab.conf", "Host lab\n  HostName lab.example\n  Usr alice\n");
        _home.Write("config", "Include conf.d/*.conf\n");

        var finding = Assert.Single(_home.Audit(new ConfigSyntaxCheck()).Findings);

        Assert.Equal(("config.bad-option", $"{included}:3", "User"), (finding.Code, finding.Where, finding.Values["nearest"]));
    }

    public void Dispose() => _home.Dispose();
}
