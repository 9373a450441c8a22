using System.Diagnostics;

namespace SshDoctor.Fixes.Files;

/// <summary>
/// An advisory lock (flock) on the file a fix changes, or on its directory when the file does not exist yet. Because a
/// fix replaces a file by renaming a new one over it, the lock is taken on what the path names, then the path is checked
/// to still name that file; a second fix waiting on the replaced file notices and locks the new one. Two fixes of the
/// same file therefore run one after the other, and the second sees that the file changed since its plan.
/// </summary>
public sealed class FileLock : IDisposable
{
    private int _descriptor;

    private FileLock(string path, int descriptor)
    {
        Path = path;
        this._descriptor = descriptor;
    }

    public string Path { get; }

    public static FileLock Acquire(string path, TimeSpan wait)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var target = File.Exists(path) || Directory.Exists(path) ? path : System.IO.Path.GetDirectoryName(path) ?? "/";
            var fd = NativeFiles.OpenReadOnly(target);
            if (fd < 0)
            {
                throw new FixInputException($"cannot lock {path}: {FixFiles.Describe(-fd)}");
            }

            var error = NativeFiles.Flock(fd, NativeFiles.LockExclusive | NativeFiles.LockNonBlocking);
            if (error == 0)
            {
                // Still the file the path names? (a fix that held the lock may have renamed a new file over it)
                if (NativeFiles.Identity(fd) is { } locked && NativeFiles.Identity(target) == locked && (target == path || !File.Exists(path)))
                {
                    return new FileLock(path, fd);
                }

                NativeFiles.Close(fd);
                continue;
            }

            NativeFiles.Close(fd);
            if (error != NativeFiles.WouldBlock)
            {
                throw new FixInputException($"cannot lock {path}: errno {error}");
            }

            if (clock.Elapsed > wait)
            {
                throw new FixInputException($"another ssh-doctor fix is changing {path}; try again when it has finished");
            }

            Thread.Sleep(50);
        }
    }

    public void Dispose()
    {
        if (_descriptor >= 0)
        {
            NativeFiles.Close(_descriptor);
            _descriptor = -1;
        }
    }
}
