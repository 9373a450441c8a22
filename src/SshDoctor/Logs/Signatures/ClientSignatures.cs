using static SshDoctor.Diagnosis.DiagnosisIds;

namespace SshDoctor.Logs.Signatures;

/// <summary>
/// What the OpenSSH client (<c>ssh</c>) prints, at every verbosity, 7.4 to 10.x
/// (../shared/reference/openssh-behaviour.md §1 and §2). Patterns apply to the message without its <c>debugN: </c> prefix.
/// </summary>
internal static class ClientSignatures
{
    private const string V = "7.4–10.5";

    private static IReadOnlyList<MessageSignature> OpenSsh { get; } =
    [
        // ── stage markers and facts (no diagnosis by themselves) ──
        S("client.version", "OpenSSH_", @"^OpenSSH_(?<version>[^\s,]+)[ ,]", null, "ssh.c:main() SSH_RELEASE", V),
        S("client.reading-config", "Reading configuration data", @"^Reading configuration data (?<file>.+)$", null, "readconf.c:read_config_file_depth()", V),
        S("client.applying-options", "Applying options for", @"^(?<file>.+?) line (?<line>\d+): Applying options for (?<host>.+)$", null, "readconf.c:process_config_line_depth()", V),
        S("client.resolving", "resolving \"", "^resolving \"(?<host>[^\"]+)\" port (?<port>\\d+)$", null, "ssh.c:resolve_host()", V),
        S("client.proxyjump", "from ProxyJump", @"^Setting implicit ProxyCommand from ProxyJump: (?<command>.+)$", null, "ssh.c:main()", V),
        S("client.proxy-command", "Executing proxy command", @"^Executing proxy command: (?<command>.+)$", null, "sshconnect.c:ssh_proxy_connect()", V),
        S("client.connecting", "Connecting to ", @"^Connecting to (?<host>\S+) \[(?<ip>[^\]]+)\] port (?<port>\d+)\.$", null, "sshconnect.c:ssh_connect_direct()", V),
        S("client.connect-address-failed", "connect to address", @"^connect to address (?<ip>\S+) port (?<port>\d+): (?<reason>.+)$", null, "sshconnect.c:ssh_connect_direct()", V),
        S("client.connected", "Connection established", @"^Connection established\.$", null, "sshconnect.c:ssh_connect_direct()", V),
        S("client.identity-file", "identity file ", @"^identity file (?<file>.+) type (?<type>-?\d+)$", null, "ssh.c:load_public_identity_files()", V),
        S("client.local-version", "Local version string", @"^Local version string (?<banner>.+)$", null, "kex.c:kex_exchange_identification()", V),
        S("client.remote-version", "Remote protocol version", @"^Remote protocol version (?<proto>[\d.]+), remote software version (?<software>.*)$", null, "kex.c:kex_exchange_identification()", V),
        S("client.banner-line", "banner line ", @"^kex_exchange_identification: banner line (?<n>\d+): (?<text>.*)$", null, "kex.c:kex_exchange_identification()", "8.0–10.5"),
        S("client.authenticating", "Authenticating to ", @"^Authenticating to (?<host>.+):(?<port>\d+) as '(?<user>.*)'$", null, "sshconnect.c:ssh_login()", V),
        S("client.kexinit", "SSH2_MSG_KEXINIT", @"^SSH2_MSG_KEXINIT (?<dir>sent|received)$", null, "kex.c:kex_send_kexinit()/kex_input_kexinit()", V),
        S("client.proposal-header", "KEXINIT proposal", @"^(?<who>local client|peer server) KEXINIT proposal$", null, "kex.c:kex_buf2prop()", V),
        S("client.proposal-line", ": ", @"^(?<field>KEX algorithms|host key algorithms|ciphers ctos|ciphers stoc|MACs ctos|MACs stoc|compression ctos|compression stoc): ?(?<list>.*)$", null, "kex.c:kex_buf2prop()", V),
        S("client.kex-algorithm", "kex: algorithm:", @"^kex: algorithm: (?<alg>.+)$", null, "kex.c:kex_choose_conf()", V),
        S("client.kex-hostkey-algorithm", "kex: host key algorithm:", @"^kex: host key algorithm: (?<alg>.+)$", null, "kex.c:kex_choose_conf()", V),
        S("client.kex-cipher", " cipher: ", @"^kex: (?<dir>client->server|server->client) cipher: (?<cipher>\S+) MAC: (?<mac>\S+) compression: (?<comp>\S+)$", null, "kex.c:kex_choose_conf()", V),
        S("client.server-host-key", "Server host ", @"^Server host (?:key|certificate): (?<type>\S+) (?<fp>(?:SHA256|MD5):\S+|[0-9a-f]{2}(?::[0-9a-f]{2}){15})", null, "sshconnect.c:verify_host_key()", V),
        S("client.host-known", "is known and matches the", @"^Host '(?<host>[^']+)' is known and matches the (?<type>\S+) host (?<what>key|certificate)\.$", null, "sshconnect.c:check_host_key()", V),
        S("client.found-key", "Found ", @"^Found (?<what>key|CA key) in (?<file>.+):(?<line>\d+)$", null, "sshconnect.c:check_host_key()", V),
        S("client.newkeys", "SSH2_MSG_NEWKEYS received", @"^SSH2_MSG_NEWKEYS received$", null, "kex.c:kex_input_newkeys()", V),
        S("client.server-sig-algs", "server-sig-algs=<", @"server-sig-algs=<(?<list>[^>]*)>", null, "kex.c:kex_input_ext_info()", "7.4–10.5"),
        S("client.will-attempt", "Will attempt key:", @"^Will attempt key: (?<identity>.+)$", null, "sshconnect2.c:pubkey_prepare()", "7.9–10.5"),
        S("client.service-accept", "SSH2_MSG_SERVICE_ACCEPT received", @"^SSH2_MSG_SERVICE_ACCEPT received$", null, "sshconnect2.c:input_userauth_service_accept()", V),
        S("client.methods", "Authentications that can continue:", @"^Authentications that can continue: (?<methods>.*)$", null, "sshconnect2.c:input_userauth_failure()", V),
        S("client.next-method", "Next authentication method:", @"^Next authentication method: (?<method>\S+)$", null, "sshconnect2.c:authmethod_get()", V),
        S("client.offering", "public key: ", @"^Offering (?:(?<type>\S+) )?public key: (?<identity>.+)$", null, "sshconnect2.c:userauth_pubkey()", V),
        S("client.trying-private-key", "Trying private key:", @"^Trying private key: (?<identity>.+)$", null, "sshconnect2.c:userauth_pubkey()", V),
        S("client.server-accepts-key", "Server accepts key:", @"^Server accepts key: (?<identity>.+)$", null, "sshconnect2.c:input_userauth_pk_ok()", V),
        S("client.skipping-key", "Skipping ", @"^Skipping (?<type>\S+) key (?<identity>.+?) (?:- |for )(?<reason>.*(?:not in PubkeyAcceptedAlgorithms|not supported by server|PubkeyAcceptedKeyTypes).*)$", null, "sshconnect2.c:pubkey_prepare()", V),
        S("client.authenticated", "Authenticated to ", "^Authenticated to (?<host>\\S+) (?:\\(\\[(?<ip>[^\\]]*)\\]:(?<port>\\d+)\\)|\\(via proxy\\))(?: using \"(?<method>[^\"]+)\")?\\.$", null, "ssh.c:ssh_session2_setup()/sshconnect2.c", V),
        S("client.auth-succeeded", "Authentication succeeded", @"^Authentication succeeded \((?<method>[^)]+)\)\.?$", null, "sshconnect2.c:input_userauth_success()", "7.4–8.6"),
        S("client.session-channel", "[client-session]", @"^channel (?<ch>\d+): new (?:session )?\[client-session\]", null, "channels.c:channel_new()", V),
        S("client.stdio-forward-channel", "[stdio-forward]", @"^channel (?<ch>\d+): new (?:\[stdio-forward\]|stdio-forward)", null, "ssh.c:ssh_init_stdio_forwarding()", V),
        S("client.interactive", "Entering interactive session", @"^Entering interactive session\.$", null, "clientloop.c:client_loop()", V),
        S("client.sending-command", "Sending command:", @"^Sending command: (?<cmd>.*)$", null, "clientloop.c:client_session2_setup()", V),
        S("client.request-accepted", " request accepted on channel", @"^(?<what>shell|exec|subsystem|pty-req) request accepted on channel (?<ch>\d+)$", null, "clientloop.c:client_status_confirm()", V),
        S("client.transferred", "Transferred: sent", @"^Transferred: sent (?<sent>\d+), received (?<received>\d+) bytes, in (?<seconds>[\d.]+) seconds$", null, "clientloop.c:client_loop()", V),
        S("client.exit-status", "Exit status", @"^Exit status (?<status>-?\d+)$", null, "clientloop.c:client_loop()", V),
        S("client.password-prompt", "'s password", @"^(?<user>[^@\s]+)@(?<host>\S+?)'s password:", null, "sshconnect2.c:userauth_passwd()", V),
        S("client.permanently-added", "Permanently added '", @"^Warning: Permanently added '(?<host>[^']+)' \((?<type>[^)]+)\) to the list of known hosts\.?$", null, "sshconnect.c:check_host_key()", V),
        S("client.fingerprint-line", "SHA256:", @"^(?<fp>SHA256:[A-Za-z0-9+/]{43})\.$", null, "sshconnect.c:warn_changed_key()", V),
        S("client.disconnected", "Disconnected from ", @"^Disconnected from (?<remote>.+)$", null, "packet.c:sshpkt_vfatal()", V),
        S("client.connection-closed", "Connection closed by ", @"^Connection closed by (?<remote>.+?)(?: port (?<port>\d+))?$", null, "packet.c:sshpkt_vfatal()", V),
        S("client.connection-reset", "Connection reset by ", @"^Connection reset by (?<remote>.+?)(?: port (?<port>\d+))?$", null, "packet.c:sshpkt_vfatal()", V),
        S("client.connection-timed-out", "timed out", @"^Connection to (?<remote>.+) timed out$", null, "packet.c:sshpkt_vfatal()", V),
        S("client.corrupted", "Corrupted MAC on input", @"Corrupted MAC on input", null, "packet.c:ssh_packet_read_poll2()", V),
        S("client.not-pq", "post-quantum key exchange", @"connection is not using a post-quantum key exchange algorithm", null, "sshconnect.c:warn_nonpq_kex()", "10.1–10.5"),
        S("client.remote-ignored-keys", "Remote: Ignored authorized keys", @"^Remote: Ignored authorized (?:keys|principals): (?<why>bad ownership or modes for (?:file|directory) (?<path>.+)|(?<path>.+) is not a regular file)$", AuthPublicKeyServerModes, "auth.c:auth_secure_path() → auth_debug_add(\"Ignored %s: %s\") (sshd's StrictModes, told to the client)", V),
        S("client.remote-debug", "Remote: ", @"^Remote: (?<text>.+)$", null, "auth.c:auth_debug_send() (text from sshd)", V),
        S("client.agent-socket", "ssh_get_authentication_socket", @"ssh_get_authentication_socket: (?<reason>.+)$", null, "sshconnect2.c:get_agent_identities()", V),
        S("client.unsupported-option", "Unsupported option", "^(?<file>.+?) line (?<line>\\d+): Unsupported option \"(?<option>[^\"]+)\"$", null, "readconf.c:process_config_line_depth()", V),
        S("client.command-line", "ssh", @"(?:^|[$#%>+] )ssh(?:\.exe)? (?<args>(?:-|[^\s@-][^\s@]*@).*)$", null, "the user's shell: the command as typed before ssh's output (a terminal paste, a CI trace)", "any"),
        S("client.git-remote", "git ", @"(?:^|[$#%>+] )git (?:clone|push|pull|fetch|ls-remote|remote add|remote set-url|submodule add) (?<args>.+)$", null, "the user's shell: a git command over ssh (scp-like user@host:path or ssh://user@host/) typed before its output", "any"),
        S("client.shell-not-found", "not found", @"^(?:/bin/)?(?:ba|da)?sh: (?:\d+: )?(?:line \d+: )?(?<cmd>\S+): (?:command )?not found$", null, "the ProxyCommand's shell", "any"),

        // ── config ──
        S("client.bad-config-option", "Bad configuration option", @"^(?<file>.+?): line (?<line>\d+): Bad configuration option: (?<option>\S+)$", ConfigBadOption, "readconf.c:process_config_line_depth()", V),
        S("client.terminating-bad-options", "bad configuration option", @"^(?<file>.+?): terminating, (?<count>\d+) bad configuration options?$", ConfigBadOption, "readconf.c:read_config_file_depth()", V),
        // readconf.c's complaints about a value ("FILE line N: Bad port 'abc'.", "command-line line 0: unsupported
        // option \"maybe\".") share this shape; debug lines of the same shape ("line 19: Applying options") do not start
        // with these words.
        S("client.bad-config-value", " line ", @"^(?<file>\S.*?) line (?<line>\d+): (?<problem>(?:Bad|bad|Unsupported|unsupported|Invalid|invalid|Missing|missing|no argument|Garbage|Too many|Multiple|Keyword|Unknown|unknown) .+?)\.?$", ConfigBadValue, "readconf.c:process_config_line_depth()", V),
        S("client.bad-port-argument", "Bad port '", @"^(?<problem>Bad port '.*')$", ConfigBadValue, "ssh.c:main()", V),
        S("client.bad-owner-permissions", "Bad owner or permissions on", @"^Bad owner or permissions on (?<file>.+)$", ConfigBadPermissions, "readconf.c:read_config_file_depth()", V),
        S("client.invalid-hostname", "hostname contains invalid characters", @"^hostname contains invalid characters$", ConfigInvalidName, "ssh.c:main() ssh_valid_hostname()", "9.6–10.5"),
        S("client.invalid-jump-name", "parse_jump: invalid ", "^parse_jump: invalid (?:hostname|username) \"(?<name>.*)\"$", ConfigInvalidName, "readconf.c:parse_jump()", "9.6–10.5"),
        S("client.invalid-username", "remote username contains invalid characters", @"^remote username contains invalid characters$", ConfigInvalidName, "ssh.c:main() ssh_valid_ruser()", "9.6–10.5"),
        S("client.no-such-identity", "no such identity", @"^no such identity: (?<file>.+?): (?<reason>.+)$", KeyNotFound, "sshconnect2.c:load_identity_file()", V),
        S("client.identity-not-accessible", "not accessible", @"^Warning: Identity file (?<file>.+) not accessible: (?<reason>.+?)\.?$", KeyNotFound, "ssh.c:main()", V),
        S("client.unprotected-key", "UNPROTECTED PRIVATE KEY FILE", @"WARNING: UNPROTECTED PRIVATE KEY FILE!", KeyPermissionsTooOpen, "authfile.c:sshkey_perm_ok()", V),
        S("client.permissions-too-open", "are too open", @"^Permissions (?:(?<mode>0?\d{3,4}) )?for '(?<file>.+)' are too open\.$", KeyPermissionsTooOpen, "authfile.c:sshkey_perm_ok() (Windows OpenSSH: no mode, the ACL decides)", V),
        // Win32-OpenSSH prints the same line for ssh's files and sshd's: a config file or a key is the client's, an
        // authorized_keys file never is (ServerSignatures reads that one as sshd's StrictModes refusal).
        S("client.windows-acl", "Try removing permissions for user", @"^Bad permissions\. Try removing permissions for user: (?<principal>.+?)(?: \((?<sid>S-[\d-]+)\))? on file (?<file>.*(?:[/\\]config|\.conf))\.?$", ConfigBadPermissions, "Win32-OpenSSH contrib/win32/win32compat/w32-sshfileperm.c:check_secure_file_permission()", "Windows 7.7–9.x"),
        S("client.windows-acl", "Try removing permissions for user", @"^Bad permissions\. Try removing permissions for user: (?<principal>.+?)(?: \((?<sid>S-[\d-]+)\))? on file (?<file>(?!.*authorized_keys2?\.?$).+?)\.?$", KeyPermissionsTooOpen, "Win32-OpenSSH contrib/win32/win32compat/w32-sshfileperm.c:check_secure_file_permission()", "Windows 7.7–9.x"),
        // A DSA key file OpenSSH no longer reads (10.0 removed DSA; 9.8+ builds leave it out): its name says what it is.
        S("client.load-key", "Load key \"", "^Load key \"(?<file>[^\"]*id_dsa[^\"/\\\\]*)\": (?<reason>invalid format|unknown or unsupported key type|key type not supported)$", KeyWeak, "sshconnect2.c:load_identity_file() (10.0+: sshkey.c has no DSA; SSH_ERR_KEY_TYPE_UNKNOWN for openssh-key-v1, SSH_ERR_INVALID_FORMAT for PEM)", "9.8–10.5"),
        S("client.load-key", "Load key \"", "^Load key \"(?<file>.+)\": (?<reason>invalid format|error in libcrypto|unknown or unsupported key type|Invalid key length|invalid key length|key type not supported)$", KeyInvalidFormat, "sshconnect2.c:load_identity_file() (sshkey_load_private_type: SSH_ERR_INVALID_FORMAT, SSH_ERR_LIBCRYPTO_ERROR…)", V),
        S("client.load-key", "Load key \"", "^Load key \"(?<file>.+)\": (?<reason>incorrect passphrase supplied to decrypt private key)$", KeyWrongPassphrase, "sshconnect2.c:load_identity_file() (SSH_ERR_KEY_WRONG_PASSPHRASE)", V),
        S("client.load-key", "Load key \"", "^Load key \"(?<file>.+)\": (?<reason>bad permissions)$", KeyPermissionsTooOpen, "sshconnect2.c:load_identity_file() (SSH_ERR_KEY_BAD_PERMISSIONS; Windows OpenSSH: the file's ACL)", V),
        S("client.load-key", "Error loading key \"", "^Error loading key \"(?<file>.+)\": (?<reason>invalid format|error in libcrypto|unknown or unsupported key type|incorrect passphrase supplied to decrypt private key)$", KeyInvalidFormat, "ssh-add.c:add_file()", V),
        S("client.load-key", "Load key \"", "^Load key \"(?<file>.+)\": (?<reason>.+)$", null, "sshconnect2.c:load_identity_file()", V),
        S("client.passphrase-failed", "passphrase given", @"(?:^|: )(?<reason>bad passphrase given, try again\.\.\.|no passphrase given, try next key)$", KeyWrongPassphrase, "sshconnect2.c:load_identity_file() (debug2)", V),
        S("client.passphrase-prompt", "Enter passphrase for key", @"^Enter passphrase for key '(?<file>[^']+)'[^:]*:\s*$", null, "sshconnect2.c:load_identity_file() (read_passphrase prompt; asked again after a wrong passphrase)", V),
        S("client.key-contents-mismatch", "contents do not match public", @"private key (?<file>.+) contents do not match public", KeyMismatch, "sshconnect2.c:load_identity_file()", "8.0–10.5"),

        // ── dns, tcp, banner ──
        S("client.resolve-failed", "Could not resolve host", "^(?:ssh: )?Could not resolve host(?:name (?<host>.+?): (?<reason>.+)| \"(?<host>[^\"]+)\")$", DnsUnresolved, "ssh.c:resolve_host()/resolve_canonicalize()", V),
        S("client.connect-failed", "connect to host ", @"^(?:ssh: )?connect to host (?<host>\S+) port (?<port>\S+): (?<reason>.+)$", null, "sshconnect.c:ssh_connect_direct()", V),
        // The same retyped by a person: the colons dropped ("ssh connect to host H port 22 connection refused").
        S("client.connect-failed", "connect to host ", @"^(?:ssh:? )?connect to host (?<host>\S+) port (?<port>\d+):? (?<reason>[Cc]onnection (?:refused|timed out|reset by peer)|[Nn]o route to host|[Nn]etwork is unreachable|[Oo]peration timed out)\.?$", null, "sshconnect.c:ssh_connect_direct() (retyped)", V),
        S("client.banner-timeout", "during banner exchange", @"^Connection timed out during banner exchange$", BannerTimeout, "kex.c:kex_exchange_identification()", V),
        S("client.ident-closed", "_exchange_identification: Connection closed by remote host", @"^(?:kex|ssh)_exchange_identification: Connection closed by remote host$", TcpResetBeforeBanner, "kex.c:kex_exchange_identification() (ssh_exchange_identification ≤7.9)", V),
        S("client.ident-read", "_exchange_identification: read:", @"^(?:kex|ssh)_exchange_identification: read: (?<reason>.+)$", TcpResetBeforeBanner, "kex.c:kex_exchange_identification()", V),
        S("client.ident-invalid", "kex_exchange_identification: banner line", @"^kex_exchange_identification: banner line (?:contains invalid characters|too long)$", BannerNotSsh, "kex.c:kex_exchange_identification()", "8.0–10.5"),
        S("client.bad-protocol-version", "Bad remote protocol version identification", @"^Bad remote protocol version identification: '(?<banner>.*)'$", BannerNotSsh, "kex.c:kex_exchange_identification()", V),
        S("client.protocol-major-differ", "Protocol major versions differ", @"^Protocol major versions differ: (?<ours>\d+) vs\. (?<theirs>\d+)$", BannerNotSsh, "kex.c:kex_exchange_identification()", V),
        S("client.banner-invalid-format", "banner exchange: Connection to", @"^banner exchange: Connection to (?<remote>.+?): (?<reason>invalid format|could not read protocol version)$", BannerNotSsh, "sshconnect.c:ssh_login() → sshpkt_fatal()", V),

        // ── kex ──
        S("client.unable-to-negotiate", "Unable to negotiate with", @"^Unable to negotiate with (?<remote>.+?): no matching (?<what>key exchange method|host key type|cipher|MAC|compression method) found\. ?Their offer: (?<offer>\S*)", null, "packet.c:sshpkt_vfatal()", V),
        S("client.unable-to-negotiate", "no matching ", @"^no matching (?<what>key exchange method|host key type|cipher|MAC|compression method) found\. ?Their offer: (?<offer>\S*)", null, "packet.c:sshpkt_vfatal() (the line without its 'Unable to negotiate with' head, as tools and people quote it)", V),
        S("client.bad-packet-length", "Bad packet length ", @"^Bad packet length (?<length>\d+)\.$", KexProtocolError, "packet.c:ssh_packet_read_poll2()", V),
        S("client.dispatch-fatal", "ssh_dispatch_run_fatal: Connection to ", @"^ssh_dispatch_run_fatal: Connection to (?<remote>.+?): (?<reason>incorrect signature|invalid elliptic curve value|incomplete message|invalid format|error in libcrypto)$", KexProtocolError, "packet.c:sshpkt_vfatal() via dispatch_run_fatal()", V),
        S("client.hostkey-not-permitted", "not in HostKeyAlgorithms", @"^Server host key (?<type>\S+) not in HostKeyAlgorithms$", KexNoCommonHostKey, "sshconnect2.c:verify_host_key_callback()", V),

        // ── hostkey ──
        S("client.hostkey-changed", "REMOTE HOST IDENTIFICATION HAS CHANGED", @"WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!", HostKeyChanged, "sshconnect.c:warn_changed_key()", V),
        S("client.hostkey-fingerprint-sent", "key sent by the remote host is", @"^The fingerprint for the (?<type>\S+) key sent by the remote host is$", null, "sshconnect.c:warn_changed_key()", V),
        S("client.offending-key", "Offending ", @"^Offending (?<type>\S+) key in (?<file>.+):(?<line>\d+)$", HostKeyChanged, "sshconnect.c:check_host_key()", V),
        S("client.offending-ip-key", "Offending key for IP in", @"^Offending key for IP in (?<file>.+):(?<line>\d+)$", DnsChanged, "sshconnect.c:check_host_key()", V),
        S("client.remove-with", "-R \"", "^ssh-keygen -f \"(?<file>[^\"]+)\" -R \"(?<host>[^\"]+)\"$", null, "Debian patch to sshconnect.c", "Debian/Ubuntu"),
        S("client.hostkey-changed-strict", "has changed and you have requested strict checking", @"^Host key for (?<host>.+) has changed and you have requested strict checking\.$", HostKeyChanged, "sshconnect.c:check_host_key()", V),
        S("client.hostkey-verification-failed", "Host key verification failed", @"^Host key verification failed\.$", null, "sshconnect2.c:verify_host_key_callback()", V),
        S("client.hostkey-unknown-strict", "host key is known for", @"^No (?<type>\S+) host key is known for (?<host>.+) and you have requested strict checking\.$", HostKeyUnknown, "sshconnect.c:check_host_key()", V),
        S("client.authenticity", "can't be established", @"^The authenticity of host '(?<host>.+?) \((?<ip>[^)]*)\)' can't be established", HostKeyUnknown, "sshconnect.c:check_host_key()", V),
        S("client.different-type-known", "keys of different type are already known", @"keys of different type are already known for this host", HostKeyTypeMismatch, "sshconnect.c:check_host_key()", V),
        S("client.key-fingerprint-is", "key fingerprint is", @"^(?<type>\S+) key fingerprint is:? (?<fp>\S+?)\.?$", null, "sshconnect.c:check_host_key()", V),
        S("client.hostkey-revoked", "REVOKED HOST KEY DETECTED", @"WARNING: REVOKED HOST KEY DETECTED!", HostKeyRevoked, "sshconnect.c:check_host_key()", V),
        S("client.hostkey-marked-revoked", "is marked as revoked", @"^The (?<type>\S+) host key for (?<host>.+) is marked as revoked\.$", HostKeyRevoked, "sshconnect.c:check_host_key()", V),
        S("client.hostkey-revoked-by-file", "revoked by file", @"^Host key (?<type>\S+) (?<fp>\S+) revoked by file (?<file>.+)$", HostKeyRevoked, "sshconnect.c:verify_host_key()", V),
        S("client.dns-spoofing", "POSSIBLE DNS SPOOFING DETECTED", @"WARNING: POSSIBLE DNS SPOOFING DETECTED!", DnsChanged, "sshconnect.c:check_host_key()", V),
        S("client.ip-key-differs", "differs from the key for the IP address", @"^Warning: the (?<type>\S+) host key for '(?<host>[^']+)' differs from the key for the IP address '(?<ip>[^']+)'$", DnsChanged, "sshconnect.c:check_host_key()", V),
        S("client.added-ip-key", "host key for IP address", @"^Warning: Permanently added the (?<type>\S+) host key for IP address '(?<ip>[^']+)' to the list of known hosts\.$", DnsChanged, "sshconnect.c:check_host_key()", V),
        S("client.mitm-disabled", "to avoid man-in-the-middle attacks", @"^(?<what>Password|Keyboard-interactive|Agent forwarding|X11 forwarding|Port forwarding|Tunnel forwarding) (?:authentication )?is disabled to avoid man-in-the-middle attacks\.$", HostKeyChanged, "sshconnect.c:check_host_key()", V),

        // ── auth ──
        S("client.permission-denied", "Permission denied (", @"^(?:(?<user>[^@\s]+)@(?<host>\S+?): )?Permission denied \((?<methods>[^)]*)\)\.?$", null, "sshconnect2.c:userauth()", V),
        S("client.permission-denied-retry", "Permission denied, please try again", @"^Permission denied, please try again\.$", null, "sshconnect2.c:userauth_passwd()", V),
        S("client.received-disconnect", "Received disconnect from", @"^Received disconnect from (?<ip>\S+?)(?: port (?<port>\d+))?: ?(?<code>\d+): (?<reason>.*?)(?: \[preauth\])?$", null, "packet.c:ssh_packet_read_poll_seqnr()", V),
        S("client.no-more-methods", "No more authentication methods to try", @"^No more authentication methods to try\.$", null, "sshconnect2.c:userauth()", V),
        S("client.no-supported-methods", "No supported authentication methods available", @"No supported authentication methods available(?: \(server sent: (?<methods>[^)]*)\))?", AuthNoSupportedMethods, "PuTTY/plink and other clients", "any"),
        S("client.sign-failed", "signing failed", "^sign_and_send_pubkey: signing failed(?: for (?<type>\\S+) \"(?<file>[^\"]+)\"(?<agent> from agent)?)?: (?<reason>.+)$", KeyAgentSignFailed, "sshconnect2.c:sign_and_send_pubkey()", V),
        S("client.agent-admitted-failure", "Agent admitted failure to sign", @"Agent admitted failure to sign using the key", KeyAgentSignFailed, "sshconnect2.c (≤7.x) / gnome-keyring", "≤7.x"),
        S("client.incorrect-signature-type", "returned incorrect signature type", @"key (?<type>\S+) (?<fp>\S+) returned incorrect signature type", KeySignatureAlgorithm, "sshconnect2.c:identity_sign()", "8.2–10.5"),
        S("client.no-mutual-signature", "no mutual signature ", @"no mutual signature (?:algorithm|supported)", KeySignatureAlgorithm, "sshconnect2.c:sign_and_send_pubkey() / send_pubkey_test()", "8.8–10.5"),

        // ── session ──
        S("client.no-home", "Could not chdir to home directory", @"^Could not chdir to home directory (?<path>.+?): (?<reason>.+)$", SessionNoHome, "session.c:do_child() (sshd, to the user's stderr)", V),
        S("client.account-unavailable", "account is currently not available", @"^This account is currently not available\.$", SessionShellDisabled, "/usr/sbin/nologin (util-linux/shadow)", "any"),
        S("client.sftp-only", "allows sftp connections only", @"^This service allows sftp connections only\.$", SessionShellDisabled, "sshd internal-sftp (session.c)", V),
        S("client.request-failed", " request failed on channel", @"^(?<what>shell|exec|subsystem|PTY allocation) request failed on channel (?<ch>\d+)$", null, "clientloop.c:client_status_confirm()", V),
        S("client.channel-open-failed", ": open failed: ", @"^channel (?<ch>\d+): open failed: (?<reason>.+)$", SessionChannelRefused, "channels.c:channel_input_open_failure()", V),
        // Windows OpenSSH cannot start the ProxyCommand's program (not on PATH, a .cmd without its extension):
        // w32fd.c prints CreateProcessW's error, then posix_spawnp's; an askpass that cannot start says "ssh_askpass: ".
        S("client.askpass-failed", "ssh_askpass: ", @"^ssh_askpass: (?<reason>.+)$", null, "readpass.c:ssh_askpass() (the passphrase dialog could not start: not a ProxyCommand)", V),
        S("client.createprocess-failed", "CreateProcessW failed", @"^(?:\S+, )?CreateProcessW failed error:(?<code>\d+)$", null, "Win32-OpenSSH contrib/win32/win32compat/w32fd.c:spawn_child_internal()", "Windows 8.x–9.x"),
        S("client.proxy-spawn-failed", "posix_spawn", @"^posix_spawnp?: (?<reason>.+)$", null, "sshconnect.c:ssh_proxy_connect() (Windows: posix_spawnp of the ProxyCommand)", "Windows 8.x–9.x"),
        // No agent to talk to: Windows' agent service disabled or stopped (no \\.\pipe\openssh-ssh-agent), or SSH_AUTH_SOCK unset or stale.
        S("client.agent-service", "unable to start ssh-agent service", @"^unable to start ssh-agent service, error ?:(?<code>\d+)$", KeyAgentNotRunning, "Win32-OpenSSH contrib/win32/win32compat/ssh-agent/agent.c (1058: the service is disabled)", "Windows 7.7–9.x"),
        S("client.agent-connect-failed", "Error connecting to agent", @"^Error connecting to agent: (?<reason>.+)$", KeyAgentNotRunning, "ssh-add.c:main()", V),
        S("client.agent-connect-failed", "Could not open a connection to your authentication agent", @"^Could not open a connection to your authentication agent\.$", KeyAgentNotRunning, "ssh-add.c:main() (SSH_ERR_AGENT_NOT_PRESENT: no SSH_AUTH_SOCK)", V),
        S("client.bad-stdio-forward", "Bad stdio forwarding specification", @"^Bad stdio forwarding specification '(?<problem>.*)'$", ConfigBadValue, "ssh.c:main() (-W, or the -W a ProxyJump hop runs with)", V),
        S("client.stdio-forwarding-failed", "stdio forwarding failed", @"^stdio forwarding failed$", JumpHopFailed, "ssh.c:ssh_stdio_confirm()", V),
        S("client.broken-pipe", "Broken pipe", @"^(?<tag>client_loop: send disconnect|Write failed|packet_write_wait: Connection to .+|client_loop: ssh_packet_write_poll: Connection to .+|ssh_packet_write_poll: Connection to .+): Broken pipe$", SessionBrokenPipe, "clientloop.c:client_loop() / packet.c", V),
        S("client.server-not-responding", "not responding", @"^Timeout, server (?<host>.+) not responding\.$", SessionBrokenPipe, "clientloop.c:server_alive_check()", V),
        S("client.closed-by-remote-host", "closed by remote host.", @"^Connection to (?<host>.+) closed by remote host\.$", null, "clientloop.c:client_process_net_input()", V),
        S("client.read-from-remote", "Read from remote host", @"^Read from remote host (?<host>.+?): (?<reason>.+)$", SessionBrokenPipe, "clientloop.c:client_process_net_input()", V),
    ];

    /// <summary>ssh's own shapes, then other clients' (<see cref="OtherClientSignatures"/>).</summary>
    public static IReadOnlyList<MessageSignature> All { get; } = [.. OpenSsh, .. OtherClientSignatures.All];

    private static MessageSignature S(string name, string anchor, string pattern, string? id, string emittedBy, string versions) =>
        new() { Name = name, Side = LogSide.Client, Anchor = anchor, Pattern = pattern, DiagnosisId = id, EmittedBy = emittedBy, Versions = versions };
}
