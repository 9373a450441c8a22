namespace SshDoctor.Audit;

/// <summary>
/// The file system as an audit sees it. Paths are the machine's own absolute paths (/home/alice/.ssh); an
/// implementation may map them below another directory (<c>--root</c>), so tests audit a prepared tree.
/// </summary>
public interface IAuditFileSystem
{
    /// <summary>stat(2) of the path (lstat when <paramref name="followLinks"/> is false).</summary>
    FileStatus Stat(string path, bool followLinks = true);

    /// <summary>The canonical path (symbolic links resolved), in the machine's terms; null when it cannot be resolved.</summary>
    string? RealPath(string path);

    /// <summary>The file's text, at most <paramref name="maxBytes"/> bytes; null when it cannot be read.</summary>
    string? ReadText(string path, int maxBytes = 1 << 20);

    byte[]? ReadBytes(string path, int maxBytes = 1 << 20);

    /// <summary>The entries of a directory (full paths), empty when it cannot be listed.</summary>
    IReadOnlyList<string> List(string directory);

    /// <summary>The path on this machine after mapping (for handing to external programs).</summary>
    string Map(string path);
}
