using System.Text.RegularExpressions;

namespace SshDoctor.Logs.Signatures;

/// <summary>Which program writes a message: the ssh client, a server (sshd, Dropbear) or a helper on the server (fail2ban, PAM).</summary>
public enum LogSide
{
    Client,
    Server,
}

/// <summary>
/// One message OpenSSH (or a neighbour) writes, as data: the exact text shape, where in the source it comes from,
/// the versions that print it, and the diagnosis it proves (or null for a plain event such as a stage marker).
/// </summary>
public sealed class MessageSignature
{
    private Regex? regex;

    /// <summary>Stable name, e.g. <c>client.connect-failed</c> or <c>sshd.invalid-user</c>; events carry it as their kind.</summary>
    public required string Name { get; init; }

    public required LogSide Side { get; init; }

    /// <summary>A literal every matching message contains (ordinal); the cheap test run before the pattern.</summary>
    public required string Anchor { get; init; }

    /// <summary>The message shape (without syslog prefix or <c>debug1:</c>), with named groups: user, ip, port, host, file, line, path, reason...</summary>
    public required string Pattern { get; init; }

    /// <summary>The diagnosis id this message points at, or null for an event that is not a failure by itself.</summary>
    public string? DiagnosisId { get; init; }

    /// <summary>The OpenSSH (or other) source that writes it, e.g. <c>sshconnect.c:ssh_connect_direct()</c>.</summary>
    public required string EmittedBy { get; init; }

    /// <summary>The versions that print this shape, e.g. <c>7.4–10.5</c>.</summary>
    public required string Versions { get; init; }

    public Regex Regex => regex ??= new Regex(Pattern, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(2));

    /// <summary>The number of the named group (every regex made from <see cref="Pattern"/> with these options numbers them alike), or -1.</summary>
    public int GroupNumber(string name) => Regex.GroupNumberFromName(name);
}
