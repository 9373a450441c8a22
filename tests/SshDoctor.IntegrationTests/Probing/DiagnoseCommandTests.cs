using System.Diagnostics;
using SshDoctor.Diagnosis;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Reporting;

namespace SshDoctor.IntegrationTests.Probing;

/// <summary>The command as a user runs it: JSON contract, --with-ssh merging the real client's log, plain output when redirected.</summary>
public sealed class DiagnoseCommandTests
{
    [Fact]
    public async Task With_ssh_merges_what_the_real_client_printed_into_the_probes_diagnosis()
    {
        ExternalTool.Require("ssh");
        await using var server = await SshdServer.StartAsync([], new Dictionary<string, string> { ["root"] = TestKeys.PublicKeyLine("ed25519") + "\n" });
        using var harness = new ProbeHarness();

        // With --login the user's ssh offers its keys too (without it, it stops before authenticating).
        var (code, stdout, stderr) = await RunAsync("diagnose", "--json", "--with-ssh", "--login", "-F", harness.ConfigFile, "--agent", "none", "--known-hosts", harness.KnownHostsFile,
            "-o", "StrictHostKeyChecking=no", "-i", TestKeys.PrivateKeyPath("rsa"), "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "root@127.0.0.1");

        Assert.True(code == 1, stdout + stderr);
        var report = ReportJson.Deserialize(stdout)!;
        Assert.Equal("diagnose", report.Command);
        var root = report.Diagnoses[0];
        Assert.Equal(DiagnosisIds.AuthPublicKeyNotAuthorized, root.Id);
        Assert.Contains(root.Evidence, e => e.Source == "probe");
        Assert.Contains(root.Evidence, e => e.Source == "client-log");
        Assert.Equal(["config", "dns", "tcp", "banner", "kex", "hostkey", "auth", "session"], report.Stages.Select(s => s.Stage));
    }

    [Fact]
    public async Task With_ssh_without_login_merges_what_the_real_client_saw_before_authentication()
    {
        ExternalTool.Require("ssh");
        await using var server = await SshdServer.StartAsync(["KexAlgorithms diffie-hellman-group14-sha1"]);
        using var harness = new ProbeHarness();

        var (code, stdout, stderr) = await RunAsync("diagnose", "--json", "--with-ssh", "-F", harness.ConfigFile, "--agent", "none", "--known-hosts", harness.KnownHostsFile,
            "-i", TestKeys.PrivateKeyPath("ed25519"), "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "root@127.0.0.1");

        Assert.True(code == 1, stdout + stderr);
        var root = ReportJson.Deserialize(stdout)!.Diagnoses[0];
        Assert.True(root.Id == DiagnosisIds.KexNoCommonKex, stdout);
        Assert.Contains(root.Evidence, e => e.Source == "probe");
        Assert.Contains(root.Evidence, e => e.Source == "client-log");
    }

    [Fact]
    public async Task Redirected_output_is_plain_text_with_every_stage()
    {
        await using var server = await SshdServer.StartAsync([]);
        using var harness = new ProbeHarness();

        var (code, stdout, _) = await RunAsync("diagnose", "-F", harness.ConfigFile, "--agent", "none", "--known-hosts", harness.KnownHostsFile,
            "-i", harness.File("none"), "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "root@127.0.0.1");

        Assert.DoesNotContain('\u001b', stdout);
        foreach (var stage in (string[])["config", "dns", "tcp", "banner", "kex", "hostkey", "auth", "session"])
        {
            Assert.Contains(" " + stage + " ", stdout, StringComparison.Ordinal);
        }

        Assert.Contains("key.not-found", stdout, StringComparison.Ordinal);
        Assert.Equal(1, code);
    }

    [Fact]
    public async Task An_empty_known_hosts_is_the_cause_in_batch_mode_and_a_finding_at_a_terminal_never_every_stage_passed()
    {
        await using var server = await SshdServer.StartAsync([], new Dictionary<string, string> { ["root"] = TestKeys.PublicKeyLine("ed25519") + "\n" });
        using var harness = new ProbeHarness();
        string[] common = ["-F", harness.ConfigFile, "--agent", "none", "--known-hosts", harness.KnownHostsFile, "-i", TestKeys.PrivateKeyPath("ed25519"), "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)];

        var (askCode, askOut, askErr) = await RunAsync(["diagnose", .. common, "root@127.0.0.1"]);
        var (batchCode, batchOut, batchErr) = await RunAsync(["diagnose", "--json", .. common, "-o", "BatchMode=yes", "root@127.0.0.1"]);
        await File.WriteAllTextAsync(harness.ConfigFile, "Host *\n  StrictHostKeyChecking yes\n", TestContext.Current.CancellationToken);
        var (strictCode, strictOut, strictErr) = await RunAsync(["diagnose", "--json", .. common, "root@127.0.0.1"]);

        // ssh would ask: the key is shown as a finding beside the warning, not "every stage passed"; nothing failed.
        Assert.True(askCode == 0, askOut + askErr);
        Assert.DoesNotContain("Every stage", askOut, StringComparison.Ordinal);
        Assert.Contains("hostkey.unknown · hostkey · possible", askOut, StringComparison.Ordinal);
        foreach (var (code, stdout, stderr) in new[] { (batchCode, batchOut, batchErr), (strictCode, strictOut, strictErr) })
        {
            Assert.True(code == 1, stdout + stderr);
            var root = ReportJson.Deserialize(stdout)!.Diagnoses[0];
            Assert.Equal(DiagnosisIds.HostKeyUnknown, root.Id);
            Assert.Equal("proven", root.Certainty);
        }
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(SshDoctor.Cli.ExitCodes).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout, await stderr);
    }
}
