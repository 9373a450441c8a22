using SshDoctor.Diagnosis;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Probing;
using SshDoctor.Probing.Auth;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>--login signs with unencrypted key files of every type and format ssh-keygen writes, against a real sshd.</summary>
public sealed class KeyFileLoginTests
{
    private static readonly ProbeSettings Login = ProbeSettings.Default with { Login = true };

    public static TheoryData<string, string, string> Keys() => new()
    {
        { "rsa", "RFC4716", "rsa-sha2-512" },
        { "rsa", "PEM", "rsa-sha2-512" },
        { "rsa", "PKCS8", "rsa-sha2-512" },
        { "ecdsa256", "RFC4716", "ecdsa-sha2-nistp256" },
        { "ecdsa384", "RFC4716", "ecdsa-sha2-nistp384" },
        { "ecdsa521", "RFC4716", "ecdsa-sha2-nistp521" },
        { "ecdsa256", "PEM", "ecdsa-sha2-nistp256" },
        { "ecdsa384", "PEM", "ecdsa-sha2-nistp384" },
        { "ecdsa521", "PKCS8", "ecdsa-sha2-nistp521" },
        { "ed25519", "RFC4716", "ssh-ed25519" },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task An_unencrypted_key_file_logs_in_without_its_pub_file(string kind, string format, string algorithm)
    {
        using var harness = new ProbeHarness();
        var key = Generate(harness, kind, format);
        var publicLine = (await File.ReadAllTextAsync(key + ".pub", TestContext.Current.CancellationToken)).Trim();
        File.Delete(key + ".pub");
        await using var server = await SshdServer.StartAsync([], new Dictionary<string, string> { ["root"] = publicLine + "\n" });

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, [key], settings: Login);

        var accepted = Assert.Single(result.Keys);
        Assert.Equal(KeyQueryResult.Accepted, accepted.Result);
        Assert.Equal(algorithm, accepted.Detail);
        Assert.True(result.Stages.Single(s => s.Stage == Stage.Session).Status == StageStatus.Ok, ProbeHarness.Describe(result) + "\n" + server.Log);
        Assert.True(await server.WaitForLogAsync("Accepted publickey for root", TimeSpan.FromSeconds(5)), server.Log);
    }

    [Theory]
    [InlineData("rsa-sha2-512")]
    [InlineData("rsa-sha2-256,ssh-rsa")]
    public async Task An_RSA_key_is_offered_under_the_signature_name_real_ssh_uses(string accepted)
    {
        using var harness = new ProbeHarness();
        var key = Generate(harness, "rsa", "PEM");
        await using var server = await SshdServer.StartAsync(["PubkeyAcceptedAlgorithms " + accepted],
            new Dictionary<string, string> { ["root"] = File.ReadAllText(key + ".pub") });

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, [key], settings: Login);
        var (code, log) = RealSsh.Run(server.Port, "root", ["-o", "IdentityAgent=none", "-i", key]);

        var verdict = Assert.Single(result.Keys);
        var session = result.Stages.Single(s => s.Stage == Stage.Session);
        if (code == 0)
        {
            // The real client got in: so must the probe, with the same signature name.
            Assert.Equal(KeyQueryResult.Accepted, verdict.Result);
            Assert.True(session.Status == StageStatus.Ok, ProbeHarness.Describe(result) + "\n" + server.Log);
            Assert.Contains("Server accepts key:", log, StringComparison.Ordinal);
            Assert.Contains($"debug1: Server accepts key: {key} RSA", log, StringComparison.Ordinal);
            Assert.Contains(verdict.Detail, accepted.Split(','));
        }
        else
        {
            Assert.NotEqual(KeyQueryResult.Accepted, verdict.Result);
        }
    }

    private static string Generate(ProbeHarness harness, string kind, string format)
    {
        var path = harness.File("id_" + kind + "_" + format);
        string[] type = kind switch
        {
            "rsa" => ["-t", "rsa", "-b", "2048"],
            "ecdsa256" => ["-t", "ecdsa", "-b", "256"],
            "ecdsa384" => ["-t", "ecdsa", "-b", "384"],
            "ecdsa521" => ["-t", "ecdsa", "-b", "521"],
            _ => ["-t", "ed25519"],
        };
        ExternalTool.Run("ssh-keygen", [.. type, "-m", format, "-q", "-N", "", "-C", kind, "-f", path]);
        return path;
    }
}
