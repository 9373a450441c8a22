using SshDoctor.Audit;
using SshDoctor.Audit.Local;

namespace SshDoctor.Tests.Audit.Local;

/// <summary>
/// check-local's ~/.ssh directory check and recommended-modes check over a temporary home whose modes and owners the
/// test sets: warnings only (ssh itself checks neither), StrictModes named where sshd would refuse, and the mode found
/// and the one recommended in each finding.
/// </summary>
public sealed class DirectoryAndModeChecksTests : IDisposable
{
    private const uint Me = 4242;
    private readonly AuditHome _home = new();

    [Theory]
    [InlineData("700", "mode.ok", FindingSeverity.Ok)]
    [InlineData("750", "mode.looser-than-recommended", FindingSeverity.Warning)]
    [InlineData("755", "mode.looser-than-recommended", FindingSeverity.Warning)]
    [InlineData("770", "mode.strictmodes-would-refuse", FindingSeverity.Warning)]
    [InlineData("702", "mode.strictmodes-would-refuse", FindingSeverity.Warning)]
    public void The_ssh_directory_mode_is_judged_against_0700(string mode, string code, FindingSeverity severity)
    {
        AuditHome.Chmod(_home.Ssh, mode);
        AuditHome.Chmod(_home.Home, "755");

        var result = _home.Audit(new SshDirectoryCheck());

        var finding = Assert.Single(result.Findings);
        Assert.Equal((code, severity, _home.Ssh), (finding.Code, finding.Severity, finding.Where));
        Assert.Equal("0" + mode, finding.Values["mode"]);
        if (code != "mode.ok")
        {
            Assert.Equal("0700", finding.Values["recommended"]);
        }

        Assert.Empty(result.Diagnoses);
    }

    [Fact]
    public void A_missing_ssh_directory_is_information_and_a_file_in_its_place_a_warning()
    {
        Directory.Delete(_home.Ssh);
        var missing = Assert.Single(_home.Audit(new SshDirectoryCheck()).Findings);
        Assert.Equal(("dir.missing", FindingSeverity.Info, _home.Ssh), (missing.Code, missing.Severity, missing.Values["path"]));

        File.WriteAllText(_home.Ssh, "not a directory");
        var file = Assert.Single(_home.Audit(new SshDirectoryCheck()).Findings);
        Assert.Equal(("dir.not-directory", FindingSeverity.Warning, _home.Ssh), (file.Code, file.Severity, file.Values["path"]));
    }

    [Fact]
    public void A_group_writable_home_is_one_sshd_would_refuse_unless_the_group_is_the_users_own()
    {
        Shell.Require(Shell.IsRoot, "chown to another uid needs root");
        AuditHome.Chmod(_home.Home, "775");
        Assert.Equal(0, Shell.Run($"chown {Me}:{Me} '{_home.Home}' '{_home.Ssh}'").Code);
        var shared = UserDatabase.Parse($"me:x:{Me}:{Me}::{_home.Home}:/bin/sh\nother:x:4243:{Me}::/tmp:/bin/sh\n", $"me:x:{Me}:\n");
        var own = UserDatabase.Parse($"me:x:{Me}:{Me}::{_home.Home}:/bin/sh\n", $"me:x:{Me}:\n");

        var refused = Assert.Single(_home.Audit(new SshDirectoryCheck(), uid: Me, users: shared).Findings, f => f.Where == _home.Home);
        Assert.Equal(("mode.strictmodes-would-refuse", "0775", "0755"), (refused.Code, refused.Values["mode"], refused.Values["recommended"]));

        // Debian's exception: group write on a group whose only member is the user.
        Assert.DoesNotContain(_home.Audit(new SshDirectoryCheck(), uid: Me, users: own).Findings, f => f.Where == _home.Home);
    }

    [Fact]
    public void An_ssh_directory_owned_by_another_account_is_named_with_its_owner()
    {
        Shell.Require(Shell.IsRoot, "chown to another uid needs root");
        Assert.Equal(0, Shell.Run($"chown 4343 '{_home.Ssh}'").Code);

        var result = _home.Audit(new SshDirectoryCheck(), uid: Me);

        var foreign = Assert.Single(result.Findings, f => f.Code == "file.foreign-owner");
        Assert.Equal((FindingSeverity.Warning, _home.Ssh, "4343"), (foreign.Severity, foreign.Values["path"], foreign.Values["owner"]));

        // root may own it: sshd and ssh accept root's files.
        Assert.Equal(0, Shell.Run($"chown 0 '{_home.Ssh}'").Code);
        Assert.DoesNotContain(_home.Audit(new SshDirectoryCheck(), uid: Me).Findings, f => f.Code == "file.foreign-owner");
    }

    [Fact]
    public void Each_file_ssh_does_not_check_itself_is_compared_with_its_recommended_mode()
    {
        var key = _home.KeyGen("id_ed25519", "ed25519");
        AuditHome.Chmod(key + ".pub", "664");
        var knownHosts = _home.Write("known_hosts", string.Empty, "644");
        var knownHosts2 = _home.Write("known_hosts2", string.Empty, "666");
        var authorized = _home.Write("authorized_keys", string.Empty, "640");
        var other = _home.Write("notes.txt", string.Empty, "666");
        _home.Write("config", string.Empty, "666");

        var result = _home.Audit(new RecommendedModesCheck());

        Assert.Empty(result.Diagnoses);
        var byPath = result.Findings.ToDictionary(f => f.Where!, f => (f.Code, f.Values["mode"], f.Values.GetValueOrDefault("recommended")));
        Assert.Equal(
            new Dictionary<string, (string, string, string?)>
            {
                [key + ".pub"] = ("mode.looser-than-recommended", "0664", "0644"),
                [knownHosts] = ("mode.ok", "0644", null),
                [knownHosts2] = ("mode.looser-than-recommended", "0666", "0644"),
                [authorized] = ("mode.looser-than-recommended", "0640", "0600"),
            },
            byPath);
        Assert.DoesNotContain(result.Findings, f => f.Where == other || f.Where == key);
    }

    [Theory]
    [InlineData("620", "mode.strictmodes-would-refuse")]
    [InlineData("602", "mode.strictmodes-would-refuse")]
    [InlineData("644", "mode.looser-than-recommended")]
    [InlineData("400", "mode.ok")]
    public void A_writable_authorized_keys_is_what_strictmodes_refuses(string mode, string code)
    {
        var authorized = _home.Write("authorized_keys", string.Empty, mode);

        var finding = Assert.Single(_home.Audit(new RecommendedModesCheck(), users: UserDatabase.Parse(string.Empty, string.Empty)).Findings);

        Assert.Equal((code, authorized, "0" + mode), (finding.Code, finding.Where, finding.Values["mode"]));
    }

    [Fact]
    public void A_symlink_is_not_judged_by_its_targets_mode()
    {
        var target = Path.Combine(_home.Home, "shared_known_hosts");
        File.WriteAllText(target, string.Empty);
        AuditHome.Chmod(target, "666");
        File.CreateSymbolicLink(Path.Combine(_home.Ssh, "known_hosts"), target);

        Assert.Empty(_home.Audit(new RecommendedModesCheck()).Findings);
    }

    public void Dispose() => _home.Dispose();
}
