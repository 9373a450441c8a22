using System.Globalization;

namespace SshDoctor.Audit;

/// <summary>What stat(2) says about a path: kind, owner, group and the permission bits (mode &amp; 07777).</summary>
public sealed record FileStatus(bool Exists, FileKind Kind, uint Uid, uint Gid, int Mode, long Size, int Errno)
{
    public static FileStatus Missing(int errno) => new(false, FileKind.Missing, 0, 0, 0, 0, errno);

    public bool IsDirectory => Kind == FileKind.Directory;

    public bool IsRegular => Kind == FileKind.Regular;

    /// <summary>The mode as ls and chmod write it: 0644.</summary>
    public string ModeText => "0" + Convert.ToString(Mode & 0xfff, 8).PadLeft(3, '0');

    public static string Octal(int mode) => "0" + Convert.ToString(mode & 0xfff, 8).PadLeft(3, '0');

    public string OwnerText => Uid.ToString(CultureInfo.InvariantCulture);
}
