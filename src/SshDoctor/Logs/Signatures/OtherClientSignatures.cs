using static SshDoctor.Diagnosis.DiagnosisIds;

namespace SshDoctor.Logs.Signatures;

/// <summary>
/// What other SSH clients print for the failures OpenSSH's ssh reports: PuTTY and its plink, Dropbear's dbclient,
/// Python's paramiko and AsyncSSH. A shape that states the same fact as one of ssh's lines takes that line's name
/// (PuTTY's <c>FATAL ERROR: Connection refused</c> is a <c>client.connect-failed</c>), so the rules that judge ssh's
/// line judge it too; what only another client says has a name of its own (<c>putty.*</c>, <c>dbclient.*</c>, …).
/// Read after ssh's own shapes (<see cref="ClientSignatures"/>): first match wins.
/// </summary>
internal static class OtherClientSignatures
{
    /// <summary>PuTTY's text: its source (ssh2transport.c, ssh2userauth.c, network.c, console.c) and plink 0.78 in the lab.</summary>
    private const string PuTTY = "0.68–0.83";

    public static IReadOnlyList<MessageSignature> All { get; } =
    [
        // ── PuTTY / plink: connection ──
        S("client.connecting", "Looking up host \"", "^Looking up host \"(?<host>[^\"]+)\"(?: for SSH connection)?$", null, "PuTTY network.c / plink -v"),
        S("client.connecting", "Connecting to ", @"^Connecting to (?<ip>[0-9a-fA-F.:]+) port (?<port>\d+)$", null, "PuTTY network.c / plink -v"),
        S("client.connected", "Connected to ", @"^Connected to (?<ip>[0-9a-fA-F.:]+)$", null, "PuTTY network.c / plink -v"),
        S("client.connect-failed", "Failed to connect to ", @"^Failed to connect to (?<ip>\S+): (?<reason>.+)$", null, "PuTTY network.c / plink -v"),
        S("client.connect-failed", "FATAL ERROR: ", @"^FATAL ERROR: (?:Network error: )?(?<reason>Connection refused|Connection timed out|No route to host|Network is unreachable|Host is unreachable|Connection reset by peer|Software caused connection abort)$", null, "PuTTY plink (FATAL ERROR:) / PuTTY window (Network error:)"),
        S("client.connect-failed", "Network error: ", @"^Network error: (?<reason>Connection refused|Connection timed out|No route to host|Network is unreachable|Host is unreachable|Connection reset by peer|Software caused connection abort)$", null, "PuTTY window (Windows)"),
        S("client.resolve-failed", "Unable to open connection", @"^(?:FATAL ERROR: )?Unable to open connection(?: to (?<host>\S+))?:? (?<reason>Name or service not known|Host does not exist|Temporary failure in name resolution|No address associated with hostname|nodename nor servname provided, or not known)$", DnsUnresolved, "PuTTY plink / window"),
        S("client.remote-version", "Remote version: ", @"^Remote version: SSH-(?<proto>[\d.]+)-(?<software>.*)$", null, "PuTTY ssh.c / plink -v"),
        S("client.connection-closed", "unexpectedly closed network connection", @"^(?:FATAL ERROR: )?(?:Remote side|Server) unexpectedly closed network connection$", null, "PuTTY ssh.c"),
        S("client.connection-reset", "FATAL ERROR: Network error: Connection reset by peer", @"^FATAL ERROR: Network error: Connection reset by peer$", null, "PuTTY ssh.c"),

        // ── PuTTY: key exchange (ssh2transport.c: an algorithm it lacks, or none in common) ──
        S("client.unable-to-negotiate", "does not correspond to any supported algorithm", "^(?:FATAL ERROR: )?Selected (?<what>key exchange algorithm|host key algorithm|client-to-server cipher|server-to-client cipher|client-to-server MAC|server-to-client MAC|client-to-server compression method|server-to-client compression method) \"(?<offer>[^\"]*)\" does not correspond to any supported algorithm$", null, "PuTTY ssh2transport.c (SKR_UNKNOWN_ID)"),
        S("client.unable-to-negotiate", "Couldn't agree a ", @"^(?:FATAL ERROR: )?Couldn't agree a (?<what>key exchange algorithm|host key algorithm|client-to-server cipher|server-to-client cipher|client-to-server MAC|server-to-client MAC|client-to-server compression method|server-to-client compression method) \(available: (?<offer>[^)]*)\)$", null, "PuTTY ssh2transport.c (SKR_NO_AGREEMENT)"),
        S("client.unable-to-negotiate", "which is below the configured", @"^The first (?<what>key-exchange algorithm|host key type|cipher|client-to-server cipher|server-to-client cipher) supported by the server is (?<offer>\S+?),? which is below the configured warning threshold\.?$", null, "PuTTY ssh2transport.c / console.c weak crypto prompt"),

        // ── PuTTY: host key (console.c, the host key cache) ──
        S("putty.hostkey-not-cached", "host key is not cached", @"^The (?:server's )?host key is not cached (?:for this server|in the registry)", HostKeyUnknown, "PuTTY console.c / window"),
        S("client.hostkey-changed", "POTENTIAL SECURITY BREACH", @"WARNING - POTENTIAL SECURITY BREACH!", HostKeyChanged, "PuTTY console.c / window"),
        S("putty.hostkey-mismatch", "does not match the one", @"^The (?:server's )?host key does not match the one (?<client>\S+) has cached", HostKeyChanged, "PuTTY console.c / window"),
        S("client.hostkey-verification-failed", "Cannot confirm a host key in batch mode", @"^(?:FATAL ERROR: )?Cannot confirm a host key in batch mode$", null, "PuTTY console.c (-batch)"),
        S("putty.abandoned", "Connection abandoned", @"^Connection abandoned\.$", null, "PuTTY console.c (a prompt answered no)"),
        S("client.key-fingerprint-is", " SHA256:", @"^(?<type>ssh-\S+|ecdsa-sha2-\S+|rsa-sha2-\S+) \d+ (?<fp>SHA256:[A-Za-z0-9+/]{43})$", null, "PuTTY console.c (fingerprint line)"),

        // ── PuTTY: authentication (ssh2userauth.c) ──
        S("client.authenticating", "Using username \"", "^Using username \"(?<user>[^\"]*)\"\\.$", null, "PuTTY ssh2userauth.c"),
        S("putty.reading-key", "Reading key file \"", "^Reading key file \"(?<file>[^\"]+)\"$", null, "PuTTY ssh2userauth.c (-v)"),
        S("putty.unusable-key-file", "Unable to use key file", "^Unable to use key file \"(?<file>[^\"]+)\" \\((?<reason>.+)\\)$", null, "PuTTY ssh2userauth.c"),
        S("putty.offered-key", "Offered public key", @"^Offered public key$", null, "PuTTY ssh2userauth.c (-v)"),
        S("putty.offered-key", "Pageant key #", @"^Trying Pageant key #(?<n>\d+)$", null, "PuTTY ssh2userauth.c (-v)"),
        S("putty.key-refused", "Server refused our key", @"^Server refused our key$", null, "PuTTY ssh2userauth.c"),
        S("putty.key-accepted", "Offer of public key accepted", @"^Offer of public key accepted$", null, "PuTTY ssh2userauth.c (-v)"),
        S("putty.signature-refused", "Server refused public-key signature despite accepting key", @"^Server refused public-key signature despite accepting key!$", null, "PuTTY ssh2userauth.c"),
        S("putty.access-denied", "Access denied", @"^Access denied$", null, "PuTTY ssh2userauth.c (password refused)"),
        S("putty.batch-prompt", "Cannot answer interactive prompts in batch mode", @"^(?:FATAL ERROR: )?Cannot answer interactive prompts in batch mode$", null, "PuTTY console.c (-batch)"),
        S("client.received-disconnect", "sent disconnect message", "^(?:FATAL ERROR: )?(?:Remote side|Server) sent disconnect message type (?<code>\\d+) \\((?<what>[^)]*)\\):? \"(?<reason>.*)\"$", null, "PuTTY ssh2transport.c"),
        S("client.authenticated", "Access granted", @"^Access granted$", null, "PuTTY ssh2userauth.c (-v)"),
        S("client.session-channel", "Opened main channel", @"^Opened main channel$", null, "PuTTY mainchan.c (-v)"),
    ];

    private static MessageSignature S(string name, string anchor, string pattern, string? id, string emittedBy) =>
        new() { Name = name, Side = LogSide.Client, Anchor = anchor, Pattern = pattern, DiagnosisId = id, EmittedBy = emittedBy, Versions = PuTTY };
}
