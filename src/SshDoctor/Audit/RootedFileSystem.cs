using System.Text;

namespace SshDoctor.Audit;

/// <summary>The real file system, optionally seen below a root directory (<c>--root DIR</c>).</summary>
public sealed class RootedFileSystem(string? root) : IAuditFileSystem
{
    private readonly string root = string.IsNullOrEmpty(root) ? string.Empty : Path.GetFullPath(root).TrimEnd('/');

    public string Map(string path)
    {
        var absolute = path.StartsWith('/') ? path : "/" + path;
        return root.Length == 0 ? absolute : root + absolute;
    }

    public FileStatus Stat(string path, bool followLinks = true) => NativeUnix.Stat(Map(path), followLinks);

    public string? RealPath(string path)
    {
        var real = NativeUnix.RealPath(Map(path));
        if (real is null || root.Length == 0)
        {
            return real;
        }

        // A link that leads out of the prepared tree is reported as it is; inside it, in the tree's own terms.
        if (real == root)
        {
            return "/";
        }

        return real.StartsWith(root + "/", StringComparison.Ordinal) ? real[root.Length..] : real;
    }

    public string? ReadText(string path, int maxBytes = 1 << 20)
    {
        var bytes = ReadBytes(path, maxBytes);
        return bytes is null ? null : Encoding.UTF8.GetString(bytes);
    }

    public byte[]? ReadBytes(string path, int maxBytes = 1 << 20)
    {
        try
        {
            // Not sized by Length: files under /proc report 0 and still have content.
            using var stream = new FileStream(Map(path), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var content = new MemoryStream();
            var buffer = new byte[8192];
            int n;
            while (content.Length < maxBytes && (n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, maxBytes - content.Length))) > 0)
            {
                content.Write(buffer, 0, n);
            }

            return content.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
