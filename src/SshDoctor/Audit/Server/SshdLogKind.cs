namespace SshDoctor.Audit.Server;

public enum SshdLogKind
{
    /// <summary>A syslog file: /var/log/auth.log (Debian, Ubuntu) or /var/log/secure (RHEL, Fedora).</summary>
    File,

    /// <summary>The systemd journal: <c>journalctl -u ssh -u sshd</c>.</summary>
    Journal,
}
