using System.Diagnostics;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Scan.Infrastructure;
using SshDoctor.Reporting;

namespace SshDoctor.IntegrationTests.Scan;

/// <summary>
/// <c>scan --shard I/N --db postgresql://…</c> against a real PostgreSQL and the lab fleet: three shard processes started at
/// once write exactly the rows one whole-inventory process writes (the tables compared, times and ids aside), the next
/// scan's changes come from PostgreSQL, and an unreachable or refusing database is exit 2 before any host is probed,
/// its password never printed. Needs root and Debian's postgresql: fails under CI=true otherwise.
/// </summary>
public sealed class ScanPostgresHistoryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // Each table's rows without what differs between two runs of the same scan (times, scan ids), sorted.
    private static readonly string[] Tables =
    [
        "SELECT hosts, complete FROM scans ORDER BY id",
        "SELECT host_id, destination, outcome, addresses, coalesce(banner, ''), kex, hostkey_algorithms, ciphers, macs, coalesce(hostkey_type, ''), coalesce(hostkey_fingerprint, ''), coalesce(hostkey, ''), coalesce(known_hosts, '') FROM snapshots ORDER BY scan_id, host_id",
        "SELECT host_id, type, fingerprint, key FROM host_keys ORDER BY scan_id, host_id, type",
        "SELECT host_id, kind, coalesce(id, ''), downgrade, before, after, position FROM changes ORDER BY scan_id, host_id, position",
    ];

    [Fact]
    public async Task Shards_at_once_write_exactly_the_rows_of_one_scan_and_the_next_scan_finds_changes_from_postgresql()
    {
        await using var fleet = await LabFleet.StartAsync(Token);
        await using var postgres = await PostgresServer.StartAsync(fleet.Namespace, fleet.Directory.Path, Token);
        postgres.CreateDatabase("single");
        postgres.CreateDatabase("sharded");
        var inventory = fleet.Directory.File("fleet.txt");
        await File.WriteAllLinesAsync(inventory, LabFleet.All, Token);

        async Task ScanBothWaysAsync(string run)
        {
            // The whole inventory in one process, the password in the URL.
            var single = await fleet.RunDoctorAsync(["scan", "-f", inventory, "--json", "--db", postgres.Url("single"), .. fleet.Options]);
            Assert.True(single.ExitCode == 1, single.Stdout + single.Stderr);
            Assert.Equal("postgresql://doctor@127.0.0.1:5432/single", ScanReportJson.Deserialize(single.Stdout)!.History);
            Assert.DoesNotContain(postgres.Password, single.Stdout + single.Stderr, StringComparison.Ordinal);

            // Three shards at once into the other database, the password from PGPASSWORD as libpq takes it.
            var shards = Enumerable.Range(1, 3).Select(i => RunWithPasswordAsync(fleet.Namespace, postgres.Password,
                ["scan", "-f", inventory, "--shard", $"{i}/3", "--run", run, "--json", "--db", postgres.Url("sharded", withPassword: false), .. fleet.Options])).ToList();
            var probed = new List<string>();
            foreach (var shard in await Task.WhenAll(shards))
            {
                Assert.True(shard.ExitCode is 0 or 1, shard.Stdout + shard.Stderr);
                probed.AddRange(ScanReportJson.Deserialize(shard.Stdout)!.Hosts!.Select(h => h.Destination));
            }

            Assert.Equal(LabFleet.All.Order(StringComparer.Ordinal), probed.Order(StringComparer.Ordinal));
        }

        await ScanBothWaysAsync("first");
        await fleet.NewHostKeyAsync("c", Token);
        await ScanBothWaysAsync("second");

        foreach (var table in Tables)
        {
            Assert.Equal(postgres.Query("single", table), postgres.Query("sharded", table));
        }

        // Two scans, each complete once its three parts ended; the second found c's new key in PostgreSQL.
        Assert.Equal("6|1|t\n6|1|t\n", postgres.Query("sharded", "SELECT hosts, complete, run IS NOT NULL FROM scans ORDER BY id"));
        Assert.Equal("3\n3\n", postgres.Query("sharded", "SELECT count(*) FROM scan_parts WHERE finished IS NOT NULL GROUP BY scan_id ORDER BY scan_id"));
        Assert.Equal("127.0.0.3:2202|hostkey.changed\n", postgres.Query("sharded", "SELECT host_id, id FROM changes WHERE kind = 'host-key-changed'"));
        var history = await RunWithPasswordAsync(fleet.Namespace, postgres.Password, ["scan", "--history", "127.0.0.3:2202", "--json", "--db", postgres.Url("sharded", withPassword: false)]);
        Assert.Equal(2, ScanReportJson.Deserialize(history.Stdout)!.Snapshots!.Count);

        // A role that may only read (every transaction read-only, SELECT only) reads the history back: no DDL, no lock.
        postgres.Query("sharded", $"CREATE ROLE reader LOGIN PASSWORD '{postgres.Password}'");
        postgres.Query("sharded", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader");
        postgres.Query("sharded", "ALTER ROLE reader SET default_transaction_read_only = on");
        var readerUrl = postgres.Url("sharded", withPassword: false).Replace(PostgresServer.User + "@", "reader@", StringComparison.Ordinal);
        var read = await RunWithPasswordAsync(fleet.Namespace, postgres.Password, ["scan", "--history", "127.0.0.3:2202", "--json", "--db", readerUrl]);
        Assert.True(read.ExitCode == 0, read.Stdout + read.Stderr);
        Assert.Equal(2, ScanReportJson.Deserialize(read.Stdout)!.Snapshots!.Count);
        var since = await RunWithPasswordAsync(fleet.Namespace, postgres.Password, ["scan", "--since", "2000-01-01", "--json", "--db", readerUrl]);
        Assert.True(since.ExitCode == 0, since.Stdout + since.Stderr);
        Assert.Equal(2, ScanReportJson.Deserialize(since.Stdout)!.Scans!.Count);
    }

    [Fact]
    public async Task A_database_that_refuses_the_password_or_is_not_there_stops_the_scan_before_any_host_with_the_password_hidden()
    {
        await using var fleet = await LabFleet.StartAsync(Token);
        await using var postgres = await PostgresServer.StartAsync(fleet.Namespace, fleet.Directory.Path, Token);
        // Exit 2 (a scan that ran ends 0 or 1) with nothing on stdout: the history was refused before any host.
        string[] scan = ["scan", LabFleet.Dropped, "--timeout", "30", "-F", "/dev/null", "--agent", "none"];

        var wrong = await fleet.RunDoctorAsync([.. scan, "--db", "postgresql://doctor:not-the-password-42@127.0.0.1:5432/postgres"]);
        var nobody = await fleet.RunDoctorAsync([.. scan, "--db", "postgresql://doctor:secret-99@127.0.0.1:1/history"]);

        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("postgresql://doctor@127.0.0.1:5432/postgres", wrong.Stderr, StringComparison.Ordinal);
        Assert.Contains("password authentication failed", wrong.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password-42", wrong.Stderr + wrong.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, nobody.ExitCode);
        Assert.Contains("postgresql://doctor@127.0.0.1:1/history", nobody.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-99", nobody.Stderr + nobody.Stdout, StringComparison.Ordinal);
        Assert.Empty(wrong.Stdout + nobody.Stdout);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunWithPasswordAsync(NetworkNamespace ns, string password, string[] arguments)
    {
        var start = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["netns", "exec", ns.Name, "dotnet", typeof(SshDoctor.Cli.ExitCodes).Assembly.Location, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Token);
        var stderr = process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token).WaitAsync(TimeSpan.FromSeconds(120), Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
