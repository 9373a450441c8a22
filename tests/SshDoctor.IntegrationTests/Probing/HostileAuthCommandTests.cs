using SshDoctor.Diagnosis;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>
/// Hostile servers after the key exchange, through the <c>diagnose</c> command (<see cref="HostileCase"/>): a real sshd
/// where it can behave so (PK_OK for every key, password or keyboard-interactive only), and <see cref="ScriptedSshServer"/>
/// for what no real server does (10,000 methods, endless banners). Nothing is signed and no password is sent without
/// --login; the server's own debug log proves it.
/// </summary>
public sealed class HostileAuthCommandTests
{
    [Fact]
    public async Task Ten_thousand_methods_are_read_and_shown_bounded()
    {
        // About 70 KB: within the 256 KB packet OpenSSH (and the probe) accept, so it is read, not refused.
        var methods = Enumerable.Range(0, 10_000).Select(i => $"m{i}@h").Append("publickey").ToList();
        await using var server = new ScriptedSshServer((connection, _, ct) => connection.FailAsync(methods, ct));

        var (run, report) = await HostileCase.DiagnoseAsync("USERAUTH_FAILURE with 10,000 methods", server.Port, server.KnownHostsLine);

        HostileCase.AssertDiagnosed("USERAUTH_FAILURE with 10,000 methods", run, report, DiagnosisIds.AuthPublicKeyNotAuthorized);
        Assert.True(report.Sessions!.Single().MethodsThatCanContinue.Count <= 65);
        Assert.All(report.Stages, s => Assert.True((s.Detail?.Length ?? 0) < 4096, $"{s.Stage}: {s.Detail?.Length} characters"));
        Assert.All(report.Diagnoses.SelectMany(d => d.Evidence), e => Assert.True(e.Text.Length < 4096, $"{e.Text.Length} characters"));

        // The text a person reads is bounded the same way.
        using var directory = new TempDirectory();
        await File.WriteAllTextAsync(directory.File("config"), "", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(directory.File("known_hosts"), server.KnownHostsLine + "\n", TestContext.Current.CancellationToken);
        var text = await DoctorProcess.RunAsync(TimeSpan.FromSeconds(60), null, "diagnose", "--timeout", "3", "-F", directory.File("config"), "--agent", "none",
            "--known-hosts", directory.File("known_hosts"), "-i", TestKeys.PrivateKeyPath("ed25519"), "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "root@127.0.0.1");
        Assert.True(text.ExitCode == 1 && text.Stdout.Length < 32 * 1024, $"exit {text.ExitCode}, {text.Stdout.Length} characters of text");
        Assert.Contains("(+9,969 more)", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endless_30_KB_banners_are_bounded_and_diagnosed()
    {
        var banner = new SshWriter().WriteByte(SshMessageNumber.UserAuthBanner).WriteString(new string('B', 30 * 1024) + "\n").WriteString("").ToArray();
        await using var server = new ScriptedSshServer(async (connection, _, ct) =>
        {
            while (!ct.IsCancellationRequested)
            {
                await connection.SendAsync(banner, ct);
            }
        });

        var (run, report) = await HostileCase.DiagnoseAsync("endless 30 KB USERAUTH_BANNERs", server.Port, server.KnownHostsLine);

        HostileCase.AssertDiagnosed("endless 30 KB USERAUTH_BANNERs", run, report, DiagnosisIds.KexProtocolError);
    }

    [Fact]
    public async Task A_server_accepting_every_key_gets_no_signature_without_login()
    {
        ExternalTool.Require("echo");
        // DEBUG3 logs every query ("publickey test pkalg …") and every signature ("publickey have … signature for …").
        await using var sshd = await SshdServer.StartAsync(["LogLevel DEBUG3", "AuthorizedKeysCommand /usr/bin/echo %t %k", "AuthorizedKeysCommandUser nobody"]);

        // An unknown host key under StrictHostKeyChecking=yes, as a hostile server you meet for the first time.
        var (run, report) = await HostileCase.DiagnoseAsync("PK_OK for every key", sshd.Port, extra: ["-o", "StrictHostKeyChecking=yes"]);

        HostileCase.AssertDiagnosed("PK_OK for every key", run, report, DiagnosisIds.HostKeyUnknown);
        Assert.Contains(report.Sessions!.Single().Keys, k => k.Result == "accepted");
        Assert.True(await sshd.WaitForLogAsync("Postponed publickey for root", TimeSpan.FromSeconds(2)), sshd.Log);
        Assert.Contains("publickey test pkalg", sshd.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("signature for", sshd.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("Accepted publickey", sshd.Log, StringComparison.Ordinal);
    }

    public static TheoryData<string> PasswordLikeMethods() => ["password", "keyboard-interactive"];

    [Theory]
    [MemberData(nameof(PasswordLikeMethods))]
    public async Task A_server_asking_only_for_a_password_never_gets_one(string method)
    {
        await using var sshd = await SshdServer.StartAsync(["LogLevel DEBUG1", "AuthenticationMethods " + method, "PasswordAuthentication yes", "KbdInteractiveAuthentication yes"],
            new Dictionary<string, string> { ["root"] = TestKeys.PublicKeyLine("ed25519") + "\n" });

        var (run, report) = await HostileCase.DiagnoseAsync(method + " only", sshd.Port, KnownHostsLine(sshd.Port));

        HostileCase.AssertDiagnosed(method + " only", run, report, DiagnosisIds.AuthPublicKeyDisabled);
        Assert.Equal([method], report.Sessions!.Single().MethodsThatCanContinue);
        Assert.True(await sshd.WaitForLogAsync("method none", TimeSpan.FromSeconds(2)), sshd.Log);
        Assert.DoesNotContain("method password", sshd.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("method keyboard-interactive", sshd.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_silent_after_the_key_exchange_is_not_said_to_have_ended_the_connection()
    {
        await using var server = new ScriptedSshServer(async (_, _, ct) => await Task.Delay(Timeout.Infinite, ct));

        var (run, report) = await HostileCase.DiagnoseAsync("no answer to USERAUTH_REQUEST", server.Port, server.KnownHostsLine);

        HostileCase.AssertDiagnosed("no answer to USERAUTH_REQUEST", run, report, DiagnosisIds.KexInterrupted);
        var auth = report.Stages.Single(s => s.Stage == "auth");
        Assert.Contains("the probe's own deadline", auth.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("server ended", auth.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("server closed", report.Diagnoses[0].Evidence[0].Text, StringComparison.Ordinal);
    }

    internal static string KnownHostsLine(int port) => $"[127.0.0.1]:{port} {TestKeys.PublicKeyLine("ed25519")}";
}
