using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SshDoctor.Scan.History;

/// <summary>The history in a SQLite file (the default, <see cref="HistoryStore.DefaultPath"/>), through the system's libsqlite3.</summary>
public sealed class SqliteHistoryStore : HistoryStore
{
    // SQLite's result codes: a write refused on a read-only database, and a file that cannot be opened (here: the -shm beside it).
    private const int ReadOnlyCode = 8;
    private const int CannotOpenCode = 14;

    private SqliteHistoryStore(SqliteConnection connection, string path)
        : base(connection, path)
    {
    }

    protected override string IdColumnType => "INTEGER PRIMARY KEY";

    /// <summary>
    /// Opens the history file: to write (created with its directory when missing, its schema brought up to date), or,
    /// when <paramref name="readOnly"/>, only to read (Mode=ReadOnly): nothing is created or changed, so a history the
    /// user may not write (another user's, a read-only mount, an immutable file) is still read.
    /// </summary>
    public static SqliteHistoryStore Open(string path, bool readOnly = false)
    {
        if (SqliteLibrary.EnsureLoaded() is { } missing)
        {
            throw new HistoryUnavailableException(missing);
        }

        try
        {
            if (readOnly)
            {
                return OpenToRead(path);
            }

            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
            {
                Directory.CreateDirectory(directory);
            }

            var store = Connect(path, SqliteOpenMode.ReadWriteCreate, immutable: false);
            return Ready(store, store.SetUpSchema);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new HistoryUnavailableException($"{path}: {e.Message}");
        }
    }

    private static SqliteHistoryStore OpenToRead(string path)
    {
        if (!File.Exists(path))
        {
            throw new HistoryUnavailableException($"{path}: no scan history yet (run a scan first)");
        }

        var store = Connect(path, SqliteOpenMode.ReadOnly, immutable: false);
        try
        {
            return Ready(store, store.ReadSchema);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is ReadOnlyCode or CannotOpenCode && !File.Exists(path + "-wal"))
        {
            // A WAL history is read through its -shm file, which a reader creates beside it when missing; where it may
            // not (a directory it cannot write), the file is read as immutable. Safe here: without a -wal file no writer
            // has anything uncommitted, and a writer could not start in a directory nobody may write either.
            var immutable = Connect(path, SqliteOpenMode.ReadOnly, immutable: true);
            return Ready(immutable, immutable.ReadSchema);
        }
    }

    private static SqliteHistoryStore Connect(string path, SqliteOpenMode mode, bool immutable)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = immutable ? ImmutableUri(path) : path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        try
        {
            connection.Open();
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new SqliteHistoryStore(connection, path);
    }

    /// <summary>Runs <paramref name="setUp"/> on a just-connected store; a store it fails on is closed, not leaked.</summary>
    private static SqliteHistoryStore Ready(SqliteHistoryStore store, Action setUp)
    {
        try
        {
            setUp();
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    // SQLite's URI form (a path's '?', '#' and '%' escaped) with immutable=1: no locks, no -shm.
    private static string ImmutableUri(string path) =>
        "file:" + string.Join('/', Path.GetFullPath(path).Split('/').Select(Uri.EscapeDataString)) + "?immutable=1";

    protected override bool IsMissingTable(DbException error) =>
        error is SqliteException { SqliteErrorCode: 1 } && error.Message.Contains("no such table", StringComparison.Ordinal);

    protected override void Prepare()
    {
        // WAL: a reader (scan --history) never blocks the scan that writes, and a killed writer loses nothing committed.
        Execute("PRAGMA journal_mode=WAL");
        Execute("PRAGMA synchronous=NORMAL");
        Execute("PRAGMA busy_timeout=30000");
    }
}
