namespace SshDoctor.Fixes.Files;

/// <summary>What a replaced file keeps besides its content: owner, group, permission bits and the SELinux label (if any).</summary>
public sealed record FileMeta(uint Uid, uint Gid, int Mode, byte[]? Label = null)
{
    public const string SelinuxAttribute = "security.selinux";
}
