namespace SshDoctor.Diagnosis.Knowledge;

/// <summary>The catalogue in English: one entry per diagnosis id.</summary>
internal static class English
{
    public static IReadOnlyDictionary<string, KnowledgeText> Entries { get; } = new Dictionary<string, KnowledgeText>(StringComparer.Ordinal)
    {
        // ── config ──────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.ConfigBadOption] = new(
            "{file} line {line}: this ssh does not know the option {option}",
            "ssh stopped before connecting because its configuration contains a keyword the installed OpenSSH does not recognise (ssh prints it in lower case). "
            + "Usually it is a typo, an option introduced in a newer OpenSSH than the one installed (KnownHostsCommand, RequiredRSASize, ChannelTimeout and the like), or a server option from sshd_config pasted into ssh_config. "
            + "Compare the output of ssh -V with the release that introduced the option to tell a typo from a version gap.",
            [
                new FixText("Correct the spelling of {option} at {file} line {line}, or remove the line; then let ssh re-read the configuration", "ssh -G {host} > /dev/null"),
                new FixText("Check which OpenSSH is installed; upgrade it if {option} needs a newer release", "ssh -V"),
                new FixText("If the same file is shared with newer clients, put 'IgnoreUnknown {option}' above the first use so older clients skip it"),
            ]),

        [DiagnosisIds.ConfigBadPermissions] = new(
            "ssh refuses to read {file}: wrong owner or permissions",
            "ssh insists that ~/.ssh/config and every file it Includes belong to you (or root) and are not writable by group or others; otherwise it stops with 'Bad owner or permissions'. "
            + "This typically follows copying the file from another machine, unpacking an archive, or working with a umask of 002. "
            + "Debian and Ubuntu tolerate group write when the group contains only you; upstream OpenSSH and the RHEL family reject any group write.",
            [
                new FixText("Remove group and other access from {file}; ssh-doctor fix also gives it back to you when another account owns it (run as root for that) and tidies the rest of ~/.ssh, never making a mode looser", "chmod go-rwx {file}", Automatic: true),
                new FixText("If another account owns {file}, give it back to yourself", "sudo chown \"$(id -un)\" {file}"),
            ],
            OnWindows:
            [
                new FixText("Windows OpenSSH reads the file's access list instead of a mode: in PowerShell, drop the inherited entries of {file} and let only you, SYSTEM and Administrators reach it", "icacls {file} /inheritance:r /grant \"$($env:USERNAME):F\" /grant SYSTEM:F /grant Administrators:F"),
                new FixText("Show who can reach {file} now; the account the message named must be gone", "icacls {file}"),
            ]),

        [DiagnosisIds.ConfigIncludeLoop] = new(
            "{file} line {line}: Include {target} never ends: ssh stops with \"Too many recursive configuration includes\"",
            "An Include line names a file that is already being read (directly, through another file, or through a glob such as Include ~/.ssh/config.d/* that also matches the including file), or the Includes nest deeper than {depth} levels. "
            + "OpenSSH follows Includes up to {depth} levels and then stops before connecting, for every host, because the whole configuration is read first. "
            + "sshd stops the same way on such an sshd_config.",
            [
                new FixText("Open the Include line and make it name only files that do not include it back (a glob must not match the including file)", "grep -n -i '^[[:space:]]*include' {file}"),
                new FixText("Check that ssh reads the configuration again", "ssh -G localhost > /dev/null"),
            ]),

        [DiagnosisIds.ConfigInvalidName] = new(
            "ssh refuses the destination: its host or user name contains characters that are not allowed",
            "ssh checks the host name and the user name given on its command line (user@host, -l, -o User=, -J) before it reads any configuration, and stops with 'hostname contains invalid characters' or 'remote username contains invalid characters' when a name starts with '-' (it would be taken for an option) or holds characters a shell would interpret: quotes, `, ;, &, |, <, >, parentheses, braces or control characters, and in host names also $, spaces, commas or backslashes. "
            + "Such names would reach a shell through the %h and %r of ProxyCommand, LocalCommand or Match exec (CVE-2023-51385; checked since OpenSSH 9.6 and by distributions' security updates of older releases). "
            + "The doctor checks the names the same way and runs nothing with them; the evidence shows the name as it was given.",
            [
                new FixText("Check the name for a typo, a stray quote or a pasted space; a name taken from a script or another program's output may be malformed or hostile, so do not pass it on unchecked"),
                new FixText("See which host and user ssh resolves for a well-formed name (a Host alias in ~/.ssh/config can carry the real HostName and User)", "ssh -G {host} | grep -Ei '^(hostname|user) '"),
                new FixText("A user name that really holds such characters (some directory-service accounts) can be set with User in a Host block of ~/.ssh/config: ssh checks only the names given on its command line"),
            ]),

        [DiagnosisIds.ConfigBadValue] = new(
            "ssh refuses a setting of its configuration: {problem}",
            "ssh reads its whole configuration before it connects (the -o options, which it calls 'command-line line 0', then ~/.ssh/config with its Includes, then /etc/ssh/ssh_config) and stops at the first value it cannot use: a port outside 1 to 65535, an algorithm name this OpenSSH does not know (often one removed in a newer release, or a typo in a +/- list), a time or number in the wrong form, a yes/no option given another word, a keyword without its argument. "
            + "The keyword itself is known (unlike config.bad-option); its value is not. Nothing was sent to the server. "
            + "The message names the file and line to correct.",
            [
                new FixText("Correct the value at the file and line ssh names (for 'command-line line 0', the -o or -p option itself), then let ssh read the configuration again", "ssh -G {host} > /dev/null"),
                new FixText("List the algorithm names this ssh accepts, to compare with the value", "ssh -Q cipher; ssh -Q mac; ssh -Q kex; ssh -Q key"),
            ]),

        [DiagnosisIds.KeyNotFound] = new(
            "The identity file {key} does not exist or cannot be read",
            "An IdentityFile line or a -i option names a key file that is missing or unreadable, so ssh cannot offer that key and carries on with other keys, often ending in Permission denied. "
            + "Common reasons are a typo in the path, a key that was never copied to this machine, or a file that was renamed (for example saved as .pem). "
            + "The doctor lists the key files that do exist in ~/.ssh.",
            [
                new FixText("List the key files that exist in ~/.ssh", "ls -l ~/.ssh"),
                new FixText("See which identity files ssh resolves for this host, then fix the IdentityFile path or the -i argument", "ssh -G {host} | grep -i '^identityfile'"),
                new FixText("If the key only exists elsewhere, copy it here; or create a new key at that path and install its public half on the server", "ssh-keygen -t ed25519 -f {key}"),
            ]),

