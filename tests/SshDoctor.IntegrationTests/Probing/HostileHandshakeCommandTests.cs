using System.Text;
using SshDoctor.Diagnosis;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>
/// Hostile servers before authentication, through the <c>diagnose</c> command as a user runs it (a child process with
/// <c>--timeout 3</c>): each ends within the timeout plus one second, exits 1 with a catalogue diagnosis and stays under
/// 200 MB (<see cref="HostileCase"/>). Tampering with a real sshd's key exchange goes through <see cref="RewritingProxy"/>.
/// </summary>
public sealed class HostileHandshakeCommandTests
{
    private static readonly byte[] Banner = "SSH-2.0-Hostile_1.0\r\n"u8.ToArray();

    private static async Task<Infrastructure.DoctorRun> AgainstScriptAsync(string name, string expected, Func<System.Net.Sockets.NetworkStream, CancellationToken, Task> script)
    {
        await using var server = new FakeTcpServer(script);
        var (run, report) = await HostileCase.DiagnoseAsync(name, server.Port);
        HostileCase.AssertDiagnosed(name, run, report, expected);
        return run;
    }

    private static async Task<Reporting.Report> AgainstTamperedSshdAsync(string name, string expected, Func<byte[], byte[]> rewrite)
    {
        await using var sshd = await SshdServer.StartAsync([]);
        await using var proxy = new RewritingProxy(sshd.Port, rewrite);
        var (run, report) = await HostileCase.DiagnoseAsync(name, proxy.Port);
        HostileCase.AssertDiagnosed(name, run, report, expected);
        return report;
    }

    [Fact]
    public async Task Endless_pre_banner_lines_are_not_ssh() =>
        await AgainstScriptAsync("endless pre-banner lines", DiagnosisIds.BannerNotSsh, async (stream, ct) =>
        {
            var line = Encoding.ASCII.GetBytes("220 still not ssh, line after line\r\n");
            while (!ct.IsCancellationRequested)
            {
                await stream.WriteAsync(line, ct);
            }
        });

    [Fact]
    public async Task One_byte_per_second_is_a_banner_timeout() =>
        await AgainstScriptAsync("1 byte/s", DiagnosisIds.BannerTimeout, async (stream, ct) =>
        {
            foreach (var b in Banner)
            {
                await stream.WriteAsync(new[] { b }, ct);
                await Task.Delay(1000, ct);
            }
        });

    [Fact]
    public async Task A_4_GB_packet_length_after_the_banner_is_a_protocol_error() =>
        await AgainstScriptAsync("packet length 0xFFFFFFFF", DiagnosisIds.KexProtocolError, async (stream, ct) =>
        {
            await stream.WriteAsync(Banner, ct);
            await stream.WriteAsync(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0 }, ct);
            await ScriptedPeer.DrainAsync(stream, ct);
        });

    [Fact]
    public async Task A_kexinit_with_50000_names_is_negotiated_like_openssh_and_its_list_shown_bounded()
    {
        var report = await AgainstTamperedSshdAsync("KEXINIT with 50,000 names, none usable", DiagnosisIds.KexNoCommonKex, KexTampering.HugeKexInit(50_000));

        var offer = report.Diagnoses[0].Values["offer"];
        Assert.True(offer.Length < 4096, $"offer of {offer.Length} characters");
        Assert.All(report.Sessions!.SelectMany(s => s.AlgorithmOffers), o => Assert.True(o.Server.Count <= 65, $"{o.Slot}: {o.Server.Count} names kept"));
    }

    [Fact]
    public async Task A_kexinit_with_50000_names_and_a_usable_one_connects()
    {
        var names = KexTampering.JunkNames(50_000);
        names.Add("curve25519-sha256");
        await using var server = new ScriptedSshServer((connection, _, ct) => connection.FailAsync(["publickey"], ct), ScriptedSshServer.KexInit(names));

        var (run, report) = await HostileCase.DiagnoseAsync("KEXINIT with 50,000 names, a usable one last", server.Port, server.KnownHostsLine);

        HostileCase.AssertDiagnosed("KEXINIT with 50,000 names, a usable one last", run, report, DiagnosisIds.AuthPublicKeyNotAuthorized);
        Assert.Equal("ok", report.Stages.Single(s => s.Stage == "kex").Status);
    }

    [Fact]
    public async Task A_kexinit_beyond_openssh_packet_limit_is_a_protocol_error() =>
        await AgainstTamperedSshdAsync("KEXINIT of 1 MB (over 256 KB)", DiagnosisIds.KexProtocolError, KexTampering.HugeKexInit(250_000));

    [Fact]
    public async Task An_all_zero_curve25519_point_is_a_kex_failure_not_a_crash() =>
        await AgainstTamperedSshdAsync("curve25519 point all zero", DiagnosisIds.KexProtocolError, KexTampering.ServerPoint(new byte[32]));

    [Fact]
    public async Task A_low_order_curve25519_point_is_a_kex_failure_not_a_crash() =>
        await AgainstTamperedSshdAsync("curve25519 point of order 8", DiagnosisIds.KexProtocolError, KexTampering.ServerPoint(KexTampering.LowOrderPoint));

    [Fact]
    public async Task A_host_key_blob_whose_inner_lengths_lie_is_a_protocol_error() =>
        await AgainstTamperedSshdAsync("host key blob with lying lengths", DiagnosisIds.KexProtocolError, KexTampering.LyingHostKey);

    [Fact]
    public async Task A_wrong_host_key_signature_is_never_reported_as_verified()
    {
        var report = await AgainstTamperedSshdAsync("wrong host key signature", DiagnosisIds.KexProtocolError, KexTampering.WrongSignature);

        Assert.Null(report.Sessions!.Single().HostKey);
        Assert.Equal("skipped", report.Stages.Single(s => s.Stage == "hostkey").Status);
        Assert.Equal("incorrect signature", report.Diagnoses[0].Values["problem"]);
        Assert.DoesNotContain(report.Diagnoses.SelectMany(d => d.Evidence), e => e.Text.Contains("signature verified", StringComparison.Ordinal));
    }

    public static TheoryData<StageCut> CutsAfterTheGreeting() => [StageCut.AfterBanner, StageCut.AfterKexInit, StageCut.AfterKexReply, StageCut.AfterNewKeys];

    [Theory]
    [MemberData(nameof(CutsAfterTheGreeting))]
    public async Task A_server_closing_after_its_greeting_is_interrupted_not_closed_before_it(StageCut cut)
    {
        await using var sshd = await SshdServer.StartAsync([]);
        await using var proxy = new StageCuttingProxy(sshd.Port, cut);

        var (run, report) = await HostileCase.DiagnoseAsync($"closes {cut}", proxy.Port);

        HostileCase.AssertDiagnosed($"closes {cut}", run, report, DiagnosisIds.KexInterrupted);
    }
}
