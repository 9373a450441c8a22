using System.Diagnostics;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Reporting;
using SshDoctor.Scan.History;

namespace SshDoctor.IntegrationTests.Scan;

/// <summary>
/// A scan stopped half-way: the real CLI scans three real sshd and one listener that never says a word, and once the
/// history holds the three it gets the signal by pid. Ctrl-C (SIGINT) and SIGTERM end it with 130 and 143 and the three
/// hosts printed (JSON, HTML, CSV as asked); SIGKILL ends it with nothing printed. Either way the history keeps the three,
/// the scan marked incomplete, and the next scan compares against them and says the scan before was incomplete.
/// Needs root: fails under CI=true otherwise.
/// </summary>
public sealed class ScanStopTests
{
    private static readonly string[] Reached = ["127.0.0.1:2201", "127.0.0.2:2201", "127.0.0.3:2201"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    [InlineData("KILL")]
    public async Task A_stopped_scan_keeps_the_hosts_done_and_the_next_scan_reads_them(string signal)
    {
        await using var ns = NetworkNamespace.Create();
        using var directory = new TempDirectory();
        Directory.CreateDirectory("/run/sshd");
        var sshd = ExternalTool.Require("sshd");
        var python = ExternalTool.Require("python3");
        foreach (var (destination, index) in Reached.Select((d, i) => (d, i)))
        {
            var key = directory.File($"key{index}");
            ExternalTool.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key);
            var config = directory.File($"sshd{index}.conf");
            File.WriteAllText(config, $"Port 2201\nListenAddress {destination.Split(':')[0]}\nHostKey {key}\nPidFile {directory.File($"pid{index}")}\nUsePAM no\n");
            ns.Start(sshd, "-D", "-e", "-f", config);
        }

        // The slow host: the kernel completes the handshake, nothing ever answers.
        ns.Start(python, "-c", "import socket, time\ns = socket.socket()\ns.bind(('127.0.0.9', 2209))\ns.listen(8)\ntime.sleep(600)");
        await Task.Delay(500, Token);
        var inventory = directory.File("fleet.txt");
        await File.WriteAllLinesAsync(inventory, ["127.0.0.9:2209", .. Reached], Token);
        var db = directory.File("history.db");
        var html = directory.File("fleet.html");
        string[] common = ["-F", "/dev/null", "--agent", "none", "--known-hosts", directory.File("known_hosts"), "-l", "root", "--db", db];
        string[] format = signal switch
        {
            "INT" => ["--json", "--html", html],
            "TERM" => ["--csv"],
            _ => ["--json"],
        };

        using var scan = ns.StartDoctor(["scan", "-f", inventory, "--timeout", "300", "--per-host-timeout", "600", .. format, .. common]);
        var stdout = scan.StandardOutput.ReadToEndAsync(Token);
        var stderr = scan.StandardError.ReadToEndAsync(Token);
        await WaitUntilRecordedAsync(db, Reached.Length, scan);
        ExternalTool.Run("kill", "-s", signal, scan.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await scan.WaitForExitAsync(Token).WaitAsync(TimeSpan.FromSeconds(60), Token);
        var (output, errors) = (await stdout, await stderr);

        switch (signal)
        {
            case "INT":
                Assert.True(scan.ExitCode == 130, $"exit {scan.ExitCode}\n{errors}\n{output}");
                var report = ScanReportJson.Deserialize(output)!;
                Assert.False(report.Complete);
                Assert.Equal("SIGINT", report.StoppedBy);
                Assert.Equal((3, 1), (report.Summary!.Hosts, report.Summary.NotProbed));
                Assert.Equal(Reached, report.Hosts!.Select(h => h.Destination));
                Assert.All(report.Hosts!, h => Assert.Equal("ok", h.Outcome));
                var page = await File.ReadAllTextAsync(html, Token);
                Assert.Contains("Stopped by SIGINT after 3 of 4 hosts", page, StringComparison.Ordinal);
                Assert.All(Reached, d => Assert.Contains(d, page, StringComparison.Ordinal));
                Assert.DoesNotContain("127.0.0.9", page, StringComparison.Ordinal);
                break;
            case "TERM":
                Assert.True(scan.ExitCode == 143, $"exit {scan.ExitCode}\n{errors}\n{output}");
                var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(Reached, rows.Skip(1).Select(r => r.Split(',')[0]));
                Assert.All(rows.Skip(1), r => Assert.Equal("ok", r.Split(',')[2]));
                break;
            default:
                Assert.Equal(string.Empty, output);
                break;
        }

        if (signal != "KILL")
        {
            Assert.Contains($"Stopped by SIG{signal} after 3 of 4 hosts", errors, StringComparison.Ordinal);
        }

        using (var store = HistoryStore.Open(db, readOnly: true))
        {
            var stopped = Assert.Single(store.Scans(DateTimeOffset.MinValue));
            Assert.Equal((false, null, 4, 3), (stopped.Complete, stopped.Finished, stopped.Hosts, stopped.Recorded));
        }

        var next = await ns.RunDoctorAsync(["scan", .. Reached, "--json", "--timeout", "10", .. common]);

        var again = ScanReportJson.Deserialize(next.Stdout)!;
        Assert.True(again.Complete, next.Stderr);
        Assert.Equal((false, 3, 4), (again.PreviousScan!.Complete, again.PreviousScan.Recorded, again.PreviousScan.Hosts));
        Assert.All(again.Hosts!, h =>
        {
            Assert.NotNull(h.PreviousScan);
            Assert.Empty(h.Changes);
        });
        var text = await ns.RunDoctorAsync(["scan", "--history", Reached[0], "--db", db]);
        Assert.Contains("incomplete", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_table_says_the_scan_compared_against_was_incomplete()
    {
        await using var ns = NetworkNamespace.Create();
        using var directory = new TempDirectory();
        Directory.CreateDirectory("/run/sshd");
        var key = directory.File("key");
        ExternalTool.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key);
        var config = directory.File("sshd.conf");
        File.WriteAllText(config, $"Port 2201\nListenAddress 127.0.0.1\nHostKey {key}\nPidFile {directory.File("pid")}\nUsePAM no\n");
        ns.Start(ExternalTool.Require("sshd"), "-D", "-e", "-f", config);
        ns.Start(ExternalTool.Require("python3"), "-c", "import socket, time\ns = socket.socket()\ns.bind(('127.0.0.9', 2209))\ns.listen(8)\ntime.sleep(600)");
        await Task.Delay(500, Token);
        var db = directory.File("history.db");
        string[] common = ["-F", "/dev/null", "--agent", "none", "--known-hosts", directory.File("known_hosts"), "-l", "root", "--db", db];
        using var scan = ns.StartDoctor(["scan", "127.0.0.9:2209", "127.0.0.1:2201", "--timeout", "300", .. common]);
        var stdout = scan.StandardOutput.ReadToEndAsync(Token);
        await WaitUntilRecordedAsync(db, 1, scan);
        ExternalTool.Run("kill", "-s", "INT", scan.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await scan.WaitForExitAsync(Token).WaitAsync(TimeSpan.FromSeconds(60), Token);
        Assert.Contains("Stopped by SIGINT after 1 of 2 hosts", await stdout, StringComparison.Ordinal);

        var next = await ns.RunDoctorAsync(["scan", "127.0.0.1:2201", "--timeout", "10", .. common]);

        Assert.Contains("The last scan (#1, started ", next.Stdout, StringComparison.Ordinal);
        Assert.Contains("was incomplete: it recorded 1 of 2 hosts", next.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Waits until the scan running has committed <paramref name="count"/> hosts to the history (read as another process would).</summary>
    private static async Task WaitUntilRecordedAsync(string db, int count, Process scan)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            Assert.False(scan.HasExited, "the scan ended before it was stopped");
            if (File.Exists(db))
            {
                try
                {
                    using var store = HistoryStore.Open(db, readOnly: true);
                    if (store.Scans(DateTimeOffset.MinValue) is [.., var last] && last.Recorded >= count)
                    {
                        return;
                    }
                }
                catch (Exception e) when (e is HistoryUnavailableException or Microsoft.Data.Sqlite.SqliteException)
                {
                    // Not created yet, or being created.
                }
            }

            await Task.Delay(100, Token);
        }

        Assert.Fail($"the history did not hold {count} hosts within 120 s");
    }
}
