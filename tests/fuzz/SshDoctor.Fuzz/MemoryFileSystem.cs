using System.Text;
using SshDoctor.Audit;
using SshDoctor.Files;

namespace SshDoctor.Fuzz;

/// <summary>
/// A file system of a few files in memory for the audit parsers: the fuzz input becomes the files, nothing on the
/// machine is read. Files belong to uid 1000 with mode 0600, their directories to uid 1000 (root for / and /etc).
/// </summary>
public sealed class MemoryFileSystem : IAuditFileSystem
{
    private readonly SortedDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public MemoryFileSystem Add(string path, byte[] content)
    {
        _files[path] = content;
        return this;
    }

    public MemoryFileSystem Add(string path, string content) => Add(path, Encoding.UTF8.GetBytes(content));

    public FileStatus Stat(string path, bool followLinks = true)
    {
        if (_files.TryGetValue(path, out var content))
        {
            return new FileStatus(true, FileKind.Regular, 1000, 1000, 0x180, content.Length, 0);
        }

        if (IsDirectory(path))
        {
            var owner = path is "/" or "/etc" or "/home" ? 0u : 1000u;
            return new FileStatus(true, FileKind.Directory, owner, owner, 0x1ed, 4096, 0);
        }

        return FileStatus.Missing(2);
    }

    public string? RealPath(string path) => Stat(path).Exists ? path : null;

    public FileRead Read(string path, int maxBytes = IAuditFileSystem.DefaultMaxBytes)
    {
        if (_files.TryGetValue(path, out var content))
        {
            return new FileRead
            {
                Path = path,
                Kind = FileKind.Regular,
                Size = content.Length,
                Bytes = content[..Math.Min(content.Length, maxBytes)],
                Cut = content.Length > maxBytes,
            };
        }

        return new FileRead { Path = path, Problem = IsDirectory(path) ? FileReadProblem.NotRegular : FileReadProblem.Missing, Kind = IsDirectory(path) ? FileKind.Directory : FileKind.Missing };
    }

    public IReadOnlyList<string> List(string directory)
    {
        var prefix = directory.TrimEnd('/') + "/";
        return _files.Keys
            .Where(p => p.StartsWith(prefix, StringComparison.Ordinal))
            .Select(p => prefix + p[prefix.Length..].Split('/')[0])
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    public string Map(string path) => path;

    private bool IsDirectory(string path)
    {
        var prefix = path.TrimEnd('/') + "/";
        return _files.Keys.Any(p => p.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>Splits an input at NUL bytes into at most <paramref name="parts"/> files' contents (missing ones empty).</summary>
    public static byte[][] Split(byte[] input, int parts)
    {
        var result = new byte[parts][];
        var rest = input.AsSpan();
        for (var i = 0; i < parts; i++)
        {
            var nul = i == parts - 1 ? -1 : rest.IndexOf((byte)0);
            result[i] = (nul < 0 ? rest : rest[..nul]).ToArray();
            rest = nul < 0 ? [] : rest[(nul + 1)..];
        }

        return result;
    }
}
