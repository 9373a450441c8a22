using Microsoft.Data.Sqlite;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Reporting;
using SshDoctor.Scan.History;

namespace SshDoctor.IntegrationTests.Scan;

/// <summary>
/// <c>scan --keys</c> against three real sshd with different authorized_keys: the user's two keys (-i) are each asked
/// of every host, without a signature; each host's answer shows in the JSON, the HTML, the CSV and the table and is kept
/// in the history, and sshd's logs show queries only (no login, no password). Needs root: fails under CI=true otherwise.
/// </summary>
public sealed class ScanKeysTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_host_says_which_of_your_keys_it_accepts_and_none_is_signed_with()
    {
        await using var ns = NetworkNamespace.Create();
        using var directory = new TempDirectory();
        Directory.CreateDirectory("/run/sshd");
        var home = Directory.CreateDirectory(directory.File("home")).FullName;
        Directory.CreateDirectory(Path.Combine(home, ".ssh"));
        var first = directory.NewKey("first");
        var second = directory.NewKey("second");
        string Public(string key) => File.ReadAllText(key + ".pub");
        string Fingerprint(string key) => ExternalTool.Run("ssh-keygen", "-l", "-f", key + ".pub").Split(' ')[1];
        var hosts = new (string Destination, string Authorized)[]
        {
            ("127.0.0.1:2201", Public(first)),
            ("127.0.0.2:2201", Public(second)),
            ("127.0.0.3:2201", ""),
        };
        var logs = new List<string>();
        foreach (var (destination, authorized) in hosts)
        {
            var name = destination.Split(':')[0];
            var authorizedKeys = directory.File(name + ".authorized");
            File.WriteAllText(authorizedKeys, authorized);
            var config = directory.File(name + ".conf");
            var log = directory.File(name + ".log");
            logs.Add(log);
            File.WriteAllText(config, $"Port 2201\nListenAddress {name}\nHostKey {directory.NewKey(name + ".hostkey")}\nPidFile {directory.File(name + ".pid")}\nUsePAM no\n"
                + $"StrictModes no\nAuthorizedKeysFile {authorizedKeys}\nLogLevel VERBOSE\n");
            ns.Start(ExternalTool.Require("sshd"), "-D", "-E", log, "-f", config);
        }

        await Task.Delay(500, Token);
        var db = directory.File("history.db");
        var html = directory.File("keys.html");
        string[] common = ["-F", "/dev/null", "--agent", "none", "-i", first, "-i", second, "--known-hosts", directory.File("known_hosts"), "--timeout", "5", "-l", "root", "--db", db];
        var environment = new Dictionary<string, string> { ["HOME"] = home };
        async Task<(int Code, string Stdout, string Stderr)> Run(params string[] arguments)
        {
            using var process = ns.StartDoctor(arguments, environment);
            var stdout = process.StandardOutput.ReadToEndAsync(Token);
            var stderr = process.StandardError.ReadToEndAsync(Token);
            await process.WaitForExitAsync(Token).WaitAsync(TimeSpan.FromSeconds(90), Token);
            return (process.ExitCode, await stdout, await stderr);
        }

        var json = await Run(["scan", "--keys", .. hosts.Select(h => h.Destination), "--json", "--html", html, .. common]);

        var report = ScanReportJson.Deserialize(json.Stdout)!;
        var answers = report.Hosts!.ToDictionary(h => h.Destination, h => h.Keys.Select(k => (k.Fingerprint, k.Result)).ToList());
        Assert.Equal([(Fingerprint(first), "accepted"), (Fingerprint(second), "rejected")], answers["127.0.0.1:2201"]);
        Assert.Equal([(Fingerprint(first), "rejected"), (Fingerprint(second), "accepted")], answers["127.0.0.2:2201"]);
        Assert.Equal([(Fingerprint(first), "rejected"), (Fingerprint(second), "rejected")], answers["127.0.0.3:2201"]);
        Assert.All(report.Hosts!.Take(2), h => Assert.Equal("ok", h.Outcome));
        // A host that refuses every key fails as diagnose reports it.
        var diagnose = await Run(["diagnose", "--json", "127.0.0.3:2201", .. common[..^2]]);
        Assert.Equal(ReportJson.Deserialize(diagnose.Stdout)!.Diagnoses[0].Id, report.Hosts!.Single(h => h.Destination == "127.0.0.3:2201").Outcome);
        var page = await File.ReadAllTextAsync(html, Token);
        Assert.Contains("data-key=\"keys\"", page, StringComparison.Ordinal);
        Assert.Contains($"accepted: {first} {Fingerprint(first)}", page, StringComparison.Ordinal);

        var csv = await Run(["scan", "--keys", .. hosts.Select(h => h.Destination), "--csv", .. common]);

        var rows = csv.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = rows[0].Split(',');
        var row = rows.Single(r => r.StartsWith("127.0.0.2:2201,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(Fingerprint(second), row[Array.IndexOf(header, "keys_accepted")]);
        Assert.Equal(Fingerprint(first), row[Array.IndexOf(header, "keys_rejected")]);

        var table = await Run(["scan", "--keys", "127.0.0.1:2201", .. common]);

        Assert.Contains("Your keys, as each host answered", table.Stdout, StringComparison.Ordinal);
        Assert.Contains($"accepted: {first} {Fingerprint(first)}; refused: {second} {Fingerprint(second)}", table.Stdout, StringComparison.Ordinal);

        HistoryStore.Open(db, readOnly: true).Dispose(); // loads the system's SQLite
        using (var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT host_id, fingerprint, result FROM user_keys WHERE scan_id = 1 ORDER BY host_id, fingerprint";
            using var reader = command.ExecuteReader();
            var stored = new List<(string, string, string)>();
            while (reader.Read())
            {
                stored.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }

            Assert.Equal(6, stored.Count);
            Assert.Contains(("127.0.0.2:2201", Fingerprint(second), "accepted"), stored);
            Assert.Contains(("127.0.0.3:2201", Fingerprint(first), "rejected"), stored);
        }

        // scan --history reads the answers back, per scan, beside the banner, host key, algorithms and outcome.
        var historyJson = await Run(["scan", "--history", "127.0.0.2:2201", "--json", .. common]);

        var snapshots = ScanReportJson.Deserialize(historyJson.Stdout)!.Snapshots!;
        Assert.True(snapshots.Count == 2, historyJson.Stdout + historyJson.Stderr); // the --json and --csv scans; the table scan named only 127.0.0.1
        Assert.All(snapshots, s =>
        {
            Assert.Equal([(Fingerprint(first), "rejected"), (Fingerprint(second), "accepted")], s.Keys.Select(k => (k.Fingerprint, k.Result)));
            Assert.Equal(second, s.Keys.Single(k => k.Result == "accepted").Identity);
            Assert.Equal("ok", s.Outcome);
            Assert.StartsWith("SSH-2.0-OpenSSH", s.Banner, StringComparison.Ordinal);
            Assert.Contains(s.Algorithms, a => a.Slot == "kex" && a.Server.Count > 0);
            Assert.NotNull(s.HostKey?.Fingerprint);
        });
        var historyText = await Run(["scan", "--history", "127.0.0.2:2201", .. common]);

        Assert.Equal(2, historyText.Stdout.Split('\n').Count(l => l.Contains($"refused: {first} {Fingerprint(first)}; accepted: {second} {Fingerprint(second)}", StringComparison.Ordinal)));
        var historyCsv = await Run(["scan", "--history", "127.0.0.2:2201", "--csv", .. common]);

        var historyRows = historyCsv.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var historyHeader = historyRows[0].Split(',');
        Assert.Equal(3, historyRows.Length);
        Assert.All(historyRows.Skip(1).Select(r => r.Split(',')), r =>
        {
            Assert.Equal(Fingerprint(second), r[Array.IndexOf(historyHeader, "keys_accepted")]);
            Assert.Equal(Fingerprint(first), r[Array.IndexOf(historyHeader, "keys_rejected")]);
            Assert.StartsWith("SSH-2.0-OpenSSH", r[Array.IndexOf(historyHeader, "banner")], StringComparison.Ordinal);
            Assert.Contains("curve25519-sha256", r[Array.IndexOf(historyHeader, "kex")], StringComparison.Ordinal);
        });

        // Queries only: sshd postponed each accepted key (no signature came), and nothing logged in or tried a password.
        var logged = logs.SelectMany(File.ReadAllLines).ToList();
        Assert.Contains(logged, l => l.Contains("Postponed publickey for root", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, l => l.Contains("Accepted publickey", StringComparison.Ordinal) || l.Contains("password", StringComparison.OrdinalIgnoreCase));
    }
}
