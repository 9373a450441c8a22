namespace SshDoctor.Logs.Bulk;

/// <summary>
/// <c>tail -F</c> for one log file: reads what is there, then what is appended, and goes on across rotation (the file
/// renamed and a new one created: the rest of the old one is read first, then the new one from its start) and
/// truncation (copytruncate: read again from the start). A file that is missing for a while is waited for.
/// </summary>
public sealed class FileFollower(string path, TimeSpan poll, TimeProvider? clock = null)
{
    private readonly string _fullPath = Path.GetFullPath(path);

    public void Run(Action<LogRecord> accept, CancellationToken token)
    {
        var splitter = new LineSplitter(new LineClassifier(path, YearInference.Now(clock), FastSignatureMatcher.Server), accept);
        var buffer = new byte[64 * 1024];
        FileStream? current = null;
        try
        {
            while (!token.IsCancellationRequested)
            {
                current ??= TryOpen();
                if (current is null)
                {
                    token.WaitHandle.WaitOne(poll);
                    continue;
                }

                var read = current.Read(buffer, 0, buffer.Length);
                if (read > 0)
                {
                    splitter.Push(buffer.AsSpan(0, read));
                    continue;
                }

                switch (Check(current))
                {
                    case Change.Rotated:
                        splitter.Flush();
                        splitter.Restart();
                        current.Dispose();
                        current = null;
                        continue;
                    case Change.Truncated:
                        splitter.Flush();
                        splitter.Restart();
                        current.Seek(0, SeekOrigin.Begin);
                        continue;
                    default:
                        token.WaitHandle.WaitOne(poll);
                        break;
                }
            }
        }
        finally
        {
            current?.Dispose();
        }
    }

    private FileStream? TryOpen()
    {
        try
        {
            return new FileStream(_fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private enum Change
    {
        None,
        Rotated,
        Truncated,
    }

    /// <summary>At the end of what the open file holds: is the name now another file, or was this one cut short?</summary>
    private Change Check(FileStream current)
    {
        var info = new FileInfo(_fullPath);
        if (!info.Exists)
        {
            return Change.None;
        }

        if (!SameFile(current))
        {
            return Change.Rotated;
        }

        return info.Length < current.Position ? Change.Truncated : Change.None;
    }

    /// <summary>On Linux, /proc/self/fd names the file the handle is open on: after a rename it is the new name (or "(deleted)").</summary>
    private bool SameFile(FileStream current)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new FileInfo(_fullPath).Length >= current.Position;
        }

        try
        {
            var fd = current.SafeFileHandle.DangerousGetHandle().ToInt64();
            var target = new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
            return target is null || string.Equals(target, _fullPath, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }
}
