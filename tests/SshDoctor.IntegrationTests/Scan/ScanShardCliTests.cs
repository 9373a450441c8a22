using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Reporting;

namespace SshDoctor.IntegrationTests.Scan;

/// <summary>
/// <c>scan --shard I/N</c> from the command line: N runs over one inventory probe every host exactly once between them,
/// a duplicate is one host in one shard, and a bad value is exit 2 before anything is probed. The hosts are closed ports
/// on loopback (refused at once), so nothing but the split is under test.
/// </summary>
public sealed class ScanShardCliTests
{
    [Fact]
    public async Task Shards_together_probe_every_host_of_the_inventory_once()
    {
        using var directory = new TempDirectory();
        var inventory = directory.File("fleet.txt");
        var hosts = Enumerable.Range(1, 24).Select(i => $"127.0.0.1:{i}").ToList();
        await File.WriteAllLinesAsync(inventory, [.. hosts, "127.0.0.1:3", "# a comment"], TestContext.Current.CancellationToken);

        var probed = new List<string>();
        for (var shard = 1; shard <= 3; shard++)
        {
            var run = await DoctorProcess.RunAsync(["scan", "-f", inventory, "--shard", $"{shard}/3", "--no-history", "--json", "--timeout", "2", "-F", "/dev/null", "--agent", "none"]);
            Assert.True(run.Code == 1, run.Stdout + run.Stderr);
            var report = ScanReportJson.Deserialize(run.Stdout)!;
            Assert.Equal($"{shard}/3", report.Summary!.Shard);
            Assert.Equal(24, report.Summary.InventoryHosts);
            Assert.Equal(report.Hosts!.Count, report.Summary.Hosts);
            Assert.All(report.Hosts, h => Assert.Equal("tcp.refused", h.Outcome));
            probed.AddRange(report.Hosts.Select(h => h.Destination));
        }

        Assert.Equal(hosts.Order(StringComparer.Ordinal), probed.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("0/3", "I is from 1 to N")]
    [InlineData("4/3", "I is from 1 to N")]
    [InlineData("1/0", "N is from 1 to")]
    [InlineData("one/3", "not I/N")]
    public async Task A_bad_shard_is_exit_2_with_the_reason_before_anything_is_probed(string value, string why)
    {
        // Port 9 on an address nothing routes: had it been probed, the run would wait for its timeout.
        var run = await DoctorProcess.RunAsync(["scan", "192.0.2.1:9", "--shard", value, "--no-history"]);

        Assert.Equal(2, run.Code);
        Assert.Contains($"--shard '{value}': {why}", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("1 <= I <= N", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }
}
