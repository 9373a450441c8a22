namespace SshDoctor.Logs.Server;

/// <summary>
/// Which programs' lines are SSH server lines, for <c>explain</c> and <c>logs</c> alike: sshd under any tag
/// (<c>sshd</c>, 9.8+'s <c>sshd-session</c>, 10.0+'s <c>sshd-auth</c>, <c>/usr/sbin/sshd</c>, RHEL 4/5's
/// <c>sshd(pam_unix)</c>), Dropbear, fail2ban and sshguard; the kernel and audit only when the message is about sshd.
/// A line of one of these that no signature knows is an unknown SSH line, never another program's.
/// </summary>
public static class SshProcess
{
    public static bool Is(ReadOnlySpan<char> process, ReadOnlySpan<char> message)
    {
        if (process.StartsWith("sshd", StringComparison.Ordinal) || process.StartsWith("dropbear", StringComparison.Ordinal)
            || process.StartsWith("fail2ban", StringComparison.Ordinal) || process.StartsWith("sshguard", StringComparison.Ordinal))
        {
            return true;
        }

        var slash = process.LastIndexOf('/');
        if (slash >= 0 && slash < process.Length - 1)
        {
            return Is(process[(slash + 1)..], message);
        }

        return process is "audit" or "kernel" && message.Contains("sshd", StringComparison.Ordinal);
    }

    /// <summary>
    /// The client under a journal tag: a unit running <c>ssh -N</c> or autossh (whose child's stderr is logged under
    /// the unit's tag). Only its lines that a client signature knows are read; the rest is another program's.
    /// </summary>
    public static bool IsClient(ReadOnlySpan<char> process)
    {
        var slash = process.LastIndexOf('/');
        var name = slash >= 0 ? process[(slash + 1)..] : process;
        return name is "ssh" or "autossh";
    }
}
