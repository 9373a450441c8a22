using System.Text.RegularExpressions;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Ssh;
using SshDoctor.Ssh.Auth;
using SshDoctor.Ssh.HostKeys;

namespace SshDoctor.IntegrationTests.Ssh;

/// <summary>
/// Key re-exchange (RFC 4253 §9) before authentication against real servers. Debian's Dropbear (2022.83 with the strict
/// kex backport) signs each re-exchange with the host key type asked for, on one TCP connection, and the connection then
/// still carries encrypted requests (new keys in use, sequence numbers reset after each NEWKEYS under strict kex).
/// OpenSSH refuses any re-exchange before authentication: 9.2p1 and 10.0p1 answer SSH_MSG_UNIMPLEMENTED and log
/// <c>dispatch_protocol_error: type 20</c>. Needs dropbear, sshd and root: fails under CI=true otherwise.
/// </summary>
public sealed class RekeyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dropbear_signs_a_re_exchange_with_each_host_key_type_asked_for_on_one_connection()
    {
        var dropbear = ExternalTool.Require("dropbear");
        using var directory = new TempDirectory();
        var keys = new Dictionary<string, SshPublicKey>(StringComparer.Ordinal);
        var files = new List<string>();
        foreach (var type in (string[])["ed25519", "ecdsa", "rsa"])
        {
            var file = directory.File("dropbear_" + type);
            ExternalTool.Run("dropbearkey", "-t", type, "-f", file);
            var key = ExternalTool.Run("dropbearkey", "-y", "-f", file).Split('\n').Select(SshPublicKey.TryParseOpenSshLine).First(k => k is not null)!;
            keys[key.KeyType] = key;
            files.Add(file);
        }

        await using var server = await DropbearServer.StartAsync(dropbear, [.. files]);
        // The start-up check's own connect is the first connection in the log.
        Assert.True(await server.WaitForLogAsync("Child connection from", TimeSpan.FromSeconds(3)), server.Log);
        var before = Regex.Count(server.Log, "Child connection from");
        await using var session = await SshProbeClient.ConnectAsync(await server.ConnectAsync(), cancellationToken: Token);
        Assert.True(session.Failure is null, $"{session.Failure}\n{server.Log}");
        Assert.True(session.Negotiated!.StrictKex, "Debian's dropbear offers strict kex: the sequence numbers reset after every NEWKEYS");
        Assert.Equal(keys["ssh-ed25519"].Fingerprint, session.HostKey!.Fingerprint);
        Assert.Equal(AuthQueryOutcome.Rejected, (await session.QueryMethodsAsync("root", Token)).Outcome);

        var ecdsa = await session.RekeyForHostKeyAsync(["ecdsa-sha2-nistp256"], Token);
        Assert.True(ecdsa is not null, $"{session.Failure}\n{server.Log}");
        Assert.Equal(keys["ecdsa-sha2-nistp256"].Fingerprint, ecdsa.Fingerprint);
        // Dropbear signs RSA with rsa-sha2-256 (and ssh-rsa), not rsa-sha2-512.
        var rsa = await session.RekeyForHostKeyAsync(["rsa-sha2-512", "rsa-sha2-256"], Token);
        Assert.True(rsa is not null, $"{session.Failure}\n{server.Log}");
        Assert.Equal(keys["ssh-rsa"].Fingerprint, rsa.Fingerprint);

        // What the probe saw of the first exchange stays; the connection goes on with the keys of the last one.
        Assert.Equal(keys["ssh-ed25519"].Fingerprint, session.HostKey.Fingerprint);
        var after = await session.QueryMethodsAsync("root", Token);
        Assert.True(after.Outcome == AuthQueryOutcome.Rejected, $"{after.Failure}\n{server.Log}");
        Assert.Equal(["publickey"], after.AllowedMethods);
        await session.DisposeAsync();
        await Task.Delay(300, Token);
        Assert.True(Regex.Count(server.Log, "Child connection from") == before + 1, server.Log);
    }

    [Fact]
    public async Task OpenSSH_9_refuses_a_re_exchange_before_authentication()
    {
        await using var server = await SshdServer.StartAsync([]);
        await AssertRefusedAsync(await server.ConnectAsync(), () => server.Log);
    }

    [Fact]
    public async Task OpenSSH_10_refuses_a_re_exchange_before_authentication()
    {
        var sshd = Backports.Sshd();
        using var directory = new TempDirectory();
        var port = SshdServer.FreePort();
        var config = directory.File("sshd_config");
        await File.WriteAllTextAsync(config, $"Port {port}\nListenAddress 127.0.0.1\nHostKey {TestKeys.PrivateKeyPath("ed25519")}\nHostKey {TestKeys.PrivateKeyPath("ecdsa256")}\n"
            + $"HostKey {TestKeys.PrivateKeyPath("rsa")}\nPidFile {directory.File("sshd.pid")}\nUsePAM no\nPerSourcePenalties no\nLogLevel VERBOSE\n"
            + $"SshdSessionPath {Backports.Libexec}/sshd-session\nSshdAuthPath {Backports.Libexec}/sshd-auth\n", Token);
        var (process, log) = await ServerProcess.StartAsync(sshd, ["-D", "-e", "-f", config]);
        Assert.True(process is not null, log);
        await using (process)
        {
            var client = new System.Net.Sockets.TcpClient { NoDelay = true };
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port, Token);
            await AssertRefusedAsync(client.GetStream(), () => process.Log);
        }
    }

    private static async Task AssertRefusedAsync(Stream stream, Func<string> log)
    {
        await using var session = await SshProbeClient.ConnectAsync(stream, ProbeOptions.Default, Token);
        Assert.True(session.Failure is null, $"{session.Failure}\n{log()}");
        Assert.StartsWith("OpenSSH", session.ServerIdentification!.SoftwareVersion, StringComparison.Ordinal);
        Assert.Equal(AuthQueryOutcome.Rejected, (await session.QueryMethodsAsync("root", Token)).Outcome);

        var key = await session.RekeyForHostKeyAsync(["ecdsa-sha2-nistp256"], Token);

        Assert.Null(key);
        Assert.True(session.Failure is { Stage: ProbeStage.KeyExchange } failure && failure.Detail.Contains("UNIMPLEMENTED", StringComparison.Ordinal), $"{session.Failure}\n{log()}");
        var logged = false;
        for (var i = 0; i < 100 && !logged; i++)
        {
            logged = log().Contains("dispatch_protocol_error: type 20", StringComparison.Ordinal);
            await Task.Delay(30, Token);
        }

        Assert.True(logged, log());
    }
}
