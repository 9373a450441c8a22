using Microsoft.Win32.SafeHandles;
using SshDoctor.Audit;

namespace SshDoctor.Files;

/// <summary>
/// The one way ssh-doctor reads a file it was pointed at (configs, known_hosts, keys, authorized_keys, passwd):
/// stat first, and only a regular file is opened — a FIFO would block open(2) until a writer comes, /dev/zero never
/// ends, a directory or socket is no text; the open itself is non-blocking and the descriptor is checked again
/// (fstat), so a file swapped for a FIFO in between is refused too; at most a bound is read, and the result says when
/// the file went on past it. Permission denied, a symbolic-link loop and a missing file are told apart.
/// </summary>
public static class BoundedFile
{
    private const int Enoent = 2;
    private const int Eperm = 1;
    private const int Eacces = 13;
    private const int Enotdir = 20;
    private const int Eloop = 40;

    /// <summary>Reads at most <paramref name="maxBytes"/> of <paramref name="path"/>; <paramref name="displayPath"/> names it in the result (default: the path).</summary>
    public static FileRead Read(string path, int maxBytes, string? displayPath = null)
    {
        using var handle = Open(path, displayPath, out var status);
        if (handle is null)
        {
            return status;
        }

        try
        {
            var (bytes, cut) = ReadPrefix(handle, status.Size, maxBytes);
            return status with { Bytes = bytes, Cut = cut };
        }
        catch (IOException e)
        {
            return status with { Problem = FileReadProblem.Error, Errno = e.HResult & 0xffff };
        }
    }

    /// <summary>The text of a regular file of at most <paramref name="maxBytes"/>; null when it is anything else, unreadable, or larger.</summary>
    public static string? ReadWholeText(string path, int maxBytes) => Read(path, maxBytes) is { Ok: true, Cut: false } read ? read.Text : null;

    /// <summary>
    /// The checked, opened file as a stream for readers that go through it once (a large known_hosts), or null with
    /// the reason in <paramref name="status"/>. The caller bounds how much it reads.
    /// </summary>
    public static Stream? OpenStream(string path, out FileRead status, string? displayPath = null)
    {
        var handle = Open(path, displayPath, out status);
        return handle is null ? (status.Ok ? Stream.Null : null) : new FileStream(handle, FileAccess.Read, bufferSize: 0);
    }

    /// <summary>stat, then open non-blocking, then fstat: null (and why) unless a regular file was opened.</summary>
    private static SafeFileHandle? Open(string path, string? displayPath, out FileRead status)
    {
        var shown = displayPath ?? path;
        var before = NativeUnix.Stat(path, followLinks: true);
        if (!before.Exists)
        {
            status = Failed(shown, before.Errno);
            return null;
        }

        if (!before.IsRegular)
        {
            // /dev/null is how ssh users say "no file" (-F /dev/null, UserKnownHostsFile /dev/null): empty, not refused.
            status = IsDevNull(path, before)
                ? new FileRead { Path = shown, Kind = before.Kind }
                : new FileRead { Path = shown, Problem = FileReadProblem.NotRegular, Kind = before.Kind, Size = before.Size };
            return null;
        }

        var handle = NativeUnix.OpenForReading(path, out var errno);
        if (handle is null)
        {
            status = Failed(shown, errno) with { Kind = before.Kind };
            return null;
        }

        var opened = NativeUnix.Stat(handle);
        if (!opened.IsRegular)
        {
            handle.Dispose();
            status = new FileRead { Path = shown, Problem = FileReadProblem.NotRegular, Kind = opened.Kind };
            return null;
        }

        status = new FileRead { Path = shown, Kind = FileKind.Regular, Size = opened.Size };
        return handle;
    }

    private static bool IsDevNull(string path, FileStatus status) =>
        status.Kind == FileKind.CharacterDevice && (path == "/dev/null" || NativeUnix.RealPath(path) == "/dev/null");

    /// <summary>Up to <paramref name="maxBytes"/> from the start; not sized by st_size alone (files under /proc say 0 and have content).</summary>
    private static (byte[] Bytes, bool Cut) ReadPrefix(SafeFileHandle handle, long size, int maxBytes)
    {
        var buffer = new byte[(int)Math.Max(1, Math.Min(Math.Max(size, 4096), maxBytes))];
        var length = 0;
        while (length < maxBytes)
        {
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(maxBytes, (long)buffer.Length * 2));
            }

            var read = RandomAccess.Read(handle, buffer.AsSpan(length), length);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        var cut = length >= maxBytes && (size > maxBytes || RandomAccess.Read(handle, new byte[1], length) > 0);
        return (length == buffer.Length ? buffer : buffer[..length], cut);
    }

    /// <summary>The result for a path that stat(2) or open(2) failed on with <paramref name="errno"/>.</summary>
    public static FileRead Failed(string path, int errno) => new()
    {
        Path = path,
        Errno = errno,
        Kind = FileKind.Missing,
        Problem = errno switch
        {
            Enoent or Enotdir => FileReadProblem.Missing,
            Eacces or Eperm => FileReadProblem.PermissionDenied,
            Eloop => FileReadProblem.SymlinkLoop,
            _ => FileReadProblem.Error,
        },
    };
}
