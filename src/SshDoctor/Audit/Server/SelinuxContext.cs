namespace SshDoctor.Audit.Server;

/// <summary>An SELinux security context <c>user:role:type:level</c>; only the type decides what sshd may read.</summary>
public static class SelinuxContext
{
    /// <summary>The type sshd may read in a home directory's ~/.ssh (targeted policy).</summary>
    public const string SshHomeType = "ssh_home_t";

    public static string? TypeOf(string context)
    {
        var parts = context.Split(':');
        return parts.Length >= 3 ? parts[2] : null;
    }
}
