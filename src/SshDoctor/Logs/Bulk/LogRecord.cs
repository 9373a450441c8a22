namespace SshDoctor.Logs.Bulk;

/// <summary>
/// One line of an SSH-related program (sshd and its children, Dropbear, fail2ban, sshguard, PAM under sshd), recognised
/// or not. Lines of other programs (CRON, sudo, systemd) are only counted and never become records.
/// </summary>
public sealed class LogRecord
{
    public required string File { get; init; }

    /// <summary>1-based physical line number in its input.</summary>
    public long Line { get; set; }

    public LogTime? Time { get; init; }

    public string? Host { get; init; }

    public string? Process { get; init; }

    public int? Pid { get; init; }

    /// <summary>Source address: from the line itself, or from an earlier line of the same connection (same host and pid).</summary>
    public string? Ip { get; set; }

    public int? Port { get; set; }

    public string? User { get; set; }

    /// <summary>The signature's name (<c>sshd.invalid-user</c>), or null when no signature recognised the line.</summary>
    public string? Kind { get; init; }

    /// <summary>The diagnosis id the line proves, or null for an event that is not a failure by itself.</summary>
    public string? DiagnosisId { get; init; }

    /// <summary>sshd marked the message <c>[preauth]</c>: written before the connection authenticated.</summary>
    public bool Preauth { get; init; }

    /// <summary>
    /// A failed attempt that proves no diagnosis: a pre-authentication ending, probe or scanner (the signature's
    /// <see cref="Signatures.MessageSignature.Attempt"/>); never set on a failure nor on a line of an accepted login.
    /// </summary>
    public bool Attempt { get; init; }

    /// <summary>The message after the syslog/journal prefix (the whole line when there is none), cut to a bounded length.</summary>
    public required string Text { get; init; }

    /// <summary>True when the line was longer than the reader's bound and only its beginning was kept.</summary>
    public bool Cut { get; init; }

    /// <summary>How many lines this one stands for: N for rsyslog's <c>message repeated N times: [ … ]</c>, else 1.</summary>
    public int Times { get; init; } = 1;

    public bool Recognised => Kind is not null;

    public bool IsFailure => DiagnosisId is not null;

    /// <summary>What <c>--events</c> prints as <c>id</c>: the diagnosis id for a failure, else the event kind.</summary>
    public string? Id => DiagnosisId ?? Kind;
}
