using SshDoctor.Cli.Commands;
using SshDoctor.Localization;
using SshDoctor.Probing;
using SshDoctor.Probing.Resolve;
using SshDoctor.Scan;
using SshDoctor.Scan.History;
using SshDoctor.Scan.Inventory;
using SshDoctor.Tests.Logs;
using SshDoctor.Tests.TestSupport;

namespace SshDoctor.Tests.Scan;

/// <summary>
/// The times a scan and <c>logs</c> show come from the clock they are given, not the machine's: a scan at a fixed
/// moment says that moment (report, history, each host's snapshot), and <c>--since 2h</c> counts back from it.
/// </summary>
public sealed class ScanClockTests
{
    private static readonly DateTimeOffset Moment = new(2031, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Fact]
    public async Task A_scan_reports_and_records_the_time_of_its_clock()
    {
        using var dir = new LogsTestSupport.TempDir();
        var inventory = new HostInventory();
        // Port 1 on loopback: refused at once, so the host has a snapshot without any server.
        inventory.Add("127.0.0.1:1", "test");
        var settings = new ScanSettings
        {
            Template = new DiagnoseRequest { Destination = "placeholder", ConfigFile = "/dev/null", Agent = "none", Timeout = TimeSpan.FromSeconds(5) },
            Clock = new FixedClock(Moment),
        };
        var environment = new ProbeEnvironment { Home = dir.Path, LocalUser = "me", Variable = _ => null };
        using var history = HistoryStore.Open(dir.File("history.db"));

        var run = await new ScanRunner(settings, environment, Language.English, history).RunAsync(inventory.Entries, null, TestContext.Current.CancellationToken);

        var report = ScanReportBuilder.Build(run, inventory, Language.English, dir.File("history.db"));
        Assert.Equal(("2031-03-04T05:06:07Z", "2031-03-04T05:06:07Z"), (report.Started, report.Finished));
        Assert.Equal(Moment, Assert.Single(run.Hosts).Snapshot.ScannedAt);
        var recorded = Assert.Single(history.Scans(Moment.AddDays(-1)));
        Assert.Equal((Moment, Moment), (recorded.Started, recorded.Finished));
        Assert.Empty(history.Scans(Moment.AddSeconds(1)));
    }

    [Theory]
    [InlineData("2h", 2 * 60)]
    [InlineData("30m", 30)]
    [InlineData("1w", 7 * 24 * 60)]
    public void A_relative_since_counts_back_from_the_clock_it_is_given(string since, int minutesBefore)
    {
        var filter = LogsCommand.Filter(since, null, null, null, new FixedClock(Moment));

        Assert.Equal(Moment.AddMinutes(-minutesBefore), filter.Since);
        Assert.Null(filter.Until);
    }
}
