using SshDoctor.Logs;
using SshDoctor.Logs.Bulk;
using SshDoctor.Logs.Input;
using SshDoctor.Logs.Signatures;

namespace SshDoctor.Tests.Logs;

/// <summary>
/// What real servers write (issue 14), each line written from the text of the program that prints it (never copied
/// from a log): the prefix forms of busybox, socklog/svlogd, Solaris, FreeBSD, RHEL 4/5, rsyslog's repeat line, PAM's
/// follow-ups and older sshd wordings. logs and explain both read each as the kind named, with its address and user.
/// </summary>
public class ServerShapeTests
{
    [Theory]
    // rsyslog high precision with a space and two spaces before the host (RSYSLOG_FileFormat variants).
    [InlineData("2020-03-23 06:47:42.801612-0700  web1 sshd[3186]: Failed password for root from 192.0.2.1 port 4 ssh2", "sshd.failed-password", "192.0.2.1", "root")]
    // busybox syslogd -S / -t: facility.level between host and tag (syslogd.c's timestamp_and_log).
    [InlineData("Mar  5 10:00:01 web1 auth.info sshd[12]: Invalid user admin from 192.0.2.1 port 5", "sshd.invalid-user", "192.0.2.1", "admin")]
    // socklog under svlogd -tt: svlogd's stamp, socklog's "facility.level: ", then syslog()'s own stamp and tag.
    [InlineData("2026-03-05_10:00:01.33227 auth.info: Mar  5 10:00:01 sshd[12]: Failed password for invalid user x from 192.0.2.1 port 5 ssh2", "sshd.failed-password-invalid", "192.0.2.1", "x")]
    [InlineData("auth.info: Mar  5 10:00:01 sshd[12]: Invalid user admin from 192.0.2.1 port 5", "sshd.invalid-user", "192.0.2.1", "admin")]
    // socklog's "facility.level: " with no tag after it: the message follows at once.
    [InlineData("2015-05-27T04:31:27.46667 auth.info: Invalid user admin from 192.0.2.1 port 5", "sshd.invalid-user", "192.0.2.1", "admin")]
    [InlineData("2015-05-27T04:31:27.46667 auth.info: Invalid user admin from 2001:db8::1", "sshd.invalid-user", "2001:db8::1", "admin")]
    // Solaris syslogd: the message id and facility before the message.
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: [ID 800047 auth.info] Failed password for root from 192.0.2.1 port 22 ssh2", "sshd.failed-password", "192.0.2.1", "root")]
    // FreeBSD syslogd -v and -vv: the priority as numbers or names before the host.
    [InlineData("Mar  5 10:00:01 <10.5> web1 sshd[12]: Invalid user admin from 192.0.2.1 port 5", "sshd.invalid-user", "192.0.2.1", "admin")]
    [InlineData("Mar  5 10:00:01 <auth.notice> web1 sshd[12]: Invalid user admin from 192.0.2.1 port 5", "sshd.invalid-user", "192.0.2.1", "admin")]
    // RHEL 4/5: pam_unix's messages under the tag sshd(pam_unix).
    [InlineData("Mar  5 10:00:01 web1 sshd(pam_unix)[31]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=192.0.2.1  user=root", "sshd.pam-unix-failure", "192.0.2.1", "root")]
    [InlineData("Mar  5 10:00:01 web1 sshd(pam_unix)[31]: check pass; user unknown", "sshd.pam-check-pass", null, null)]
    [InlineData("Mar  5 10:00:01 web1 /usr/sbin/sshd[42]: Failed password for root from 192.0.2.1 port 22 ssh2", "sshd.failed-password", "192.0.2.1", "root")]
    // rsyslog's repeat line: the message inside.
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: message repeated 3 times: [ Failed password for root from 192.0.2.1 port 22 ssh2]", "sshd.failed-password", "192.0.2.1", "root")]
    // PAM: libpam's pam_end, pam_unix's failure count, pam_succeed_if, pam_faillock, OpenPAM's pam_strerror.
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: PAM 5 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.1  user=root", "sshd.pam-more-failures", "192.0.2.1", "root")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: PAM 1 more authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.1", "sshd.pam-more-failures", "192.0.2.1", null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: pam_unix(sshd:auth): check pass; user unknown", "sshd.pam-check-pass", null, null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: PAM service(sshd) ignoring max retries; 6 > 3", "sshd.pam-ignoring-max-retries", null, null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: pam_succeed_if(sshd:auth): requirement \"uid >= 1000\" not met by user \"root\"", "sshd.pam-requirement-not-met", null, "root")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: pam_faillock(sshd:auth): Consecutive login failures for user root account temporarily locked", "sshd.pam-faillock", null, "root")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: error: PAM: unknown user for illegal user admin from 192.0.2.1", "sshd.pam-unknown-user", "192.0.2.1", "admin")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Failed keyboard-interactive/pam for invalid user admin from 192.0.2.1 port 5 ssh2", "sshd.failed-password-invalid", "192.0.2.1", "admin")]
    // Older and rarer sshd wordings (packet.c, kexdhs.c, session.c, misc.c).
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Unable to negotiate with 192.0.2.1: no matching cipher found. Their offer: aes128-cbc [preauth]", "sshd.unable-to-negotiate", "192.0.2.1", null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: fatal: Write failed: Connection reset by peer [preauth]", "sshd.write-failed", null, null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Corrupted MAC on input. [preauth]", "sshd.corrupted-mac", null, null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Bad packet length 1349676916. [preauth]", "sshd.bad-packet-length", null, null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: bad client public DH value [preauth]", "sshd.bad-dh-value", null, null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Magic value check failed (2103587403) on obfuscated handshake.", "sshd.obfuscated-magic", null, null)]
    // Written from serverloop.c:process_input(), packet.c:ssh_packet_send_debug(), kexdhs.c (ssh_packet_disconnect), canohost.c:remote_hostname() before and after 7.3.
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Read error from remote host 192.0.2.1 port 50000: Connection reset by peer", "sshd.read-error", "192.0.2.1", null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Read error from remote host 192.0.2.1: Connection reset by peer", "sshd.read-error", "192.0.2.1", null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: fatal: ssh_packet_send_debug: Broken pipe", "sshd.packet-send-debug-failed", null, null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Disconnecting: bad client public DH value [preauth]", "sshd.bad-dh-value", null, null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Magic value check failed (4289475479) on obfuscated handshake from 192.0.2.1 port 62730", "sshd.obfuscated-magic", "192.0.2.1", null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: reverse mapping checking getaddrinfo for host.example [192.0.2.1] failed.", "sshd.reverse-mapping", "192.0.2.1", null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: reverse mapping checking getaddrinfo for host.example [192.0.2.1] failed - POSSIBLE BREAK-IN ATTEMPT!", "sshd.reverse-mapping", "192.0.2.1", null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Address 192.0.2.1 maps to host.example, but this does not map back to the address.", "sshd.reverse-mapping", "192.0.2.1", null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Address 192.0.2.1 maps to host.example, but this does not map back to the address - POSSIBLE BREAK-IN ATTEMPT!", "sshd.reverse-mapping", "192.0.2.1", null)]
    // pam_unix's own count under RHEL 4/5's tag (no libpam "PAM "), systemd's pam_systemd, Dropbear's svr-authpam.c.
    [InlineData("Mar  5 10:00:01 web1 sshd(pam_unix)[31]: 2 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.1  user=root", "sshd.pam-more-failures", "192.0.2.1", "root")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: pam_systemd(sshd:session): Failed to create session: Access denied", "sshd.pam-systemd-session-failed", null, null)]
    // sssd's pam_sss (sss_client/pam_sss.c: pam_unix's words, then what the responder said) and pam_faillock without a known user.
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: pam_sss(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.1 user=bob", "sshd.pam-unix-failure", "192.0.2.1", "bob")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: pam_sss(sshd:auth): authentication success; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.1 user=bob", "sshd.pam-sss-success", "192.0.2.1", "bob")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: pam_sss(sshd:auth): received for user bob: 7 (Authentication failure)", "sshd.pam-sss-received", null, "bob")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: pam_faillock(sshd:auth): User unknown", "sshd.pam-faillock-user-unknown", null, null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: pam_faillock(sshd:auth): User unknown: admin", "sshd.pam-faillock-user-unknown", null, "admin")]
    [InlineData("Mar  5 10:00:01 web1 dropbear[12]: Bad PAM password attempt for 'bob' from 192.0.2.1:55992", "dropbear.bad-password", "192.0.2.1", "bob")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Close session: user bob from 192.0.2.1 port 50000 id 0", "sshd.close-session", "192.0.2.1", "bob")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: subsystem request for sftp by user bob", "sshd.subsystem-request", null, "bob")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: error: Could not stat AuthorizedKeysCommand \"/usr/bin/sss_ssh_authorizedkeys\": No such file or directory", "sshd.authorized-keys-command-missing", null, null)]
    // LogLevel DEBUG: the debug1 steps with a meaning (auth2.c, auth2-pubkey.c, kex.c, auth-pam.c, monitor.c, sshd.c).
    [InlineData("Mar  5 10:00:01 web1 sshd-session[12]: debug1: userauth-request for user admin service ssh-connection method none [preauth]", "sshd.debug-userauth-request", null, "admin")]
    [InlineData("Mar  5 10:00:01 web1 sshd-session[12]: debug1: attempt 0 failures 0 [preauth]", "sshd.debug-attempt", null, null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: debug1: trying public key file /home/bob/.ssh/authorized_keys", "sshd.debug-trying-keys-file", null, null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: debug1: Client protocol version 2.0; client software version OpenSSH_7.4", "sshd.debug-client-version", null, null)]
    [InlineData("Mar  5 10:00:01 web1 sshd-session[12]: debug1: Remote protocol version 2.0, remote software version OpenSSH_9.6p1 Ubuntu-3ubuntu13", "sshd.debug-client-version", null, null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: debug1: PAM: password authentication failed for root: Authentication failure", "sshd.debug-pam-password-failed", null, "root")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: debug1: PAM: password authentication failed for an illegal user: Authentication failure", "sshd.debug-pam-password-failed", null, null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: debug1: PAM: initializing for \"bob\"", "sshd.debug-pam-init", null, "bob")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: debug1: monitor_child_preauth: bob has been authenticated by privileged process", "sshd.debug-authenticated", null, "bob")]
    [InlineData("Mar  5 10:00:01 web1 sshd-session[12]: debug1: monitor_child_preauth: user bob authenticated by privileged process", "sshd.debug-authenticated", null, "bob")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: debug1: Forked child 4242.", "sshd.debug-forked-child", null, null)]
    [InlineData("Mar  5 10:00:01 web1 sshd-session[12]: debug1: kex: algorithm: curve25519-sha256 [preauth]", "sshd.debug-kex", null, null)]
    [InlineData("Mar  5 10:00:01 web1 sshd-session[12]: debug1: kex: client->server cipher: chacha20-poly1305@openssh.com MAC: <implicit> compression: none [preauth]", "sshd.debug-kex-cipher", null, null)]
    // The client's reason for giving up, in packet.c's "Received disconnect" (old and new address forms, with and without
    // the error level sshd gives it in preauth): code 14 (PuTTY and others), JSch's code 3 with its exception text.
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Received disconnect from 192.0.2.1: 14: No supported authentication methods available [preauth]", "sshd.received-disconnect", "192.0.2.1", null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: error: Received disconnect from 192.0.2.1 port 1684:14: No authentication methods available [preauth]", "sshd.received-disconnect", "192.0.2.1", null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Received disconnect from 192.0.2.1: 3: com.jcraft.jsch.JSchException: Auth fail", "sshd.received-disconnect", "192.0.2.1", null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: error: Received disconnect from 192.0.2.1 port 7736:3: com.jcraft.jsch.JSchException: Auth fail [preauth]", "sshd.received-disconnect", "192.0.2.1", null)]
    // auth.c:auth_log() for the other methods: hostbased (with auth2-hostbased.c's client user and host), gssapi-with-mic, none (Solaris' id prefix).
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Failed hostbased for dan from 192.0.2.1 port 45785 ssh2: ED25519 SHA256:4Yy0m0qT9hVbJ2Tq8y6cQm3m1cX0c7w3a8n2r5u1kZs, client user \"dan\", client host \"client.example\"", "sshd.failed-hostbased", "192.0.2.1", "dan")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Failed hostbased for invalid user dan from 192.0.2.1 port 45785 ssh2: ED25519 SHA256:4Yy0m0qT9hVbJ2Tq8y6cQm3m1cX0c7w3a8n2r5u1kZs, client user \"dan\", client host \"client.example\"", "sshd.failed-other-invalid", "192.0.2.1", "dan")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Failed gssapi-with-mic for bob from 192.0.2.1 port 5 ssh2", "sshd.failed-other", "192.0.2.1", "bob")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: [ID 800047 auth.notice] Failed none for root from 192.0.2.1 port 36942 ssh2", "sshd.failed-none", "192.0.2.1", "root")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: error: Received disconnect from 192.0.2.1: 14: No more user authentication methods available. [preauth]", "sshd.received-disconnect", "192.0.2.1", null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: userauth_hostbased mismatch: client sends client.example, but we resolve 192.0.2.1 to other.example", "sshd.hostbased-mismatch", "192.0.2.1", null)]
    // A refused user certificate (auth2-pubkey.c:user_cert_trusted_ca(): 10.1 names the certificate, earlier only the reason).
    [InlineData("Mar  5 10:00:01 web1 sshd-session[12]: error: Refusing certificate ID \"alice@corp\" serial=12 signed by ED25519 CA SHA256:4Yy0m0qT9hVbJ2Tq8y6cQm3m1cX0c7w3a8n2r5u1kZs: Certificate invalid: expired [preauth]", "sshd.certificate-refused", null, null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: error: Certificate does not contain an authorized principal", "sshd.certificate-refused", null, null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: error: Certificate invalid: name is not a listed principal", "sshd.certificate-refused", null, null)]
    // linux-pam: pam_tally2's lock (tally_check) and pam_unix's account phase.
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: pam_tally2(sshd:auth): user root (0) tally 4, deny 3", "sshd.pam-tally-locked", null, "root")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: pam_tally2(sshd:auth): user bob (1000) has time limit [25s left] since last failure.", "sshd.pam-tally-locked", null, "bob")]
    [InlineData("Mar  5 10:00:01 web1 sshd-session[12]: pam_unix(sshd:account): account deploy has expired (account expired)", "sshd.pam-account-expired", null, "deploy")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: pam_unix(sshd:account): expired password for user bob (password aged)", "sshd.pam-account-expired", null, "bob")]
    // Windows' Event Viewer copy: a bare "sshd: " tag, no time or host.
    [InlineData("sshd: Failed password for root from 192.0.2.1 port 22 ssh2", "sshd.failed-password", "192.0.2.1", "root")]
    [InlineData("sshd-session: Invalid user admin from 192.0.2.1 port 5", "sshd.invalid-user", "192.0.2.1", "admin")]
    public void Logs_and_explain_read_the_line(string line, string kind, string? ip, string? user)
    {
        var record = new LineClassifier("t", YearInference.Now(), FastSignatureMatcher.Server).Classify(line.AsSpan(), 1);
        Assert.NotNull(record);
        Assert.Equal((kind, ip, user), (record.Kind, record.Ip, record.User));

        var events = LogReader.Classify(new InputText("t", [new SourceLine("t", 1, line)], [])).Events;
        Assert.Equal((kind, ip, user), (events.Single().Kind, Address.Normalise(events.Single().Match[EventNames.AnyEvent.Ip]), events.Single().Match[EventNames.AnyEvent.User]));
    }

    [Theory]
    // A failed login carries its cause in logs and explain alike.
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Received disconnect from 192.0.2.1: 14: No supported authentication methods available [preauth]", "auth.no-supported-methods")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: error: Received disconnect from 192.0.2.1 port 7736:3: com.jcraft.jsch.JSchException: Auth fail [preauth]", "auth.no-supported-methods")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: error: Received disconnect from 192.0.2.1: 3: Ha ha, suckers!: Auth fail [preauth]", "auth.no-supported-methods")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Failed hostbased for dan from 192.0.2.1 port 45785 ssh2: RSA 8c:e3:aa:0f:64:51:02:f7:14:79:89:3f:65:84:7c:30, client user \"dan\", client host \"client.example\"", "auth.hostbased.not-authorized")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Failed hostbased for invalid user dan from 192.0.2.1 port 45785 ssh2", "auth.wrong-user")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: error: Received disconnect from 192.0.2.1: 14: No more user authentication methods available. [preauth]", "auth.no-supported-methods")]
    [InlineData("Mar  5 10:00:01 web1 sshd-session[12]: error: Refusing certificate ID \"alice@corp\" serial=12 signed by ED25519 CA SHA256:4Yy0m0qT9hVbJ2Tq8y6cQm3m1cX0c7w3a8n2r5u1kZs: Certificate invalid: expired [preauth]", "auth.publickey.not-authorized")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: error: Certificate invalid: expired", "auth.publickey.not-authorized")]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: pam_tally2(sshd:auth): user root (0) tally 4, deny 3", "auth.not-allowed")]
    // Not failures: an accepted login's lines, its ordinary end, a JSch user's cancel, the methods probe every client
    // sends first ("none"), and a method the server merely reports as failed on the way to the next one.
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Accepted hostbased for dan from 192.0.2.1 port 45785 ssh2: RSA 8c:e3:aa:0f:64:51:02:f7:14:79:89:3f:65:84:7c:30, client user \"dan\", client host \"client.example\"", null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Accepted publickey for bob from 192.0.2.1 port 5 ssh2: ED25519 SHA256:4Yy0m0qT9hVbJ2Tq8y6cQm3m1cX0c7w3a8n2r5u1kZs", null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Received disconnect from 192.0.2.1 port 5:11: disconnected by user", null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Received disconnect from 192.0.2.1 port 5:11: Bye Bye [preauth]", null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Received disconnect from 192.0.2.1 port 5:3: com.jcraft.jsch.JSchException: Auth cancel [preauth]", null)]
    // The code decides, not digits elsewhere: an old-form IPv6 address ending in 14 before another code, a reason after another code.
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Received disconnect from 2001:db8::14: 11: Bye Bye [preauth]", null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Received disconnect from 192.0.2.1 port 5:11: 14: Auth fail [preauth]", null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Received disconnect from 192.0.2.1 port 5:3: Auth failed [preauth]", null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Failed none for bob from 192.0.2.1 port 5 ssh2", null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: Failed gssapi-with-mic for bob from 192.0.2.1 port 5 ssh2", null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: userauth_hostbased mismatch: client sends client.example, but we resolve 192.0.2.1 to other.example", null)]
    [InlineData("Mar  5 10:00:01 web1 sshd[12]: pam_unix(sshd:account): account deploy has expired (account expired)", null)]
    public void A_failed_login_names_its_cause_and_nothing_else_does(string line, string? id)
    {
        var record = new LineClassifier("t", YearInference.Now(), FastSignatureMatcher.Server).Classify(line.AsSpan(), 1);
        Assert.NotNull(record);
        Assert.NotNull(record.Kind);
        Assert.Equal(id, record.DiagnosisId);

        var events = LogReader.Classify(new InputText("t", [new SourceLine("t", 1, line)], [])).Events;
        Assert.Equal(id, events.Single().DiagnosisId);
    }

    [Theory]
    [InlineData("Mar  5 10:00:01 web1 sshd(pam_unix)[31]: something pam_unix never said")]
    [InlineData("Mar  5 10:00:01 web1 auth.info sshd[12]: something sshd never said")]
    [InlineData("Mar  5 10:00:01 web1 sshd[1a2]: Invalid user admin from 192.0.2.1 port 5")]
    public void An_sshd_line_no_signature_knows_is_unknown_never_another_program(string line)
    {
        var record = new LineClassifier("t", YearInference.Now(), FastSignatureMatcher.Server).Classify(line.AsSpan(), 1);
        Assert.NotNull(record);
        Assert.Null(record.Kind);
    }
}
