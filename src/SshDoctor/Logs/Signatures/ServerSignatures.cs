using static SshDoctor.Diagnosis.DiagnosisIds;

namespace SshDoctor.Logs.Signatures;

/// <summary>
/// What sshd (5.x to 10.x), PAM, Dropbear, fail2ban and sshguard write to a server's log
/// (../shared/reference/openssh-behaviour.md §3). Patterns apply to the message after the syslog/journal prefix,
/// with an <c>error: </c>/<c>fatal: </c> level word still in place where sshd writes one.
/// </summary>
internal static class ServerSignatures
{
    private const string V = "5.x–10.5";
    private const string Ip = @"(?<ip>[\w.:%-]+)";

    // What sshd writes after the address of an auth_log() line: port, "on" (old), protocol, then ": EXTRA" (key
    // fingerprint, ruser). The user name is the client's text and may itself contain " from IP port N": the address is
    // the one whose remainder is ": EXTRA" or holds no further " from " (fail2ban gh-1843 injection tests).
    private const string AuthTail = @"(?: port (?<port>\d+))?(?: on \S+)?(?: ssh\d*)?(?:: (?<key>.*)|(?:(?! from ).)*)$";

    // "Connection closed by [authenticating|invalid user NAME ]IP port P": NAME may be empty or hold spaces.
    private const string ByUser = @"(?:(?:authenticating|invalid) user (?<user>.*?) |user (?<user>\S+) )?";

