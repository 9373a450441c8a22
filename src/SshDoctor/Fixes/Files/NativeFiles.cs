using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace SshDoctor.Fixes.Files;

/// <summary>
/// The libc calls a safe write needs and .NET does not expose on a handle: fsync of a directory, fchown, fchmod, flock,
/// extended attributes (the SELinux label), statx for the inode. Errors are returned as errno, never thrown here.
/// </summary>
internal static partial class NativeFiles
{
    public const int LockExclusive = 2;
    public const int LockNonBlocking = 4;
    public const int NoSuchAttribute = 61;
    public const int NotSupported = 95;
    public const int WouldBlock = 11;

    private const int AtEmptyPath = 0x1000;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtFdCwd = -100;
    private const uint StatxBasicStats = 0x7ff;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenNative(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int CloseNative(int fd);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FsyncNative(int fd);

    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    private static partial int FchmodNative(int fd, uint mode);

    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    private static partial int FchownNative(int fd, uint uid, uint gid);

    [LibraryImport("libc", EntryPoint = "chmod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ChmodNative(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LchownNative(string path, uint uid, uint gid);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameNative(string from, string to);

    [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkdirNative(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int FlockNative(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "fgetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint FgetxattrNative(int fd, string name, byte[]? value, nuint size);

    [LibraryImport("libc", EntryPoint = "fsetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int FsetxattrNative(int fd, string name, byte[] value, nuint size, int flags);

    [LibraryImport("libc", EntryPoint = "lgetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint LgetxattrNative(string path, string name, byte[]? value, nuint size);

    [LibraryImport("libc", EntryPoint = "lsetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LsetxattrNative(string path, string name, byte[] value, nuint size, int flags);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatxNative(int dirfd, string path, int flags, uint mask, byte[] buffer);

    [LibraryImport("libc", EntryPoint = "getgid")]
    private static partial uint GetGidNative();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int signal);

    /// <summary>open(2) read-only (also works on a directory); the descriptor, or -errno.</summary>
    public static int OpenReadOnly(string path)
    {
        const int CloseOnExec = 0x80000;
        var fd = OpenNative(path, CloseOnExec, 0);
        return fd >= 0 ? fd : -Marshal.GetLastPInvokeError();
    }

    public static uint GetGid() => GetGidNative();

    public static void Close(int fd) => _ = CloseNative(fd);

    public static int Fsync(int fd) => FsyncNative(fd) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static int Fchmod(int fd, int mode) => FchmodNative(fd, (uint)mode) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static int Fchown(int fd, uint uid, uint gid) => FchownNative(fd, uid, gid) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static int Chmod(string path, int mode) => ChmodNative(path, (uint)mode) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static int Lchown(string path, uint uid, uint gid) => LchownNative(path, uid, gid) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static int Rename(string from, string to) => RenameNative(from, to) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static int Mkdir(string path, int mode) => MkdirNative(path, (uint)mode) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static int Flock(int fd, int operation) => FlockNative(fd, operation) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>An extended attribute of an open file; null when it has none (or the file system keeps none).</summary>
    public static byte[]? GetAttribute(int fd, string name) =>
        ReadAttribute(buffer => FgetxattrNative(fd, name, buffer, (nuint)(buffer?.Length ?? 0)));

    /// <summary>An extended attribute of a path (not following a final link); null when it has none.</summary>
    public static byte[]? GetAttribute(string path, string name) =>
        ReadAttribute(buffer => LgetxattrNative(path, name, buffer, (nuint)(buffer?.Length ?? 0)));

    public static int SetAttribute(int fd, string name, byte[] value) =>
        FsetxattrNative(fd, name, value, (nuint)value.Length, 0) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static int SetAttribute(string path, string name, byte[] value) =>
        LsetxattrNative(path, name, value, (nuint)value.Length, 0) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>Device and inode of an open file, to tell whether a path still names the file that was locked.</summary>
    public static (ulong Device, ulong Inode)? Identity(int fd) => Identity(fd, string.Empty, AtEmptyPath);

    /// <summary>Device and inode of a path (the link itself, not its target); null when it does not exist.</summary>
    public static (ulong Device, ulong Inode)? Identity(string path) => Identity(AtFdCwd, path, AtSymlinkNoFollow);

    /// <summary>Ends this process at once, as SIGKILL from outside would (the crash-safety tests' hook).</summary>
    public static void KillSelf() => _ = KillNative(Environment.ProcessId, 9);

    private static (ulong Device, ulong Inode)? Identity(int dirfd, string path, int flags)
    {
        var buffer = new byte[256];
        if (StatxNative(dirfd, path, flags, StatxBasicStats, buffer) != 0)
        {
            return null;
        }

        var inode = BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(32));
        var major = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(136));
        var minor = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(140));
        return (((ulong)major << 32) | minor, inode);
    }

    private static byte[]? ReadAttribute(Func<byte[]?, nint> get)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var size = get(null);
            if (size < 0)
            {
                return null;
            }

            var buffer = new byte[size];
            var read = get(buffer);
            if (read >= 0)
            {
                return buffer[..(int)read];
            }
        }

        return null;
    }
}
