using SshDoctor.Diagnosis;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>
/// A TLS service closes without a byte when it reads SSH's identification line, like a server turning clients away:
/// diagnose tells them apart with a TLS ClientHello on a second connection (the lab's banner-not-ssh-tls).
/// </summary>
public sealed class TlsPortDiagnoseTests
{
    [Fact]
    public async Task A_tls_server_that_closes_on_the_ssh_banner_is_named_tls()
    {
        var openssl = ExternalTool.Require("openssl");
        using var directory = new TempDirectory();
        ExternalTool.Run(openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", "/CN=localhost",
            "-keyout", directory.File("tls.key"), "-out", directory.File("tls.crt"));
        var port = SshdServer.FreePort();
        using var server = new System.Diagnostics.Process
        {
            StartInfo = new System.Diagnostics.ProcessStartInfo(openssl)
            {
                ArgumentList = { "s_server", "-quiet", "-accept", $"127.0.0.1:{port}", "-cert", directory.File("tls.crt"), "-key", directory.File("tls.key") },
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        server.Start();
        try
        {
            await WaitListeningAsync(port);
            using var harness = new ProbeHarness();

            var result = await harness.RunAsync("root@127.0.0.1", port);

            var root = ProbeHarness.Ordered(result)[0];
            Assert.True(root.Id == DiagnosisIds.BannerNotSsh, ProbeHarness.Describe(result));
            Assert.Equal("TLS", root.Values["protocol"]);
        }
        finally
        {
            server.Kill();
            await server.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task A_server_that_closes_every_connection_stays_a_reset_before_the_banner()
    {
        await using var server = new FakeTcpServer((_, _) => Task.CompletedTask);
        using var harness = new ProbeHarness();

        var result = await harness.RunAsync("root@127.0.0.1", server.Port);

        Assert.True(ProbeHarness.RootCause(result) == DiagnosisIds.TcpResetBeforeBanner, ProbeHarness.Describe(result));
    }

    private static async Task WaitListeningAsync(int port)
    {
        for (var i = 0; i < 250; i++)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port, TestContext.Current.CancellationToken);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
        }

        throw new TimeoutException("openssl s_server did not listen");
    }
}
