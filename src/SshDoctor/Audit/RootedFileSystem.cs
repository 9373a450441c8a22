using SshDoctor.Files;

namespace SshDoctor.Audit;

/// <summary>The real file system, optionally seen below a root directory (<c>--root DIR</c>).</summary>
public sealed class RootedFileSystem(string? root) : IAuditFileSystem
{
    private readonly string _root = string.IsNullOrEmpty(root) ? string.Empty : Path.GetFullPath(root).TrimEnd('/');

    public string Map(string path)
    {
        var absolute = path.StartsWith('/') ? path : "/" + path;
        return _root.Length == 0 ? absolute : _root + absolute;
    }

    public FileStatus Stat(string path, bool followLinks = true) => NativeUnix.Stat(Map(path), followLinks);

    public string? RealPath(string path)
    {
        var real = NativeUnix.RealPath(Map(path));
        if (real is null || _root.Length == 0)
        {
            return real;
        }

        // A link that leads out of the prepared tree is reported as it is; inside it, in the tree's own terms.
        if (real == _root)
        {
            return "/";
        }

        return real.StartsWith(_root + "/", StringComparison.Ordinal) ? real[_root.Length..] : real;
    }

    public FileRead Read(string path, int maxBytes = IAuditFileSystem.DefaultMaxBytes) => BoundedFile.Read(Map(path), maxBytes, path);

    public IReadOnlyList<string> List(string directory)
    {
        try
        {
            var mapped = Map(directory);
            return Directory.EnumerateFileSystemEntries(mapped)
                .Select(p => directory.TrimEnd('/') + "/" + Path.GetFileName(p))
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // ArgumentException: a name holding a NUL, which names nothing.
            return [];
        }
    }
}
