namespace SshDoctor.Logs.Signatures;

/// <summary>
/// When a recognised line that is no failure by itself still counts as a failed attempt on the server (issue 14): the
/// pre-authentication endings, probes and scanners that fail2ban, sshguard and CrowdSec count as attempts. A line that
/// proves a diagnosis is a failure, never also an attempt; no line of an accepted login is ever one.
/// </summary>
public enum AttemptWhen
{
    /// <summary>Not an attempt (the default): a step every ordinary login may write.</summary>
    Never,

    /// <summary>Always: only a connection that never authenticated writes it (a timeout, a bad banner, a scanner).</summary>
    Always,

    /// <summary>Only with sshd's <c>[preauth]</c> suffix: the same words after authentication end an ordinary session.</summary>
    Preauth,

    /// <summary>Only for an invalid user (the pattern's <c>invalid</c> group): LogLevel VERBOSE writes it for valid users' ordinary logins.</summary>
    InvalidUser,
}
