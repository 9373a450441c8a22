using System.Text;
using SshDoctor.Diagnosis;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Probing;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>
/// The hostile server suite through the whole <c>diagnose</c> pipeline (resolve, probe, findings): garbage after the
/// banner, a 4 GB packet length, endless 64 KB banner lines, one byte per second, and a real sshd cut off at each stage.
/// Every case must end within its deadline (a hard bound on the run, far above the 2 s stage timeout) and name a
/// diagnosis.
/// </summary>
public sealed class HostileServerDiagnoseTests
{
    private static readonly byte[] Banner = "SSH-2.0-Hostile_1.0\r\n"u8.ToArray();
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static async Task<DiagnoseResult> DiagnoseAsync(int port)
    {
        using var harness = new ProbeHarness();
        return await harness.RunAsync("root@127.0.0.1", port, [TestKeys.PrivateKeyPath("ed25519")], timeoutSeconds: 2,
            settings: ProbeSettings.Default with { Login = true }).WaitAsync(Deadline, TestContext.Current.CancellationToken);
    }

    private static async Task<DiagnoseResult> DiagnoseScriptAsync(Func<System.Net.Sockets.NetworkStream, CancellationToken, Task> script)
    {
        await using var server = new FakeTcpServer(script);
        return await DiagnoseAsync(server.Port);
    }

    private static void AssertRootCause(string expected, DiagnoseResult result) =>
        Assert.True(ProbeHarness.RootCause(result) == expected, $"expected {expected}\n{ProbeHarness.Describe(result)}");

    // After a valid identification line the server did speak SSH: what breaks the packet protocol afterwards is
    // kex.protocol-error (as ssh's "ssh_dispatch_run_fatal"), no longer banner.not-ssh, which is for ports where
    // something other than SSH answers.
    [Fact]
    public async Task Garbage_after_the_banner_is_diagnosed()
    {
        var result = await DiagnoseScriptAsync(async (stream, ct) =>
        {
            await stream.WriteAsync(Banner, ct);
            await stream.WriteAsync("\0\0\0\x0c\x0a\x14garbage!!!\r\n"u8.ToArray(), ct);
            await ScriptedPeer.DrainAsync(stream, ct);
        });

        AssertRootCause(DiagnosisIds.KexProtocolError, result);
    }

    [Fact]
    public async Task A_4_GB_packet_length_is_diagnosed()
    {
        var result = await DiagnoseScriptAsync(async (stream, ct) =>
        {
            await stream.WriteAsync(Banner, ct);
            await stream.WriteAsync(new byte[] { 0xFF, 0xFF, 0xFF, 0xF0, 0, 0, 0, 0 }, ct);
            await ScriptedPeer.DrainAsync(stream, ct);
        });

        AssertRootCause(DiagnosisIds.KexProtocolError, result);
        Assert.Equal("message authentication code incorrect", ProbeHarness.Ordered(result)[0].Values["problem"]);
    }

    [Fact]
    public async Task Endless_64_KB_banner_lines_are_not_ssh()
    {
        var result = await DiagnoseScriptAsync(async (stream, ct) =>
        {
            var line = Encoding.ASCII.GetBytes(new string('A', 65535) + "\n");
            while (!ct.IsCancellationRequested)
            {
                await stream.WriteAsync(line, ct);
            }
        });

        AssertRootCause(DiagnosisIds.BannerNotSsh, result);
    }

    [Fact]
    public async Task One_byte_per_second_is_a_banner_timeout()
    {
        var result = await DiagnoseScriptAsync(async (stream, ct) =>
        {
            foreach (var b in Banner)
            {
                await stream.WriteAsync(new[] { b }, ct);
                await Task.Delay(1000, ct);
            }
        });

        AssertRootCause(DiagnosisIds.BannerTimeout, result);
    }

    public static TheoryData<StageCut, string> Cuts() => new()
    {
        // Closed before the greeting: turned away before SSH began. After it: the handshake was broken off (its own id).
        { StageCut.BeforeBanner, DiagnosisIds.TcpResetBeforeBanner },
        { StageCut.AfterBanner, DiagnosisIds.KexInterrupted },
        { StageCut.AfterKexInit, DiagnosisIds.KexInterrupted },
        { StageCut.AfterKexReply, DiagnosisIds.KexInterrupted },
        { StageCut.AfterNewKeys, DiagnosisIds.KexInterrupted },
        { StageCut.AfterServiceRequest, DiagnosisIds.KexInterrupted },
        { StageCut.AfterUserAuthNone, DiagnosisIds.KexInterrupted },
    };

    [Theory]
    [MemberData(nameof(Cuts))]
    public async Task A_real_server_closing_at_each_stage_is_diagnosed(StageCut cut, string expected)
    {
        await using var sshd = await SshdServer.StartAsync([], new Dictionary<string, string> { ["root"] = TestKeys.PublicKeyLine("ed25519") + "\n" });
        await using var proxy = new StageCuttingProxy(sshd.Port, cut);

        var result = await DiagnoseAsync(proxy.Port);

        AssertRootCause(expected, result);
    }
}
