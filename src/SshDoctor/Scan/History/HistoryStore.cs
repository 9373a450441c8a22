using System.Data;
using System.Data.Common;
using System.Globalization;

namespace SshDoctor.Scan.History;

/// <summary>
/// The history's SQL, once, for every database <see cref="IHistoryStore"/> is kept in (ADO.NET over one connection):
/// <see cref="SqliteHistoryStore"/> and <see cref="PostgresHistoryStore"/> supply the connection, the id column type,
/// and how the schema (<see cref="HistorySchema"/>) is set up safely when several processes open it at once. Times are
/// round-trip UTC text: they sort as time and read alike in both databases.
/// </summary>
public abstract class HistoryStore : IHistoryStore
{
    private readonly Lock _lock = new();

    protected HistoryStore(DbConnection connection, string location)
    {
        Connection = connection;
        Location = location;
    }

    public string Location { get; }

    /// <summary>The schema this history is read at: <see cref="HistorySchema.Current"/>, or an older one a read-only open found and left as it is.</summary>
    public int SchemaVersion { get; private set; }

    protected DbConnection Connection { get; }

    /// <summary>The auto-numbered primary key column's type in this database (<see cref="HistorySchema.IdColumn"/>).</summary>
    protected abstract string IdColumnType { get; }

    /// <summary>The default database: <c>$XDG_DATA_HOME/ssh-doctor/history.db</c>, else <c>~/.local/share/ssh-doctor/history.db</c>.</summary>
    public static string DefaultPath(Func<string, string?> variable, string home) =>
        Path.Combine(variable("XDG_DATA_HOME") is { Length: > 0 } data && Path.IsPathRooted(data) ? data : Path.Combine(home, ".local", "share"), "ssh-doctor", "history.db");

    /// <summary>
    /// Opens the history at <paramref name="location"/>: a <c>postgresql://</c> URL, else a SQLite file (created with its
    /// directory when missing, unless <paramref name="readOnly"/>). Throws <see cref="HistoryUnavailableException"/> with the
    /// reason when it cannot: before any host is probed. <paramref name="readOnly"/> (scan --since, --history) writes
    /// nothing, not even a schema step: a history the user may only read is read, at whatever schema it has.
    /// </summary>
    public static IHistoryStore Open(string location, bool readOnly = false, Func<string, string?>? environment = null) =>
        PostgresUrl.IsUrl(location)
            ? PostgresHistoryStore.Open(PostgresUrl.Parse(location, environment ?? Environment.GetEnvironmentVariable), readOnly)
            : SqliteHistoryStore.Open(location, readOnly);

    public long StartScan(DateTimeOffset started, ScanPart part)
    {
        lock (_lock)
        {
            long id;
            if (part.Run is null)
            {
                using var insert = Command("INSERT INTO scans(started, hosts, complete) VALUES (@started, @hosts, 0) RETURNING id", Text("@started", Time(started)), Number("@hosts", part.InventoryHosts));
                id = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
            }
            else
            {
                // The first shard of a run makes its row; the others (at the same moment, in other processes) find it.
                using var insert = Command("INSERT INTO scans(started, hosts, complete, run) VALUES (@started, @hosts, 0, @run) ON CONFLICT(run) DO NOTHING RETURNING id",
                    Text("@started", Time(started)), Number("@hosts", part.InventoryHosts), Text("@run", part.Run));
                using var find = Command("SELECT id FROM scans WHERE run = @run", Text("@run", part.Run));
                id = Convert.ToInt64(insert.ExecuteScalar() ?? find.ExecuteScalar(), CultureInfo.InvariantCulture);
                using var other = Command("SELECT parts FROM scan_parts WHERE scan_id = @scan AND parts <> @parts", Number("@scan", id), Number("@parts", part.Parts));
                if (other.ExecuteScalar() is { } parts and not DBNull)
                {
                    throw new HistoryUnavailableException($"{Location}: --run {part.Run} was started in {Convert.ToString(parts, CultureInfo.InvariantCulture)} shards, this process is shard {part.Name}");
                }
            }

            using var begin = Command("""
                INSERT INTO scan_parts(scan_id, part, parts, hosts, started) VALUES (@scan, @part, @parts, @hosts, @started)
                ON CONFLICT(scan_id, part) DO UPDATE SET started = excluded.started, finished = NULL
                """,
                Number("@scan", id), Text("@part", part.Name), Number("@parts", part.Parts), Number("@hosts", part.InventoryHosts), Text("@started", Time(started)));
            begin.ExecuteNonQuery();
            return id;
        }
    }

