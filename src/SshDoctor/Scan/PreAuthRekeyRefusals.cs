namespace SshDoctor.Scan;

/// <summary>
/// Server software known to refuse a key re-exchange before authentication, by the software version of its
/// identification line, with what it does instead. Scan does not ask these for the other host key types on the probe's
/// connection (the attempt would only cost a round trip and a line in the server's log) and opens a connection per type,
/// as ssh-keyscan does. Any other server is asked; a refusal then falls back the same way.
/// </summary>
internal static class PreAuthRekeyRefusals
{
    private static readonly (string Prefix, string What)[] Known =
    [
        // sshd's authentication loop dispatches only the userauth messages (auth2.c: dispatch_protocol_error for the rest),
        // and its privilege separation monitor signs with a host key once before authentication (monitor.c:
        // MONITOR_REQ_SIGN is MON_ONCE). Seen in the lab with 9.2p1 and 10.0p1 (Ssh/RekeyTests).
        ("OpenSSH", "answers SSH_MSG_UNIMPLEMENTED and logs \"dispatch_protocol_error: type 20\""),
    ];

    /// <summary>What the server does with a re-exchange before authentication when it is known to refuse one; null otherwise.</summary>
    public static string? For(string? softwareVersion) =>
        softwareVersion is null ? null : Known.FirstOrDefault(k => softwareVersion.StartsWith(k.Prefix, StringComparison.Ordinal)).What;
}