        // ── dns ─────────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.DnsUnresolved] = new(
            "The name {host} cannot be resolved to an address",
            "ssh could not turn the host name into an IP address, so no connection was attempted. "
            + "'Name or service not known' means the name does not exist as written: a typo, a missing DNS record, or a ~/.ssh/config alias without the right HostName. "
            + "'Temporary failure in name resolution' means no DNS server could be reached at all; names that exist only inside a company network fail the same way while the VPN is down.",
            [
                new FixText("Check what the name resolves to from this machine (getent also reads /etc/hosts)", "getent hosts {host}; dig +short {host}"),
                new FixText("Check whether {host} is an alias in ~/.ssh/config and which HostName ssh really uses", "ssh -G {host} | grep -i '^hostname'"),
                new FixText("If nothing resolves at all, check the resolver configuration and the network or VPN connection", "cat /etc/resolv.conf"),
            ]),

        [DiagnosisIds.DnsChanged] = new(
            "{host} now resolves to a different address than before",
            "The address the name points to today differs from the one seen last time (in the doctor's history or in known_hosts). "
            + "This is common for cloud instances that received a new public IP after a stop and start, and for DNS records that were not updated or are still cached. "
            + "A new address can also mean a different machine, so take any host key warning that follows seriously.",
            [
                new FixText("Compare the current address with the instance's address in the provider's console, then update the DNS record or HostName in ~/.ssh/config", "getent hosts {host}"),
                new FixText("If a local DNS cache holds the old address, flush it (systemd-resolved shown)", "resolvectl flush-caches"),
                new FixText("For a cloud instance, assign a static address (Elastic IP, reserved static IP) so it stops changing"),
            ]),

        // ── tcp ─────────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.TcpRefused] = new(
            "Connection refused: nothing accepts connections on {host} port {port}",
            "The machine at that address answered, but refused the TCP connection: nothing listens on that port, or a firewall rejects it with a reset. "
            + "Usual causes are an sshd that is stopped or failed to start, an sshd listening on another port (a Port line in sshd_config), a host firewall REJECT rule, or a fail2ban ban that rejects. "
            + "Since an answer came back, the address and the network path are most likely fine; look at the server.",
            [
                new FixText("On the server (console or another route), start sshd and enable it at boot; the unit is ssh on Debian/Ubuntu and sshd on RHEL/Fedora", "sudo systemctl enable --now ssh || sudo systemctl enable --now sshd"),
                new FixText("On the server, see which port sshd really listens on; if it is not {port}, connect with -p and that port", "sudo ss -tlnp | grep -i sshd"),
                new FixText("On the server, open the port in the host firewall (ufw shown; with firewalld: firewall-cmd --permanent --add-port={port}/tcp, then firewall-cmd --reload)", "sudo ufw allow {port}/tcp"),
                new FixText("On the server, check whether fail2ban has banned your address", "sudo fail2ban-client status sshd"),
            ]),

        [DiagnosisIds.TcpTimeout] = new(
            "Connection to {host} port {port} timed out: no answer at all",
            "The connection attempt got neither an acceptance nor a refusal, so the packets were silently dropped somewhere on the way. "
            + "Most often a cloud firewall (security group, NSG, VPC firewall rule) does not allow the port from your address, a host firewall drops it, the machine is off, or the address is wrong, for example a cloud instance whose public IP changed after a stop and start. "
            + "A network that requires a VPN, or one that blocks outgoing port 22, looks exactly the same.",
            [
                new FixText("Test from here whether the port answers within a few seconds", "nc -vz -w 5 {host} {port}"),
                new FixText("Check that the cloud firewall allows TCP {port} from your current public address (shown by this command)", "curl -s https://checkip.amazonaws.com"),
                new FixText("Confirm the address is still the right one; public IPs change on stop and start", "getent hosts {host}"),
                new FixText("See how far packets get", "traceroute {host}"),
            ]),

        [DiagnosisIds.TcpUnreachable] = new(
            "{host} cannot be reached: no route to the host or network",
            "The connection failed at once with 'No route to host' or 'Network is unreachable'. "
            + "'Network is unreachable' means this machine has no route to that address at all: no default route, an IPv6 address without IPv6 connectivity, or a VPN that is not connected. "
            + "'No route to host' usually means the host is down or silent on its local network, or a firewall rejects with an ICMP host-prohibited message (the default REJECT of firewalld and many iptables setups).",
            [
                new FixText("Check which route this machine would use for the address", "ip route get {ip}"),
                new FixText("If the address belongs to a private or company network, connect the VPN first"),
                new FixText("Check that the host is up (provider console, or ping from a machine on the same network)", "ping -c 3 {host}"),
                new FixText("On the server, look for firewall rules that reject with ICMP", "sudo iptables -S | grep -i reject"),
            ]),

        // ── banner ──────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.TcpResetBeforeBanner] = new(
            "{host} accepted the connection, then closed it before the SSH greeting",
            "TCP connected, but the server closed or reset the connection before sending its SSH banner, which means sshd or something in front of it turned this client away on purpose. "
            + "Typical causes are TCP wrappers (/etc/hosts.deny, still honoured by Debian and Ubuntu sshd), a fail2ban or sshguard ban, sshd throttling under MaxStartups or, from OpenSSH 9.8, PerSourcePenalties after repeated failed logins from your address, or a load balancer or port forward without a working backend. "
            + "With ssh -v, 'banner line 0: Not allowed at this time' or 'Exceeded MaxStartups' points to throttling; on the server, 'refused connect from', 'past MaxStartups' or 'penalty:' in the log names the cause.",
            [
                new FixText("On the server, check whether fail2ban has banned your address (unban with: fail2ban-client set sshd unbanip ADDRESS)", "sudo fail2ban-client status sshd"),
                new FixText("On the server, look for sshd or ALL entries in the TCP wrapper files", "grep -nE '^[^#]*(sshd|ALL)' /etc/hosts.allow /etc/hosts.deny"),
                new FixText("On the server, read the sshd log around the attempt", "sudo journalctl -u ssh -u sshd --since '15 min ago' --no-pager | grep -Ei 'refused connect|maxstartups|penalty'"),
                new FixText("If throttling is the cause, wait a minute before retrying and stop scripts that open many connections at once; trusted networks can go into PerSourcePenaltyExemptList on the server"),
            ]),

        [DiagnosisIds.BannerNotSsh] = new(
            "{host} port {port} does not speak SSH",
            "Something answered on that port, but its first bytes were not an SSH greeting (SSH-2.0-...), so ssh gave up with 'invalid format' or 'banner line contains invalid characters'. "
            + "The port belongs to another service (a web server, TLS, mail), a transparent or captive proxy intercepts the connection, or a port forward points to the wrong backend. "
            + "The first bytes received, shown with the evidence, usually reveal which protocol it is.",
            [
                new FixText("Look at what the port sends (an SSH server starts with SSH-2.0-)", "timeout 5 nc {host} {port} | head -c 200"),
                new FixText("On the server, find the port sshd really listens on and connect to that one", "sudo ss -tlnp | grep -i sshd"),
                new FixText("If a proxy or captive portal intercepts traffic on this network, log in to the portal or try from another network"),
            ]),

        [DiagnosisIds.BannerTimeout] = new(
            "{host} accepted the connection but never sent its SSH greeting",
            "The TCP connection was established, but no SSH banner arrived before the timeout. "
            + "Typical causes are an overloaded or stuck sshd (high load, memory pressure, a full MaxStartups queue), slow reverse DNS lookups because UseDNS is on, or a firewall, proxy or tarpit that accepts connections without passing them to sshd. "
            + "If a longer timeout lets the greeting through, the server is slow rather than blocked.",
            [
                new FixText("On the server, check the load and the sshd log around the attempt", "uptime; sudo journalctl -u ssh -u sshd -n 50 --no-pager"),
                new FixText("On the server, set UseDNS no in /etc/ssh/sshd_config, then check and reload sshd", "sudo sshd -t && (sudo systemctl reload ssh || sudo systemctl reload sshd)"),
                new FixText("Retry with a longer timeout to see whether the greeting is only slow", "ssh -v -o ConnectTimeout=60 -p {port} {user}@{host}"),
            ]),

        // ── kex ─────────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.KexNoCommonKex] = new(
            "No common key exchange method with {host}; the server offers only {offer}",
            "Client and server share no key exchange algorithm, so the connection stops before any authentication. "
            + "Almost always the server is an old sshd or network appliance that only knows SHA-1 Diffie-Hellman methods (diffie-hellman-group1-sha1, diffie-hellman-group14-sha1), which current OpenSSH no longer enables by default; less often the client's KexAlgorithms was narrowed, or a new client meets a server with a hardened or FIPS list. "
            + "Re-enabling a legacy method weakens the connection, so limit it to this one host and plan an upgrade of the server.",
            [
                new FixText("ssh-doctor fix adds, for this host only, to ~/.ssh/config: Host {host} / KexAlgorithms +{algorithm}, with a comment saying it is a legacy algorithm", Automatic: true),
                new FixText("Allow the server's method for this host only: add to ~/.ssh/config: Host {host} / KexAlgorithms +{algorithm} (test first with the command)", "ssh -o KexAlgorithms=+{algorithm} -p {port} {user}@{host}"),
                new FixText("Proper fix: upgrade OpenSSH or the appliance firmware on the server so it offers modern methods such as curve25519-sha256; on an OpenSSH server, check what it is configured to offer", "sudo sshd -T | grep -i '^kexalgorithms'"),
                new FixText("Make sure your own configuration does not restrict KexAlgorithms for this host", "ssh -G {host} | grep -i '^kexalgorithms'"),
            ]),

        [DiagnosisIds.KexNoCommonHostKey] = new(
            "No common host key type with {host}; the server offers only {offer}",
            "The server can only prove its identity with a host key type the client no longer accepts. "
            + "Typically it has just an RSA host key signed with SHA-1 (ssh-rsa), disabled by default since OpenSSH 8.8, or only a DSA key (ssh-dss), disabled since 7.0 and removed entirely in 10.0, so a DSA-only server needs an older client or a server upgrade. "
            + "A HostKeyAlgorithms setting that is too narrow in your own configuration produces the same error.",
            [
                new FixText("ssh-doctor fix adds, for this host only, to ~/.ssh/config: Host {host} / HostKeyAlgorithms +{algorithm}, with a comment saying it is a legacy algorithm", Automatic: true),
                new FixText("Allow the legacy type for this host only: add to ~/.ssh/config: Host {host} / HostKeyAlgorithms +{algorithm} (test first with the command)", "ssh -o HostKeyAlgorithms=+{algorithm} -p {port} {user}@{host}"),
                new FixText("If your login key is RSA too, also add PubkeyAcceptedAlgorithms +ssh-rsa to the same Host block", "ssh -o HostKeyAlgorithms=+{algorithm} -o PubkeyAcceptedAlgorithms=+ssh-rsa -p {port} {user}@{host}"),
                new FixText("On the server, generate the missing modern host keys (Ed25519) and upgrade OpenSSH; check that no HostKey line in sshd_config excludes them", "sudo ssh-keygen -A && (sudo systemctl reload ssh || sudo systemctl reload sshd)"),
            ]),

        [DiagnosisIds.KexNoCommonCipher] = new(
            "No common cipher with {host}; the server offers only {offer}",
            "The server only supports encryption ciphers the client has stopped offering, typically CBC-mode ciphers such as aes128-cbc or 3des-cbc on old switches, routers and appliances. "
            + "OpenSSH removed CBC ciphers from its default list in 7.6. "
            + "Enabling one for a single host works, but the session then uses weaker cryptography.",
            [
                new FixText("ssh-doctor fix adds, for this host only, to ~/.ssh/config: Host {host} / Ciphers +{algorithm}, with a comment saying it is a legacy algorithm", Automatic: true),
                new FixText("Allow the cipher for this host only: add to ~/.ssh/config: Host {host} / Ciphers +{algorithm} (test first with the command)", "ssh -o Ciphers=+{algorithm} -p {port} {user}@{host}"),
                new FixText("Proper fix: upgrade the server's SSH software or firmware so it supports aes128-ctr, aes256-gcm@openssh.com or chacha20-poly1305@openssh.com"),
            ]),

        [DiagnosisIds.KexNoCommonMac] = new(
            "No common MAC algorithm with {host}; the server offers only {offer}",
            "The server only offers message authentication codes the client no longer enables by default, such as hmac-md5 or hmac-sha1-96. "
            + "This happens with old sshd versions and embedded devices. "
            + "Enabling one for a single host works, but it weakens the integrity protection of that session.",
            [
                new FixText("ssh-doctor fix adds, for this host only, to ~/.ssh/config: Host {host} / MACs +{algorithm}, with a comment saying it is a legacy algorithm", Automatic: true),
                new FixText("Allow the MAC for this host only: add to ~/.ssh/config: Host {host} / MACs +{algorithm} (test first with the command)", "ssh -o MACs=+{algorithm} -p {port} {user}@{host}"),
                new FixText("Proper fix: upgrade the server's SSH software or firmware so it offers hmac-sha2-256 or hmac-sha2-512"),
            ]),

        [DiagnosisIds.KexInterrupted] = new(
            "{host} sent its SSH greeting, then broke off the connection before the login",
            "The server answered with an SSH identification line (its greeting), so sshd or another SSH server is there; then, during the key exchange or at the first authentication request, it closed or reset the connection or stopped answering, before any login was decided. "
            + "ssh shows only 'Connection closed by HOST port PORT' or 'Connection reset by ...' (or waits), after 'Remote protocol version ...' at -v. "
            + "Typical causes: sshd fails after accepting the connection (the per-connection process cannot load a host key, a broken Match block in sshd_config, a crashing PAM or crypto library; the server log then has a 'fatal:' line), a firewall, IPS or proxy that cuts connections once it sees SSH, or a path that drops large packets (a wrong MTU on a VPN or tunnel: the connection stalls right after the KEXINIT exchange, where the first large packets flow). "
            + "Unlike tcp.reset-before-banner, the server did speak SSH first.",
            [
                new FixText("On the server, read sshd's log around the attempt; a 'fatal:' or 'error:' line names what failed", "sudo journalctl -u ssh -u sshd --since '15 min ago' --no-pager | grep -Ei 'fatal|error|kex'"),
                new FixText("On the server, check the configuration and the host keys sshd loads", "sudo sshd -t && sudo sshd -T | grep -i '^hostkey'"),
                new FixText("If the connection stalls once the key exchange starts, try a lower MTU on the VPN or tunnel interface (for a test: sudo ip link set dev IFACE mtu 1200)"),
                new FixText("Connect from another network; if it works there, a firewall or proxy on this path interferes with SSH"),
            ]),

        [DiagnosisIds.KexProtocolError] = new(
            "{host} sent data that breaks the SSH protocol",
            "After its SSH greeting the server sent something no correct SSH server sends: a packet length beyond what SSH allows, a malformed message, an invalid key exchange value (such as a curve25519 point that makes the shared secret zero), a host key whose encoding does not add up, a signature over the key exchange that does not verify with the host key it presented, or an endless flood. "
            + "ssh stops with 'ssh_dispatch_run_fatal: Connection to HOST port PORT: ...', for example 'incorrect signature', 'invalid elliptic curve value', or 'message authentication code incorrect' after 'Bad packet length N.'. "
            + "Causes: a broken or unusual SSH implementation (an embedded device, a honeypot), memory or disk corruption on the server, a middlebox that rewrites the traffic, or a man-in-the-middle that cannot prove it holds the server's host key. "
            + "A signature that does not verify means the server did not prove who it is: do not trust or record this host key until the server has been checked.",
            [
                new FixText("Retry once with -v; if the same error comes back, it is not a passing network fault", "ssh -v -p {port} {user}@{host}"),
                new FixText("Connect from another network; if it works there, something on this path (a proxy, an IPS, a man-in-the-middle) rewrites SSH traffic"),
                new FixText("On the server, check which program listens on the port and that its SSH software is intact", "sudo ss -tlnp sport = :{port}"),
                new FixText("Update the server's SSH software or firmware, and report the error to its vendor if it persists"),
            ]),

        // ── hostkey ─────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.HostKeyChanged] = new(
            "The host key of {host} has changed since you last connected",
            "The server presented a host key that differs from the one recorded in known_hosts, and ssh refused to go on. "
            + "This is expected after a reinstall, a host key regeneration, or when the address or name now belongs to another machine, but it is also exactly what a man-in-the-middle attack looks like. "
            + "Do not remove the old entry until you have confirmed the new fingerprint through a separate trusted channel: the server's console, the cloud provider's boot log, or its administrator.",
            [
                new FixText("On the server's console (not over this connection), print its host key fingerprints and compare them with {fingerprint}", "for f in /etc/ssh/ssh_host_*_key.pub; do ssh-keygen -lf \"$f\"; done"),
                new FixText("Only if they match: remove the stale entries for {known_hosts_name} ({file}:{line}) exactly as ssh-keygen -R does, which keeps the previous file as known_hosts.old. ssh-doctor fix shows both fingerprints side by side and, once you type yes, also adds the key the probe verified", "ssh-keygen -R {known_hosts_name} -f {file}", Automatic: true),
                new FixText("Connect again and accept the key only if the fingerprint shown equals the one you confirmed", "ssh -p {port} {user}@{host}"),
            ]),

        [DiagnosisIds.HostKeyUnknown] = new(
            "The host key of {host} is not in known_hosts",
            "ssh has no recorded host key for this name. Where it is not allowed to ask (StrictHostKeyChecking yes, BatchMode, or no terminal: scripts, git, CI) it refuses to connect with 'Host key verification failed'; at a terminal it shows the fingerprint and asks whether to trust it. "
            + "This is typical for a first connection from CI, cron or a script, for a new server, or for a known server reached under another name or port (entries for ports other than 22 are stored as [host]:port). "
            + "Fetch the key and compare its fingerprint with one from a trusted source before adding it; turning host key checking off is not a fix.",
            [
                new FixText("Fetch the server's host keys into a file and show their fingerprints", "ssh-keyscan -p {port} {host} > known_hosts.new && ssh-keygen -lf known_hosts.new"),
                new FixText("After the fingerprints match those from the server's console or your provider, add that file to known_hosts", "cat known_hosts.new >> ~/.ssh/known_hosts"),
                new FixText("For an interactive first connection, connect once by hand and compare the fingerprint in the prompt before answering yes", "ssh -p {port} {user}@{host}"),
                new FixText("Or let ssh-doctor fix add the key the probe verified, after it shows the fingerprint and you type yes (or pass --expect-fingerprint with the fingerprint you confirmed)", Automatic: true),
            ]),

        [DiagnosisIds.HostKeyRevoked] = new(
            "The host key of {host} is marked as revoked",
            "The key this server presented matches an @revoked entry in known_hosts (or the RevokedHostKeys file), so someone decided deliberately that it must never be trusted again, usually because it leaked or the machine was retired. "
            + "ssh will not connect, and no option should be used to get around it. "
            + "Ask the server's administrator why the key was revoked and which key the server should present now.",
            [
                new FixText("Do not connect; ask the administrator which host key {host} should have now"),
                new FixText("Show the known_hosts entries for this host, including the revocation", "ssh-keygen -F {host}"),
            ]),

        [DiagnosisIds.HostKeyTypeMismatch] = new(
            "{host} presented a host key of a type not yet in known_hosts",
            "known_hosts holds a key for this host, but only of another type (say RSA) than the one the server used now (say ED25519). "
            + "OpenSSH treats this exactly like a changed key and prints the full 'REMOTE HOST IDENTIFICATION HAS CHANGED' warning, although the old key may still be valid: often the server just gained a new key type after an upgrade, or the client now prefers another type. "
            + "Verify the new key before trusting it, as with any host key change.",
            [
                new FixText("Fetch the fingerprints of all the server's host keys and compare the new type with the server's console", "ssh-keyscan -p {port} {host} 2>/dev/null | ssh-keygen -lf -"),
                new FixText("Once verified, remove the stored entries for {known_hosts_name} from {file} and accept the new key on the next connection", "ssh-keygen -R {known_hosts_name} -f {file}"),
                new FixText("Or keep using the type already trusted: add to ~/.ssh/config: Host {host} / HostKeyAlgorithms set to that type (for an RSA key: rsa-sha2-512,rsa-sha2-256)"),
            ]),

        // ── auth ────────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.AuthPublicKeyNotAuthorized] = new(
            "The server accepted none of the keys offered for {user}",
            "Every public key the client offered was refused, and the server never tells the client why. "
            + "Usually the matching public key is missing from that user's ~/.ssh/authorized_keys on the server, the client offered a different key than the one installed, or the key was added to another account. "
            + "Server-side problems look identical from the client (unsafe permissions on ~/.ssh, AllowUsers, PubkeyAcceptedAlgorithms), so the sshd log decides: look for 'Authentication refused' or 'not allowed because'. "
            + "With the default LogLevel INFO rejected keys leave no line at all; LogLevel VERBOSE adds 'Failed publickey for USER ... SHA256:...' with the fingerprint that was tried.",
            [
                new FixText("See which keys the client offers and compare their fingerprints with the lines in authorized_keys on the server", "ssh -v -p {port} {user}@{host} 2>&1 | grep -E 'Offering|Trying private key|Server accepts'"),
                new FixText("Install your public key for {user} (needs another working login such as a password; otherwise append the .pub line via the console)", "ssh-copy-id -i {key} -p {port} {user}@{host}"),
                new FixText("Make ssh offer the right key for this host: add to ~/.ssh/config: Host {host} / IdentityFile {key} / IdentitiesOnly yes (test with the command)", "ssh -o IdentitiesOnly=yes -i {key} -p {port} {user}@{host}"),
                new FixText("On the server, look for the reason in the sshd log", "sudo journalctl -u ssh -u sshd -n 200 --no-pager | grep -Ei 'authentication refused|failed publickey|not allowed'"),
            ]),

        [DiagnosisIds.AuthPublicKeyServerModes] = new(
            "sshd ignores {user}'s authorized_keys because of unsafe ownership or permissions",
            "With StrictModes (on by default) sshd refuses to use authorized_keys when the file, ~/.ssh or the home directory is writable by group or others or owned by another user, and logs 'Authentication refused: bad ownership or modes for file/directory ...'. "
            + "The client only sees Permission denied, as if the key were not installed. "
            + "Only the owner and the write bits matter, not read access; Debian and Ubuntu also accept group write when the group contains only that user.",
            [
                new FixText("On the server, for exactly the paths sshd refuses ({path}, and any other on the way to the home): give them back to {user} and remove group and other write access", "sudo chmod go-w {path}", Automatic: true),
                new FixText("On the server, show owner and mode of every directory on the path sshd complained about", "namei -l {path}"),
            ],
            OnWindows:
            [
                new FixText("On the Windows server, drop the inherited entries of {path} and let only SYSTEM, Administrators and {user} reach it (sshd's access-list check, not a mode)", "icacls {path} /inheritance:r /grant SYSTEM:F /grant Administrators:F /grant {user}:F"),
                new FixText("On the Windows server, show who can reach {path} now; the account sshd named must be gone", "icacls {path}"),
            ]),

        [DiagnosisIds.AuthPublicKeySelinux] = new(
            "SELinux prevents sshd from reading {user}'s authorized_keys",
            "On SELinux systems (RHEL, Fedora, Rocky, Alma) sshd may only read ~/.ssh files labelled ssh_home_t. "
            + "Files restored from a backup, moved with mv, or placed in an unusual home directory keep a wrong label, so sshd is denied (AVC entries in the audit log) and the key is ignored although the permissions look right. "
            + "The sshd log may show 'Could not open user ... authorized keys ...: Permission denied'.",
            [
                new FixText("On the server, restore the default SELinux labels", "sudo restorecon -R -v ~{user}/.ssh", Automatic: true),
                new FixText("On the server, confirm the denial in the audit log", "sudo ausearch -m AVC -ts recent"),
                new FixText("If home directories live outside /home, declare that tree equivalent to /home (semanage fcontext -a -e /home DIR) and run restorecon again"),
            ]),

        [DiagnosisIds.AuthPublicKeyKeysCommandMissing] = new(
            "sshd cannot check its AuthorizedKeysCommand {path}, so it never runs it",
            "sshd_config names a program (AuthorizedKeysCommand, or AuthorizedPrincipalsCommand for certificates) that sshd runs to look up a user's keys, for example sss_ssh_authorizedkeys for keys kept in LDAP or FreeIPA. "
            + "Before running it sshd checks the file, and when that check fails (the package is not installed, the path is misspelt, or the user the command runs as cannot reach it) sshd logs 'Could not stat AuthorizedKeysCommand ...' and skips the command: "
            + "every key that only the command knows is refused, although the user and the key are fine. Keys in authorized_keys files still work.",
            [
                new FixText("On the server, check the program sshd names", "ls -l {path}"),
                new FixText("On the server, see which commands sshd is configured with", "sudo sshd -T | grep -iE '^authorized(keys|principals)command'"),
                new FixText("Install the package that provides the program (sss_ssh_authorizedkeys comes with SSSD) or correct the path in sshd_config, then reload sshd", "sudo sshd -t && (sudo systemctl reload ssh || sudo systemctl reload sshd)"),
            ]),

        [DiagnosisIds.AuthPublicKeyDisabled] = new(
            "{host} does not accept public key authentication",
            "The methods the server allows do not include publickey, so no key is even tried. "
            + "sshd_config sets PubkeyAuthentication no, globally or in a Match block for this user, group or address. "
            + "Either log in with a method the server does allow, or have an administrator enable public keys.",
            [
                new FixText("On the server, find where public keys are switched off, including Match blocks and sshd_config.d", "sudo grep -rniE 'PubkeyAuthentication|^[[:space:]]*Match' /etc/ssh/sshd_config /etc/ssh/sshd_config.d/"),
                new FixText("On the server, set PubkeyAuthentication yes there, then check and reload sshd", "sudo sshd -t && (sudo systemctl reload ssh || sudo systemctl reload sshd)"),
                new FixText("Meanwhile, log in with a method the server lists, for example a password", "ssh -o PreferredAuthentications=password,keyboard-interactive -p {port} {user}@{host}"),
            ]),

        [DiagnosisIds.AuthHostbasedNotAuthorized] = new(
            "The server refused host-based authentication for {user}",
            "Host-based authentication trusts the client machine rather than a key of the user: the client signs with its host key (through ssh-keysign), and sshd accepts that only when the client host is listed in /etc/ssh/shosts.equiv or /etc/hosts.equiv (or the user's ~/.shosts when IgnoreRhosts is no), "
            + "its host key is in /etc/ssh/ssh_known_hosts, and the name it sends is the name its address resolves to (unless HostbasedUsesNameFromPacketOnly yes). "
            + "sshd logged 'Failed hostbased' with the client user and host it was given: one of these did not hold. At the default LogLevel sshd writes this line only after half of MaxAuthTries failed, so the client tried more than once.",
            [
                new FixText("On the server, check that the client host named in the line is listed as trusted", "sudo grep -n . /etc/ssh/shosts.equiv /etc/hosts.equiv"),
                new FixText("On the server, add the client host's public host key to the system-wide known hosts (CLIENT-HOST as the line names it)", "ssh-keyscan CLIENT-HOST | sudo tee -a /etc/ssh/ssh_known_hosts"),
                new FixText("On the server, check the host-based settings; a 'userauth_hostbased mismatch' line means the name the client sends is not its address' name", "sudo sshd -T | grep -iE '^(hostbasedauthentication|hostbasedacceptedalgorithms|hostbasedusesnamefrompacketonly|ignorerhosts)'"),
            ]),

        [DiagnosisIds.AuthWrongUser] = new(
            "The account {user} does not exist on {host}",
            "sshd logged 'Invalid user' for this name: there is no such account on the server, so every key and password fails with Permission denied. "
            + "The usual mistake is the login name itself: ssh sends your local user name unless told otherwise, and cloud images have a fixed default user (ec2-user, ubuntu, admin, centos, rocky, fedora, bitnami...). "
            + "The client cannot tell this apart from a wrong key or password; only the server log proves it.",
            [
                new FixText("Check which user name ssh sends for this host", "ssh -G {host} | grep -i '^user '"),
                new FixText("Connect with the right login name (ssh NAME@{host}), and record it once in ~/.ssh/config: Host {host} / User NAME"),
                new FixText("On the server, check whether the account exists", "getent passwd {user}"),
            ]),

        [DiagnosisIds.AuthNotAllowed] = new(
            "sshd's access rules do not let {user} log in",
            "The account exists, but sshd rejected it before looking at any credentials: the user or all of their groups are excluded by AllowUsers, AllowGroups, DenyUsers or DenyGroups, or the account's login shell is missing or not executable. "
            + "The client only sees Permission denied; the server log line 'User ... not allowed because ...' names the rule. "
            + "The directive may sit in a Match block or in a file under /etc/ssh/sshd_config.d/.",
            [
                new FixText("On the server, find the access directives and Match blocks", "sudo grep -rniE '^[[:space:]]*(AllowUsers|AllowGroups|DenyUsers|DenyGroups|Match)' /etc/ssh/sshd_config /etc/ssh/sshd_config.d/"),
                new FixText("On the server, show the rules that apply to {user} connecting from {ip}", "sudo sshd -T -C user={user},host={ip},addr={ip} | grep -Ei '^(allow|deny)(users|groups)'"),
                new FixText("Adjust the directive so that {user} is allowed, then check and reload sshd", "sudo sshd -t && (sudo systemctl reload ssh || sudo systemctl reload sshd)"),
                new FixText("If the log says the shell does not exist or is not executable, give the account a valid shell", "sudo chsh -s /bin/bash {user}"),
            ]),

        [DiagnosisIds.AuthRootRefused] = new(
            "sshd does not allow root to log in this way",
            "PermitRootLogin forbids this login: 'no' refuses root entirely, and the default 'prohibit-password' accepts root only with a key. "
            + "Under prohibit-password even the correct root password is treated as wrong, so the log shows 'Failed password for root' rather than 'ROOT LOGIN REFUSED'. "
            + "Logging in as a normal user and using sudo is the usual practice.",
            [
                new FixText("Log in as an ordinary account and switch to root with sudo -i"),
                new FixText("On the server, see the effective PermitRootLogin value", "sudo sshd -T | grep -i '^permitrootlogin'"),
                new FixText("If root really needs direct access, use a key: put it in /root/.ssh/authorized_keys, keep PermitRootLogin prohibit-password, then check and reload sshd", "sudo sshd -t && (sudo systemctl reload ssh || sudo systemctl reload sshd)"),
            ]),

        [DiagnosisIds.AuthPasswordWrong] = new(
            "The password for {user}@{host} was not accepted",
            "The server accepts passwords but rejected this one. "
            + "Apart from a typo, Caps Lock or the keyboard layout, the user name may be wrong (an unknown user fails the same way), the account may be locked or expired, or it is root under PermitRootLogin prohibit-password, where even the right password fails. "
            + "The server log ('Failed password for ...', 'Invalid user', PAM messages) tells these apart.",
            [
                new FixText("Check the user name ssh sends, then retry carefully", "ssh -G {host} | grep -i '^user '"),
                new FixText("On the server, check whether the account is locked or its password expired", "sudo passwd -S {user}; sudo chage -l {user}"),
                new FixText("Reset the password as an administrator or from the console", "sudo passwd {user}"),
                new FixText("On the server, read the log lines for this attempt", "sudo journalctl -u ssh -u sshd -n 100 --no-pager | grep -Ei 'failed password|invalid user|pam'"),
            ]),

        [DiagnosisIds.AuthPasswordDisabled] = new(
            "{host} does not accept passwords; it expects a key",
            "The methods the server offers include neither password nor keyboard-interactive, so no password prompt appears and the login ends in 'Permission denied (publickey)'. "
            + "Many distributions and most cloud images ship with PasswordAuthentication no. "
            + "Setting up a key is the safer way forward; an administrator can also allow passwords.",
            [
                new FixText("Create a key pair if you have none", "ssh-keygen -t ed25519"),
                new FixText("Get the public key onto the server by a route that works (console, the provider's key injection, an administrator); ssh-copy-id needs a password login and will not work here", "cat ~/.ssh/id_ed25519.pub"),
                new FixText("Or, on the server, set PasswordAuthentication yes; the first occurrence wins, and files in sshd_config.d are read first, so find every one", "sudo grep -rni 'PasswordAuthentication' /etc/ssh/sshd_config /etc/ssh/sshd_config.d/"),
            ]),

        [DiagnosisIds.AuthNoSupportedMethods] = new(
            "The client has no authentication method the server accepts",
            "The server named the methods it accepts (often publickey only), and the client could use none of them: no key is loaded or configured, or the client does not support that method. "
            + "This message comes from PuTTY and other clients rather than from OpenSSH. "
            + "In the server's log the client says so as it disconnects (code 14 'No supported authentication methods available', or JSch's 'Auth fail'), and at sshd's default LogLevel a key it refused before may not be logged at all. "
            + "Give the client the private key whose public half is installed on the server.",
            [
                new FixText("Load the key into the agent (Pageant for PuTTY) or point the client at it", "ssh-add {key}"),
                new FixText("PuTTY needs the key in .ppk format: convert an OpenSSH key with puttygen", "puttygen {key} -o {key}.ppk"),
                new FixText("If the server has none of your public keys yet, install one through the console or an administrator", "cat {key}.pub"),
            ]),

        [DiagnosisIds.AuthTooManyFailures] = new(
            "Too many authentication failures: the client offered too many keys",
            "sshd counts every refused key against MaxAuthTries (6 by default) and disconnects when the limit is reached, often before the right key or the password prompt comes up. "
            + "The usual cause is an ssh-agent holding many keys: the client offers all of them, plus the default key files. "
            + "Telling ssh which key belongs to this host, and to offer only that one, solves it.",
            [
                new FixText("Pin the key for this host in ~/.ssh/config: Host {host} / IdentityFile {key} / IdentitiesOnly yes (ssh-doctor fix uses the key the server accepted, or the one you name with -i, never a guess)", Automatic: true),
                new FixText("For a single connection, offer only that key", "ssh -o IdentitiesOnly=yes -i {key} -p {port} {user}@{host}"),
                new FixText("Empty the agent and load only the key you need (ssh-add -l shows how many it holds)", "ssh-add -D && ssh-add {key}"),
                new FixText("If you log in with a password on this host, skip keys entirely", "ssh -o PubkeyAuthentication=no -p {port} {user}@{host}"),
            ]),

        // ── key ─────────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.KeyPermissionsTooOpen] = new(
            "ssh ignores the private key {key}: its permissions are too open",
            "ssh refuses a private key file you own when any group or other permission bit is set ('UNPROTECTED PRIVATE KEY FILE', 'bad permissions'), skips it, and usually ends with Permission denied. "
            + "This happens after copying keys from Windows or a USB stick, unpacking an archive, or keeping them on a shared mount. "
            + "Mode 600 (or 400) is required; the .pub file and known_hosts may stay readable.",
            [
                new FixText("Make the key readable only by you; ssh-doctor fix also tidies ~/.ssh (directory 700, config 600, public keys and known_hosts 644), never making a mode looser", "chmod go-rwx {key}", Automatic: true),
                new FixText("Tidy the rest of ~/.ssh: directory 700, config 600, public keys and known_hosts 644", "chmod 700 ~/.ssh; chmod 600 ~/.ssh/config; chmod 644 ~/.ssh/*.pub ~/.ssh/known_hosts"),
                new FixText("If the key lives on a file system without Unix permissions (NTFS, FAT, some WSL mounts), copy it into ~/.ssh with mode 600", "install -m 600 {key} ~/.ssh/"),
            ],
            OnWindows:
            [
                new FixText("Windows OpenSSH reads the key's access list instead of a mode: in PowerShell, drop the inherited entries of {key} and let only you, SYSTEM and Administrators reach it", "icacls {key} /inheritance:r /grant \"$($env:USERNAME):F\" /grant SYSTEM:F /grant Administrators:F"),
                new FixText("Show who can reach {key} now; the account the message named must be gone", "icacls {key}"),
            ]),

        [DiagnosisIds.KeyAgentSignFailed] = new(
            "The agent refused to sign with the key {key}",
            "The server would accept the key, but the ssh-agent did not produce the signature ('agent refused operation', 'Agent admitted failure to sign'). "
            + "Common reasons: the key was added with confirmation (ssh-add -c) and no ssh-askpass can ask you, a FIDO or smartcard key is absent or was not touched, the agent is locked (ssh-add -X unlocks it), or a third-party agent (gpg-agent, gnome-keyring, a password manager) refuses the key or its algorithm. "
            + "A damaged key held by the agent has the same effect.",
            [
                new FixText("Reload the key into the agent", "ssh-add -D && ssh-add {key}"),
                new FixText("Bypass the agent once to see whether the key file itself works", "ssh -o IdentityAgent=none -o IdentitiesOnly=yes -i {key} -p {port} {user}@{host}"),
                new FixText("For a FIDO or smartcard key, plug in the token and touch it when it blinks; for keys added with ssh-add -c, install ssh-askpass"),
                new FixText("If the key is broken, create a new one and install it on the server", "ssh-keygen -t ed25519 && ssh-copy-id -i ~/.ssh/id_ed25519.pub -p {port} {user}@{host}"),
            ]),

        [DiagnosisIds.KeySignatureAlgorithm] = new(
            "The server refuses RSA signatures made with SHA-1 (ssh-rsa)",
            "The client signs with its RSA key using the old ssh-rsa (SHA-1) algorithm, which OpenSSH servers no longer accept by default since 8.8; the server logs 'signature algorithm ssh-rsa not in PubkeyAcceptedAlgorithms'. "
            + "The key itself is fine: the client or library making the connection (an old OpenSSH, an IDE's built-in SSH, an old JSch or paramiko) cannot sign with rsa-sha2-256/512. "
            + "Upgrading the client, or switching to an Ed25519 key, fixes it without weakening the server.",
            [
                new FixText("Upgrade the SSH client or library that makes the connection; check the version of the OpenSSH client", "ssh -V"),
                new FixText("Use an Ed25519 key instead and install it on the server", "ssh-keygen -t ed25519 && ssh-copy-id -i ~/.ssh/id_ed25519.pub -p {port} {user}@{host}"),
                new FixText("Last resort, on the server: accept ssh-rsa for this user only (Match User {user} / PubkeyAcceptedAlgorithms +ssh-rsa in sshd_config), then check and reload sshd", "sudo sshd -t && (sudo systemctl reload ssh || sudo systemctl reload sshd)"),
            ]),

        [DiagnosisIds.KeyWeak] = new(
            "The key {key} is too weak for current servers",
            "This is a DSA key, or an RSA key shorter than 2048 bits. "
            + "DSA has been disabled by default since OpenSSH 7.0 and removed in 10.0; servers refuse RSA keys below RequiredRSASize (1024 bits by default since 9.1), and many policies demand more. "
            + "Replace it with an Ed25519 key.",
            [
                new FixText("Create an Ed25519 key", "ssh-keygen -t ed25519"),
                new FixText("Install its public half on each server that accepted the old key", "ssh-copy-id -i ~/.ssh/id_ed25519.pub -p {port} {user}@{host}"),
                new FixText("Once the new key works, remove the old public key from authorized_keys on those servers and retire {key}"),
            ]),

        [DiagnosisIds.KeyMismatch] = new(
            "{key}.pub is not the public half of {key}",
            "The .pub file next to the private key contains a different key, typically because it was overwritten or copied from another machine. "
            + "ssh and ssh-copy-id take the public key from that file, so the wrong key gets offered or installed, and the server may accept a key the client cannot sign for. "
            + "Regenerating the .pub from the private key fixes it.",
            [
                new FixText("Regenerate the public key from the private key (ssh-doctor fix keeps the old .pub in its backup, for undo)", "ssh-keygen -y -f {key} > {key}.pub", Automatic: true),
                new FixText("Show the corrected fingerprint and check that the server's authorized_keys holds this key", "ssh-keygen -lf {key}.pub"),
            ]),

        [DiagnosisIds.KeyAgentUnusable] = new(
            "The ssh-agent at {agent} does not answer like an agent",
            "An agent is configured (SSH_AUTH_SOCK or IdentityAgent), but asking it for its keys gave no usable answer: a reply larger than OpenSSH accepts (256 KiB), more keys than it accepts (2048), a malformed or refused reply, or no reply at all. "
            + "ssh then carries on without the agent's keys, which ends in Permission denied when the key the server accepts lives only in the agent; an agent that never answers makes ssh hang before it offers any key. "
            + "Typical causes: a stale SSH_AUTH_SOCK that points to another program's socket, an agent forwarded from a connection that is gone, a hung agent process, or a third-party agent (gpg-agent, a password manager) in a bad state.",
            [
                new FixText("List what the agent holds; an error or a hang confirms the problem", "env SSH_AUTH_SOCK={agent} timeout 5 ssh-add -l"),
                new FixText("Bypass the agent once to see whether your key files work without it", "ssh -o IdentityAgent=none -p {port} {user}@{host}"),
                new FixText("Start a new agent (or unset SSH_AUTH_SOCK if it points to the wrong program) and add your keys again", "eval \"$(ssh-agent -s)\" && ssh-add"),
            ]),

        [DiagnosisIds.KeyAgentNotRunning] = new(
            "No ssh-agent is running for this session",
            "ssh-add (or ssh) found no agent to talk to: on Windows the OpenSSH Authentication Agent service is disabled or stopped, so its pipe \\\\.\\pipe\\openssh-ssh-agent does not exist ('unable to start ssh-agent service, error :1058' means disabled); elsewhere SSH_AUTH_SOCK is unset or names a socket no agent listens on. "
            + "Keys that live only in the agent are then never offered, and a login that needs them ends in Permission denied. "
            + "Git, VS Code and CI jobs often run without the variables of the shell where the agent was started.",
            [
                new FixText("Windows: enable and start the agent service (PowerShell as administrator), then add the key with ssh-add", "Get-Service ssh-agent | Set-Service -StartupType Automatic; Start-Service ssh-agent"),
                new FixText("Linux, macOS: start an agent in this shell and add your keys", "eval \"$(ssh-agent -s)\" && ssh-add"),
                new FixText("Check that the agent answers and holds the key", "ssh-add -l"),
            ]),

        [DiagnosisIds.KeyInvalidFormat] = new(
            "ssh cannot read the private key {key}",
            "ssh could not load the file as a private key ('invalid format', 'error in libcrypto'), so it offered nothing from it, and the login usually ends in Permission denied. "
            + "Common causes: the file is the public key (.pub) or a certificate, a PuTTY .ppk file, a key saved with Windows line ends (CR LF) or without its last line break, a damaged BEGIN/END line, or a key cut short when it was copied or pasted. "
            + "ssh-keygen -y reads the file the same way and says whether it is a usable key.",
            [
                new FixText("See what the file holds: a private key starts with -----BEGIN OPENSSH PRIVATE KEY----- (or BEGIN RSA/EC PRIVATE KEY), a PuTTY key with PuTTY-User-Key-File", "head -n 1 {key}"),
                new FixText("Check that ssh can read it: this prints its public key, or the same error", "ssh-keygen -y -f {key}"),
                new FixText("A key copied from Windows: remove the CR line ends (a copy is kept as .bak)", "sed -i.bak 's/\\r$//' {key}"),
                new FixText("A PuTTY key: convert it to OpenSSH's format", "puttygen {key} -O private-openssh -o {key}.openssh"),
            ]),

        [DiagnosisIds.KeyWrongPassphrase] = new(
            "The passphrase for {key} was wrong, so ssh could not use the key",
            "The key file is encrypted and the passphrase given did not decrypt it ('bad passphrase given', 'incorrect passphrase supplied to decrypt private key'); without a terminal, or in BatchMode, ssh cannot ask at all ('no passphrase given'). "
            + "ssh then skips the key: even when the server accepts the public key, no signature follows and the login ends in Permission denied. "
            + "Nothing is wrong on the server.",
            [
                new FixText("Test the passphrase: this asks for it and prints the public key when it is right", "ssh-keygen -y -f {key}"),
                new FixText("Load the key into the agent once, so ssh and the tools that run it (git, scripts) need not ask", "ssh-add {key}"),
                new FixText("A lost passphrase cannot be recovered: make a new key and install its public half on the server", "ssh-keygen -t ed25519"),
            ]),

        // ── session ─────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.SessionNoHome] = new(
            "{user}'s home directory does not exist on the server",
            "Login succeeded, but the server could not change into the home directory ('Could not chdir to home directory'), so the session starts in / without the user's files. "
            + "The account was created without a home (useradd without -m), or the home lives on NFS, autofs or an encrypted volume that is not mounted. "
            + "Key logins can fail for the same reason, since authorized_keys is kept there.",
            [
                new FixText("On the server, create the home directory the passwd entry names, from /etc/skel, owned by {user}, mode 0700", "sudo install -d -m 0700 -o {user} -g {user} {home} && sudo cp -a /etc/skel/. {home} && sudo chown -R {user}:{user} {home} && sudo chmod 0700 {home}", Automatic: true),
                new FixText("If homes come from NFS or autofs, check that the mounts are there", "findmnt -t nfs,nfs4,autofs"),
                new FixText("To create homes automatically at first login, enable pam_mkhomedir (or run mkhomedir_helper {user} once)"),
            ]),

        [DiagnosisIds.SessionShellDisabled] = new(
            "{user} has no interactive shell on the server",
            "Authentication worked, but the account's login shell is /usr/sbin/nologin or /bin/false, so the session ends at once ('This account is currently not available.' or just a closed connection). "
            + "That is normal for service accounts; a ForceCommand (for example internal-sftp for SFTP-only users) has a similar effect. "
            + "If the account is meant for interactive use, give it a real shell.",
            [
                new FixText("On the server, see which shell the account has", "getent passwd {user} | cut -d: -f7"),
                new FixText("If the user should log in interactively, set a real shell", "sudo chsh -s /bin/bash {user}"),
                new FixText("On the server, check for a ForceCommand that applies to the user", "sudo grep -rniE 'ForceCommand|^[[:space:]]*Match' /etc/ssh/sshd_config /etc/ssh/sshd_config.d/"),
            ]),

        [DiagnosisIds.SessionBrokenPipe] = new(
            "The connection to {host} dropped during the session (broken pipe)",
            "The session was running when the TCP connection died, most often because it sat idle and a NAT router, firewall or load balancer forgot it; a Wi-Fi or VPN change, sleep, or a server reboot has the same effect. "
            + "ssh only notices when it next writes, hence 'Broken pipe' or 'Connection reset'. "
            + "Keepalive messages every minute keep idle connections open and detect a real loss sooner.",
            [
                new FixText("Send keepalives to this host: ssh-doctor fix adds to ~/.ssh/config: Host {host} / ServerAliveInterval 30 / ServerAliveCountMax 3", Automatic: true),
                new FixText("For a single connection", "ssh -o ServerAliveInterval=30 -o ServerAliveCountMax=3 -p {port} {user}@{host}"),
                new FixText("On the server, ClientAliveInterval 60 in sshd_config does the same for every client; then check and reload sshd", "sudo sshd -t && (sudo systemctl reload ssh || sudo systemctl reload sshd)"),
                new FixText("Run long jobs inside tmux or screen so they survive a dropped connection"),
            ]),

        [DiagnosisIds.SessionChannelRefused] = new(
            "The server refused the forwarding or channel you asked for",
            "You are logged in, but the server would not open the channel. "
            + "'administratively prohibited' means a rule forbids it: AllowTcpForwarding no, DisableForwarding, PermitOpen, or options such as restrict, no-port-forwarding or permitopen= on the key's line in authorized_keys. "
            + "'connect failed' means the server tried but could not reach the target itself; the text after it says why.",
            [
                new FixText("On the server, check the forwarding settings (Match blocks can change them per user)", "sudo sshd -T | grep -Ei '^(allowtcpforwarding|disableforwarding|permitopen)'"),
                new FixText("On the server, check the options on your key's line in authorized_keys", "grep -nE 'restrict|no-port-forwarding|permitopen' ~{user}/.ssh/authorized_keys"),
                new FixText("For 'connect failed', test from the server whether it reaches the forwarding target (nc -vz TARGET PORT)"),
            ]),

        [DiagnosisIds.SessionTimeout] = new(
            "Logged in to {host}, but the command did not finish within {timeout} s",
            "Authentication succeeded, but the session did not complete in time: the server did not open the session channel, or the command (diagnose runs 'true') neither finished nor failed before the deadline. "
            + "ssh hangs at the same point, after 'Authenticated to ...'. "
            + "Typical causes: a login script that waits for input or touches a slow network mount (~/.bashrc, ~/.profile, /etc/profile.d), a home directory on an unresponsive NFS server, PAM session modules or systemd-logind waiting, a ForceCommand that never returns, or an overloaded server.",
            [
                new FixText("Run the command with -v and see where it stops", "ssh -v -p {port} {user}@{host} true"),
                new FixText("On the server, look for login scripts that wait for input or touch slow mounts", "grep -nE 'read |mount|nfs|sleep' ~{user}/.bashrc ~{user}/.profile /etc/profile.d/*.sh"),
                new FixText("On the server, read the log around the login for PAM or session errors", "sudo journalctl --since '15 min ago' --no-pager | grep -Ei 'pam|session|logind'"),
                new FixText("If the server is merely slow, retry with a longer --timeout"),
            ]),

        // ── jump ────────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.JumpHopFailed] = new(
            "The connection through the jump host {hop} failed",
            "With ProxyJump (-J) ssh first logs in to the jump host and asks it to open a channel to the target; lines mentioning 'UNKNOWN port 65535' belong to the outer connection, and the real error is in the inner hop's lines. "
            + "Either the jump host itself failed (any other diagnosis, applied to the jump host), or it could not reach the target ('open failed: connect failed: ...'), or it forbids forwarding ('administratively prohibited', AllowTcpForwarding no). "
            + "Testing each hop on its own shows which one it is.",
            [
                new FixText("Connect to the jump host alone first", "ssh -v {hop}"),
                new FixText("From the jump host, test whether it resolves and reaches the target port (needs nc there)", "ssh {hop} nc -vz {host} {port}"),
                new FixText("If the jump host forbids forwarding, ask its administrator for AllowTcpForwarding (or a PermitOpen entry for this target)"),
            ]),

        // ── server ──────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.ServerSshdNotRunning] = new(
            "sshd is not running on this server",
            "No sshd process is running and nothing listens for SSH, so every connection is refused. "
            + "The service was stopped or disabled, or it failed to start, most often because of a configuration error or a missing host key, which sshd -t reports.",
            [
                new FixText("Check the configuration; sshd -t names the first error with file and line (on Debian/Ubuntu, if it complains about /run/sshd, create it with sudo mkdir -p -m 0755 /run/sshd)", "sudo sshd -t"),
                new FixText("Start sshd and enable it at boot, once sshd -t passes (unit ssh on Debian/Ubuntu, sshd on RHEL/Fedora)", "sudo sshd -t && (sudo systemctl enable --now ssh || sudo systemctl enable --now sshd)", Automatic: true),
                new FixText("If it still does not start, read why", "sudo journalctl -u ssh -u sshd -n 50 --no-pager"),
            ]),

        [DiagnosisIds.ServerPortMismatch] = new(
            "sshd listens on a different port than the one the client uses",
            "The server's sshd is running, but on another port than the client connects to, usually because of a Port line in sshd_config (for example Port 2222). "
            + "On Ubuntu 22.10 and later sshd is socket-activated by default, so ssh.socket, not sshd_config alone, decides the port.",
            [
                new FixText("On the server, see which port sshd listens on", "sudo ss -tlnp | grep -i sshd"),
                new FixText("Connect to that port with ssh -p PORT, or record it in ~/.ssh/config: Host {host} / Port PORT"),
                new FixText("Or make sshd listen on the expected port too (Port lines in sshd_config; with socket activation run systemctl daemon-reload and restart ssh.socket), and open that port in the firewall and, on SELinux systems, with semanage port -a -t ssh_port_t -p tcp PORT"),
            ]),

        [DiagnosisIds.ServerFirewallBlocks] = new(
            "The server's firewall blocks the SSH port",
            "A host firewall rule on the server (ufw, firewalld, iptables or nftables) drops or rejects connections to the SSH port, so clients see a timeout (DROP) or a refusal (REJECT). "
            + "This often happens after the firewall is switched on, or after sshd is moved to another port that was never opened. "
            + "A cloud provider's firewall is a separate layer and must allow the port as well.",
            [
                new FixText("With ufw: allow the port", "sudo ufw allow {port}/tcp"),
                new FixText("With firewalld: allow the port permanently and reload", "sudo firewall-cmd --permanent --add-port={port}/tcp && sudo firewall-cmd --reload"),
                new FixText("With plain iptables or nftables: list the rules and remove or adjust the DROP/REJECT that matches the port", "sudo iptables -S; sudo nft list ruleset"),
            ]),

        [DiagnosisIds.ServerBanned] = new(
            "The address {ip} is banned on the server",
            "fail2ban or sshguard put the client's address on its ban list after repeated failed logins, so new connections from it are dropped or rejected until the ban expires. "
            + "The failures may come from you (wrong key, password or user), from a script that keeps retrying, or from other machines behind the same NAT address. "
            + "Unbanning only helps for long if the cause of the failures is fixed too.",
            [
                new FixText("On the server, lift the fail2ban ban", "sudo fail2ban-client set {jail} unbanip {ip}", Automatic: true),
                new FixText("On the server, find out what caused the failures", "sudo grep -F {ip} /var/log/fail2ban.log | tail -n 20"),
                new FixText("Keep trusted addresses from being banned: add them to ignoreip under [sshd] in /etc/fail2ban/jail.local, then reload fail2ban", "sudo fail2ban-client reload"),
                new FixText("With sshguard, remove the address from its blocklist, or wait for the block to expire"),
            ]),

        [DiagnosisIds.ServerHostsDeny] = new(
            "TCP wrappers (/etc/hosts.deny) reject connections from your address",
            "Debian and Ubuntu build sshd with libwrap, so /etc/hosts.allow and /etc/hosts.deny still apply: a line such as 'sshd: ALL' or 'ALL: ALL' in hosts.deny, with no matching hosts.allow entry, makes sshd close the connection before its greeting. "
            + "The server log shows 'refused connect from ...'. "
            + "hosts.allow is consulted first and the first match wins.",
            [
                new FixText("On the server, find the entries that apply to sshd", "grep -nE '^[^#]*(sshd|ALL)' /etc/hosts.allow /etc/hosts.deny"),
                new FixText("Allow your address explicitly in /etc/hosts.allow", "echo sshd: {ip} | sudo tee -a /etc/hosts.allow"),
                new FixText("Or remove or narrow the sshd / ALL line in /etc/hosts.deny"),
            ]),

        [DiagnosisIds.ServerConfigInvalid] = new(
            "sshd's configuration fails sshd -t",
            "sshd -t reports an error, so sshd will refuse to start or restart with this configuration, while a running sshd may still serve the old one. "
            + "Typical errors are a misspelt or unsupported keyword, a bad value, a Match block in the wrong place, or a HostKey file that is missing or has unsafe permissions.",
            [
                new FixText("Fix the line sshd -t names ({file} line {line}) and run the check again", "sudo sshd -t"),
                new FixText("If host keys are missing, generate the default ones", "sudo ssh-keygen -A"),
                new FixText("Reload sshd only once sshd -t prints nothing", "sudo sshd -t && (sudo systemctl reload ssh || sudo systemctl reload sshd)"),
            ]),

        [DiagnosisIds.ServerAuthLogMissing] = new(
            "No readable sshd log on this server",
            "The doctor found no sshd log it could read: many systems keep it only in the systemd journal, the file name differs by distribution (/var/log/auth.log on Debian and Ubuntu, /var/log/secure on the RHEL family), reading it needs root, or LogLevel is QUIET. "
            + "Without the server log many authentication failures cannot be told apart, because sshd never tells the client why it refused.",
            [
                new FixText("Read the journal (unit ssh on Debian/Ubuntu, sshd on RHEL/Fedora)", "sudo journalctl -u ssh -u sshd -n 100 --no-pager"),
                new FixText("Read the classic log files", "sudo tail -n 100 /var/log/auth.log /var/log/secure"),
                new FixText("If LogLevel is QUIET, or you need key fingerprints in the log, set LogLevel VERBOSE in sshd_config and reload sshd", "sudo sshd -T | grep -i '^loglevel'"),
            ]),

        // ── hints ───────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.HintCloudUsername] = new(
            "Cloud images log in with a fixed default user",
            "This looks like a cloud virtual machine: the image creates one initial account and installs your key pair only there, so root or your local user name fails. "
            + "Common defaults are ec2-user (Amazon Linux, RHEL, SUSE), ubuntu (Ubuntu), admin (Debian), centos (CentOS), fedora (Fedora), rocky (Rocky Linux) and bitnami (Bitnami). "
            + "On Azure and Google Cloud the user is the one chosen when the VM or the key was set up.",
            [
                new FixText("Connect as the image's default user, for example ssh ec2-user@{host} or ssh ubuntu@{host}"),
                new FixText("Record it once in ~/.ssh/config: Host {host} / User NAME"),
            ]),

        [DiagnosisIds.HintCloudFirewall] = new(
            "Check the cloud firewall for port {port}",
            "In the cloud, the provider's firewall (AWS security group or network ACL, Azure NSG, Google Cloud VPC firewall rule) filters traffic before it reaches the machine and drops it silently, which gives exactly this timeout. "
            + "An inbound rule must allow TCP on the SSH port from your current public address, which may have changed since the rule was written. "
            + "A stopped and restarted instance usually gets a new public IP unless a static one is assigned.",
            [
                new FixText("Find your current public address", "curl -s https://checkip.amazonaws.com"),
                new FixText("In the provider's console, add or correct the inbound rule: TCP {port} from that address (/32) rather than from everywhere"),
                new FixText("Check the instance's current public IP in the console and update DNS or ~/.ssh/config"),
            ]),

        [DiagnosisIds.HintGitHosting] = new(
            "Git hosting: the key must be registered in your account",
            "Git hosts (GitHub, GitLab, Bitbucket, Codeberg) always log in as the user git and recognise you only by the key, so its public half must be registered in your account's SSH keys (or as a deploy key of the repository). "
            + "A key registered on another account, or a different key offered first, ends in Permission denied (publickey). There is no server to log in to or authorized_keys to edit: the account's web settings are the only place. "
            + "If you do not know which key: ssh -v shows the ones offered ('Offering public key'), ls ~/.ssh/*.pub lists yours.",
            [
                new FixText("Add the public key in your account's SSH key settings: {settings}", "cat {key}.pub"),
                new FixText("Test which account the key is mapped to", "ssh -T git@{host}"),
                new FixText("Make git use this key for the host: add to ~/.ssh/config: Host {host} / IdentityFile {key} / IdentitiesOnly yes (test with the command)", "ssh -T -o IdentitiesOnly=yes -i {key} git@{host}"),
            ]),

        // ── ok ──────────────────────────────────────────────────────────────────────────────
        [DiagnosisIds.LogFailureNotUnderstood] = new(
            "The paste ends in a failure whose cause is not in it",
            "The last message read is a failure ({line}), but nothing pasted says why: the lines that would tell (ssh's -vvv output, the server's log) are not there, or the failure is worded in a way ssh-doctor does not know yet. "
            + "This is not a clean run. Paste the whole output of the failing command with ssh's debug output: ssh -vvv, for git GIT_SSH_COMMAND=\"ssh -vvv\", for Ansible -vvvv, for PuTTY plink -v; add the server's log of the same minute if you can read it.",
            [
                new FixText("Run the connection again with ssh's debug output and paste all of it", "ssh -vvv {user}@{host}"),
                new FixText("Or let ssh-doctor try the connection itself, stage by stage", "ssh-doctor diagnose {user}@{host}"),
                new FixText("On the server, the log of the same attempt says why it refused", "sudo journalctl -u ssh -u sshd --since -10min"),
            ]),

        [DiagnosisIds.Ok] = new(
            "No problem found",
            "Every stage the doctor could check passed; stages it could not check (for example authentication without your key) are shown as skipped. "
            + "If the connection still fails for you, run the doctor with exactly the user, port and options you use, or paste the ssh -vvv output, so it sees the same situation.",
            []),
    };
}
