using SshDoctor.Diagnosis;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Probing;
using SshDoctor.Probing.Auth;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>
/// <c>diagnose</c> against a Dropbear server the test starts (its own host key, a test user whose authorized_keys lives in
/// a temporary home): every stage completes, the fingerprint is the one <c>dropbearkey -y</c> and <c>ssh-keygen -lf</c>
/// print, an authorized key is accepted (and logs in), another key is named not authorized.
/// </summary>
public sealed class DropbearDiagnoseTests
{
    [Fact]
    public async Task Diagnose_completes_against_dropbear_with_its_fingerprint_and_accepts_the_authorized_key()
    {
        await using var server = await UserLabDropbear.StartAsync(TestKeys.PublicKeyLine("ed25519") + "\n");
        using var harness = new ProbeHarness();

        var result = await harness.RunAsync($"{UserLabDropbear.User}@127.0.0.1", server.Port, [TestKeys.PrivateKeyPath("ed25519")],
            settings: ProbeSettings.Default with { Login = true });

        Assert.True(result.Stages.All(s => s.Status is StageStatus.Ok or StageStatus.Warning), ProbeHarness.Describe(result) + "\n" + server.Log);
        Assert.StartsWith("SSH-2.0-dropbear", result.Server!.Line, StringComparison.Ordinal);
        var dropbearLine = ExternalTool.Run("dropbearkey", "-y", "-f", server.HostKey).Split('\n').First(l => l.StartsWith("Fingerprint: ", StringComparison.Ordinal));
        var publicLine = ExternalTool.Run("dropbearkey", "-y", "-f", server.HostKey).Split('\n').First(l => l.StartsWith("ssh-ed25519 ", StringComparison.Ordinal));
        var publicFile = harness.File("dropbear_host.pub");
        await File.WriteAllTextAsync(publicFile, publicLine + "\n", TestContext.Current.CancellationToken);
        var keygen = ExternalTool.Run("ssh-keygen", "-lf", publicFile).Split(' ')[1];
        Assert.Equal(keygen, result.HostKey!.Fingerprint);
        Assert.Contains(result.HostKey.Fingerprint, dropbearLine, StringComparison.Ordinal);
        Assert.Equal(KeyQueryResult.Accepted, Assert.Single(result.Keys).Result);
        Assert.Equal(StageStatus.Ok, result.Stages.Single(s => s.Stage == Stage.Session).Status);
        Assert.DoesNotContain(ProbeHarness.Ordered(result), d => d.Certainty != Certainty.Possible && d.Id != DiagnosisIds.HostKeyUnknown);
    }

    [Fact]
    public async Task A_key_dropbear_does_not_know_is_named_not_authorized()
    {
        await using var server = await UserLabDropbear.StartAsync(TestKeys.PublicKeyLine("ed25519") + "\n");
        using var harness = new ProbeHarness();

        var result = await harness.RunAsync($"{UserLabDropbear.User}@127.0.0.1", server.Port, [TestKeys.PrivateKeyPath("rsa")]);

        Assert.True(ProbeHarness.RootCause(result) == DiagnosisIds.AuthPublicKeyNotAuthorized, ProbeHarness.Describe(result) + "\n" + server.Log);
        Assert.Equal(KeyQueryResult.Rejected, Assert.Single(result.Keys).Result);
    }
}