    public void FinishScan(long scanId, DateTimeOffset finished, ScanPart part)
    {
        lock (_lock)
        {
            // Two statements, each committed: the last part to finish sees every other part's end (read committed), so
            // exactly the last one, or more, marks the scan complete; never none.
            using var end = Command("UPDATE scan_parts SET finished = @finished WHERE scan_id = @scan AND part = @part", Text("@finished", Time(finished)), Number("@scan", scanId), Text("@part", part.Name));
            end.ExecuteNonQuery();
            using var complete = Command("""
                UPDATE scans SET finished = @finished, complete = 1
                WHERE id = @scan AND (SELECT COUNT(*) FROM scan_parts p WHERE p.scan_id = @scan AND p.finished IS NOT NULL) >= @parts
                """, Text("@finished", Time(finished)), Number("@scan", scanId), Number("@parts", part.Parts));
            complete.ExecuteNonQuery();
        }
    }

    public Dictionary<string, HostSnapshot> LatestSnapshots(long beforeScan)
    {
        lock (_lock)
        {
            using var command = Command($"""
                SELECT {SnapshotColumns} FROM snapshots s
                JOIN (SELECT host_id, MAX(scan_id) AS scan_id FROM snapshots WHERE scan_id < @scan GROUP BY host_id) latest
                  ON latest.host_id = s.host_id AND latest.scan_id = s.scan_id
                """, Number("@scan", beforeScan));
            var snapshots = new Dictionary<string, HostSnapshot>(StringComparer.Ordinal);
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var snapshot = ReadSnapshot(reader);
                    snapshots[snapshot.HostId] = snapshot;
                }
            }

