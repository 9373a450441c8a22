using SshDoctor.Fixes.Files;
using SshDoctor.Fixes.Planning;
using SshDoctor.Fixes.Records;

namespace SshDoctor.Fixes.Applying;

/// <summary>
/// A home directory made from a skeleton (as useradd -m does): the directory, then each file, directory and link of the
/// skeleton, all owned by the account; every entry made is listed with its checksum so undo removes exactly those.
/// </summary>
internal static class HomeDirectory
{
    public static List<CreatedEntry> Create(DirectoryStep step)
    {
        var created = new List<CreatedEntry>();
        Make(step.Path, step.Uid, step.Gid, step.Mode);
        created.Add(new CreatedEntry { Path = step.Path, Kind = "directory" });
        CrashPoint.Reach($"directory {step.Path} created");
        if (step.Skeleton is { } skeleton)
        {
            Copy(skeleton, step.Path, step, created);
        }

        // The directory's own mode last, as the printed command sets it.
        Check(NativeFiles.Chmod(step.Path, step.Mode), step.Path);
        AtomicFile.SyncDirectory(Path.GetDirectoryName(step.Path) ?? "/");
        return created;
    }

    /// <summary>Null when the tree holds exactly what was made, unchanged; else what differs.</summary>
    public static string? Unchanged(string root, List<CreatedEntry> created)
    {
        var expected = created.ToDictionary(e => e.Path, StringComparer.Ordinal);
        foreach (var entry in created)
        {
            var status = FixFiles.StatLink(entry.Path);
            if (!status.Exists)
            {
                return $"{entry.Path} was removed since the fix";
            }

            if (entry.Kind == "file" && Checksums.Of(File.ReadAllBytes(entry.Path)) != entry.Checksum)
            {
                return $"{entry.Path} changed since the fix";
            }
        }

        var extra = Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .FirstOrDefault(p => !expected.ContainsKey(p));
        return extra is null ? null : $"{extra} was added since the fix";
    }

    /// <summary>Removes the entries that were made, deepest first; a directory that still holds something stays.</summary>
    public static void Remove(string root, List<CreatedEntry> created)
    {
        foreach (var entry in created.OrderByDescending(e => e.Path.Length).ThenByDescending(e => e.Path, StringComparer.Ordinal))
        {
            var status = FixFiles.StatLink(entry.Path);
            if (!status.Exists)
            {
                continue;
            }

            if (status.IsDirectory)
            {
                if (!Directory.EnumerateFileSystemEntries(entry.Path).Any())
                {
                    Directory.Delete(entry.Path);
                }
            }
            else
            {
                File.Delete(entry.Path);
            }
        }

        AtomicFile.SyncDirectory(Path.GetDirectoryName(root) ?? "/");
    }

    private static void Copy(string from, string to, DirectoryStep step, List<CreatedEntry> created)
    {
        foreach (var source in Directory.EnumerateFileSystemEntries(from).Order(StringComparer.Ordinal))
        {
            var target = Path.Combine(to, Path.GetFileName(source));
            var status = FixFiles.StatLink(source);
            if (status.Kind == Audit.FileKind.SymbolicLink)
            {
                File.CreateSymbolicLink(target, new FileInfo(source).LinkTarget ?? string.Empty);
                Check(NativeFiles.Lchown(target, step.Uid, step.Gid), target);
                created.Add(new CreatedEntry { Path = target, Kind = "link" });
            }
            else if (status.IsDirectory)
            {
                Make(target, step.Uid, step.Gid, status.Mode);
                created.Add(new CreatedEntry { Path = target, Kind = "directory" });
                Copy(source, target, step, created);
            }
            else if (status.IsRegular)
            {
                var content = File.ReadAllBytes(source);
                AtomicFile.Replace(target, content, new FileMeta(step.Uid, step.Gid, status.Mode), "skel");
                created.Add(new CreatedEntry { Path = target, Kind = "file", Checksum = Checksums.Of(content) });
            }
        }
    }

    private static void Make(string path, uint uid, uint gid, int mode)
    {
        var made = NativeFiles.Mkdir(path, 0x1C0);
        if (made != 0)
        {
            throw new FixInputException($"cannot create {path} (errno {made})");
        }

        Check(NativeFiles.Lchown(path, uid, gid), path);
        Check(NativeFiles.Chmod(path, mode), path);
    }

    private static void Check(int errno, string path)
    {
        if (errno != 0)
        {
            throw new FixInputException($"cannot set the owner or mode of {path} (errno {errno})");
        }
    }
}
