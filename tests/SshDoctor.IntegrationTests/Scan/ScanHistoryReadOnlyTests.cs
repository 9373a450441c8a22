using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using SshDoctor.IntegrationTests.Cli;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Reporting;
using SshDoctor.Scan;
using SshDoctor.Scan.History;
using SshDoctor.Tests.Scan;

namespace SshDoctor.IntegrationTests.Scan;

/// <summary>
/// <c>scan --since</c> and <c>scan --history</c> read a history the user may not write, and change nothing in it: an
/// immutable file in an immutable directory (<c>chattr +i</c>, which even root cannot write through), and a 0444 file in a
/// 0555 directory read without CAP_DAC_OVERRIDE (as any other user would). A history at the current schema and one an
/// older ssh-doctor wrote (schema 1) are both read; a file that is no history is a clear error, exit 2.
/// Needs root (chattr, setpriv): fails under CI=true otherwise.
/// </summary>
public sealed class ScanHistoryReadOnlyTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly DateTimeOffset Scanned = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_immutable_history_at_the_current_schema_is_read_and_left_as_it_was()
    {
        using var directory = new TempDirectory();
        var db = directory.File("history.db");
        WriteCurrentHistory(db);

        var (since, history) = ReadWhileImmutable(directory, db);

        Assert.True(since.ExitCode == 0, since.ToString());
        var scans = ScanReportJson.Deserialize(since.Stdout)!.Scans!;
        Assert.Equal([1L, 2L], scans.Select(s => s.Id));
        Assert.True(history.ExitCode == 0, history.ToString());
        var report = ScanReportJson.Deserialize(history.Stdout)!;
        Assert.Equal(["SHA256:old", "SHA256:new"], report.Snapshots!.Select(s => s.HostKey!.Fingerprint));
        Assert.Equal("host-key-changed", Assert.Single(report.Changes!).Kind);
    }

    [Fact]
    public void An_immutable_history_an_older_ssh_doctor_wrote_is_read_as_it_is()
    {
        using var directory = new TempDirectory();
        var db = directory.File("history.db");
        WriteSchemaOneHistory(db);

        var (since, history) = ReadWhileImmutable(directory, db);

        Assert.True(since.ExitCode == 0, since.ToString());
        Assert.Single(ScanReportJson.Deserialize(since.Stdout)!.Scans!);
        Assert.True(history.ExitCode == 0, history.ToString());
        var snapshot = Assert.Single(ScanReportJson.Deserialize(history.Stdout)!.Snapshots!);
        Assert.Equal("SSH-2.0-OpenSSH_9.2", snapshot.Banner);
        Assert.Empty(snapshot.Keys);
        Assert.Equal("1", SchemaOf(db));
    }

    [Fact]
    public void A_history_in_a_directory_the_user_cannot_write_is_read_without_write_access()
    {
        RequireRoot();
        Assert.True(Shell("setpriv", "--version").ExitCode == 0, "setpriv (util-linux) is needed to read as root without CAP_DAC_OVERRIDE");
        using var directory = new TempDirectory();
        var historyDirectory = Directory.CreateDirectory(directory.File("data")).FullName;
        var current = Path.Combine(historyDirectory, "history.db");
        var older = Path.Combine(historyDirectory, "older.db");
        WriteCurrentHistory(current);
        WriteSchemaOneHistory(older);
        ExternalTool.Run("chmod", "0444", current, older);
        var before = Fingerprint(historyDirectory);
        ExternalTool.Run("chmod", "0555", historyDirectory);
        try
        {
            foreach (var db in (string[])[current, older])
            {
                var since = WatchedCli.Run(["scan", "--since", "2000-01-01", "--json", "--db", db], Deadline, withoutDacOverride: true);
                var history = WatchedCli.Run(["scan", "--history", "web1", "--db", db], Deadline, withoutDacOverride: true);

                Assert.True(since.ExitCode == 0, since.ToString());
                Assert.True(history.ExitCode == 0, history.ToString());
                Assert.Contains("SHA256:old", history.Stdout, StringComparison.Ordinal);
            }

            // Writing is what it cannot do: a scan says so before probing anything.
            var scan = WatchedCli.Run(["scan", "192.0.2.1", "--db", current], Deadline, withoutDacOverride: true);
            Assert.True(scan.ExitCode == 2, scan.ToString());
        }
        finally
        {
            ExternalTool.Run("chmod", "0700", historyDirectory);
        }

        Assert.Equal(before, Fingerprint(historyDirectory));
    }

    [Fact]
    public void A_read_only_file_that_is_no_history_is_a_clear_error()
    {
        using var directory = new TempDirectory();
        var empty = directory.File("empty.db");
        File.WriteAllBytes(empty, []);
        var text = directory.File("notes.db");
        File.WriteAllText(text, "not a database, just text that is long enough to be read as a header of one\n");
        var emptyDatabase = directory.File("blank.db");
        SqliteLibraryLoaded();
        using (var connection = new SqliteConnection($"Data Source={emptyDatabase};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE other(x)";
            create.ExecuteNonQuery();
        }

        foreach (var db in (string[])[empty, text, emptyDatabase])
        {
            var before = Fingerprint(directory.Path);
            var run = WatchedCli.Run(["scan", "--history", "web1", "--db", db], Deadline);

            Assert.True(run.ExitCode == 2, $"{db}: {run}");
            Assert.Contains(db, run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("internal error", run.Stderr, StringComparison.Ordinal);
            Assert.Equal(before, Fingerprint(directory.Path));
        }
    }

    /// <summary>Runs --since and --history against <paramref name="db"/> while it and its directory are immutable (no -wal or -shm can appear).</summary>
    private static (CliRun Since, CliRun History) ReadWhileImmutable(TempDirectory directory, string db)
    {
        RequireRoot();
        Assert.True(Shell("chattr", "--help").ExitCode is 0 or 1, "chattr (e2fsprogs) is needed");
        var before = Fingerprint(directory.Path);
        var immutable = new List<string>();
        try
        {
            foreach (var path in (string[])[db, directory.Path])
            {
                var set = Shell("chattr", "+i", path);
                if (set.ExitCode != 0)
                {
                    Assert.Skip($"this file system has no immutable attribute: {set.Output}");
                }

                immutable.Add(path);
            }

            var since = WatchedCli.Run(["scan", "--since", "2000-01-01", "--json", "--db", db], Deadline);
            var history = WatchedCli.Run(["scan", "--history", "web1", "--json", "--db", db], Deadline);
            Assert.Equal(before, Fingerprint(directory.Path));
            return (since, history);
        }
        finally
        {
            foreach (var path in immutable)
            {
                Shell("chattr", "-i", path);
            }
        }
    }

    private static void WriteCurrentHistory(string db)
    {
        using var store = HistoryStore.Open(db);
        var first = store.StartScan(Scanned, ScanPart.Whole(1));
        store.Record(first, Snapshot(Scanned, "SHA256:old"), []);
        store.FinishScan(first, Scanned.AddMinutes(1), ScanPart.Whole(1));
        var later = Scanned.AddDays(1);
        var second = store.StartScan(later, ScanPart.Whole(1));
        var snapshot = Snapshot(later, "SHA256:new");
        store.Record(second, snapshot, ChangeDetector.Compare(store.LatestSnapshots(second)["web1:22"], snapshot));
        store.FinishScan(second, later.AddMinutes(1), ScanPart.Whole(1));
    }

    private static HostSnapshot Snapshot(DateTimeOffset at, string fingerprint) => new()
    {
        HostId = "web1:22",
        Destination = "web1",
        ScannedAt = at,
        Outcome = "ok",
        Addresses = ["192.0.2.1"],
        Banner = "SSH-2.0-OpenSSH_9.2",
        Kex = ["curve25519-sha256"],
        HostKeyAlgorithms = ["ssh-ed25519"],
        Ciphers = ["aes128-ctr"],
        Macs = ["hmac-sha2-256"],
        HostKeyType = "ssh-ed25519",
        HostKeyFingerprint = fingerprint,
        KnownHosts = "ok",
    };

    /// <summary>Schema 1 in write-ahead-log mode, as an older ssh-doctor left it.</summary>
    private static void WriteSchemaOneHistory(string db)
    {
        SqliteLibraryLoaded();
        HistorySchemaOne.Write(db, writeAheadLog: true);
    }

    private static string? SchemaOf(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT value FROM meta WHERE key = 'schema'";
        return read.ExecuteScalar() as string;
    }

    // Opening (and closing) a history once points Microsoft.Data.Sqlite at the system's SQLite.
    private static void SqliteLibraryLoaded()
    {
        using var directory = new TempDirectory();
        HistoryStore.Open(directory.File("load.db")).Dispose();
    }

    /// <summary>Every file's name and content hash: what "left as it was" means (no -wal or -shm appeared, nothing was written).</summary>
    private static string Fingerprint(string directory) => string.Join('\n', Directory.GetFiles(directory).Order(StringComparer.Ordinal)
        .Select(f => Path.GetFileName(f) + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))));

    private static void RequireRoot()
    {
        if (Environment.UserName != "root")
        {
            if (ExternalTool.OnCi)
            {
                Assert.Fail("chattr and setpriv need root");
            }

            Assert.Skip("chattr and setpriv need root");
        }
    }

    private static (int ExitCode, string Output) Shell(string name, params string[] arguments) => ExternalTool.TryRun(name, arguments);
}
