using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SshDoctor.Fixes.Files;

namespace SshDoctor.Fixes.Records;

/// <summary>
/// Records and backups under the state directory ($XDG_STATE_HOME/ssh-doctor, ~/.local/state/ssh-doctor, or for root
/// on a server /var/lib/ssh-doctor): <c>records/ID.json</c> and <c>backups/ID/N</c>, private to the user (0700/0600),
/// every file written atomically and synced before the change it protects.
/// </summary>
public sealed class RecordStore(string directory)
{
    public string Directory { get; } = directory;

    private string RecordsDirectory => Path.Combine(Directory, "records");

    /// <summary>The state directory for a client: $XDG_STATE_HOME/ssh-doctor, else HOME/.local/state/ssh-doctor.</summary>
    public static string ClientDirectory(string home, Func<string, string?> environment)
    {
        var xdg = environment("XDG_STATE_HOME");
        return !string.IsNullOrEmpty(xdg) && xdg.StartsWith('/') ? Path.Combine(xdg, "ssh-doctor") : Path.Combine(home, ".local", "state", "ssh-doctor");
    }

    /// <summary>The state directory for server-side fixes: /var/lib/ssh-doctor (below --root when given).</summary>
    public static string ServerDirectory(string root) => (root.TrimEnd('/') + "/var/lib/ssh-doctor").TrimStart();

    public static string NewId(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    public void Save(FixRecord record)
    {
        Ensure(RecordsDirectory);
        var json = JsonSerializer.Serialize(record, FixRecordJsonContext.Default.FixRecord);
        var path = Path.Combine(RecordsDirectory, record.Id + ".json");
        AtomicFile.Replace(path, Encoding.UTF8.GetBytes(json + "\n"), new FileMeta(Audit.NativeUnix.GetUid(), Gid(), 0x180), "record");
    }

    /// <summary>Keeps <paramref name="content"/> as backup number <paramref name="n"/> of the record; returns its path relative to the state directory.</summary>
    public string WriteBackup(string id, int n, byte[] content)
    {
        var dir = Path.Combine(Directory, "backups", id);
        Ensure(Path.Combine(Directory, "backups"));
        Ensure(dir);
        var name = n.ToString(CultureInfo.InvariantCulture);
        AtomicFile.Replace(Path.Combine(dir, name), content, new FileMeta(Audit.NativeUnix.GetUid(), Gid(), 0x180), "backup");
        return Path.Combine("backups", id, name);
    }

    public byte[] ReadBackup(string relative) => File.ReadAllBytes(Path.Combine(Directory, relative));

    public FixRecord? Load(string id)
    {
        if (id.Contains('/', StringComparison.Ordinal) || id.StartsWith('.'))
        {
            return null;
        }

        var path = Path.Combine(RecordsDirectory, id + ".json");
        return File.Exists(path) ? Parse(path) : null;
    }

    /// <summary>Every record, newest first; a file that is not a record is skipped.</summary>
    public IReadOnlyList<FixRecord> List()
    {
        if (!System.IO.Directory.Exists(RecordsDirectory))
        {
            return [];
        }

        return System.IO.Directory.EnumerateFiles(RecordsDirectory, "*.json")
            .Select(Parse)
            .OfType<FixRecord>()
            .OrderByDescending(r => r.Time)
            .ThenByDescending(r => r.Id, StringComparer.Ordinal)
            .ToList();
    }

    private static FixRecord? Parse(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), FixRecordJsonContext.Default.FixRecord);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static uint Gid() => NativeFiles.GetGid();

    private static void Ensure(string dir)
    {
        if (System.IO.Directory.Exists(dir) || !OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            System.IO.Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            AtomicFile.SyncDirectory(Path.GetDirectoryName(dir) ?? "/");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FixInputException($"cannot create {dir} for the fix's record and backups: {e.Message}; nothing was changed", e);
        }
    }
}
