using System.Text;

namespace SshDoctor.Cli.Rendering;

/// <summary>
/// A report written to a file the user named (<c>scan --html FILE</c>): a temporary file beside it is created at once,
/// so a path that cannot be written is a usage error before any work; the content replaces FILE in one rename when it
/// is ready, so a scan stopped half-way leaves no half page; an uncommitted temporary file is removed.
/// </summary>
internal sealed class ReportFile : IDisposable
{
    private readonly string _path;
    private readonly string _temporary;
    private FileStream? _stream;

    private ReportFile(string path, string temporary, FileStream stream)
    {
        _path = path;
        _temporary = temporary;
        _stream = stream;
    }

    /// <exception cref="UsageException">The file's directory does not exist or cannot be written.</exception>
    public static ReportFile Create(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new UsageException($"{path}: is a directory; name the report file to write");
        }

        var temporary = Path.Combine(Path.GetDirectoryName(full) ?? "/", $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            return new ReportFile(full, temporary, new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot write the report there: {e.Message}");
        }
    }

    public void Commit(string content)
    {
        var stream = _stream ?? throw new InvalidOperationException("the report file was already written");
        stream.Write(Encoding.UTF8.GetBytes(content));
        stream.Flush(flushToDisk: true);
        stream.Dispose();
        _stream = null;
        File.Move(_temporary, _path, overwrite: true);
    }

    public void Dispose()
    {
        if (_stream is { } stream)
        {
            stream.Dispose();
            _stream = null;
            File.Delete(_temporary);
        }
    }
}