    public static IReadOnlyList<MessageSignature> All { get; } =
    [
        // ── authentication outcomes (auth.c:auth_log) ──
        S("sshd.accepted", "Accepted ", $@"^Accepted (?<method>\S+) for (?<user>\S+) from {Ip} port (?<port>\d+)(?: ssh2)?(?:: (?<key>.+))?$", null, "auth.c:auth_log()", V),
        S("sshd.failed-none", "Failed none for", $@"^Failed none for (?:(?<invalid>invalid user) )?(?<user>.*?) from {Ip}{AuthTail}", null, "auth.c:auth_log()", V, AttemptWhen.InvalidUser),
        S("sshd.failed-publickey-invalid", "Failed publickey for invalid user", $@"^Failed publickey for invalid user (?<user>.*?) from {Ip}{AuthTail}", AuthWrongUser, "auth.c:auth_log()", V),
        S("sshd.failed-publickey", "Failed publickey for", $@"^Failed publickey for (?<user>.*?) from {Ip}{AuthTail}", AuthPublicKeyNotAuthorized, "monitor.c:mm_answer_keyallowed() → auth.c:auth_log()", V),
        S("sshd.failed-password-invalid", "for invalid user", $@"^Failed (?<method>password|keyboard-interactive(?:/\S+)?) for invalid user (?<user>.*?) from {Ip}{AuthTail}", AuthWrongUser, "auth.c:auth_log()", V),
        S("sshd.failed-password-illegal", "for illegal user", $@"^Failed (?<method>\S+) for illegal user (?<user>.*?) from {Ip}{AuthTail}", AuthWrongUser, "auth.c:auth_log() (≤4.x wording)", "≤4.x"),
        S("sshd.failed-kbd-invalid-username", "for <invalid username>", $@"^(?:\[ID \d+ [\w.]+\] )?Failed (?<method>\S+) for <invalid username> from {Ip}{AuthTail}", AuthWrongUser, "Solaris/macOS sshd", "vendor"),
        S("sshd.failed-password", "Failed ", $@"^(?:\[ID \d+ [\w.]+\] )?Failed (?<method>password|keyboard-interactive(?:/\S+)?) for (?<user>.*?) from {Ip}{AuthTail}", AuthPasswordWrong, "auth.c:auth_log()", V),
        S("sshd.failed-other-invalid", "for invalid user", $@"^Failed (?<method>\S+) for invalid user (?<user>.*?) from {Ip}{AuthTail}", AuthWrongUser, "auth.c:auth_log()", V),
        // Host-based trust refused (auth2-hostbased.c adds the client's user and host): the same INFO rule as a refused key.
        S("sshd.failed-hostbased", "Failed hostbased for", $@"^Failed hostbased for (?<user>.*?) from {Ip}{AuthTail}", AuthHostbasedNotAuthorized, "auth.c:auth_log() with auth2-hostbased.c's method info", V),
        // "none" is every client's first request (the list of methods), other methods (gssapi-with-mic) have no cause of their own here.
        // A method that failed is still an attempt (fail2ban's normal mode counts it as a failure, sshguard as an attack).
        S("sshd.failed-other", "Failed ", $@"^Failed (?<method>\S+) for (?<user>.*?) from {Ip}{AuthTail}", null, "auth.c:auth_log()", V, AttemptWhen.Always),
        // Logged when the name a host-based client sends differs from its address' name; the login may still pass.
        S("sshd.hostbased-mismatch", "userauth_hostbased mismatch", $@"^userauth_hostbased mismatch: client sends (?<host>\S+), but we resolve {Ip} to (?<resolved>\S+)$", null, "auth2-hostbased.c:hostbased_key_allowed()", V),
        S("sshd.postponed", "Postponed ", $@"^Postponed (?<method>\S+) for (?:(?<invalid>invalid) user )?(?<user>\S+) from {Ip} port (?<port>\d+)", null, "auth.c:auth_log()", V, AttemptWhen.InvalidUser),
        S("sshd.partial", "Partial ", $@"^Partial (?<method>\S+) for (?<user>\S+) from {Ip} port (?<port>\d+)", null, "auth.c:auth_log()", V),
        S("sshd.accepted-key-found", "Accepted key ", @"^Accepted key (?<type>\S+) (?<fp>\S+) found at (?<file>.+):(?<line>\d+)$", null, "auth2-pubkeyfile.c:auth_check_authkey_line()", "8.x–10.5"),

        // ── the account gate (auth.c:getpwnamallow, allowed_user, auth_root_allowed) ──
        S("sshd.invalid-user", "user ", $@"^(?:Invalid|Illegal) user (?<user>.*?) from {Ip}(?: port (?<port>\d+))?$", AuthWrongUser, "auth.c:getpwnamallow()", V),
        S("sshd.userauth-invalid-user", "invalid user", @"^input_userauth_request: invalid user (?<user>.*?)(?: \[preauth\])?$", AuthWrongUser, "auth2.c:input_userauth_request() (≤7.x)", "≤7.x"),
        S("sshd.not-allowed-shell", "not allowed because shell", @"^User (?<user>\S+) not allowed because shell (?<shell>.+) (?<why>does not exist|is not executable)$", AuthNotAllowed, "auth.c:allowed_user()", V),
        S("sshd.not-allowed-locked", "not allowed because account is locked", @"^User (?<user>\S+) not allowed because account is locked$", AuthNotAllowed, "auth.c:allowed_user()", V),
        S("sshd.not-allowed-nologin", "not allowed because", @"^User (?<user>\S+) not allowed because (?<file>/\S+) exists$", AuthNotAllowed, "session.c:do_nologin()", V),
        S("sshd.not-allowed", "not allowed because", $@"^User (?<user>\S+) from {Ip} not allowed because (?<why>.+)$", AuthNotAllowed, "auth.c:allowed_user()", V),
        S("sshd.root-refused", "ROOT LOGIN REFUSED", $@"^ROOT LOGIN REFUSED FROM {Ip}?(?: port (?<port>\d+))?(?: \[preauth\])?$", AuthRootRefused, "auth.c:auth_root_allowed()", V),
        S("sshd.pam-account-denied", "by PAM account configuration", @"Access denied for user (?<user>\S+) by PAM account configuration", AuthNotAllowed, "auth2.c:userauth_finish()", V),

        // ── authorized_keys, StrictModes, key policy ──
        // Windows' sshd judges authorized_keys (and administrators_authorized_keys) by its ACL, not by StrictModes' modes.
        S("sshd.strict-modes", "Try removing permissions for user", @"^Bad permissions\. Try removing permissions for user: (?<principal>.+?)(?: \((?<sid>S-[\d-]+)\))? on file (?<path>.*authorized_keys2?)\.?$", AuthPublicKeyServerModes, "Win32-OpenSSH contrib/win32/win32compat/w32-sshfileperm.c:check_secure_file_permission() (auth2-pubkeyfile.c)", "Windows 7.7–9.x"),
        S("sshd.strict-modes", "Authentication refused", @"^Authentication refused(?: for (?<user>\S+))?: (?<why>bad own(?:ership|er) or modes for (?:(?<kind>file|directory) )?(?<path>.+)|(?<path>.+) is not a regular file)$", AuthPublicKeyServerModes, "misc.c:safe_path() via auth2-pubkeyfile.c:auth_openfile()", V),
        S("sshd.cannot-open-keys", "Could not open user", @"^Could not open user '(?<user>[^']+)' authorized keys '(?<path>[^']+)': (?<reason>.+)$", null, "auth2-pubkeyfile.c:auth_openfile()", "9.1–10.5"),
        S("sshd.signature-algorithm", "not in Pubkey", @"userauth_pubkey: (?:signature algorithm|key type) (?<alg>\S+) not in (?:PubkeyAcceptedAlgorithms|PubkeyAcceptedKeyTypes)", KeySignatureAlgorithm, "auth2-pubkey.c:userauth_pubkey()", "7.x–10.5"),
        S("sshd.invalid-key-length", "Invalid key length", @"refusing (?<type>\S+) key: Invalid key length", KeyWeak, "auth2-pubkey.c:userauth_pubkey()", "9.1–10.5"),
        // A user certificate sshd will not take (auth2-pubkey.c:user_cert_trusted_ca(), reasons from sshkey.c and the
        // principals checks): since 10.1 with the certificate's id, serial and CA, before that the reason alone.
        S("sshd.certificate-refused", "Refusing certificate ID", @"^Refusing certificate ID ""(?<keyid>[^""]*)"" serial=(?<serial>\d+) signed by (?<catype>\S+) CA (?<cafp>\S+): (?<reason>.+)$", AuthPublicKeyNotAuthorized, "auth2-pubkey.c:user_cert_trusted_ca()", "10.1–10.5"),
        S("sshd.certificate-refused", "ertificate", @"^(?<reason>Certificate invalid: (?:not yet valid|expired|name is not a listed principal|not a user certificate)|Certificate lacks principal list|Certificate does not contain an authorized principal|Certificate signed with disallowed algorithm|Certificate contains unsupported critical options|Invalid certificate options|Refused by certificate (?:principals )?options)$", AuthPublicKeyNotAuthorized, "auth2-pubkey.c:user_cert_trusted_ca() error(\"%s\", reason)", "5.6–10.0"),
        S("sshd.not-from-permitted-host", "not from a permitted", @"tried for (?<user>\S+) with (?:correct key|valid certificate) but not from a permitted (?:host|source address)", AuthPublicKeyNotAuthorized, "auth-options.c / auth2-pubkeyfile.c", V),

        // ── MaxAuthTries ──
        S("sshd.max-auth-tries", "maximum authentication attempts exceeded", $@"maximum authentication attempts exceeded for (?:invalid user )?(?<user>\S+) from {Ip} port (?<port>\d+)", AuthTooManyFailures, "auth.c:auth_maxtries_exceeded()", V),
        S("sshd.disconnecting-too-many", "Too many authentication failures", $@"^Disconnecting(?: (?:authenticating|invalid) user (?<user>\S+) {Ip} port (?<port>\d+))?: Too many authentication failures(?: for (?<user>\S+))?", AuthTooManyFailures, "packet.c:ssh_packet_disconnect()", V),

        S("sshd.change-of-username", "Change of username or service not allowed", $@"^Disconnecting {ByUser}{Ip} port (?<port>\d+): Change of username or service not allowed", null, "auth2.c:input_userauth_request()", V, AttemptWhen.Always),

        // ── negotiation and banner ──
        S("sshd.unable-to-negotiate", "Unable to negotiate with", $@"^Unable to negotiate with {Ip}(?: port (?<port>\d+))?: no matching (?<what>.+?) found\. ?Their offer: (?<offer>\S*)", null, "packet.c:sshpkt_vfatal()", V, AttemptWhen.Always),
        S("sshd.invalid-protocol-identifier", "invalid protocol identifier", "client sent invalid protocol identifier \"(?<banner>.*)\"", null, "kex.c:kex_exchange_identification()", "8.0–10.5", AttemptWhen.Always),
        // sshd quotes the banner; sshguard's tests (and its parser) also take it unquoted before " from ADDR".
        S("sshd.bad-protocol-version", "Bad protocol version identification", $@"Bad protocol version identification (?:'(?<banner>.*)'(?: from {Ip}(?: port (?<port>\d+))?)?|(?<banner>.*) from {Ip}(?: port (?<port>\d+))?$)", null, "sshd.c (≤7.x)", "≤7.x", AttemptWhen.Always),
        S("sshd.did-not-receive-ident", "Did not receive identification string", $@"Did not receive identification string from {Ip}", null, "sshd.c (≤7.x)", "≤7.x", AttemptWhen.Always),
        S("sshd.unable-to-negotiate-old", "Unable to negotiate a ", @"^Unable to negotiate a (?<what>.+)$", null, "kex.c:choose_kex() (≤6.x)", "≤6.x", AttemptWhen.Always),
        S("sshd.no-matching-algorithm", "no matching ", @"^no matching (?<what>.+?) found: client (?<offer>\S+) server (?<server>\S+)", null, "kex.c:choose_enc()/choose_mac() (≤6.x)", "≤6.x", AttemptWhen.Always),
        S("sshd.kex-exchange-identification", "kex_exchange_identification: ", @"^kex_exchange_identification: (?:read: )?(?<reason>.+)$", null, "kex.c:kex_exchange_identification()", "8.0–10.5", AttemptWhen.Always),
        S("sshd.banner-exchange", "banner exchange: ", $@"^banner exchange: Connection from {Ip} port (?<port>\d+): (?<reason>.+)$", null, "packet.c:sshpkt_vfatal()", "8.0–10.5", AttemptWhen.Always),
        S("sshd.dispatch-fatal", "ssh_dispatch_run_fatal: ", $@"^ssh_dispatch_run_fatal: Connection from {ByUser}{Ip} port (?<port>\d+): (?<reason>.+)$", null, "packet.c:sshpkt_vfatal()", "7.x–10.5", AttemptWhen.Preauth),
        S("sshd.read-error", "Read error from remote host", $@"^Read error from remote host {Ip}(?: port (?<port>\d+))?: (?<reason>.+)$", null, "serverloop.c:process_input()", V, AttemptWhen.Preauth),
        S("sshd.packet-send-debug-failed", "ssh_packet_send_debug: ", @"^ssh_packet_send_debug: (?<reason>.+)$", null, "packet.c:ssh_packet_send_debug() (fatal on a failed write)", "7.x–10.5"),
        S("sshd.read-socket-failed", "Read from socket failed", @"^Read from socket failed: (?<reason>.+)$", null, "packet.c (≤7.x)", "≤7.x", AttemptWhen.Preauth),
        S("sshd.write-failed", "Write failed:", @"^Write failed: (?<reason>.+)$", null, "packet.c:ssh_packet_write_wait() (≤7.x)", "≤7.x", AttemptWhen.Preauth),
        S("sshd.corrupted-mac", "Corrupted MAC on input", @"^(?:Disconnecting: )?Corrupted MAC on input\.?$", null, "packet.c:ssh_packet_read_poll2() (≤7.x)", "≤7.x", AttemptWhen.Preauth),
        S("sshd.bad-packet-length", "Bad packet length", @"^(?:Disconnecting: )?Bad packet length:? (?<length>\d+)\.?$", null, "packet.c:ssh_packet_read_poll2() (≤7.x)", "≤7.x", AttemptWhen.Preauth),
        S("sshd.bad-dh-value", "public DH value", @"^(?:Disconnecting: )?(?:bad client public DH value|invalid public DH value: .+)$", null, "kexdhs.c (≤6.x) / dh.c:dh_pub_is_valid()", V, AttemptWhen.Preauth),
        S("sshd.obfuscated-magic", "on obfuscated handshake", $@"^Magic value check failed \((?<value>\d+)\) on obfuscated handshake(?: from {Ip} port (?<port>\d+))?", null, "obfuscated-openssh patch (obfuscate.c)", "vendor", AttemptWhen.Always),
        S("sshd.ssh-server-ltype", "SSH: Server;Ltype:", @"^SSH: Server;Ltype: (?<what>\w+);Remote: (?<ip>[\w.:%]+)-(?<port>\d+);", null, "vendor-patched sshd (fail2ban gh-1187 samples)", "vendor"),
        S("sshd.scanner", "Don't panic", $@"(?:probed|scanned) from {Ip} port (?<port>\d+) with", null, "compat.c", V, AttemptWhen.Always),

        // ── connections (events) ──
        S("sshd.connection-from", "Connection from ", $@"^Connection from {Ip}(?: port (?<port>\d+))?(?: on (?<lip>\S+) port (?<lport>\d+))?", null, "sshd.c:main()", V),
        S("sshd.connection-closed", "Connection closed by ", $@"^Connection closed by {ByUser}{Ip}(?: port (?<port>\d+))?(?: on \S+)?$", null, "packet.c:sshpkt_vfatal()", V, AttemptWhen.Preauth),
        S("sshd.connection-reset", "Connection reset by ", $@"^Connection reset by {ByUser}{Ip}(?: port (?<port>\d+))?(?: on \S+)?$", null, "packet.c:sshpkt_vfatal()", V, AttemptWhen.Preauth),
        S("sshd.disconnected", "Disconnected from ", $@"^Disconnected from {ByUser}{Ip}(?: port (?<port>\d+))?(?: on \S+)?$", null, "packet.c:sshpkt_vfatal()", V, AttemptWhen.Preauth),
        // The client's own reason for giving up: its code (and for JSch's 3 the reason) decides the diagnosis (FailureId):
        // SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE (14: PuTTY's "No supported authentication methods available",
        // others' words) and JSch's "… Auth fail" prove auth.no-supported-methods; any other code ends a connection.
        S("sshd.received-disconnect", "Received disconnect from", $@"^(?:error: )?Received disconnect from {Ip}(?: port (?<port>\d+))?: ?(?<code>\d+): (?<reason>.*?)(?: \[preauth\])?$", null, "packet.c:ssh_packet_read_poll_seqnr() (code 14: the client's SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE; code 3 \"… Auth fail\": JSch's Session.connect(), text from fail2ban's samples)", V, AttemptWhen.Preauth),
        S("sshd.server-listening", "Server listening on", @"^Server listening on (?<addr>\S+) port (?<port>\d+)", null, "sshd.c:server_listen()", V),
        S("sshd.session-opened", "session opened for user", @"session opened for user (?<user>[^\s(]+)", null, "pam_unix(sshd:session)", "PAM"),
        S("sshd.session-closed", "session closed for user", @"session closed for user (?<user>[^\s(]+)", null, "pam_unix(sshd:session)", "PAM"),
        S("sshd.starting-session", "Starting session:", $@"^Starting session: (?<what>.+?) for (?<user>\S+) from {Ip} port (?<port>\d+)", null, "session.c:session_exec_req()", V),
        S("sshd.transferred", "Transferred: sent", @"^Transferred: sent (?<sent>\d+), received (?<received>\d+) bytes$", null, "sshd-session.c:main() (sshd.c before 9.8), LogLevel VERBOSE", V),
        S("sshd.closing-connection", "Closing connection to", $@"^Closing connection to {Ip} port (?<port>\d+)$", null, "sshd-session.c:main() (sshd.c before 9.8), LogLevel VERBOSE", V),
        S("sshd.close-session", "Close session: user", $@"^Close session: user (?<user>\S+) from {Ip} port (?<port>\d+) id \d+$", null, "session.c:session_close(), LogLevel VERBOSE", V),
        S("sshd.subsystem-request", "subsystem request for", @"^subsystem request for (?<subsystem>\S+) by user (?<user>\S+)(?: failed, subsystem not found)?$", null, "session.c:session_subsystem_req(), LogLevel VERBOSE", V),
        S("sshd.user-child", "User child is on pid", @"^User child is on pid (?<child>\d+)$", null, "sshd-session.c:privsep_postauth() (sshd.c before 9.8), LogLevel VERBOSE", V),
        // OpenSSH 7.3 dropped " - POSSIBLE BREAK-IN ATTEMPT!" from both (canohost.c, since 9.8 in packet.c).
        S("sshd.reverse-mapping", "reverse mapping checking getaddrinfo for", $@"^reverse mapping checking getaddrinfo for (?<host>\S+) \[{Ip}\] failed", null, "canohost.c:remote_hostname() (UseDNS; packet.c since 9.8)", V),
        S("sshd.reverse-mapping", "but this does not map back to the address", $@"^Address {Ip} maps to (?<host>\S+), but this does not map back to the address", null, "canohost.c:remote_hostname() (UseDNS)", V),
        S("sshd.timeout-before-auth", "Timeout before authentication", $@"Timeout before authentication for (?:connection from )?{Ip}", null, "sshd.c:grace_alarm_handler()", V, AttemptWhen.Always),

        // ── refused before the banner: throttling, tcp-wrappers ──
        S("sshd.refused-connect", "refused connect from", @"refused connect from (?<host>\S+)(?: \((?<ip>[^)]+)\))?", ServerHostsDeny, "libwrap refuse() (Debian/Ubuntu sshd)", "Debian/Ubuntu"),
        S("sshd.drop-connection", "drop connection #", @"drop connection #(?<n>\d+) from \[(?<ip>[^\]]+)\]:(?<port>\d+) on \[(?<lip>[^\]]+)\]:(?<lport>\d+) (?<why>.+)$", TcpResetBeforeBanner, "sshd.c:drop_connection()", "8.2–10.5"),
        S("sshd.maxstartups-throttling", "MaxStartups throttling", @"(?:beginning|in) MaxStartups throttling", TcpResetBeforeBanner, "sshd.c:drop_connection()", "9.x–10.5"),
        S("sshd.penalty", "srclimit_penalise:", @"srclimit_penalise: .*?(?<ip>[0-9A-Fa-f:.]+)/\d+.*penalty", TcpResetBeforeBanner, "srclimit.c:srclimit_penalise()", "9.8–10.5"),

        // ── session ──
        S("sshd.refusing-non-sftp", "refusing non-sftp session", @"refusing non-sftp session", SessionShellDisabled, "session.c:do_child()", V),
        S("sshd.client-not-responding", "client not responding", $@"Timeout, client not responding(?: from (?:user (?<user>\S+) )?{Ip}(?: port (?<port>\d+))?)?", SessionBrokenPipe, "serverloop.c:client_alive_check()", V),
        S("sshd.refused-forward", "refused local port forward", @"refused local port forward: originator (?<ip>\S+) port (?<port>\d+), target (?<target>\S+) port (?<tport>\d+)", SessionChannelRefused, "channels.c:channel_connect_to_port()", V),
        S("sshd.connect-to-failed", "connect_to ", @"connect_to (?<target>\S+?)(?: port (?<tport>\d+): failed\.|: unknown host \((?<reason>[^)]*)\))", JumpHopFailed, "channels.c:connect_to()", V),

        // ── server configuration ──
        S("sshd.no-hostkeys", "no hostkeys available", @"no hostkeys available -- exiting", ServerConfigInvalid, "sshd.c:main()", V),
        S("sshd.bad-config-option", "Bad configuration option", @"^(?<file>.+?): line (?<line>\d+): Bad configuration option: (?<option>\S+)$", ServerConfigInvalid, "servconf.c:process_server_config_line_depth()", V),
        S("sshd.unable-to-load-host-key", "Unable to load host key", @"Unable to load host key(?: ""(?<file>[^""]+)"")?: (?<reason>.+)$", ServerConfigInvalid, "sshd.c:main()", V),
        S("sshd.bind-failed", "Bind to port", @"Bind to port (?<port>\d+) on (?<addr>\S+) failed: (?<reason>.+?)\.?$", null, "sshd.c:listen_on_addrs()", V),

        // ── PAM (written under sshd's name) ──
        S("sshd.pam-authentication-failure", "PAM: ", $@"PAM: [Aa]uthentication (?:failure|error|failed) for (?:illegal user |invalid user )?(?<user>.*) from {Ip}(?: via \S+)?(?: port \d+)?$", AuthPasswordWrong, "auth-pam.c:sshpam_auth_passwd()", V),
        S("sshd.pam-user-unknown", "User not known to the underlying authentication module", $@"User not known to the underlying authentication module for (?:illegal |invalid )?user (?<user>.*) from {Ip}(?: port \d+)?$", AuthWrongUser, "auth-pam.c", V),
        S("sshd.pam-unix-failure", "authentication failure;", @"pam_(?:unix|sss)\(sshd:auth\): authentication failure;.*?rhost=(?<ip>\S*)(?:\s+user=(?<user>\S+))?", AuthPasswordWrong, "pam_unix; sssd src/sss_client/pam_sss.c (the same words)", "PAM"),
        S("sshd.pam-sss-success", "authentication success;", @"^pam_sss\(sshd:auth\): authentication success;.*?rhost=(?<ip>\S*)(?:\s+user=(?<user>\S+))?", null, "sssd src/sss_client/pam_sss.c:send_and_receive()", "PAM"),
        S("sshd.pam-sss-received", "received for user", @"^pam_sss\(sshd:\w+\): received for user (?<user>.+?): (?<status>\d+) \((?<reason>.*)\)$", null, "sssd src/sss_client/pam_sss.c:send_and_receive()", "PAM"),
        S("sshd.pam-unix-failure", "authentication failure;", @"^authentication failure; logname=\S* uid=\d+ euid=\d+ tty=\S* ruser=\S* rhost=(?<ip>\S*)(?:\s+user=(?<user>\S+))?", AuthPasswordWrong, "pam_unix under RHEL 4/5's sshd(pam_unix) tag", "PAM"),
        // Not an attempt: sshd logs each of those failures itself (docs/architecture.md, Counting).
        S("sshd.pam-more-failures", "more authentication failure", @"^(?:PAM )?(?<n>\d+) more authentication failures?; logname=\S* uid=\d+ euid=\d+ tty=\S* ruser=\S* rhost=(?<ip>\S*)(?:\s+user=(?<user>\S+))?", null, "libpam pam_end() via pam_unix's failure count (pam_unix's own, without \"PAM \", under RHEL 4/5's sshd(pam_unix) tag)", "PAM"),
        S("sshd.pam-check-pass", "check pass; user unknown", @"^(?:pam_unix\(sshd:auth\): )?check pass; user unknown$", null, "pam_unix support.c:_unix_blankpasswd()/_unix_verify_password()", "PAM"),
        S("sshd.pam-ignoring-max-retries", "ignoring max retries", @"^PAM service\(sshd\) ignoring max retries; (?<n>\d+) > (?<max>\d+)$", null, "libpam pam_end()", "PAM"),
        S("sshd.pam-requirement-not-met", "not met by user", @"^pam_succeed_if\(sshd:\w+\): requirement ""(?<requirement>[^""]*)"" not met by user ""(?<user>[^""]*)""$", null, "pam_succeed_if", "PAM"),
        S("sshd.pam-systemd-session-failed", "Failed to create session:", @"^pam_systemd\(sshd:session\): Failed to create session: (?<reason>.+)$", null, "systemd src/login/pam_systemd.c:pam_sm_open_session()", "PAM"),
        S("sshd.pam-faillock-user-unknown", "User unknown", @"^pam_faillock\(sshd:\w+\): User unknown(?:: (?<user>.+))?$", null, "linux-pam modules/pam_faillock/pam_faillock.c:get_pam_user() (audit option: with the name)", "PAM"),
        S("sshd.pam-faillock", "Consecutive login failures for user", @"^pam_faillock\(sshd:\w+\): Consecutive login failures for user (?<user>\S+) account temporarily locked$", AuthNotAllowed, "pam_faillock", "PAM"),
        // pam_tally/pam_tally2 write this at NOTICE only when the account is locked (tally above deny, or lock_time running).
        S("sshd.pam-tally-locked", "pam_tally", @"^pam_tally2?\(sshd:\w+\): user (?<user>\S+) \(\d+\) (?:tally (?<tally>\d+), deny (?<deny>\d+)|has time limit \[\d+s left\] since last failure\.)$", AuthNotAllowed, "linux-pam modules/pam_tally2/pam_tally2.c:tally_check()", "PAM"),
        // pam_unix's account phase; sshd then logs "Access denied for user … by PAM account configuration", the failure.
        S("sshd.pam-account-expired", "expired", @"^pam_unix\(sshd:account\): (?:account (?<user>\S+) has expired \((?<why>account expired|failed to change password)\)|expired password for user (?<user>\S+) \((?<why>root enforced|admin enforced|password aged)\))$", null, "linux-pam modules/pam_unix/pam_unix_acct.c:pam_sm_acct_mgmt()", "PAM"),
        S("sshd.pam-unknown-user", "unknown user for", $@"PAM: [Uu]nknown user for (?:(?:illegal|invalid) user )?(?<user>.*) from {Ip}(?: port \d+)?$", AuthWrongUser, "auth-pam.c:sshpam_auth_passwd() with OpenPAM's pam_strerror", V),
        S("sshd.authorized-keys-command-missing", "Could not stat AuthorizedKeys", @"^Could not stat (?<option>AuthorizedKeysCommand|AuthorizedPrincipalsCommand) ""(?<path>[^""]*)"": (?<reason>.+)$", AuthPublicKeyKeysCommandMissing, "misc.c:subprocess() (auth2-pubkey.c before 8.x)", "6.2–10.5"),
        S("sshd.selinux-denied", "avc:", @"avc:\s+denied.*?comm=""sshd"".*?(?:name=""(?<path>[^""]+)"")?", AuthPublicKeySelinux, "kernel audit (SELinux AVC)", "any"),

        // ── Dropbear ──
        S("dropbear.bad-password", "password attempt for", $@"Bad (?:PAM )?password attempt for '(?<user>[^']*)' from {Ip}:(?<port>\d+)", AuthPasswordWrong, "dropbear svr-authpasswd.c, svr-authpam.c (PAM)", "Dropbear"),
        S("dropbear.nonexistent-user", "Login attempt for nonexistent user", $@"Login attempt for nonexistent user(?: '(?<user>[^']*)')?(?: from {Ip}:(?<port>\d+))?$", AuthWrongUser, "dropbear svr-auth.c", "Dropbear"),
        S("dropbear.root-rejected", "root login rejected", @"root login rejected", AuthRootRefused, "dropbear svr-auth.c (-w)", "Dropbear"),
        S("dropbear.max-auth-tries", "Max auth tries reached", $@"Exit before auth from <{Ip}:(?<port>\d+)>: (?:\(user '(?<user>[^']*)', \d+ fails\): )?Max auth tries reached", AuthTooManyFailures, "dropbear svr-auth.c", "Dropbear"),
        S("dropbear.invalid-shell", "has invalid shell", @"User '(?<user>[^']*)' has invalid shell, rejected", AuthNotAllowed, "dropbear svr-auth.c", "Dropbear"),
        S("dropbear.account-locked", "is locked", @"User account '(?<user>[^']*)' is locked", AuthNotAllowed, "dropbear svr-auth.c", "Dropbear"),
        S("dropbear.auth-succeeded", "auth succeeded for", $@"(?<method>Pubkey|Password) auth succeeded for '(?<user>[^']*)'.* from {Ip}:(?<port>\d+)", null, "dropbear svr-auth*.c", "Dropbear"),
        S("dropbear.exit-before-auth", "Exit before auth", $@"Exit before auth from <{Ip}:(?<port>\d+)>: (?:\(user '(?<user>[^']*)', (?<fails>\d+) fails\): )?(?<reason>.+)$", null, "dropbear common-session.c", "Dropbear", AttemptWhen.Always),
        S("dropbear.exit", "Exit (", $@"^Exit \((?<user>[^)]*)\) from <{Ip}:(?<port>\d+)>: (?<reason>.+)$", null, "dropbear svr-session.c:svr_dropbear_exit() (after auth)", "Dropbear"),
        S("dropbear.child-connection", "Child connection from", $@"Child connection from {Ip}:(?<port>\d+)", null, "dropbear svr-main.c", "Dropbear"),
        S("dropbear.started", "background", @"^(?:Not backgrounding|Running in background)$", null, "dropbear svr-main.c:main_noinetd()", "Dropbear"),
        S("dropbear.pubkey-bad-perms", "bad permissions", @"(?<path>\S+) (?:must be owned by user or root, and not writable by group or others|has bad permissions)", AuthPublicKeyServerModes, "dropbear svr-authpubkey.c:checkfileperm()", "Dropbear"),

        // ── LogLevel DEBUG: the debug1 steps that say something about a connection (the level word is stripped) ──
        S("sshd.debug-userauth-request", "userauth-request for user ", @"^userauth-request for user (?<user>.*?) service (?<service>\S+) method (?<method>\S+)$", null, "auth2.c:input_userauth_request()", V),
        S("sshd.debug-attempt", "attempt ", @"^attempt (?<attempt>\d+) failures (?<failures>\d+)$", null, "auth2.c:input_userauth_request()", V),
        S("sshd.debug-trying-keys-file", "trying public key file ", @"^trying public key file (?<path>.+)$", null, "auth2-pubkey.c:user_key_allowed2()", V),
        S("sshd.debug-client-version", "protocol version ", @"^(?:Client|Remote) protocol version (?<proto>[\d.]+)[;,] (?:client|remote) software version (?<software>.*)$", null, "kex.c:kex_exchange_identification() (≤7.x sshd.c:sshd_exchange_identification(): Client …; client …)", V),
        S("sshd.debug-pam-password-failed", "PAM: password authentication failed for ", @"^PAM: password authentication failed for (?:an illegal user|(?<user>.*?)): (?<reason>.+)$", null, "auth-pam.c:sshpam_auth_passwd()", V),
        S("sshd.debug-pam-init", "PAM: initializing for ", @"^PAM: initializing for ""(?<user>[^""]*)""$", null, "auth-pam.c:start_pam()", V),
        S("sshd.debug-authenticated", "authenticated by privileged process", @"^monitor_child_preauth: (?:user )?(?<user>\S+) (?:has been )?authenticated by privileged process$", null, "monitor.c:monitor_child_preauth()", V),
        S("sshd.debug-forked-child", "Forked child ", @"^Forked child (?<child>\d+)\.$", null, "sshd.c:server_accept_loop()", V),
        S("sshd.debug-kex", "kex: ", @"^kex: (?<what>algorithm|host key algorithm): (?<alg>\S+)$", null, "kex.c:kex_choose_conf()", "7.x–10.5"),
        S("sshd.debug-kex-cipher", "kex: ", @"^kex: (?<dir>client->server|server->client) cipher: (?<cipher>\S+) MAC: (?<mac>\S+) compression: (?<comp>\S+)$", null, "kex.c:kex_choose_conf()", "7.x–10.5"),

        // ── fail2ban and sshguard ──
        S("fail2ban.ban", " Ban ", $@"(?:NOTICE|WARNING)\s+\[(?<jail>[^\]]+)\] Ban {Ip}", ServerBanned, "fail2ban actions.py", "fail2ban"),
        S("fail2ban.unban", " Unban ", $@"(?:NOTICE|WARNING)\s+\[(?<jail>[^\]]+)\] Unban {Ip}", null, "fail2ban actions.py", "fail2ban"),
        S("fail2ban.found", " Found ", $@"INFO\s+\[(?<jail>[^\]]+)\] Found {Ip}", null, "fail2ban filter.py", "fail2ban"),
        S("sshguard.block", "Blocking", $@"Blocking ""?{Ip}(?:/\d+)?""? for", ServerBanned, "sshguard", "sshguard"),
    ];

    /// <param name="attempt">When a line of the row that proves no diagnosis is a failed attempt (<see cref="AttemptWhen"/>).</param>
    private static MessageSignature S(string name, string anchor, string pattern, string? id, string emittedBy, string versions, AttemptWhen attempt = AttemptWhen.Never) =>
        new() { Name = name, Side = LogSide.Server, Anchor = anchor, Pattern = pattern, DiagnosisId = id, EmittedBy = emittedBy, Versions = versions, Attempt = attempt };
}
