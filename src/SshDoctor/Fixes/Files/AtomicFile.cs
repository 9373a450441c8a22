namespace SshDoctor.Fixes.Files;

/// <summary>
/// Replaces a file so that a crash at any moment leaves either the old or the new content, never a mix: a temporary file
/// in the same directory, written, given the old file's owner, mode and SELinux label, fsync'd, renamed over the file, and
/// the directory fsync'd so the rename itself is durable. On any error the temporary file is removed and the original is
/// untouched.
/// </summary>
public static class AtomicFile
{
    /// <summary>The temporary file used for <paramref name="path"/> by the apply named <paramref name="tag"/> (so undo can tidy a crash's leftover).</summary>
    public static string TemporaryFor(string path, string tag)
    {
        var dir = Path.GetDirectoryName(path) ?? "/";
        return Path.Combine(dir, $".{Path.GetFileName(path)}.ssh-doctor-{tag}.tmp");
    }

    public static void Replace(string path, ReadOnlySpan<byte> content, FileMeta meta, string tag)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("fixes are made on Linux");
        }

        var temp = TemporaryFor(path, tag);
        TryDelete(temp);
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            };
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(content);
                var fd = (int)stream.SafeFileHandle.DangerousGetHandle();
                Keep(fd, path, meta);
                stream.Flush(flushToDisk: true);
            }

            CrashPoint.Reach($"temporary file written and synced: {temp}");
            var renamed = NativeFiles.Rename(temp, path);
            if (renamed != 0)
            {
                throw new FixInputException($"cannot replace {path}: rename failed: {FixFiles.Describe(renamed)}");
            }

            CrashPoint.Reach($"renamed over {path}");
            SyncDirectory(Path.GetDirectoryName(path) ?? "/");
            CrashPoint.Reach($"directory of {path} synced");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new FixInputException($"cannot write {path}: {e.Message}; it was not changed", e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>fsync of a directory: makes a rename or a new entry in it survive a crash.</summary>
    public static void SyncDirectory(string directory)
    {
        var fd = NativeFiles.OpenReadOnly(directory);
        if (fd < 0)
        {
            return;
        }

        try
        {
            _ = NativeFiles.Fsync(fd);
        }
        finally
        {
            NativeFiles.Close(fd);
        }
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temporary file never replaces anything.
        }
    }

    private static void Keep(int fd, string path, FileMeta meta)
    {
        var owner = NativeFiles.Fchown(fd, meta.Uid, meta.Gid);
        if (owner != 0 && !(meta.Uid == Audit.NativeUnix.GetUid() && owner == 1))
        {
            throw new FixInputException($"cannot keep the owner of {path} ({meta.Uid}:{meta.Gid}) on its new content ({FixFiles.Describe(owner)}); it was not changed");
        }

        // After chown: chown clears set-id bits.
        var mode = NativeFiles.Fchmod(fd, meta.Mode & 0xfff);
        if (mode != 0)
        {
            throw new FixInputException($"cannot keep the mode of {path} on its new content ({FixFiles.Describe(mode)}); it was not changed");
        }

        if (meta.Label is { Length: > 0 } label)
        {
            var set = NativeFiles.SetAttribute(fd, FileMeta.SelinuxAttribute, label);
            if (set != 0)
            {
                throw new FixInputException($"cannot keep the SELinux label of {path} on its new content ({FixFiles.Describe(set)}); it was not changed");
            }
        }
    }
}
