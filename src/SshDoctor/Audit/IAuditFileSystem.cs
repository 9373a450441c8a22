using SshDoctor.Files;

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

    /// <summary>
    /// The file read through <see cref="BoundedFile"/>: at most <paramref name="maxBytes"/>, only when it is a regular
    /// file, with why not (missing, not regular, permission denied, link loop) and whether it was cut. Paths in the
    /// result are the machine's own (<c>/etc/passwd</c>), not the mapped ones.
    /// </summary>
    FileRead Read(string path, int maxBytes = DefaultMaxBytes);

    /// <summary>The file's text (see <see cref="Read"/>), null when it was not read.</summary>
    string? ReadText(string path, int maxBytes = DefaultMaxBytes) => Read(path, maxBytes) is { Ok: true } read ? read.Text : null;

    /// <summary>The bound of a plain read: far more than any config, passwd or key file a person writes.</summary>
    const int DefaultMaxBytes = 1 << 20;

    /// <summary>The entries of a directory (full paths), empty when it cannot be listed.</summary>
    IReadOnlyList<string> List(string directory);

    /// <summary>The path on this machine after mapping (for handing to external programs).</summary>
    string Map(string path);
}
