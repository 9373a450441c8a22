using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SshDoctor.Scan.History;

/// <summary>
/// The scan history in SQLite (default <c>$XDG_DATA_HOME/ssh-doctor/history.db</c>): one row per scan, one snapshot per
/// host and scan, the changes each scan found. A host's snapshot is committed as soon as it is probed, so a scan killed
/// half-way leaves what it saw, and its scan row without an end: "incomplete", and read like any other.
/// </summary>
public sealed class HistoryStore : IDisposable
{
    private const int SchemaVersion = 1;
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    private HistoryStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    public string Path { get; }

    /// <summary>The default database: <c>$XDG_DATA_HOME/ssh-doctor/history.db</c>, else <c>~/.local/share/ssh-doctor/history.db</c>.</summary>
    public static string DefaultPath(Func<string, string?> variable, string home) =>
        System.IO.Path.Combine(variable("XDG_DATA_HOME") is { Length: > 0 } data && System.IO.Path.IsPathRooted(data) ? data : System.IO.Path.Combine(home, ".local", "share"), "ssh-doctor", "history.db");

    /// <summary>Opens (creating it and its directory when missing) the history; throws <see cref="HistoryUnavailableException"/> with the reason when it cannot.</summary>
    public static HistoryStore Open(string path, bool readOnly = false)
    {
        if (SqliteLibrary.EnsureLoaded() is { } missing)
        {
            throw new HistoryUnavailableException(missing);
        }

        try
        {
            if (!readOnly && System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) is { } directory)
            {
                Directory.CreateDirectory(directory);
            }

            if (readOnly && !File.Exists(path))
            {
                throw new HistoryUnavailableException($"{path}: no scan history yet (run a scan first)");
            }

            var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
                DefaultTimeout = 30,
            }.ToString());
            connection.Open();
            var store = new HistoryStore(connection, path);
            if (!readOnly)
            {
                store.CreateSchema();
            }
            else
            {
                store.Execute("PRAGMA busy_timeout=30000");
            }

            return store;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new HistoryUnavailableException($"{path}: {e.Message}");
        }
    }

    /// <summary>Starts a scan: its row, without an end until <see cref="FinishScan"/>.</summary>
    public long StartScan(DateTimeOffset started, int hosts)
    {
        lock (_lock)
        {
            using var command = Command("INSERT INTO scans(started, hosts, complete) VALUES ($started, $hosts, 0) RETURNING id",
                ("$started", Time(started)), ("$hosts", hosts));
            return (long)command.ExecuteScalar()!;
        }
    }

    public void FinishScan(long scanId, DateTimeOffset finished)
    {
        lock (_lock)
        {
            using var command = Command("UPDATE scans SET finished = $finished, complete = 1 WHERE id = $id", ("$finished", Time(finished)), ("$id", scanId));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The latest snapshot of every host from scans before <paramref name="beforeScan"/> (complete or not), with its scan's id.</summary>
    public Dictionary<string, HostSnapshot> LatestSnapshots(long beforeScan)
    {
        lock (_lock)
        {
            using var command = Command($"""
                SELECT {SnapshotColumns} FROM snapshots s
                JOIN (SELECT host_id, MAX(scan_id) AS scan_id FROM snapshots WHERE scan_id < $scan GROUP BY host_id) latest
                  ON latest.host_id = s.host_id AND latest.scan_id = s.scan_id
                """, ("$scan", beforeScan));
            var snapshots = new Dictionary<string, HostSnapshot>(StringComparer.Ordinal);
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var snapshot = ReadSnapshot(reader);
                    snapshots[snapshot.HostId] = snapshot;
                }
            }

            using var keys = Command("""
                SELECT k.host_id, k.type, k.fingerprint, k.key FROM host_keys k
                JOIN (SELECT host_id, MAX(scan_id) AS scan_id FROM snapshots WHERE scan_id < $scan GROUP BY host_id) latest
                  ON latest.host_id = k.host_id AND latest.scan_id = k.scan_id
                ORDER BY k.host_id, k.type
                """, ("$scan", beforeScan));
            using var keyReader = keys.ExecuteReader();
            var byHost = new Dictionary<string, List<RecordedHostKey>>(StringComparer.Ordinal);
            while (keyReader.Read())
            {
                var host = keyReader.GetString(0);
                (byHost.TryGetValue(host, out var list) ? list : byHost[host] = []).Add(new RecordedHostKey(keyReader.GetString(1), keyReader.GetString(2), keyReader.GetString(3)));
            }

            foreach (var (host, list) in byHost)
            {
                if (snapshots.TryGetValue(host, out var snapshot))
                {
                    snapshots[host] = snapshot with { HostKeys = list };
                }
            }

            return snapshots;
        }
    }

    /// <summary>Stores a host's snapshot and the changes found for it, in one transaction.</summary>
    public void Record(long scanId, HostSnapshot snapshot, IReadOnlyList<HostChange> changes)
    {
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            using (var insert = Command($"""
                INSERT OR REPLACE INTO snapshots(scan_id, {SnapshotColumns.Replace("s.", "", StringComparison.Ordinal)})
                VALUES ($scan, $host, $destination, $at, $outcome, $addresses, $banner, $kex, $hostkey_algorithms, $ciphers, $macs, $key_type, $fingerprint, $key, $known_hosts)
                """,
                ("$scan", scanId), ("$host", snapshot.HostId), ("$destination", snapshot.Destination), ("$at", Time(snapshot.ScannedAt)),
                ("$outcome", snapshot.Outcome), ("$addresses", List(snapshot.Addresses)), ("$banner", snapshot.Banner), ("$kex", List(snapshot.Kex)),
                ("$hostkey_algorithms", List(snapshot.HostKeyAlgorithms)), ("$ciphers", List(snapshot.Ciphers)), ("$macs", List(snapshot.Macs)),
                ("$key_type", snapshot.HostKeyType), ("$fingerprint", snapshot.HostKeyFingerprint), ("$key", snapshot.HostKey), ("$known_hosts", snapshot.KnownHosts)))
            {
                insert.Transaction = transaction;
                insert.ExecuteNonQuery();
            }

            foreach (var key in snapshot.HostKeys)
            {
                using var insert = Command("INSERT OR REPLACE INTO host_keys(scan_id, host_id, type, fingerprint, key) VALUES ($scan, $host, $type, $fingerprint, $key)",
                    ("$scan", scanId), ("$host", snapshot.HostId), ("$type", key.Type), ("$fingerprint", key.Fingerprint), ("$key", key.Key));
                insert.Transaction = transaction;
                insert.ExecuteNonQuery();
            }

            foreach (var key in snapshot.Keys)
            {
                using var insert = Command("INSERT OR REPLACE INTO user_keys(scan_id, host_id, fingerprint, type, identity, result) VALUES ($scan, $host, $fingerprint, $type, $identity, $result)",
                    ("$scan", scanId), ("$host", snapshot.HostId), ("$fingerprint", key.Fingerprint), ("$type", key.Type), ("$identity", key.Identity), ("$result", key.Result));
                insert.Transaction = transaction;
                insert.ExecuteNonQuery();
            }

            foreach (var change in changes)
            {
                using var insert = Command("""
                    INSERT INTO changes(scan_id, host_id, kind, id, downgrade, before, after, previous_at, at)
                    VALUES ($scan, $host, $kind, $id, $downgrade, $before, $after, $previous, $at)
                    """,
                    ("$scan", scanId), ("$host", change.HostId), ("$kind", change.Kind), ("$id", change.Id), ("$downgrade", change.Downgrade ? 1 : 0),
                    ("$before", change.Before), ("$after", change.After), ("$previous", Time(change.PreviousScan)), ("$at", Time(change.ThisScan)));
                insert.Transaction = transaction;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>The scans that started at or after <paramref name="since"/>, oldest first.</summary>
    public IReadOnlyList<ScanRecord> Scans(DateTimeOffset since)
    {
        lock (_lock)
        {
            using var command = Command("""
                SELECT c.id, c.started, c.finished, c.complete, c.hosts, (SELECT COUNT(*) FROM snapshots s WHERE s.scan_id = c.id)
                FROM scans c WHERE c.started >= $since ORDER BY c.id
                """, ("$since", Time(since)));
            using var reader = command.ExecuteReader();
            var scans = new List<ScanRecord>();
            while (reader.Read())
            {
                scans.Add(new ScanRecord(reader.GetInt64(0), ParseTime(reader.GetString(1)), reader.IsDBNull(2) ? null : ParseTime(reader.GetString(2)),
                    reader.GetInt64(3) == 1, reader.GetInt32(4), reader.GetInt32(5)));
            }

            return scans;
        }
    }

    /// <summary>Every snapshot of a host (<c>name</c> or <c>name:port</c>), oldest first, with its scan.</summary>
    public IReadOnlyList<(ScanRecord Scan, HostSnapshot Snapshot)> HostHistory(string host)
    {
        lock (_lock)
        {
            var id = host.ToLowerInvariant();
            using var command = Command($"""
                SELECT c.id, c.started, c.finished, c.complete, c.hosts, {SnapshotColumns}
                FROM snapshots s JOIN scans c ON c.id = s.scan_id
                WHERE s.host_id = $id OR (instr($id, ':') = 0 AND s.host_id = $id || ':22')
                ORDER BY c.id
                """, ("$id", id));
            using var reader = command.ExecuteReader();
            var rows = new List<(ScanRecord, HostSnapshot)>();
            while (reader.Read())
            {
                var scan = new ScanRecord(reader.GetInt64(0), ParseTime(reader.GetString(1)), reader.IsDBNull(2) ? null : ParseTime(reader.GetString(2)), reader.GetInt64(3) == 1, reader.GetInt32(4), 0);
                rows.Add((scan, ReadSnapshot(reader, 5)));
            }

            return rows;
        }
    }

    /// <summary>The changes recorded by scans after <paramref name="since"/> (for one host when <paramref name="host"/> is given), oldest first.</summary>
    public IReadOnlyList<HostChange> Changes(DateTimeOffset since, string? host = null)
    {
        lock (_lock)
        {
            var id = host?.ToLowerInvariant();
            using var command = Command("""
                SELECT host_id, kind, id, downgrade, before, after, previous_at, at FROM changes
                WHERE at >= $since AND ($host IS NULL OR host_id = $host OR (instr($host, ':') = 0 AND host_id = $host || ':22'))
                ORDER BY rowid
                """, ("$since", Time(since)), ("$host", id));
            using var reader = command.ExecuteReader();
            var changes = new List<HostChange>();
            while (reader.Read())
            {
                changes.Add(new HostChange(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3) == 1,
                    reader.GetString(4), reader.GetString(5), ParseTime(reader.GetString(6)), ParseTime(reader.GetString(7))));
            }

            return changes;
        }
    }

    public void Dispose() => _connection.Dispose();

    private const string SnapshotColumns = "s.host_id, s.destination, s.scanned_at, s.outcome, s.addresses, s.banner, s.kex, s.hostkey_algorithms, s.ciphers, s.macs, s.hostkey_type, s.hostkey_fingerprint, s.hostkey, s.known_hosts";

    private static HostSnapshot ReadSnapshot(SqliteDataReader reader, int offset = 0)
    {
        string? Text(int i) => reader.IsDBNull(offset + i) ? null : reader.GetString(offset + i);
        return new HostSnapshot
        {
            HostId = Text(0)!,
            Destination = Text(1)!,
            ScannedAt = ParseTime(Text(2)!),
            Outcome = Text(3)!,
            Addresses = Split(Text(4)),
            Banner = Text(5),
            Kex = Split(Text(6)),
            HostKeyAlgorithms = Split(Text(7)),
            Ciphers = Split(Text(8)),
            Macs = Split(Text(9)),
            HostKeyType = Text(10),
            HostKeyFingerprint = Text(11),
            HostKey = Text(12),
            KnownHosts = Text(13),
        };
    }

    private void CreateSchema()
    {
        // WAL: a reader (scan --history) never blocks the scan that writes, and a killed writer loses nothing committed.
        Execute("PRAGMA journal_mode=WAL");
        Execute("PRAGMA synchronous=NORMAL");
        Execute("PRAGMA busy_timeout=30000");
        Execute("""
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS scans(id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT, complete INTEGER NOT NULL, hosts INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS snapshots(
              scan_id INTEGER NOT NULL REFERENCES scans(id), host_id TEXT NOT NULL, destination TEXT NOT NULL, scanned_at TEXT NOT NULL,
              outcome TEXT NOT NULL, addresses TEXT NOT NULL, banner TEXT, kex TEXT NOT NULL, hostkey_algorithms TEXT NOT NULL,
              ciphers TEXT NOT NULL, macs TEXT NOT NULL, hostkey_type TEXT, hostkey_fingerprint TEXT, hostkey TEXT, known_hosts TEXT,
              PRIMARY KEY(scan_id, host_id));
            CREATE INDEX IF NOT EXISTS snapshots_by_host ON snapshots(host_id, scan_id);
            CREATE TABLE IF NOT EXISTS changes(
              scan_id INTEGER NOT NULL REFERENCES scans(id), host_id TEXT NOT NULL, kind TEXT NOT NULL, id TEXT, downgrade INTEGER NOT NULL,
              before TEXT NOT NULL, after TEXT NOT NULL, previous_at TEXT NOT NULL, at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS changes_by_time ON changes(at);
            CREATE TABLE IF NOT EXISTS host_keys(
              scan_id INTEGER NOT NULL REFERENCES scans(id), host_id TEXT NOT NULL, type TEXT NOT NULL, fingerprint TEXT NOT NULL, key TEXT NOT NULL,
              PRIMARY KEY(scan_id, host_id, type));
            CREATE TABLE IF NOT EXISTS user_keys(
              scan_id INTEGER NOT NULL REFERENCES scans(id), host_id TEXT NOT NULL, fingerprint TEXT NOT NULL, type TEXT NOT NULL, identity TEXT NOT NULL, result TEXT NOT NULL,
              PRIMARY KEY(scan_id, host_id, fingerprint));
            """);
        using var version = Command("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', $v)", ("$v", SchemaVersion.ToString(CultureInfo.InvariantCulture)));
        version.ExecuteNonQuery();
        using var check = Command("SELECT value FROM meta WHERE key = 'schema'");
        if (check.ExecuteScalar() is string stored && stored != SchemaVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw new HistoryUnavailableException($"{Path}: history schema {stored}, this ssh-doctor reads schema {SchemaVersion.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    // Round-trip UTC text: sorts as time, readable with the sqlite3 shell.
    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static string List(IReadOnlyList<string> names) => string.Join(',', names);

    private static string[] Split(string? text) => string.IsNullOrEmpty(text) ? [] : text.Split(',');
}
