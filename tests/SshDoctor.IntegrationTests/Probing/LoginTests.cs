using SshDoctor.Diagnosis;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Probing;
using SshDoctor.Probing.Auth;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>--login: what only a real login shows (root policy, missing home, no shell), with test users in a private mount namespace.</summary>
public sealed class LoginTests
{
    private static readonly ProbeSettings Login = ProbeSettings.Default with { Login = true };

    [Fact]
    public async Task Root_gets_PK_OK_for_the_query_and_is_refused_after_the_signature()
    {
        await using var server = await SshdServer.StartAsync(["PermitRootLogin no"], new Dictionary<string, string> { ["root"] = TestKeys.PublicKeyLine("ed25519") + "\n" });
        using var harness = new ProbeHarness();

        var withoutLogin = await harness.RunAsync("root@127.0.0.1", server.Port, [TestKeys.PrivateKeyPath("ed25519")]);
        var withLogin = await harness.RunAsync("root@127.0.0.1", server.Port, [TestKeys.PrivateKeyPath("ed25519")], settings: Login);

        Assert.Equal(KeyQueryResult.Accepted, Assert.Single(withoutLogin.Keys).Result);
        Assert.Equal(DiagnosisIds.AuthRootRefused, ProbeHarness.RootCause(withLogin));
        Assert.Equal(StageStatus.Failed, withLogin.Stages.Single(s => s.Stage == Stage.Auth).Status);
    }

    [Fact]
    public async Task A_user_without_a_home_and_a_user_with_nologin_are_told_apart()
    {
        var key = TestKeys.PublicKeyLine("ed25519") + "\n";
        await using var server = await UserLabServer.StartAsync(
            ["frank:x:4246:4246::/nonexistent/frank:/bin/sh", "dave:x:4245:4245::/tmp:/usr/sbin/nologin"],
            new Dictionary<string, string> { ["frank"] = key, ["dave"] = key });
        using var harness = new ProbeHarness();

        var frank = await harness.RunAsync("frank@127.0.0.1", server.Port, [TestKeys.PrivateKeyPath("ed25519")], settings: Login);
        var dave = await harness.RunAsync("dave@127.0.0.1", server.Port, [TestKeys.PrivateKeyPath("ed25519")], settings: Login);

        Assert.True(ProbeHarness.RootCause(frank) == DiagnosisIds.SessionNoHome, ProbeHarness.Describe(frank) + "\n" + server.Log);
        Assert.True(ProbeHarness.RootCause(dave) == DiagnosisIds.SessionShellDisabled, ProbeHarness.Describe(dave) + "\n" + server.Log);
    }

    [Fact]
    public async Task A_healthy_login_runs_true()
    {
        await using var server = await SshdServer.StartAsync([], new Dictionary<string, string> { ["root"] = TestKeys.PublicKeyLine("ed25519") + "\n" });
        using var harness = new ProbeHarness();

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, [TestKeys.PrivateKeyPath("ed25519")], settings: Login);

        var session = result.Stages.Single(s => s.Stage == Stage.Session);
        Assert.True(session.Status == StageStatus.Ok, ProbeHarness.Describe(result));
        Assert.Contains("exit status 0", session.Detail, StringComparison.Ordinal);
    }
}
