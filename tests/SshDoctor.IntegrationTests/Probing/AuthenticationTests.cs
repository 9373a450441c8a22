using SshDoctor.Diagnosis;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Probing;
using SshDoctor.Probing.Auth;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>Key queries against a real sshd: which keys the server accepts, without a signature or a passphrase.</summary>
public sealed class AuthenticationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_authorized_key_is_accepted_and_nothing_is_wrong()
    {
        await using var server = await SshdServer.StartAsync([], Authorized("root", "ed25519"));
        using var harness = new ProbeHarness();
        await TrustAsync(harness, server);

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, [TestKeys.PrivateKeyPath("ed25519")]);

        Assert.True(ProbeHarness.Ordered(result).Count == 0, ProbeHarness.Describe(result));
        Assert.Equal(KeyQueryResult.Accepted, Assert.Single(result.Keys).Result);
        Assert.Equal(StageStatus.Ok, result.Stages.Single(s => s.Stage == Stage.Auth).Status);
    }

    [Fact]
    public async Task A_key_that_is_not_authorized_is_named_with_the_keys_that_exist()
    {
        await using var server = await SshdServer.StartAsync([], Authorized("root", "ed25519"));
        using var harness = new ProbeHarness();

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, [TestKeys.PrivateKeyPath("rsa"), TestKeys.PrivateKeyPath("ecdsa256")]);

        var root = ProbeHarness.Ordered(result)[0];
        Assert.Equal(DiagnosisIds.AuthPublicKeyNotAuthorized, root.Id);

        // The refusal is seen; its cause is not (StrictModes and AllowUsers refuse the same way): likely, with those.
        Assert.Equal(Certainty.Likely, root.Certainty);
        Assert.Contains(DiagnosisIds.AuthPublicKeyServerModes, root.Alternatives);
        Assert.Contains(DiagnosisIds.AuthNotAllowed, root.Alternatives);
        Assert.Equal(TestKeys.PrivateKeyPath("rsa"), root.Values["key"]);
        Assert.Contains(root.Evidence, e => e.Text.Contains(TestKeys.KeygenFingerprint("ecdsa256"), StringComparison.Ordinal));
        Assert.Equal(2, result.Keys.Count(k => k.Result == KeyQueryResult.Rejected));
    }

    [Fact]
    public async Task An_encrypted_private_key_is_queried_without_its_passphrase_or_pub_file()
    {
        using var harness = new ProbeHarness();
        var keyPath = harness.File("id_encrypted");
        ExternalTool.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "correct horse", "-C", "encrypted", "-f", keyPath);
        var publicLine = (await File.ReadAllTextAsync(keyPath + ".pub", Token)).Trim();
        File.Delete(keyPath + ".pub");
        await using var server = await SshdServer.StartAsync([], new Dictionary<string, string> { ["root"] = publicLine + "\n" });

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, [keyPath]);

        var verdict = Assert.Single(result.Keys);
        Assert.Equal(KeyQueryResult.Accepted, verdict.Result);
        Assert.True(verdict.Key.Encrypted);
    }

    [Fact]
    public async Task Eight_agent_keys_against_MaxAuthTries_6_reconnect_instead_of_being_disconnected()
    {
        string[] kinds = ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "ed25519"];
        await using var agent = await TestAgent.StartAsync(kinds);
        await using var server = await SshdServer.StartAsync(["MaxAuthTries 6"], Authorized("root", "ed25519"));
        using var harness = new ProbeHarness();

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, agent: agent.Socket);

        Assert.Equal(7, result.Keys.Count(k => k.Result == KeyQueryResult.Rejected));
        var accepted = Assert.Single(result.Keys, k => k.Result == KeyQueryResult.Accepted);
        Assert.Equal(TestKeys.KeygenFingerprint("ed25519"), accepted.Key.PublicKey.Fingerprint);
        Assert.Equal(2, accepted.Connection);
        var root = ProbeHarness.Ordered(result)[0];
        Assert.True(root.Id == DiagnosisIds.AuthTooManyFailures, ProbeHarness.Describe(result));
        await Task.Delay(300, Token);
        Assert.DoesNotContain("maximum authentication attempts exceeded", server.Log, StringComparison.Ordinal);
        Assert.Contains("Postponed publickey for root", server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_that_does_not_exist_looks_like_unauthorized_keys_with_the_alternatives_named()
    {
        await using var server = await SshdServer.StartAsync([], Authorized("root", "ed25519"));
        using var harness = new ProbeHarness();

        var result = await harness.RunAsync("nosuchuser@127.0.0.1", server.Port, [TestKeys.PrivateKeyPath("ed25519")]);

        var root = ProbeHarness.Ordered(result)[0];
        Assert.Equal(DiagnosisIds.AuthPublicKeyNotAuthorized, root.Id);
        Assert.Contains(DiagnosisIds.AuthWrongUser, root.Alternatives);
        Assert.True(await server.WaitForLogAsync("Invalid user nosuchuser", TimeSpan.FromSeconds(2)), server.Log);
    }

    [Fact]
    public async Task AllowUsers_refuses_every_key_of_other_users()
    {
        await using var server = await SshdServer.StartAsync(["AllowUsers nobody"], Authorized("root", "ed25519"));
        using var harness = new ProbeHarness();

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, [TestKeys.PrivateKeyPath("ed25519")]);

        var root = ProbeHarness.Ordered(result)[0];
        Assert.Equal(DiagnosisIds.AuthPublicKeyNotAuthorized, root.Id);
        Assert.Contains(DiagnosisIds.AuthNotAllowed, root.Alternatives);
        Assert.True(await server.WaitForLogAsync("not listed in AllowUsers", TimeSpan.FromSeconds(2)), server.Log);
    }

    [Fact]
    public async Task A_password_only_server_has_public_keys_disabled()
    {
        await using var server = await SshdServer.StartAsync(["PubkeyAuthentication no"], Authorized("root", "ed25519"));
        using var harness = new ProbeHarness();

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, [TestKeys.PrivateKeyPath("ed25519")]);

        Assert.Equal(DiagnosisIds.AuthPublicKeyDisabled, ProbeHarness.RootCause(result));
        Assert.DoesNotContain("publickey", result.AllowedMethods);
        Assert.Empty(result.Keys);
    }

    [Fact]
    public async Task A_keys_only_server_and_no_key_at_all_means_passwords_are_disabled()
    {
        await using var server = await SshdServer.StartAsync(["AuthenticationMethods publickey"]);
        using var harness = new ProbeHarness();

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, [harness.File("id_missing")]);

        var ordered = ProbeHarness.Ordered(result);
        Assert.Contains(ordered, d => d.Id == DiagnosisIds.AuthPasswordDisabled);
    }

    /// <summary>
    /// Issue 15: a fix pins a key only on evidence. A refused default key (~/.ssh/id_rsa, never named, never accepted)
    /// is not printed as the key to use: the command says KEY; the port the report shows is filled in.
    /// </summary>
    [Fact]
    public async Task A_refused_default_key_is_not_pinned_in_the_fix_and_the_known_port_is_filled_in()
    {
        await using var server = await SshdServer.StartAsync([], Authorized("root", "ed25519"));
        using var harness = new ProbeHarness();
        var defaultKey = Path.Combine(harness.Home, ".ssh", "id_rsa");
        ExternalTool.Run("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", defaultKey);

        var result = await harness.RunAsync("root@127.0.0.1", server.Port);

        var root = SshDoctor.Reporting.DiagnoseReportBuilder.Build(result, SshDoctor.Localization.Language.English).Diagnoses[0];
        Assert.True(root.Id == DiagnosisIds.AuthPublicKeyNotAuthorized, ProbeHarness.Describe(result));
        var commands = root.Fixes.Select(f => f.Command).OfType<string>().ToList();
        var port = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"ssh -o IdentitiesOnly=yes -i KEY -p {port} root@127.0.0.1", commands);
        Assert.DoesNotContain(commands, c => c.Contains(defaultKey, StringComparison.Ordinal) || c.Contains("PORT", StringComparison.Ordinal));
    }

    /// <summary>
    /// Issue 15: a wrong-key case. ssh offers ~/.ssh/id_rsa, which the server refuses; the user's other key
    /// ~/.ssh/work_ed25519 (not offered by ssh) is the one installed. diagnose asks about it too and names it.
    /// </summary>
    [Fact]
    public async Task When_every_offered_key_is_refused_the_users_other_key_that_the_server_accepts_is_named()
    {
        await using var server = await SshdServer.StartAsync([], Authorized("root", "ed25519"));
        using var harness = new ProbeHarness();
        var ssh = Path.Combine(harness.Home, ".ssh");
        ExternalTool.Run("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", Path.Combine(ssh, "id_rsa"));
        var work = Path.Combine(ssh, "work_ed25519");
        File.Copy(TestKeys.PrivateKeyPath("ed25519"), work);
        File.Copy(TestKeys.PrivateKeyPath("ed25519") + ".pub", work + ".pub");
        ExternalTool.Run("chmod", "600", work);

        var result = await harness.RunAsync("root@127.0.0.1", server.Port);

        var root = ProbeHarness.Ordered(result)[0];
        Assert.True(root.Id == DiagnosisIds.AuthPublicKeyNotAuthorized, ProbeHarness.Describe(result));
        Assert.Equal(Certainty.Proven, root.Certainty);
        Assert.Equal(work, root.Values["key"]);
        Assert.Contains(root.Evidence, e => e.Text.Contains(work, StringComparison.Ordinal) && e.Text.Contains("accepted", StringComparison.Ordinal));
        Assert.Equal(KeyQueryResult.Rejected, Assert.Single(result.Keys).Result);
        var commands = SshDoctor.Reporting.DiagnoseReportBuilder.Build(result, SshDoctor.Localization.Language.English).Diagnoses[0].Fixes.Select(f => f.Command).OfType<string>();
        Assert.Contains($"ssh -o IdentitiesOnly=yes -i {work} -p {server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)} root@127.0.0.1", commands);
    }

    private static Dictionary<string, string> Authorized(string user, string kind) => new() { [user] = TestKeys.PublicKeyLine(kind) + "\n" };

    private static async Task TrustAsync(ProbeHarness harness, SshdServer server)
    {
        var lines = string.Join('\n', ((string[])["ed25519", "ecdsa256", "ecdsa384", "ecdsa521", "rsa"]).Select(k => $"[127.0.0.1]:{server.Port} {TestKeys.PublicKeyLine(k)}"));
        await File.WriteAllTextAsync(harness.KnownHostsFile, lines + "\n", Token);
    }
}
