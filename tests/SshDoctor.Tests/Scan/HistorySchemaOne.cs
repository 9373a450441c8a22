using Microsoft.Data.Sqlite;

namespace SshDoctor.Tests.Scan;

/// <summary>
/// A scan history as ssh-doctor wrote it at schema 1, before --shard and --keys (no scans.run, no changes.position, no
/// user_keys): history.db files in the field have this shape. One scan of web1 with host key SHA256:old. Shared by the
/// unit tests (upgrade on write) and the integration tests (read-only reading).
/// </summary>
internal static class HistorySchemaOne
{
    private const string Sql = """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta VALUES ('schema', '1');
        CREATE TABLE scans(id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT, complete INTEGER NOT NULL, hosts INTEGER NOT NULL);
        CREATE TABLE snapshots(scan_id INTEGER NOT NULL REFERENCES scans(id), host_id TEXT NOT NULL, destination TEXT NOT NULL, scanned_at TEXT NOT NULL,
          outcome TEXT NOT NULL, addresses TEXT NOT NULL, banner TEXT, kex TEXT NOT NULL, hostkey_algorithms TEXT NOT NULL,
          ciphers TEXT NOT NULL, macs TEXT NOT NULL, hostkey_type TEXT, hostkey_fingerprint TEXT, hostkey TEXT, known_hosts TEXT, PRIMARY KEY(scan_id, host_id));
        CREATE TABLE changes(scan_id INTEGER NOT NULL REFERENCES scans(id), host_id TEXT NOT NULL, kind TEXT NOT NULL, id TEXT, downgrade INTEGER NOT NULL,
          before TEXT NOT NULL, after TEXT NOT NULL, previous_at TEXT NOT NULL, at TEXT NOT NULL);
        CREATE TABLE host_keys(scan_id INTEGER NOT NULL REFERENCES scans(id), host_id TEXT NOT NULL, type TEXT NOT NULL, fingerprint TEXT NOT NULL, key TEXT NOT NULL,
          PRIMARY KEY(scan_id, host_id, type));
        INSERT INTO scans VALUES (1, '2026-01-01T10:00:00.0000000Z', '2026-01-01T10:01:00.0000000Z', 1, 1);
        INSERT INTO snapshots VALUES (1, 'web1:22', 'web1', '2026-01-01T10:00:00.0000000Z', 'ok', '192.0.2.1', 'SSH-2.0-OpenSSH_9.2',
          'curve25519-sha256', 'ssh-ed25519', 'aes128-ctr', 'hmac-sha2-256', 'ssh-ed25519', 'SHA256:old', NULL, 'ok');
        """;

    /// <summary>Writes the schema-1 history to <paramref name="path"/>; the SQLite library must be loaded already.</summary>
    public static void Write(string path, bool writeAheadLog = false)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = (writeAheadLog ? "PRAGMA journal_mode=WAL;\n" : "") + Sql;
        create.ExecuteNonQuery();
    }
}
