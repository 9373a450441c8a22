using System.Globalization;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Reporting;

namespace SshDoctor.IntegrationTests.Probing.Infrastructure;

/// <summary>
/// One hostile-server case through the <c>diagnose</c> command: the CLI runs as a child process against a server on
/// loopback with <c>--timeout</c> <see cref="TimeoutSeconds"/>, and must end within that timeout plus one second, exit 1,
/// name a catalogue diagnosis and stay under 200 MB of resident memory. <c>--timeout</c> is per stage, so the stages
/// that passed before the hostile one (a whole login for a session case) are added to the bound, as the report
/// times them. Each run is written to the test output (and,
/// with SSH_DOCTOR_HOSTILE_TABLE=FILE, appended to that file as a table row).
/// The bound is about the probe, not the machine: when the CLI alone needs longer than on an idle machine to start,
/// shake hands and report (a reference run against a server that answers at once, measured just before and just after
/// the case, the slower of the two: the neighbours' load can rise during the case), the bound grows by twice that excess. On an idle machine (reference under 0.75 s) it is exactly the timeout plus one second;
/// on a machine shared by many builds it stays meaningful without failing on their load.
/// </summary>
internal static class HostileCase
{
    public const double TimeoutSeconds = 3;
    public const long MaxRssKilobytes = 200 * 1024;
    private static readonly Lock TableGate = new();

    /// <summary>About what the reference run takes on an idle 2-core machine (0.5–0.7 s measured).</summary>
    private static readonly TimeSpan IdleReference = TimeSpan.FromSeconds(0.75);

    /// <summary>Runs <c>diagnose --json --timeout 3</c> against 127.0.0.1:<paramref name="port"/> with a hermetic config, no agent, and the ed25519 test key.</summary>
    public static async Task<(DoctorRun Run, Report Report)> DiagnoseAsync(string name, int port, string? knownHostsLine = null, string[]? extra = null, string agent = "none")
    {
        using var directory = new TempDirectory();
        var config = directory.File("ssh_config");
        var knownHosts = directory.File("known_hosts");
        await File.WriteAllTextAsync(config, "");
        await File.WriteAllTextAsync(knownHosts, knownHostsLine is null ? "" : knownHostsLine + "\n");
        var before = await ReferenceAsync();
        var run = await DoctorProcess.RunAsync(TimeSpan.FromSeconds(60), null,
        [
            "diagnose", "--json", "--timeout", TimeoutSeconds.ToString(CultureInfo.InvariantCulture), "-F", config, "--agent", agent,
            "--known-hosts", knownHosts, "-i", TestKeys.PrivateKeyPath("ed25519"), "-p", port.ToString(CultureInfo.InvariantCulture),
            .. extra ?? [], "root@127.0.0.1",
        ]);
        var after = await ReferenceAsync();
        run = run with { Reference = before > after ? before : after };
        var report = ReportJson.Deserialize(run.Stdout);
        Assert.True(report is not null, $"{name}: no JSON report (exit {run.ExitCode})\n{run.Stdout}\n{run.Stderr}");
        Record(name, run, report);
        return (run, report);
    }

    /// <summary>
    /// The wall time of the same command against a well-behaved server that answers at once (a full key exchange, one
    /// refused key query): the CLI's own start, handshake and report, with nothing to wait for.
    /// </summary>
    private static async Task<TimeSpan> ReferenceAsync()
    {
        using var directory = new TempDirectory();
        var config = directory.File("ssh_config");
        await File.WriteAllTextAsync(config, "");
        await using var server = new ScriptedSshServer((connection, _, ct) => connection.FailAsync(["publickey"], ct));
        await File.WriteAllTextAsync(directory.File("known_hosts"), server.KnownHostsLine + "\n");
        var run = await DoctorProcess.RunAsync(TimeSpan.FromSeconds(60), null,
            "diagnose", "--json", "--timeout", TimeoutSeconds.ToString(CultureInfo.InvariantCulture), "-F", config, "--agent", "none",
            "--known-hosts", directory.File("known_hosts"), "-i", TestKeys.PrivateKeyPath("ed25519"), "-p", server.Port.ToString(CultureInfo.InvariantCulture), "root@127.0.0.1");
        return run.Wall;
    }

    /// <summary>The bounds every case must keep, and the root cause it must name.</summary>
    public static void AssertDiagnosed(string name, DoctorRun run, Report report, string expectedRoot)
    {
        var reference = run.Reference ?? TimeSpan.Zero;
        var passedStages = TimeSpan.FromMilliseconds(report.Stages.TakeWhile(s => s.Status is "ok" or "warning").Sum(s => s.ElapsedMs ?? 0));
        var allowed = TimeSpan.FromSeconds(TimeoutSeconds + 1) + passedStages + (reference > IdleReference ? 2 * (reference - IdleReference) : TimeSpan.Zero);
        var described = $"{name}: exit {run.ExitCode}, {run.Wall.TotalSeconds:0.00} s (allowed {allowed.TotalSeconds:0.00} s; stages that passed {passedStages.TotalSeconds:0.00} s; reference run {reference.TotalSeconds:0.00} s), {run.MaxRssKilobytes / 1024} MB\n"
            + string.Join('\n', report.Stages.Select(s => $"  {s.Stage} {s.Status} {Cut(s.Detail)}"))
            + "\n" + string.Join('\n', report.Diagnoses.Select(d => $"  {d.Id} {d.Certainty}: {Cut(string.Join(" | ", d.Evidence.Select(e => e.Text)))}"))
            + "\n" + Cut(run.Stderr);
        Assert.True(run.ExitCode == 1, described);
        Assert.True(run.Wall <= allowed, "ended later than --timeout + 1 s: " + described);
        Assert.True(run.MaxRssKilobytes < MaxRssKilobytes, "used 200 MB or more: " + described);
        Assert.True(report.Diagnoses.Count > 0 && report.Diagnoses[0].Id == expectedRoot, $"expected {expectedRoot} first: " + described);
        Assert.True(run.Stdout.Length < 256 * 1024, $"a report of {run.Stdout.Length} characters: " + described);
    }

    private static string Cut(string? text) => text is null ? "" : text.Length <= 400 ? text : text[..400] + $"… ({text.Length} characters)";

    private static void Record(string name, DoctorRun run, Report report)
    {
        var root = report.Diagnoses.Count > 0 ? report.Diagnoses[0].Id : "(none)";
        var row = FormattableString.Invariant($"| {name} | {run.Wall.TotalSeconds:0.00} s | {run.ExitCode} | {root} | {run.MaxRssKilobytes / 1024.0:0} MB | {run.Reference?.TotalSeconds:0.00} s |");
        TestContext.Current.TestOutputHelper?.WriteLine(row);
        if (Environment.GetEnvironmentVariable("SSH_DOCTOR_HOSTILE_TABLE") is { Length: > 0 } table)
        {
            lock (TableGate)
            {
                File.AppendAllText(table, row + "\n");
            }
        }
    }
}
