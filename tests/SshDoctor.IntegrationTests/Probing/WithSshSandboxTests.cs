using SshDoctor.Diagnosis;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Probing;
using SshDoctor.Probing.Resolve;
using SshDoctor.Probing.UserSsh;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>
/// issue 18: --with-ssh without --login changes nothing and never authenticates. The user's real ssh runs against a
/// real sshd (LogLevel VERBOSE) that would accept its key; only ssh talks to the server here (the probe is not run),
/// so the server's log shows exactly what ssh did: without --login no key is offered ("Postponed publickey" is what
/// sshd logs for a key query, "Accepted publickey" for a signature), no session, known_hosts untouched, even with
/// StrictHostKeyChecking accept-new, -o StrictHostKeyChecking=no, a ControlMaster and a ProxyJump in the way. Each
/// test also runs the same with --login to show the server log would tell.
/// </summary>
public sealed class WithSshSandboxTests
{
    private static readonly string ClientKey = TestKeys.PrivateKeyPath("with-ssh-client");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_login_a_key_the_server_accepts_is_never_offered_and_no_session_opens()
    {
        var ssh = RequireSsh();
        await using var server = await SshdServer.StartAsync([], new Dictionary<string, string> { ["root"] = TestKeys.PublicKeyLine("with-ssh-client") + "\n" });
        using var harness = new ProbeHarness();
        var control = harness.File("control");
        Directory.CreateDirectory(control);
        await File.WriteAllTextAsync(harness.ConfigFile, $"Host *\n  ControlMaster auto\n  ControlPath {control}/cm-%C\n  ControlPersist 60\n  ForwardAgent yes\n", Token);
        await TrustAsync(harness, server.Port);
        var knownHosts = await File.ReadAllTextAsync(harness.KnownHostsFile, Token);
        var target = await ResolveAsync(harness, server.Port);

        var run = await UserSshRun.RunAsync(ssh, target, harness.Home, login: false, Token);

        Assert.Contains("Authentications that can continue", run.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("Offering public key", run.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("Authenticated to", run.Log, StringComparison.Ordinal);
        Assert.True(await server.WaitForLogAsync("Connection closed by authenticating user root", TimeSpan.FromSeconds(5)) || server.Log.Contains("Connection closed", StringComparison.Ordinal), server.Log);
        Assert.DoesNotContain("Postponed publickey", server.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("Accepted ", server.Log, StringComparison.Ordinal);
        Assert.Equal(knownHosts, await File.ReadAllTextAsync(harness.KnownHostsFile, Token));
        Assert.Empty(Directory.EnumerateFileSystemEntries(control));
        Assert.DoesNotContain(run.Diagnoses, d => d.Stage is Stage.Auth or Stage.Session);

        // The copies' paths are read back as the real files', the sandbox is gone, and its options came before the user's.
        Assert.Contains($"Found key in {harness.KnownHostsFile}:", run.Log, StringComparison.Ordinal);
        var arguments = run.Arguments.ToList();
        Assert.False(Directory.Exists(Path.GetDirectoryName(arguments[arguments.IndexOf("-F") + 1])));
        Assert.True(arguments.IndexOf("PreferredAuthentications=none") < arguments.IndexOf("UserKnownHostsFile=" + harness.KnownHostsFile));
        Assert.Equal(["--", "127.0.0.1"], arguments[^2..]);

        var login = await UserSshRun.RunAsync(ssh, target, harness.Home, login: true, Token);
        Assert.True(await server.WaitForLogAsync("Accepted publickey for root", TimeSpan.FromSeconds(5)), login.Log + "\n" + server.Log);
    }

    [Theory]
    [InlineData("config accept-new")]
    [InlineData("-o StrictHostKeyChecking=no")]
    public async Task Without_login_an_unknown_host_key_is_not_added_to_known_hosts(string how)
    {
        var ssh = RequireSsh();
        await using var server = await SshdServer.StartAsync([], new Dictionary<string, string> { ["root"] = TestKeys.PublicKeyLine("with-ssh-client") + "\n" });
        using var harness = new ProbeHarness();
        string[] options = how == "config accept-new" ? [] : ["StrictHostKeyChecking=no"];
        if (how == "config accept-new")
        {
            await File.WriteAllTextAsync(harness.ConfigFile, "Host *\n  StrictHostKeyChecking accept-new\n", Token);
        }

        var target = await ResolveAsync(harness, server.Port, options);

        var run = await UserSshRun.RunAsync(ssh, target, harness.Home, login: false, Token);

        Assert.Contains("Host key verification failed", run.Log, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await File.ReadAllTextAsync(harness.KnownHostsFile, Token));
        Assert.DoesNotContain(run.Diagnoses, d => d.Id == DiagnosisIds.HostKeyUnknown);
        Assert.DoesNotContain("Accepted ", server.Log, StringComparison.Ordinal);

        // The same ssh with --login trusts the key as the user's setting says, and knows_hosts grows.
        await UserSshRun.RunAsync(ssh, target, harness.Home, login: true, Token);
        Assert.NotEqual(string.Empty, await File.ReadAllTextAsync(harness.KnownHostsFile, Token));
    }

    [Fact]
    public async Task Without_login_the_ssh_started_for_a_ProxyJump_hop_gets_the_same_options()
    {
        var ssh = RequireSsh();
        var authorized = new Dictionary<string, string> { ["root"] = TestKeys.PublicKeyLine("with-ssh-client") + "\n" };
        await using var hop = await SshdServer.StartAsync([], authorized);
        await using var server = await SshdServer.StartAsync([], authorized);
        using var harness = new ProbeHarness();
        await File.WriteAllTextAsync(harness.ConfigFile, $"Host *\n  IdentityFile {ClientKey}\n  StrictHostKeyChecking accept-new\n", Token);
        await TrustAsync(harness, server.Port);
        var knownHosts = await File.ReadAllTextAsync(harness.KnownHostsFile, Token);
        var target = await ResolveAsync(harness, server.Port, jump: $"root@127.0.0.1:{hop.Port}");

        var run = await UserSshRun.RunAsync(ssh, target, harness.Home, login: false, Token);

        // The hop's ssh reads the sandbox's configuration too (ssh hands it -F), so it neither adds the unknown hop
        // key (accept-new in the user's file) nor offers the key the hop would accept.
        Assert.True(run.Log.Split('\n').Count(l => l.Contains("Reading configuration data", StringComparison.Ordinal) && l.Contains("ssh-doctor-", StringComparison.Ordinal)) >= 2, run.Log);
        Assert.Equal(knownHosts, await File.ReadAllTextAsync(harness.KnownHostsFile, Token));
        Assert.DoesNotContain("Postponed publickey", hop.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("Accepted ", hop.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("Accepted ", server.Log, StringComparison.Ordinal);
    }

    private static SshExecutable RequireSsh() => new(ExternalTool.Require("ssh"));

    private static async Task<ProbeTarget> ResolveAsync(ProbeHarness harness, int port, string[]? options = null, string? jump = null)
    {
        var request = new DiagnoseRequest
        {
            Destination = "root@127.0.0.1",
            Port = port,
            IdentityFiles = [ClientKey],
            ConfigFile = harness.ConfigFile,
            KnownHostsFile = harness.KnownHostsFile,
            Agent = "none",
            Options = options ?? [],
            Timeout = TimeSpan.FromSeconds(5),
            JumpHosts = jump,
        };
        var environment = new ProbeEnvironment
        {
            Home = harness.Home,
            LocalUser = "root",
            Variable = name => name == "PATH" ? Environment.GetEnvironmentVariable("PATH") : null,
            Ssh = RequireSsh(),
        };
        return await TargetResolver.ResolveAsync(request, environment, Token);
    }

    private static async Task TrustAsync(ProbeHarness harness, int port)
    {
        var lines = ((string[])["ed25519", "ecdsa256", "ecdsa384", "ecdsa521", "rsa"]).Select(k => $"[127.0.0.1]:{port} {TestKeys.PublicKeyLine(k)}");
        await File.WriteAllTextAsync(harness.KnownHostsFile, string.Join('\n', lines) + "\n", Token);
    }
}
