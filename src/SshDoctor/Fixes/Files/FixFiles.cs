using SshDoctor.Audit;

namespace SshDoctor.Fixes.Files;

/// <summary>
/// Every read a fix makes goes through here (one place to swap in a hardened reader): bounded, and a refusal with the
/// reason when a file cannot be edited safely as it stands.
/// </summary>
public static class FixFiles
{
    /// <summary>Larger files are not edited: no known_hosts or ssh_config a person keeps comes near it.</summary>
    public const int MaxBytes = 8 << 20;

    /// <summary>stat(2), following links.</summary>
    public static FileStatus Stat(string path) => NativeUnix.Stat(path, followLinks: true);

    /// <summary>lstat(2): a link is reported as a link.</summary>
    public static FileStatus StatLink(string path) => NativeUnix.Stat(path, followLinks: false);

    /// <summary>
    /// Reads a file that is to be rewritten. A missing file is a snapshot without content (when
    /// <paramref name="mayBeMissing"/>); a directory, a device, an unreadable or an oversized file is refused.
    /// </summary>
    public static FileSnapshot Read(string path, bool mayBeMissing = false)
    {
        var status = Stat(path);
        if (!status.Exists)
        {
            if (status.Errno == 2 && mayBeMissing)
            {
                return new FileSnapshot(path, null, null);
            }

            throw new FixInputException($"{path}: {Describe(status.Errno)}");
        }

        if (status.IsDirectory)
        {
            throw new FixInputException($"{path} is a directory, not a file: nothing was changed");
        }

        if (!status.IsRegular)
        {
            throw new FixInputException($"{path} is not a regular file: nothing was changed");
        }

        if (status.Size > MaxBytes)
        {
            throw new FixInputException($"{path} is larger than {MaxBytes >> 20} MiB: not edited");
        }

        byte[] content;
        try
        {
            // Opened with open(2), not by FileStream's path: .NET takes a shared flock on a path it opens, which would
            // fail against the fix's own exclusive lock (FileLock) on the same file.
            using var handle = NativeUnix.OpenForReading(path, out var errno) ?? throw new FixInputException($"cannot read {path}: {Describe(errno)}");
            using var stream = new FileStream(handle, FileAccess.Read);
            using var buffer = new MemoryStream();
            var chunk = new byte[16384];
            int n;
            while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > MaxBytes)
                {
                    throw new FixInputException($"{path} is larger than {MaxBytes >> 20} MiB: not edited");
                }
            }

            content = buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FixInputException($"cannot read {path}: {e.Message}", e);
        }

        return new FileSnapshot(path, content, new FileMeta(status.Uid, status.Gid, status.Mode, NativeFiles.GetAttribute(path, FileMeta.SelinuxAttribute)));
    }

    /// <summary>The real path of a file or, when it does not exist yet, of its directory plus its name; null when neither resolves.</summary>
    public static string? RealPath(string path)
    {
        if (NativeUnix.RealPath(path) is { } real)
        {
            return real;
        }

        var slash = path.LastIndexOf('/');
        if (slash < 0)
        {
            return null;
        }

        var dir = NativeUnix.RealPath(slash == 0 ? "/" : path[..slash]);
        return dir is null ? null : dir.TrimEnd('/') + path[slash..];
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="tree"/> or below it.</summary>
    public static bool IsInside(string path, string tree)
    {
        var root = tree.TrimEnd('/');
        return path == root || path.StartsWith(root + "/", StringComparison.Ordinal) || root.Length == 0;
    }

    public static string Describe(int errno) => errno switch
    {
        2 => "No such file or directory",
        13 => "Permission denied",
        20 => "a path component is not a directory",
        40 => "too many levels of symbolic links",
        _ => System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno),
    };
}
