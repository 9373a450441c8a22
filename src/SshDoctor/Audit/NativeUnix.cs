using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace SshDoctor.Audit;

/// <summary>
/// The few libc calls .NET does not expose: the owner of a file (statx, whose struct layout is the same on every Linux
/// architecture), getuid and realpath. Arrays of bytes only, so the marshalling is blittable and NativeAOT-safe.
/// </summary>
public static partial class NativeUnix
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;

#pragma warning disable SYSLIB1054 // LibraryImport needs AllowUnsafeBlocks; blittable byte[] DllImports are AOT-safe as they are.
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int StatxNative(int dirfd, byte[] path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", EntryPoint = "getuid")]
    private static extern uint GetUidNative();

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern nint RealPathNative(byte[] path, byte[] resolved);
#pragma warning restore SYSLIB1054

    public static uint GetUid() => OperatingSystem.IsLinux() ? GetUidNative() : 0;

    /// <summary>lstat-like: does not follow a final symbolic link when <paramref name="followLinks"/> is false.</summary>
    public static FileStatus Stat(string path, bool followLinks)
    {
        var buffer = new byte[256];
        var rc = StatxNative(AtFdCwd, Zero(path), followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, buffer);
        if (rc != 0)
        {
            return FileStatus.Missing(Marshal.GetLastPInvokeError());
        }

        var uid = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(20));
        var gid = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(24));
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(28));
        var size = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(40));
        return new FileStatus(true, KindOf(mode), uid, gid, mode & 0xfff, size, 0);
    }

    public static string? RealPath(string path)
    {
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
        _ => FileKind.Other,
    };

    private static byte[] Zero(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }
}
