using System.Runtime.InteropServices;
using SQLitePCL;

namespace SshDoctor.Scan.History;

/// <summary>
/// Points Microsoft.Data.Sqlite at the system's SQLite (Debian: libsqlite3-0), loaded on first use: the NativeAOT
/// binary then carries no native library beside it and starts without it; only a scan that opens its history needs it.
/// </summary>
internal static class SqliteLibrary
{
    private static readonly Lazy<string?> Loaded = new(Load);

    /// <summary>Null when SQLite is ready, else why not (a message for the user).</summary>
    public static string? EnsureLoaded() => Loaded.Value;

    private static string? Load()
    {
        NativeLibrary.SetDllImportResolver(typeof(SQLite3Provider_sqlite3).Assembly, (name, assembly, path) =>
        {
            if (name != "sqlite3")
            {
                return IntPtr.Zero;
            }

            foreach (var candidate in (string[])["libsqlite3.so.0", "libsqlite3.so", "libsqlite3.0.dylib", "libsqlite3.dylib"])
            {
                if (NativeLibrary.TryLoad(candidate, out var handle))
                {
                    return handle;
                }
            }

            return IntPtr.Zero;
        });
        try
        {
            raw.SetProvider(new SQLite3Provider_sqlite3());
            _ = raw.sqlite3_libversion_number();
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
        {
            return "the scan history needs the SQLite library (Debian: apt-get install libsqlite3-0): " + e.Message;
        }
    }
}
