using SshDoctor.Diagnosis;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Probing;
using SshDoctor.Probing.Auth;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>
/// What the user's ssh would do with its own keys and settings, which the server accepting a public key cannot show
/// (each was a lab scenario diagnose got wrong): a private key ssh ignores, a .pub of another key, a DSA key ssh
/// skips, RSA limited to ssh-rsa, an agent that will not sign, a password wanted where only keys are allowed.
/// </summary>
public sealed class ClientKeyDiagnoseTests
{
    private static readonly ProbeSettings Login = ProbeSettings.Default with { Login = true };

    private static Dictionary<string, string> Authorized(string line) => new() { ["root"] = line + "\n" };

    private static string CopyKey(ProbeHarness harness, string kind, string name, UnixFileMode mode)
    {
        var path = harness.File(name);
        File.Copy(TestKeys.PrivateKeyPath(kind), path);
        File.Copy(TestKeys.PrivateKeyPath(kind) + ".pub", path + ".pub");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }

        return path;
    }

    [Fact]
    public async Task A_private_key_readable_by_others_is_named_although_the_server_accepts_it()
    {
        await using var server = await SshdServer.StartAsync([], Authorized(TestKeys.PublicKeyLine("ed25519")));
        using var harness = new ProbeHarness();
        var key = CopyKey(harness, "ed25519", "id_open", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, [key], settings: Login);

        Assert.True(ProbeHarness.RootCause(result) == DiagnosisIds.KeyPermissionsTooOpen, ProbeHarness.Describe(result));
        Assert.Equal(StageStatus.Skipped, result.Stages.Single(s => s.Stage == Stage.Session).Status);
    }

    [Fact]
    public async Task A_pub_file_of_another_key_is_offered_as_ssh_does_and_named_a_mismatch()
    {
        await using var server = await SshdServer.StartAsync([], Authorized(TestKeys.PublicKeyLine("ecdsa256")));
        using var harness = new ProbeHarness();
        var key = CopyKey(harness, "ed25519", "id_mixed", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(key + ".pub", TestKeys.PublicKeyLine("ecdsa256") + "\n");

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, [key], settings: Login);

        Assert.True(ProbeHarness.RootCause(result) == DiagnosisIds.KeyMismatch, ProbeHarness.Describe(result));
        Assert.Equal(KeyQueryResult.Accepted, Assert.Single(result.Keys).Result);
    }

    [Fact]
    public async Task A_DSA_key_the_client_no_longer_offers_is_weak()
    {
        using var harness = new ProbeHarness();
        var key = harness.File("id_dsa");
        ExternalTool.Run("ssh-keygen", "-q", "-t", "dsa", "-N", "", "-f", key);
        await using var server = await SshdServer.StartAsync(["PubkeyAcceptedAlgorithms +ssh-dss"], Authorized(File.ReadAllText(key + ".pub").Trim()));

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, [key]);

        Assert.True(ProbeHarness.RootCause(result) == DiagnosisIds.KeyWeak, ProbeHarness.Describe(result));
        Assert.Empty(result.Keys);
    }

    [Fact]
    public async Task An_rsa_key_limited_to_ssh_rsa_is_a_signature_algorithm_problem_not_an_unknown_key()
    {
        await using var server = await SshdServer.StartAsync([], Authorized(TestKeys.PublicKeyLine("rsa")));
        using var harness = new ProbeHarness();

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, [TestKeys.PrivateKeyPath("rsa")], options: ["PubkeyAcceptedAlgorithms=ssh-rsa"]);

        Assert.True(ProbeHarness.RootCause(result) == DiagnosisIds.KeySignatureAlgorithm, ProbeHarness.Describe(result));
    }

    [Fact]
    public async Task A_password_wanted_where_the_server_allows_only_keys_is_password_disabled()
    {
        await using var server = await SshdServer.StartAsync(["PasswordAuthentication no", "KbdInteractiveAuthentication no"], Authorized(TestKeys.PublicKeyLine("ed25519")));
        using var harness = new ProbeHarness();

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, [TestKeys.PrivateKeyPath("ed25519")], options: ["PreferredAuthentications=password"], settings: Login);

        Assert.True(ProbeHarness.RootCause(result) == DiagnosisIds.AuthPasswordDisabled, ProbeHarness.Describe(result));
        Assert.Empty(result.Keys);
    }

    [Fact]
    public async Task An_agent_that_refuses_to_sign_the_accepted_key_is_named()
    {
        await using var server = await SshdServer.StartAsync([], Authorized(TestKeys.PublicKeyLine("ed25519")));
        using var harness = new ProbeHarness();
        await using var agent = await TestAgent.StartAsync([]);
        // ssh-add -c: every signature needs a confirmation, and this agent has no askpass to ask with.
        ExternalTool.RunWithEnvironment("ssh-add", new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = agent.Socket }, "-q", "-c", TestKeys.PrivateKeyPath("ed25519"));

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, [TestKeys.PrivateKeyPath("ed25519")], agent: agent.Socket, settings: Login);

        Assert.True(ProbeHarness.RootCause(result) == DiagnosisIds.KeyAgentSignFailed, ProbeHarness.Describe(result));
    }
}
