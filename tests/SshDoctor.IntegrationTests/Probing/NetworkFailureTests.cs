using System.Text;
using SshDoctor.Diagnosis;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Probing;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>Failures before SSH: refused, dropped, reset, closed before the banner, another protocol, silence.</summary>
public sealed class NetworkFailureTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_closed_port_is_refused()
    {
        using var harness = new ProbeHarness();
        var port = SshdServer.FreePort();

        var result = await harness.RunAsync("root@127.0.0.1", port);

        Assert.Equal(DiagnosisIds.TcpRefused, ProbeHarness.RootCause(result));
        Assert.Equal(StageStatus.Failed, result.Stages.Single(s => s.Stage == Stage.Tcp).Status);
        Assert.All(result.Stages.Where(s => (int)s.Stage > (int)Stage.Tcp), s => Assert.Equal(StageStatus.Skipped, s.Status));
    }

    [Fact]
    public async Task A_server_that_closes_at_once_is_a_reset_before_the_banner()
    {
        await using var server = new FakeTcpServer((_, _) => Task.CompletedTask);
        using var harness = new ProbeHarness();

        var result = await harness.RunAsync("root@127.0.0.1", server.Port);

        Assert.Equal(DiagnosisIds.TcpResetBeforeBanner, ProbeHarness.RootCause(result));
    }

    [Fact]
    public async Task A_web_server_is_named_as_http()
    {
        await using var server = new FakeTcpServer(async (stream, ct) =>
        {
            var buffer = new byte[256];
            _ = await stream.ReadAsync(buffer, ct);
            await stream.WriteAsync("HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), ct);
        });
        using var harness = new ProbeHarness();

        var result = await harness.RunAsync("root@127.0.0.1", server.Port);

        var root = ProbeHarness.Ordered(result)[0];
        Assert.Equal(DiagnosisIds.BannerNotSsh, root.Id);
        Assert.Contains("HTTP", root.Evidence[0].Text, StringComparison.Ordinal);
        Assert.Equal("HTTP", root.Values["protocol"]);
    }

    [Fact]
    public async Task A_silent_server_is_a_banner_timeout()
    {
        await using var server = new FakeTcpServer(async (_, ct) => await Task.Delay(Timeout.Infinite, ct));
        using var harness = new ProbeHarness();

        var result = await harness.RunAsync("root@127.0.0.1", server.Port, timeoutSeconds: 1);

        Assert.Equal(DiagnosisIds.BannerTimeout, ProbeHarness.RootCause(result));
    }

    [Fact]
    public async Task A_throttling_server_is_named_with_its_words()
    {
        await using var server = new FakeTcpServer(async (stream, ct) =>
        {
            // Send the refusal and a FIN, then drain: closing with unread data would become a reset that discards the line.
            await stream.WriteAsync(Encoding.ASCII.GetBytes("Not allowed at this time\r\n"), ct);
            stream.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
            var buffer = new byte[4096];
            while (await stream.ReadAsync(buffer, ct) > 0)
            {
            }
        });
        using var harness = new ProbeHarness();

        var result = await harness.RunAsync("root@127.0.0.1", server.Port);

        var root = ProbeHarness.Ordered(result)[0];
        Assert.Equal(DiagnosisIds.TcpResetBeforeBanner, root.Id);
        Assert.Contains("Not allowed at this time", root.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dropped_packets_time_out_and_a_reset_after_accept_is_told_apart_in_a_namespace()
    {
        await using var ns = NetworkNamespace.Create();
        var sshd = ExternalTool.Require("sshd");
        using var directory = new TempDirectory();
        var config = directory.File("sshd_config");
        await File.WriteAllTextAsync(config, $"Port 2202\nListenAddress 127.0.0.1\nHostKey {TestKeys.PrivateKeyPath("ed25519")}\nPidFile {directory.File("pid")}\nUsePAM no\n", Token);
        ns.Start(sshd, "-D", "-e", "-f", config);
        ns.Run("iptables", "-A", "INPUT", "-p", "tcp", "--dport", "2201", "-j", "DROP");
        ns.Run("iptables", "-A", "INPUT", "-p", "tcp", "--dport", "2202", "-m", "conntrack", "--ctstate", "ESTABLISHED", "-j", "REJECT", "--reject-with", "tcp-reset");
        await Task.Delay(300, Token);

        var dropped = await ns.RunDoctorAsync("diagnose", "--json", "--timeout", "1", "-F", "/dev/null", "--agent", "none", "--known-hosts", directory.File("kh"), "root@127.0.0.1", "-p", "2201");
        var reset = await ns.RunDoctorAsync("diagnose", "--json", "--timeout", "2", "-F", "/dev/null", "--agent", "none", "--known-hosts", directory.File("kh"), "root@127.0.0.1", "-p", "2202");

        Assert.True(dropped.ExitCode == 1, dropped.Stdout + dropped.Stderr);
        Assert.Equal(DiagnosisIds.TcpTimeout, FirstId(dropped.Stdout));
        Assert.Equal(DiagnosisIds.TcpResetBeforeBanner, FirstId(reset.Stdout));
    }

    private static string FirstId(string json) =>
        SshDoctor.Reporting.ReportJson.Deserialize(json)!.Diagnoses is { Count: > 0 } list ? list[0].Id : "(none): " + json;
}
