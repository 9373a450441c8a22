using SshDoctor.Diagnosis;
using SshDoctor.Localization;
using SshDoctor.Reporting;
using SshDoctor.Tests.Samples;

namespace SshDoctor.Tests.Explain;

/// <summary>
/// With ProxyJump, explain gives each line to the hop that printed it. Real lab recordings (tests/lab): in
/// <c>jump-same-name</c> the jump host and the target are both <c>host.test</c> (the client's resolver sends the name to
/// the jump host, the jump host's to the target); only the user (<c>dave</c> on the jump host, <c>alice</c> on the
/// target) tells the hops apart, and the target refuses alice's key.
/// </summary>
public sealed class JumpHopTests
{
    private static string Lab(string scenario, string file) => SampleFiles.PathOf("lab", scenario, file);

    [Fact]
    public void A_jump_host_named_like_the_target_keeps_its_own_lines()
    {
        var result = ExplainHelper.OfFiles(Lab("jump-same-name", "client.log"));

        var target = result.Sessions.Single(s => s.Index == 0);
        var jump = result.Sessions.Single(s => s.Index == 1);
        Assert.Equal(("host.test", "alice"), (target.Host, target.User));
        Assert.Equal(("host.test", "dave"), (jump.Host, jump.User));
        Assert.False(target.Reached.ContainsKey(Stage.Auth));
        Assert.True(jump.Reached.ContainsKey(Stage.Auth));

        var root = result.Diagnoses[0];
        Assert.Equal(DiagnosisIds.AuthPublicKeyNotAuthorized, root.Id);
        Assert.Equal("alice", root.Values["user"]);
        Assert.DoesNotContain(result.Diagnoses, d => d.Id == DiagnosisIds.JumpHopFailed);
    }

    [Fact]
    public void The_target_commands_of_a_same_name_jump_go_through_the_jump_host_as_its_user()
    {
        var report = ExplainReportBuilder.Build(ExplainHelper.OfFiles(Lab("jump-same-name", "client.log")), Language.English);
        var commands = report.Diagnoses[0].Fixes.Select(f => f.Command).OfType<string>().ToList();
        Assert.Contains(commands, c => c.StartsWith("ssh-copy-id -o ProxyJump=dave@host.test:2222 ", StringComparison.Ordinal) && c.EndsWith(" alice@host.test", StringComparison.Ordinal));
    }

    /// <summary>
    /// <c>debug1: compat_banner: match: OpenSSH_9.2p1 …</c> names the server's version: read as a label before ssh's
    /// own version line it made a hop of its own ("jump 2: ?") for every banner a -J log holds.
    /// </summary>
    [Theory]
    [InlineData("jump-same-name")]
    [InlineData("jump-target-auth")]
    public void A_jump_log_has_one_connection_per_ssh_process(string scenario) =>
        Assert.Equal(2, ExplainHelper.OfFiles(Lab(scenario, "client.log")).Sessions.Count);

    [Fact]
    public void A_debug_line_quoting_a_version_is_not_a_new_ssh() =>
        Assert.All(ExplainHelper.OfText("debug1: compat_banner: match: OpenSSH_9.2p1 Debian-2+deb12u10 pat OpenSSH* compat 0x04000000\n").Sessions, s => Assert.Null(s.OpenSshVersion));
}
