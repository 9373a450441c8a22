using System.Globalization;

namespace SshDoctor.Scan.History;

/// <summary>
/// The history's one schema definition, shared by SQLite and PostgreSQL: numbered steps, each applied once, in order, to
/// a database whose <c>meta</c> row says it is older. SQL both databases read alike; the only word that differs is the
/// scan id column (<see cref="IdColumn"/>, filled in by each store). A new column or table is a new step, never an edit
/// of an old one, so a history written by an older ssh-doctor is brought up to date where it lies.
/// </summary>
public static class HistorySchema
{
    /// <summary>Stands for the auto-numbered primary key column type in a step's SQL.</summary>
    public const string IdColumn = "{id}";

    public static IReadOnlyList<(int Version, string[] Statements)> Steps { get; } =
    [
        (1,
        [
            "CREATE TABLE IF NOT EXISTS scans(id {id}, started TEXT NOT NULL, finished TEXT, complete INTEGER NOT NULL, hosts INTEGER NOT NULL)",
            """
            CREATE TABLE IF NOT EXISTS snapshots(
              scan_id BIGINT NOT NULL REFERENCES scans(id), host_id TEXT NOT NULL, destination TEXT NOT NULL, scanned_at TEXT NOT NULL,
              outcome TEXT NOT NULL, addresses TEXT NOT NULL, banner TEXT, kex TEXT NOT NULL, hostkey_algorithms TEXT NOT NULL,
              ciphers TEXT NOT NULL, macs TEXT NOT NULL, hostkey_type TEXT, hostkey_fingerprint TEXT, hostkey TEXT, known_hosts TEXT,
              PRIMARY KEY(scan_id, host_id))
            """,
            "CREATE INDEX IF NOT EXISTS snapshots_by_host ON snapshots(host_id, scan_id)",
            """
            CREATE TABLE IF NOT EXISTS changes(
              scan_id BIGINT NOT NULL REFERENCES scans(id), host_id TEXT NOT NULL, kind TEXT NOT NULL, id TEXT, downgrade INTEGER NOT NULL,
              before TEXT NOT NULL, after TEXT NOT NULL, previous_at TEXT NOT NULL, at TEXT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS changes_by_time ON changes(at)",
            """
            CREATE TABLE IF NOT EXISTS host_keys(
              scan_id BIGINT NOT NULL REFERENCES scans(id), host_id TEXT NOT NULL, type TEXT NOT NULL, fingerprint TEXT NOT NULL, key TEXT NOT NULL,
              PRIMARY KEY(scan_id, host_id, type))
            """,
        ]),

        // Shards: processes started with one --run name share one scan row; each records its part, and the scan is
        // complete when every part has finished. A change's place in its host's list keeps the order ChangeDetector gave.
        (2,
        [
            "ALTER TABLE scans ADD COLUMN run TEXT",
            "CREATE UNIQUE INDEX IF NOT EXISTS scans_by_run ON scans(run)",
            """
            CREATE TABLE IF NOT EXISTS scan_parts(
              scan_id BIGINT NOT NULL REFERENCES scans(id), part TEXT NOT NULL, parts INTEGER NOT NULL, hosts INTEGER NOT NULL, started TEXT NOT NULL, finished TEXT,
              PRIMARY KEY(scan_id, part))
            """,
            "ALTER TABLE changes ADD COLUMN position INTEGER NOT NULL DEFAULT 0",
        ]),

        // scan --keys: each host's answer for each of the user's candidate keys.
        (3,
        [
            """
            CREATE TABLE IF NOT EXISTS user_keys(
              scan_id BIGINT NOT NULL REFERENCES scans(id), host_id TEXT NOT NULL, fingerprint TEXT NOT NULL, type TEXT NOT NULL, identity TEXT NOT NULL, result TEXT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS user_keys_by_host ON user_keys(host_id, scan_id)",
        ]),

        // A scan fetches one host key unless --all-host-keys: the latest key of each type is looked up per host and type.
        (4,
        [
            "CREATE INDEX IF NOT EXISTS host_keys_by_host ON host_keys(host_id, type, scan_id)",
        ]),
    ];

    /// <summary>The version a fully set-up history has.</summary>
    public static int Current => Steps[^1].Version;

    public const string MetaTable = "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)";

    /// <summary>The statements that bring a history at <paramref name="stored"/> (0: empty) to <see cref="Current"/>, with the id column type filled in.</summary>
    public static IEnumerable<string> StatementsAfter(int stored, string idColumn) =>
        Steps.Where(s => s.Version > stored).SelectMany(s => s.Statements).Select(sql => sql.Replace(IdColumn, idColumn, StringComparison.Ordinal));

    public static string VersionText(int version) => version.ToString(CultureInfo.InvariantCulture);
}
