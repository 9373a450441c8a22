using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Localization;
using SshDoctor.Reporting;

namespace SshDoctor.Tests.Reporting;

/// <summary>
/// Printed commands go the way the host is reached: a target behind jump hosts gets <c>-J</c> (ssh), <c>-o
/// ProxyJump=</c> (ssh-copy-id), ssh-keyscan run on the last hop; a hop is printed as ssh takes it (<c>-p PORT
/// USER@HOST</c>, never <c>HOST:PORT</c>, which ssh reads as a host name); the values are the real ones, no placeholder.
/// </summary>
public sealed class CommandRouteTests
{
    private static Dictionary<string, string> Target(string? jump) => new(StringComparer.Ordinal)
    {
        ["host"] = "target.test",
        ["port"] = "2222",
        ["user"] = "alice",
        ["key"] = "/home/alice/.ssh/id_ed25519",
        ["known_hosts_name"] = "[target.test]:2222",
        ["file"] = "/home/alice/.ssh/known_hosts",
        ["line"] = "3",
        ["fingerprint"] = "SHA256:abc",
        ["jump"] = jump ?? string.Empty,
    };

    [Theory]
    [InlineData("ssh -v -p 2222 alice@target.test 2>&1 | grep x", "ssh -J alice@jump.test:2200 -v -p 2222 alice@target.test 2>&1 | grep x")]
    [InlineData("ssh-copy-id -i /k -p 2222 alice@target.test", "ssh-copy-id -o ProxyJump=alice@jump.test:2200 -i /k -p 2222 alice@target.test")]
    [InlineData("ssh-keyscan -p 2222 target.test > known_hosts.new && ssh-keygen -lf known_hosts.new", "ssh -p 2200 alice@jump.test ssh-keyscan -p 2222 target.test > known_hosts.new && ssh-keygen -lf known_hosts.new")]
    [InlineData("ssh-keygen -R '[target.test]:2222' -f /k", "ssh-keygen -R '[target.test]:2222' -f /k")]
    [InlineData("ssh -G target.test | grep -i '^hostname'", "ssh -G target.test | grep -i '^hostname'")]
    [InlineData("ssh-add -D && ssh -o X=y target.test", "ssh-add -D && ssh -J alice@jump.test:2200 -o X=y target.test")]
    public void A_command_to_the_target_goes_through_the_jump_host(string command, string routed) =>
        Assert.Equal(routed, CommandRoute.Apply(command, Target("alice@jump.test:2200")));

    [Fact]
    public void Two_hops_keyscan_runs_on_the_last_through_the_first() =>
        Assert.Equal("ssh -J a.test -p 2200 bob@b.test ssh-keyscan -p 22 t.test", CommandRoute.Apply("ssh-keyscan -p 22 t.test", new Dictionary<string, string> { ["jump"] = "a.test,bob@b.test:2200" }));

    [Theory]
    [InlineData("")]
    [InlineData("-oProxyCommand=pwn")]
    [InlineData("a.test;pwn")]
    [InlineData("a.test b.test")]
    public void Without_a_plausible_jump_the_command_is_unchanged(string jump) =>
        Assert.Equal("ssh -p 22 alice@t.test", CommandRoute.Apply("ssh -p 22 alice@t.test", new Dictionary<string, string> { ["jump"] = jump }));

    [Theory]
    [InlineData("alice@jump.test:2222", "-p 2222 alice@jump.test")]
    [InlineData("jump.test", "jump.test")]
    [InlineData("ssh://bob@jump.test:22", "-p 22 bob@jump.test")]
    public void A_hop_is_printed_as_ssh_takes_a_destination(string hop, string arguments) =>
        Assert.Equal(arguments, CommandRoute.HopArguments(hop));

    [Fact]
    public void Every_ssh_command_of_a_target_diagnosis_behind_a_jump_host_names_it_and_no_placeholder_is_left()
    {
        foreach (var id in new[] { DiagnosisIds.AuthPublicKeyNotAuthorized, DiagnosisIds.HostKeyChanged, DiagnosisIds.HostKeyUnknown, DiagnosisIds.HostKeyTypeMismatch, DiagnosisIds.KexNoCommonCipher })
        {
            var values = Target("alice@jump.test:2200");
            values["algorithm"] = "aes128-cbc";
            values["offer"] = "aes128-cbc";
            var diagnosis = new Diagnosis.Diagnosis(id, Certainty.Proven, [], values);
            foreach (var command in ReportBuilder.Describe(diagnosis, Language.English).Fixes.Select(f => f.Command).OfType<string>())
            {
                Assert.DoesNotMatch(@"\b(HOST|PORT|USER|FILE|KNOWN_HOSTS_NAME)\b", command);
                if (command.Contains("target.test", StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(command, @"(^|\| |&& )ssh(-copy-id)? ") && !command.Contains("ssh -G", StringComparison.Ordinal))
                {
                    Assert.Contains(command.Contains("ssh-keyscan", StringComparison.Ordinal) ? "-p 2200 alice@jump.test ssh-keyscan" : "alice@jump.test:2200", command, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void The_hop_of_a_failed_jump_is_printed_with_p_and_no_colon_port()
    {
        var values = new Dictionary<string, string> { ["host"] = "target.test", ["port"] = "2222", ["user"] = "alice", ["hop"] = "alice@jump.test:2200" };
        var commands = ReportBuilder.Describe(new Diagnosis.Diagnosis(DiagnosisIds.JumpHopFailed, Certainty.Proven, [], values), Language.English).Fixes.Select(f => f.Command).OfType<string>().ToList();
        Assert.Contains("ssh -v -p 2200 alice@jump.test", commands);
        Assert.All(commands, c => Assert.DoesNotContain("jump.test:2200", c, StringComparison.Ordinal));
    }

    /// <summary>
    /// explain reads the jump list from ssh's own <c>Setting implicit ProxyCommand from ProxyJump</c> line (a real -vvv
    /// log of <c>ssh -J alice@jump.test:2222 … alice@target.test</c>): the target's commands go through it as diagnose's do.
    /// </summary>
    [Fact]
    public void Explain_routes_the_target_commands_through_the_jump_host_its_log_shows()
    {
        var result = Explain.ExplainHelper.OfFiles(Samples.SampleFiles.PathOf("lab", "jump-target-auth", "client.log"));
        var report = ExplainReportBuilder.Build(result, Language.English);
        var root = report.Diagnoses[0];
        Assert.Equal(DiagnosisIds.AuthPublicKeyNotAuthorized, root.Id);
        var commands = root.Fixes.Select(f => f.Command).OfType<string>().ToList();
        Assert.Contains(commands, c => c.Contains("ssh-copy-id -o ProxyJump=alice@jump.test:2222 ", StringComparison.Ordinal));
        Assert.All(commands.Where(c => c.StartsWith("ssh ", StringComparison.Ordinal) && c.Contains("target.test", StringComparison.Ordinal)),
            c => Assert.StartsWith("ssh -J alice@jump.test:2222 ", c, StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_without_a_jump_host_prints_commands_unchanged()
    {
        var report = ExplainReportBuilder.Build(Explain.ExplainHelper.OfFiles(Samples.SampleFiles.PathOf("lab", "auth-key-not-authorized", "client.log")), Language.English);
        Assert.DoesNotContain(report.Diagnoses.SelectMany(d => d.Fixes).Select(f => f.Command).OfType<string>(), c => c.Contains("ProxyJump", StringComparison.Ordinal) || c.Contains(" -J ", StringComparison.Ordinal));
    }
}
