namespace SshDoctor.Audit.Server;

/// <summary>The SELinux context of a file (its <c>security.selinux</c> extended attribute), for the label check.</summary>
public interface ISecurityLabels
{
    /// <summary>The context (<c>unconfined_u:object_r:ssh_home_t:s0</c>) of a server path, null when it has none or cannot be read.</summary>
    string? ContextOf(string path);
}
