using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace SshDoctor.Audit;

/// <summary>
/// The few libc calls .NET does not expose: the owner and type of a file (statx, whose struct layout is the same on
/// every Linux architecture), getuid, realpath, kill, and an open(2) that cannot block on a FIFO. Arrays of bytes only,
/// so the marshalling is blittable and NativeAOT-safe.
/// </summary>
public static partial class NativeUnix
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const int Enoent = 2;

    // open(2) flags with the same values on every Linux architecture .NET runs on (x86-64, arm64, arm, x86).
    private const int OpenReadOnly = 0;
    private const int OpenNoControllingTerminal = 0x100;
    private const int OpenNonBlocking = 0x800;
    private const int OpenCloseOnExec = 0x80000;
    private const uint StatxBasicStats = 0x7ff;

#pragma warning disable SYSLIB1054 // LibraryImport needs AllowUnsafeBlocks; blittable byte[] DllImports are AOT-safe as they are.
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int StatxNative(int dirfd, byte[] path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", EntryPoint = "getuid")]
    private static extern uint GetUidNative();

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern nint RealPathNative(byte[] path, byte[] resolved);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int OpenNative(byte[] path, int flags, int mode);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int KillNative(int pid, int signal);
#pragma warning restore SYSLIB1054

    public static uint GetUid() => OperatingSystem.IsLinux() ? GetUidNative() : 0;

    /// <summary>lstat-like: does not follow a final symbolic link when <paramref name="followLinks"/> is false.</summary>
    public static FileStatus Stat(string path, bool followLinks)
    {
        // A C path ends at its first NUL: "a\0b" would be "a". A name holding one names nothing (ENOENT).
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return FileStatus.Missing(Enoent);
        }

        var buffer = new byte[256];
        var rc = StatxNative(AtFdCwd, Zero(path), followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, buffer);
        return rc != 0 ? FileStatus.Missing(Marshal.GetLastPInvokeError()) : Parse(buffer);
    }

    /// <summary>fstat(2) of an open descriptor: what was opened, whatever the path points to now.</summary>
    public static FileStatus Stat(SafeHandle descriptor)
    {
        var buffer = new byte[256];
        var added = false;
        try
        {
            descriptor.DangerousAddRef(ref added);
            var rc = StatxNative((int)descriptor.DangerousGetHandle(), [0], AtEmptyPath, StatxBasicStats, buffer);
            return rc != 0 ? FileStatus.Missing(Marshal.GetLastPInvokeError()) : Parse(buffer);
        }
        finally
        {
            if (added)
            {
                descriptor.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC): never waits for a FIFO's writer nor takes a terminal.
    /// Null with the errno when it fails.
    /// </summary>
    public static Microsoft.Win32.SafeHandles.SafeFileHandle? OpenForReading(string path, out int errno)
    {
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            errno = Enoent;
            return null;
        }

        var fd = OpenNative(Zero(path), OpenReadOnly | OpenNonBlocking | OpenNoControllingTerminal | OpenCloseOnExec, 0);
        errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return fd < 0 ? null : new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>kill(2); a negative <paramref name="pid"/> signals the whole process group. False when nothing was signalled.</summary>
    public static bool Kill(int pid, int signal) => OperatingSystem.IsLinux() && KillNative(pid, signal) == 0;

    private static FileStatus Parse(byte[] buffer)
    {
        var uid = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(20));
        var gid = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(24));
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(28));
        var size = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(40));
        return new FileStatus(true, KindOf(mode), uid, gid, mode & 0xfff, size, 0);
    }

    public static string? RealPath(string path)
    {
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var resolved = new byte[4097];
        if (RealPathNative(Zero(path), resolved) == 0)
        {
            return null;
        }

        var end = Array.IndexOf(resolved, (byte)0);
        return Encoding.UTF8.GetString(resolved, 0, end < 0 ? resolved.Length : end);
    }

    private static FileKind KindOf(int mode) => (mode & 0xf000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xa000 => FileKind.SymbolicLink,
        0xc000 => FileKind.Socket,
        0x1000 => FileKind.Fifo,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        _ => FileKind.Other,
    };

    private static byte[] Zero(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }
}
