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
    private const string PuTTY = "PuTTY 0.68–0.83";

    /// <summary>Dropbear's client: its source (cli-session.c, cli-kex.c, cli-auth.c, common-kex.c) and dbclient 2022.83 in the lab.</summary>
    private const string Dbclient = "Dropbear 2016–2025";

    /// <summary>The last line of a paramiko traceback (Debian's paramiko 2.12 in the lab; the texts are the same 2.x–3.x).</summary>
    private const string Paramiko = "paramiko 2.x–3.x";

    /// <summary>The last line of an AsyncSSH traceback (Debian's AsyncSSH 2.10 in the lab) or of asyncio under it.</summary>
    private const string AsyncSsh = "AsyncSSH 2.x";

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
        S("client.key-refused", "Server refused our key", @"^Server refused our key$", null, "PuTTY ssh2userauth.c"),
        S("putty.key-accepted", "Offer of public key accepted", @"^Offer of public key accepted$", null, "PuTTY ssh2userauth.c (-v)"),
        S("putty.signature-refused", "Server refused public-key signature despite accepting key", @"^Server refused public-key signature despite accepting key!$", null, "PuTTY ssh2userauth.c"),
        S("client.password-refused", "Access denied", @"^Access denied$", null, "PuTTY ssh2userauth.c (password refused)"),
        S("putty.batch-prompt", "Cannot answer interactive prompts in batch mode", @"^(?:FATAL ERROR: )?Cannot answer interactive prompts in batch mode$", null, "PuTTY console.c (-batch)"),
        S("client.received-disconnect", "sent disconnect message", "^(?:FATAL ERROR: )?(?:Remote side|Server) sent disconnect message type (?<code>\\d+) \\((?<what>[^)]*)\\):? \"(?<reason>.*)\"$", null, "PuTTY ssh2transport.c"),
        // The same retyped by a person without its head or quotes: "type 2 (protocol error) too many authentication failures for root".
        S("client.received-disconnect", "ype ", "^[Tt]ype (?<code>\\d{1,2}) \\((?<what>[A-Za-z ]{4,40})\\):? \"?(?<reason>[^\"]+?)\"?\\.?$", null, "PuTTY ssh2transport.c (retyped)"),
        S("client.authenticated", "Access granted", @"^Access granted$", null, "PuTTY ssh2userauth.c (-v)"),
        S("client.session-channel", "Opened main channel", @"^Opened main channel$", null, "PuTTY mainchan.c (-v)"),

        // ── Dropbear's dbclient: "PROG: Connection to USER@HOST:PORT exited: REASON" (dropbear_exit in cli-main.c) ──
        S("client.resolve-failed", "Error resolving '", @"exited: Connect failed: Error resolving '(?<host>[^']+)' port '(?<port>\d+)'\. (?<reason>.+)$", DnsUnresolved, "Dropbear netio.c / cli-main.c", Dbclient),
        S("client.connect-failed", "exited: Connect failed: ", @"^(?:\S+: )?Connection to (?:(?<user>[^@\s]+)@)?(?<host>\S+?):(?<port>\d+) exited: Connect failed: (?<reason>.+)$", null, "Dropbear netio.c / cli-main.c", Dbclient),
        S("client.unable-to-negotiate", "No matching algo", @"exited: No matching algo (?<what>kex|hostkey|enc c->s|enc s->c|mac c->s|mac s->c|comp c->s|comp s->c)$", null, "Dropbear common-kex.c:read_kex_algos()", Dbclient),
        S("client.hostkey-unknown-strict", "is not in the trusted hosts file", @"^Host '(?<host>[^']+)' is not in the trusted hosts file\.$", HostKeyUnknown, "Dropbear cli-kex.c:ask_to_confirm()", Dbclient),
        S("client.hostkey-verification-failed", "Didn't validate host key", @"Didn't validate host key$", null, "Dropbear cli-kex.c:ask_to_confirm()", Dbclient),
        S("client.hostkey-changed", "ost key mismatch for ", @"^(?:\S+: Connection to \S+ exited: )?[Hh]ost key mismatch for (?<host>\S+) !$", HostKeyChanged, "Dropbear cli-kex.c:checkhostkey()", Dbclient),
        S("client.no-supported-methods", "No auth methods could be used", @"exited: No auth methods could be used\.?$", AuthNoSupportedMethods, "Dropbear cli-session.c (every method the server offered failed or none could be tried)", Dbclient),
        S("client.connection-closed", "exited: Remote closed the connection", @"^(?:\S+: )?Connection to \S+ exited: Remote closed the connection$", null, "Dropbear common-session.c", Dbclient),

        // ── paramiko (ssh_exception.py, client.py, transport.py): the exception line ends the traceback ──
        S("client.banner-line", "Banner: ", @"^Banner: (?<text>.*)$", null, "paramiko transport.py (_check_banner, DEBUG: a line before the SSH greeting)", Paramiko),
        S("client.key-refused", "Authentication failed", @"^(?:paramiko\.(?:ssh_exception\.)?AuthenticationException: |Failed to authenticate: )?Authentication failed\.?$", null, "paramiko auth_handler.py (AuthenticationException)", Paramiko),
        S("client.hostkey-changed", "does not match: got", @"Host key for server '?(?<host>[^' ]+)'? does not match: got '?(?<got>[A-Za-z0-9+/=]+)'?, expected '?(?<expected>[A-Za-z0-9+/=]+)", HostKeyChanged, "paramiko client.py (BadHostKeyException)", Paramiko),
        S("client.hostkey-unknown-strict", "not found in known_hosts", @"Server '(?<host>[^']+)' not found in known_hosts$", HostKeyUnknown, "paramiko client.py (RejectPolicy)", Paramiko),
        S("client.python-connect", "Unable to connect to port", @"^(?:paramiko\.(?:ssh_exception\.)?NoValidConnectionsError: )?\[Errno None\] Unable to connect to port (?<port>\d+) on (?<ip>\S+)", TcpRefused, "paramiko client.py (NoValidConnectionsError: every address refused or unreachable)", Paramiko),
        S("client.ident-read", "Error reading SSH protocol banner", @"^(?:paramiko\.(?:ssh_exception\.)?SSHException: )?Error reading SSH protocol banner(?<reason>(?:\[Errno \d+\] )?Connection reset by peer|)$", TcpResetBeforeBanner, "paramiko transport.py (_check_banner: EOF or reset)", Paramiko),
        S("client.banner-timeout", "Error reading SSH protocol banner", @"^(?:paramiko\.(?:ssh_exception\.)?SSHException: )?Error reading SSH protocol banner ?(?:timed out|Timeout.*)$", BannerTimeout, "paramiko transport.py (_check_banner: banner_timeout)", Paramiko),
        S("client.unable-to-negotiate", "Incompatible ssh ", @"Incompatible ssh (?:peer|server) \(no acceptable (?<what>kex algorithm|host key|ciphers|macs|compression algorithm)\)", null, "paramiko transport.py (IncompatiblePeer)", Paramiko),

        // ── AsyncSSH (misc.py, connection.py) and asyncio's socket errors ──
        S("client.key-refused", "PermissionDenied: Permission denied", @"^(?:asyncssh\.(?:misc\.)?)?PermissionDenied: Permission denied(?: for user (?<user>\S+) on host (?<host>\S+))?\.?$", null, "AsyncSSH connection.py", AsyncSsh),
        S("client.hostkey-not-trusted", "Host key is not trusted", @"HostKeyNotVerifiable: Host key is not trusted(?: for host (?<host>\S+))?", HostKeyUnknown, "AsyncSSH connection.py (an unknown or a changed key)", AsyncSsh),
        S("client.unable-to-negotiate", "No matching ", @"KeyExchangeFailed: No matching (?<what>key exchange|server host key|encryption|MAC|compression) algorithm found(?:, sent (?<ours>\S+) and received (?<offer>\S+))?", null, "AsyncSSH connection.py (_choose_alg)", AsyncSsh),
        S("client.python-connect", "[Errno 111]", @"^(?:ConnectionRefusedError|OSError|socket\.error): \[Errno 111\] (?<reason>.+)$", TcpRefused, "Python socket / asyncio (ECONNREFUSED)", "Python 3"),
        S("client.python-connect", "[Errno 110]", @"^(?:TimeoutError|OSError|socket\.error): \[Errno 110\] (?<reason>.+)$", TcpTimeout, "Python socket / asyncio (ETIMEDOUT)", "Python 3"),
        S("client.python-connect", "[Errno 113]", @"^(?:OSError|socket\.error): \[Errno 11[34]\] (?<reason>.+)$", TcpUnreachable, "Python socket / asyncio (EHOSTUNREACH)", "Python 3"),
        // The TCP connection is up: AsyncSSH's INFO line, or the traceback's frame in _connect that waits for the SSH
        // handshake (a connect still under way shows "await loop.create_connection(" there instead).
        S("client.connected", "Connected to SSH server at", @"^(?:\[conn=\d+\] )?Connected to SSH server at (?<host>\S+?), port (?<port>\d+)$", null, "AsyncSSH connection.py (INFO)", AsyncSsh),
        S("client.handshake-wait", "options.waiter", @"^await options\.waiter$", null, "AsyncSSH connection.py:_connect (traceback frame: connected, waiting for the SSH handshake)", AsyncSsh),
        S("client.bare-timeout", "TimeoutError", @"^(?:asyncio\.(?:exceptions\.)?)?TimeoutError$", null, "asyncio.wait_for (AsyncSSH connect_timeout: the whole connection)", AsyncSsh),
    ];

    private static MessageSignature S(string name, string anchor, string pattern, string? id, string emittedBy, string versions = PuTTY) =>
        new() { Name = name, Side = LogSide.Client, Anchor = anchor, Pattern = pattern, DiagnosisId = id, EmittedBy = emittedBy, Versions = versions };
}