            // Per type, the key of the latest scan that fetched that type: a scan fetches only the negotiated type unless
            // --all-host-keys, so the latest record alone would forget the others and miss their change.
            using var keys = Command("""
                SELECT k.host_id, k.type, k.fingerprint, k.key, s.scanned_at FROM host_keys k
                JOIN (SELECT host_id, type, MAX(scan_id) AS scan_id FROM host_keys WHERE scan_id < @scan GROUP BY host_id, type) latest
                  ON latest.host_id = k.host_id AND latest.type = k.type AND latest.scan_id = k.scan_id
                JOIN snapshots s ON s.scan_id = k.scan_id AND s.host_id = k.host_id
                ORDER BY k.host_id, k.type
                """, Number("@scan", beforeScan));
            using var keyReader = keys.ExecuteReader();
            var byHost = new Dictionary<string, List<RecordedHostKey>>(StringComparer.Ordinal);
            while (keyReader.Read())
            {
                var host = keyReader.GetString(0);
                var seenAt = ParseTime(keyReader.GetString(4));
                var older = snapshots.TryGetValue(host, out var latest) && latest.ScannedAt != seenAt;
                (byHost.TryGetValue(host, out var list) ? list : byHost[host] = []).Add(new RecordedHostKey(keyReader.GetString(1), keyReader.GetString(2), keyReader.GetString(3)) { SeenAt = older ? seenAt : null });
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

    public void Record(long scanId, HostSnapshot snapshot, IReadOnlyList<HostChange> changes)
    {
        lock (_lock)
        {
            using var transaction = Connection.BeginTransaction();
            var columns = SnapshotColumns.Replace("s.", "", StringComparison.Ordinal);
            var updates = string.Join(", ", columns.Split(", ").Skip(1).Select(c => $"{c} = excluded.{c}"));
            using (var insert = Command($"""
                INSERT INTO snapshots(scan_id, {columns})
                VALUES (@scan, @host, @destination, @at, @outcome, @addresses, @banner, @kex, @hostkey_algorithms, @ciphers, @macs, @key_type, @fingerprint, @key, @known_hosts)
                ON CONFLICT(scan_id, host_id) DO UPDATE SET {updates}
                """,
                Number("@scan", scanId), Text("@host", snapshot.HostId), Text("@destination", snapshot.Destination), Text("@at", Time(snapshot.ScannedAt)),
                Text("@outcome", snapshot.Outcome), Text("@addresses", List(snapshot.Addresses)), Text("@banner", snapshot.Banner), Text("@kex", List(snapshot.Kex)),
                Text("@hostkey_algorithms", List(snapshot.HostKeyAlgorithms)), Text("@ciphers", List(snapshot.Ciphers)), Text("@macs", List(snapshot.Macs)),
                Text("@key_type", snapshot.HostKeyType), Text("@fingerprint", snapshot.HostKeyFingerprint), Text("@key", snapshot.HostKey), Text("@known_hosts", snapshot.KnownHosts)))
            {
                insert.Transaction = transaction;
                insert.ExecuteNonQuery();
            }

            foreach (var key in snapshot.HostKeys)
            {
                using var insert = Command("""
                    INSERT INTO host_keys(scan_id, host_id, type, fingerprint, key) VALUES (@scan, @host, @type, @fingerprint, @key)
                    ON CONFLICT(scan_id, host_id, type) DO UPDATE SET fingerprint = excluded.fingerprint, key = excluded.key
                    """,
                    Number("@scan", scanId), Text("@host", snapshot.HostId), Text("@type", key.Type), Text("@fingerprint", key.Fingerprint), Text("@key", key.Key));
                insert.Transaction = transaction;
                insert.ExecuteNonQuery();
            }

            foreach (var key in snapshot.Keys)
            {
                using var insert = Command("INSERT INTO user_keys(scan_id, host_id, fingerprint, type, identity, result) VALUES (@scan, @host, @fingerprint, @type, @identity, @result)",
                    Number("@scan", scanId), Text("@host", snapshot.HostId), Text("@fingerprint", key.Fingerprint), Text("@type", key.Type), Text("@identity", key.Identity), Text("@result", key.Result));
                insert.Transaction = transaction;
                insert.ExecuteNonQuery();
            }

            foreach (var (change, position) in changes.Select((c, i) => (c, i)))
            {
                using var insert = Command("""
                    INSERT INTO changes(scan_id, host_id, kind, id, downgrade, before, after, previous_at, at, position)
                    VALUES (@scan, @host, @kind, @id, @downgrade, @before, @after, @previous, @at, @position)
                    """,
                    Number("@scan", scanId), Text("@host", change.HostId), Text("@kind", change.Kind), Text("@id", change.Id), Number("@downgrade", change.Downgrade ? 1 : 0),
                    Text("@before", change.Before), Text("@after", change.After), Text("@previous", Time(change.PreviousScan)), Text("@at", Time(change.ThisScan)), Number("@position", position));
                insert.Transaction = transaction;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    public IReadOnlyList<ScanRecord> Scans(DateTimeOffset since)
    {
        lock (_lock)
        {
            using var command = Command("""
                SELECT c.id, c.started, c.finished, c.complete, c.hosts, (SELECT COUNT(*) FROM snapshots s WHERE s.scan_id = c.id)
                FROM scans c WHERE c.started >= @since ORDER BY c.id
                """, Text("@since", Time(since)));
            using var reader = command.ExecuteReader();
            var scans = new List<ScanRecord>();
            while (reader.Read())
            {
                scans.Add(new ScanRecord(Long(reader, 0), ParseTime(reader.GetString(1)), reader.IsDBNull(2) ? null : ParseTime(reader.GetString(2)),
                    Long(reader, 3) == 1, (int)Long(reader, 4), (int)Long(reader, 5)));
            }

            return scans;
        }
    }

    public IReadOnlyList<(ScanRecord Scan, HostSnapshot Snapshot)> HostHistory(string host)
    {
        lock (_lock)
        {
            using var command = Command($"""
                SELECT c.id, c.started, c.finished, c.complete, c.hosts, {SnapshotColumns}
                FROM snapshots s JOIN scans c ON c.id = s.scan_id
                WHERE s.host_id = @id OR (@id NOT LIKE '%:%' AND s.host_id = @id || ':22')
                ORDER BY c.id
                """, Text("@id", host.ToLowerInvariant()));
            var rows = new List<(ScanRecord Scan, HostSnapshot Snapshot)>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var scan = new ScanRecord(Long(reader, 0), ParseTime(reader.GetString(1)), reader.IsDBNull(2) ? null : ParseTime(reader.GetString(2)), Long(reader, 3) == 1, (int)Long(reader, 4), 0);
                    rows.Add((scan, ReadSnapshot(reader, 5)));
                }
            }

            if (rows.Count == 0)
            {
                return rows;
            }

            var fetched = FetchedHostKeys(rows[0].Snapshot.HostId);
            rows = rows.Select(r => fetched.TryGetValue(r.Scan.Id, out var keys) ? (r.Scan, r.Snapshot with { HostKeys = keys }) : r).ToList();
            if (SchemaVersion < 3)
            {
                // Before schema 3 no scan kept --keys' answers.
                return rows;
            }

            var answers = UserKeys(rows[0].Snapshot.HostId);
            return rows.Select(r => answers.TryGetValue(r.Scan.Id, out var keys) ? (r.Scan, r.Snapshot with { Keys = keys }) : r).ToList();
        }
    }

    /// <summary>The host keys each scan of a host fetched (the negotiated one, or every type with --all-host-keys), by scan.</summary>
    private Dictionary<long, List<RecordedHostKey>> FetchedHostKeys(string hostId)
    {
        using var command = Command("SELECT scan_id, type, fingerprint, key FROM host_keys WHERE host_id = @host ORDER BY scan_id, type", Text("@host", hostId));
        using var reader = command.ExecuteReader();
        var byScan = new Dictionary<long, List<RecordedHostKey>>();
        while (reader.Read())
        {
            var scan = Long(reader, 0);
            (byScan.TryGetValue(scan, out var list) ? list : byScan[scan] = []).Add(new RecordedHostKey(reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return byScan;
    }

    /// <summary>A host's --keys answers, by scan (within a scan in the order written: ssh's order, as SQLite reads it back).</summary>
    private Dictionary<long, List<UserKeyAnswer>> UserKeys(string hostId)
    {
        using var command = Command("SELECT scan_id, identity, type, fingerprint, result FROM user_keys WHERE host_id = @host ORDER BY scan_id", Text("@host", hostId));
        using var reader = command.ExecuteReader();
        var byScan = new Dictionary<long, List<UserKeyAnswer>>();
        while (reader.Read())
        {
            var scan = Long(reader, 0);
            (byScan.TryGetValue(scan, out var list) ? list : byScan[scan] = []).Add(new UserKeyAnswer(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        return byScan;
    }

    public IReadOnlyList<HostChange> Changes(DateTimeOffset since, string? host = null)
    {
        lock (_lock)
        {
            // Schema 1 kept no position: its changes come in the order they were written.
            var position = SchemaVersion >= 2 ? ", position" : "";
            using var command = Command($"""
                SELECT host_id, kind, id, downgrade, before, after, previous_at, at FROM changes
                WHERE at >= @since AND (@host IS NULL OR host_id = @host OR (@host NOT LIKE '%:%' AND host_id = @host || ':22'))
                ORDER BY scan_id, at, host_id{position}
                """, Text("@since", Time(since)), Text("@host", host?.ToLowerInvariant()));
            using var reader = command.ExecuteReader();
            var changes = new List<HostChange>();
            while (reader.Read())
            {
                changes.Add(new HostChange(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), Long(reader, 3) == 1,
                    reader.GetString(4), reader.GetString(5), ParseTime(reader.GetString(6)), ParseTime(reader.GetString(7))));
            }

            return changes;
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Connection.Dispose();
        }
    }

    /// <summary>Whether <paramref name="error"/> says a table is not there (an empty database), rather than that the database is unusable.</summary>
    protected abstract bool IsMissingTable(DbException error);

    /// <summary>Settings this database wants on its connection before the schema is set up (outside any transaction).</summary>
    protected virtual void Prepare()
    {
    }

    /// <summary>Inside the schema transaction, before anything is read: keeps other processes opening the history at the same moment waiting.</summary>
    protected virtual void LockSchema(DbTransaction transaction)
    {
    }

    /// <summary>Creates the history, or brings an older one up to <see cref="HistorySchema.Current"/>, in one transaction.</summary>
    protected void SetUpSchema()
    {
        Prepare();
        using var transaction = Connection.BeginTransaction();
        LockSchema(transaction);
        Execute(HistorySchema.MetaTable, transaction);
        using var check = Command("SELECT value FROM meta WHERE key = 'schema'");
        check.Transaction = transaction;
        var stored = check.ExecuteScalar() is string text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : 0;
        if (stored > HistorySchema.Current)
        {
            throw NewerSchema(stored);
        }

        foreach (var statement in HistorySchema.StatementsAfter(stored, IdColumnType))
        {
            Execute(statement, transaction);
        }

        using var mark = Command("INSERT INTO meta(key, value) VALUES ('schema', @v) ON CONFLICT(key) DO UPDATE SET value = excluded.value", Text("@v", HistorySchema.VersionText(HistorySchema.Current)));
        mark.Transaction = transaction;
        mark.ExecuteNonQuery();
        transaction.Commit();
        SchemaVersion = HistorySchema.Current;
    }

    /// <summary>
    /// For a read-only open: takes the schema as it is, writing nothing (no DDL, no meta row). An older schema is read
    /// for what it has (the queries skip what a later step added); no schema at all is not a history yet.
    /// </summary>
    protected void ReadSchema()
    {
        int? stored;
        try
        {
            using var check = Command("SELECT value FROM meta WHERE key = 'schema'");
            stored = check.ExecuteScalar() is string text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;
        }
        catch (DbException e) when (IsMissingTable(e))
        {
            stored = null;
        }

        if (stored is not { } found || found < 1)
        {
            throw new HistoryUnavailableException($"{Location}: no scan history yet (run a scan first)");
        }

        if (found > HistorySchema.Current)
        {
            throw NewerSchema(found);
        }

        SchemaVersion = found;
    }

    private HistoryUnavailableException NewerSchema(int stored) =>
        new($"{Location}: history schema {HistorySchema.VersionText(stored)}, this ssh-doctor reads schema {HistorySchema.VersionText(HistorySchema.Current)} (a newer ssh-doctor wrote it)");

    protected void Execute(string sql, DbTransaction? transaction = null)
    {
        using var command = Command(sql);
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private DbCommand Command(string sql, params DbParameter[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddRange(parameters);
        return command;
    }

    // Typed parameters: PostgreSQL must know a null's type (@host IS NULL).
    private DbParameter Text(string name, string? value) => Parameter(name, DbType.String, value);

    private DbParameter Number(string name, long value) => Parameter(name, DbType.Int64, value);

    private DbParameter Parameter(string name, DbType type, object? value)
    {
        using var probe = Connection.CreateCommand();
        var parameter = probe.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        return parameter;
    }

    private const string SnapshotColumns = "s.host_id, s.destination, s.scanned_at, s.outcome, s.addresses, s.banner, s.kex, s.hostkey_algorithms, s.ciphers, s.macs, s.hostkey_type, s.hostkey_fingerprint, s.hostkey, s.known_hosts";

    private static HostSnapshot ReadSnapshot(DbDataReader reader, int offset = 0)
    {
        string? Column(int i) => reader.IsDBNull(offset + i) ? null : reader.GetString(offset + i);
        return new HostSnapshot
        {
            HostId = Column(0)!,
            Destination = Column(1)!,
            ScannedAt = ParseTime(Column(2)!),
            Outcome = Column(3)!,
            Addresses = Split(Column(4)),
            Banner = Column(5),
            Kex = Split(Column(6)),
            HostKeyAlgorithms = Split(Column(7)),
            Ciphers = Split(Column(8)),
            Macs = Split(Column(9)),
            HostKeyType = Column(10),
            HostKeyFingerprint = Column(11),
            HostKey = Column(12),
            KnownHosts = Column(13),
        };
    }

    // SQLite gives every integer as a 64-bit one, PostgreSQL as the column's own width.
    private static long Long(DbDataReader reader, int column) => Convert.ToInt64(reader.GetValue(column), CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static string List(IReadOnlyList<string> names) => string.Join(',', names);

    private static string[] Split(string? text) => string.IsNullOrEmpty(text) ? [] : text.Split(',');
}
