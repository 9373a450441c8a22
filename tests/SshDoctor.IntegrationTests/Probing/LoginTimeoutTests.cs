using SshDoctor.Diagnosis;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>
/// --login against a server whose command never ends (ForceCommand sleep): the session stage fails with
/// session.timeout and says the deadline was the probe's own, never "session ok … exit status none" with exit 0.
/// </summary>
public sealed class LoginTimeoutTests
{
    [Fact]
    public async Task A_command_that_never_ends_is_a_session_timeout_not_ok()
    {
        await using var sshd = await SshdServer.StartAsync(["ForceCommand sleep 60"], new Dictionary<string, string> { ["root"] = TestKeys.PublicKeyLine("ed25519") + "\n" });

        var (run, report) = await HostileCase.DiagnoseAsync("--login, the command never ends", sshd.Port, HostileAuthCommandTests.KnownHostsLine(sshd.Port), extra: ["--login"]);

        HostileCase.AssertDiagnosed("--login, the command never ends", run, report, DiagnosisIds.SessionTimeout);
        var session = report.Stages.Single(s => s.Stage == "session");
        Assert.Equal("failed", session.Status);
        Assert.Contains("the probe's own deadline", session.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("server ended", session.Detail, StringComparison.Ordinal);
    }
}
