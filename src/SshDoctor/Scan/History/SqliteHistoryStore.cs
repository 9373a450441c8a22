using Microsoft.Data.Sqlite;

namespace SshDoctor.Scan.History;

/// <summary>The history in a SQLite file (the default, <see cref="HistoryStore.DefaultPath"/>), through the system's libsqlite3.</summary>
public sealed class SqliteHistoryStore : HistoryStore
{
    private SqliteHistoryStore(SqliteConnection connection, string path)
        : base(connection, path)
    {
    }

    protected override string IdColumnType => "INTEGER PRIMARY KEY";

    /// <summary>Opens (creating it and its directory when missing, unless <paramref name="mustExist"/>) the history file.</summary>
    public static SqliteHistoryStore Open(string path, bool mustExist = false)
    {
        if (SqliteLibrary.EnsureLoaded() is { } missing)
        {
            throw new HistoryUnavailableException(missing);
        }

        try
        {
            if (mustExist && !File.Exists(path))
            {
                throw new HistoryUnavailableException($"{path}: no scan history yet (run a scan first)");
            }

            if (!mustExist && Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
            {
                Directory.CreateDirectory(directory);
            }

            var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = mustExist ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
                DefaultTimeout = 30,
            }.ToString());
            connection.Open();
            var store = new SqliteHistoryStore(connection, path);
            try
            {
                // Reading too brings an older history up to date: the queries read the current schema.
                store.SetUpSchema();
            }
            catch
            {
                store.Dispose();
                throw;
            }

            return store;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new HistoryUnavailableException($"{path}: {e.Message}");
        }
    }

    protected override void Prepare()
    {
        // WAL: a reader (scan --history) never blocks the scan that writes, and a killed writer loses nothing committed.
        Execute("PRAGMA journal_mode=WAL");
        Execute("PRAGMA synchronous=NORMAL");
        Execute("PRAGMA busy_timeout=30000");
    }
}
