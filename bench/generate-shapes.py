#!/usr/bin/env python3
"""Deterministic server logs for the benchmark set (issue 14): one generator per shape family, or one shape alone.

Every message is written from the wording of the program that prints it (OpenSSH's auth.c, sshd-session.c, packet.c,
kex.c, PAM's pam_unix and pam_faillock, Dropbear's svr-*.c, rsyslog); none is copied from a real log. Same seed, same
bytes. Families mix their shapes with weights as such a server writes them:

  default   sshd at LogLevel INFO on a public server (BSD syslog stamp, sshd and sshd-session, 15 % CRON/sudo/logind)
  verbose   LogLevel VERBOSE (ISO stamps with fractions and offset): Connection from, Accepted key ... found at, ...
  debug     LogLevel DEBUG: debug1:/debug2:/debug3: noise between the INFO lines
  dropbear  Dropbear's svr-auth/svr-main/common-session messages
  rhel      an old RHEL `secure` file: pam_unix, "PAM N more authentication failures", reverse mapping, message repeated
  journald  `journalctl -o json` lines of sshd
  storm     an attack storm: pre-auth failures from many addresses (IPv4 and IPv6), invalid users

usage: generate-shapes.py FAMILY|shape:NAME OUT [MB]      (MB: size to write, default 30)
       generate-shapes.py --list                           (families and shapes)
"""
import json, random, sys

rng = random.Random(20261204)
months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
users = ['root', 'admin', 'ubuntu', 'test', 'oracle', 'postgres', 'git', 'deploy', 'alice', 'bob', 'user', 'ftp', 'guest', 'pi']
valid = ['alice', 'bob', 'deploy', 'git']
nets = ['203.0.113', '198.51.100', '192.0.2', '45.83.64', '61.177.172', '218.92.0', '185.220.101', '141.98.11']


def ip():
    return '%s.%d' % (rng.choice(nets), rng.randint(1, 254))


def storm_ip():
    if rng.random() < 0.1:
        return '2001:db8:%x:%x::%x' % (rng.randint(0, 0xffff), rng.randint(0, 0xffff), rng.randint(1, 0xffff))
    return '%d.%d.%d.%d' % (rng.randint(1, 223), rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254))


def port():
    return rng.randint(1024, 65535)


def fp():
    return 'SHA256:' + ''.join(rng.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') for _ in range(43))


def u():
    return rng.choice(users)


def v():
    return rng.choice(valid)


# Each shape: name -> function(address) giving (program, message). Programs: sshd, sshd-session, dropbear, other.
S = {
    # auth.c:auth_log() and friends, LogLevel INFO
    'failed-password': lambda a: ('sshd-session', 'Failed password for %s from %s port %d ssh2' % (u(), a, port())),
    'failed-password-invalid': lambda a: ('sshd-session', 'Failed password for invalid user %s from %s port %d ssh2' % (u(), a, port())),
    'invalid-user': lambda a: ('sshd-session', 'Invalid user %s from %s port %d' % (u(), a, port())),
    'closed-invalid': lambda a: ('sshd-session', 'Connection closed by invalid user %s %s port %d [preauth]' % (u(), a, port())),
    'closed-authenticating': lambda a: ('sshd-session', 'Connection closed by authenticating user %s %s port %d [preauth]' % (u(), a, port())),
    'closed': lambda a: ('sshd-session', 'Connection closed by %s port %d [preauth]' % (a, port())),
    'reset': lambda a: ('sshd-session', 'Connection reset by %s port %d [preauth]' % (a, port())),
    'received-disconnect': lambda a: ('sshd-session', 'Received disconnect from %s port %d:11: Bye Bye [preauth]' % (a, port())),
    'disconnected-invalid': lambda a: ('sshd-session', 'Disconnected from invalid user %s %s port %d [preauth]' % (u(), a, port())),
    'disconnected-user': lambda a: ('sshd-session', 'Disconnected from user %s %s port %d' % (v(), a, port())),
    'pam-unix-failure': lambda a: ('sshd-session', 'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=%s  user=%s' % (a, u())),
    'max-auth-tries': lambda a: ('sshd-session', 'error: maximum authentication attempts exceeded for %s from %s port %d ssh2 [preauth]' % (u(), a, port())),
    'too-many': lambda a: ('sshd-session', 'Disconnecting authenticating user %s %s port %d: Too many authentication failures [preauth]' % (u(), a, port())),
    'accepted-publickey': lambda a: ('sshd-session', 'Accepted publickey for %s from %s port %d ssh2: ED25519 %s' % (v(), a, port(), fp())),
    'accepted-password': lambda a: ('sshd-session', 'Accepted password for %s from %s port %d ssh2' % (v(), a, port())),
    'session-opened': lambda a: ('sshd-session', 'pam_unix(sshd:session): session opened for user %s(uid=1000) by %s(uid=0)' % (v(), v())),
    'session-closed': lambda a: ('sshd-session', 'pam_unix(sshd:session): session closed for user %s' % v()),
    'unable-to-negotiate': lambda a: ('sshd-session', 'Unable to negotiate with %s port %d: no matching key exchange method found. Their offer: diffie-hellman-group1-sha1,diffie-hellman-group14-sha1 [preauth]' % (a, port())),
    'kex-identification': lambda a: ('sshd-session', 'error: kex_exchange_identification: Connection closed by remote host'),
    'banner-exchange': lambda a: ('sshd-session', 'banner exchange: Connection from %s port %d: invalid format' % (a, port())),
    'pam-authentication-failure': lambda a: ('sshd-session', 'error: PAM: Authentication failure for %s from %s' % (u(), a)),
    'not-allowed': lambda a: ('sshd-session', 'User %s from %s not allowed because not listed in AllowUsers' % (u(), a)),
    'failed-publickey': lambda a: ('sshd-session', 'Failed publickey for %s from %s port %d ssh2: RSA %s' % (v(), a, port(), fp())),
    'timeout-before-auth': lambda a: ('sshd-session', 'Timeout before authentication for %s port %d' % (a, port())),
    'failed-none-invalid': lambda a: ('sshd-session', 'Failed none for invalid user %s from %s port %d ssh2' % (u(), a, port())),
    # LogLevel VERBOSE (sshd.c, sshd-session.c, auth2-pubkeyfile.c, session.c)
    'connection-from': lambda a: ('sshd', 'Connection from %s port %d on 10.0.0.5 port 22 rdomain ""' % (a, port())),
    'accepted-key-found': lambda a: ('sshd-session', 'Accepted key ED25519 %s found at /home/%s/.ssh/authorized_keys:%d' % (fp(), v(), rng.randint(1, 9))),
    'postponed': lambda a: ('sshd-session', 'Postponed publickey for %s from %s port %d ssh2 [preauth]' % (v(), a, port())),
    'user-child': lambda a: ('sshd-session', 'User child is on pid %d' % rng.randint(1000, 99999)),
    'starting-session': lambda a: ('sshd-session', 'Starting session: shell on pts/%d for %s from %s port %d id 0' % (rng.randint(0, 9), v(), a, port())),
    'transferred': lambda a: ('sshd-session', 'Transferred: sent %d, received %d bytes' % (rng.randint(1000, 999999), rng.randint(1000, 99999))),
    'closing-connection': lambda a: ('sshd-session', 'Closing connection to %s port %d' % (a, port())),
    'close-session': lambda a: ('sshd-session', 'Close session: user %s from %s port %d id 0' % (v(), a, port())),
    'root-refused': lambda a: ('sshd-session', 'ROOT LOGIN REFUSED FROM %s port %d [preauth]' % (a, port())),
    'strict-modes': lambda a: ('sshd-session', 'Authentication refused: bad ownership or modes for directory /home/%s' % v()),
    'subsystem-sftp': lambda a: ('sshd-session', 'subsystem request for sftp by user %s' % v()),
    'received-disconnect-user': lambda a: ('sshd-session', 'Received disconnect from %s port %d:11: disconnected by user' % (a, port())),
    # LogLevel DEBUG noise
    'debug-kex': lambda a: ('sshd-session', 'debug1: kex: algorithm: curve25519-sha256 [preauth]'),
    'debug-userauth': lambda a: ('sshd-session', 'debug1: userauth-request for user %s service ssh-connection method none [preauth]' % u()),
    'debug-attempt': lambda a: ('sshd-session', 'debug1: attempt %d failures %d [preauth]' % (rng.randint(0, 5), rng.randint(0, 5))),
    'debug-forked': lambda a: ('sshd', 'debug1: Forked child %d.' % rng.randint(1000, 99999)),
    'debug-channel': lambda a: ('sshd-session', 'debug2: channel %d: rcvd adjust %d' % (rng.randint(0, 3), rng.randint(1000, 999999))),
    'debug-pam': lambda a: ('sshd-session', 'debug1: PAM: initializing for "%s"' % u()),
    'debug-packet': lambda a: ('sshd-session', 'debug3: receive packet: type %d [preauth]' % rng.randint(1, 100)),
    # Dropbear (svr-authpasswd.c, svr-auth.c, svr-main.c, common-session.c)
    'dropbear-child': lambda a: ('dropbear', 'Child connection from %s:%d' % (a, port())),
    'dropbear-bad-password': lambda a: ('dropbear', "Bad password attempt for '%s' from %s:%d" % (u(), a, port())),
    'dropbear-nonexistent': lambda a: ('dropbear', "Login attempt for nonexistent user from %s:%d" % (a, port())),
    'dropbear-exit-before-auth': lambda a: ('dropbear', "Exit before auth from <%s:%d>: (user '%s', %d fails): Max auth tries reached - user '%s'" % (a, port(), u(), 10, u())),
    'dropbear-succeeded': lambda a: ('dropbear', "Password auth succeeded for '%s' from %s:%d" % (v(), a, port())),
    'dropbear-exit': lambda a: ('dropbear', "Exit (%s) from <%s:%d>: Disconnect received" % (v(), a, port())),
    'dropbear-exit-normally': lambda a: ('dropbear', "Exit before auth from <%s:%d>: Exited normally" % (a, port())),
    # RHEL secure (pam_unix, pam_succeed_if, auth-pam.c, canohost.c, rsyslog)
    'pam-check-pass': lambda a: ('sshd', 'pam_unix(sshd:auth): check pass; user unknown'),
    'pam-more-failures': lambda a: ('sshd', 'PAM %d more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=%s  user=%s' % (rng.randint(1, 5), a, u())),
    'pam-ignoring-max-retries': lambda a: ('sshd', 'PAM service(sshd) ignoring max retries; %d > 3' % rng.randint(4, 6)),
    'pam-succeed-if': lambda a: ('sshd', 'pam_succeed_if(sshd:auth): requirement "uid >= 1000" not met by user "%s"' % u()),
    'reverse-mapping': lambda a: ('sshd', 'reverse mapping checking getaddrinfo for host-%s.example.net [%s] failed - POSSIBLE BREAK-IN ATTEMPT!' % (a.replace('.', '-'), a)),
    'received-disconnect-old': lambda a: ('sshd', 'Received disconnect from %s: 11: Bye Bye [preauth]' % a),
    'userauth-invalid-user': lambda a: ('sshd', 'input_userauth_request: invalid user %s [preauth]' % u()),
    'invalid-user-old': lambda a: ('sshd', 'Invalid user %s from %s' % (u(), a)),
    'did-not-receive': lambda a: ('sshd', 'Did not receive identification string from %s' % a),
    'message-repeated': lambda a: ('sshd', 'message repeated %d times: [ Failed password for root from %s port %d ssh2]' % (rng.randint(2, 9), a, port())),
    # other programs of an auth log
    'cron': lambda a: ('CRON', 'pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)'),
    'sudo': lambda a: ('sudo', '   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/apt update'),
    'logind': lambda a: ('systemd-logind', 'New session %d of user alice.' % rng.randint(1, 9999)),
}

FAMILIES = {
    'default': (S['failed-password'], 14, S['failed-password-invalid'], 12, S['invalid-user'], 12, S['closed-invalid'], 9, S['closed-authenticating'], 5,
                S['received-disconnect'], 5, S['disconnected-invalid'], 4, S['pam-unix-failure'], 4, S['max-auth-tries'], 3, S['too-many'], 2,
                S['accepted-publickey'], 3, S['accepted-password'], 1, S['session-opened'], 3, S['session-closed'], 3, S['closed'], 2,
                S['unable-to-negotiate'], 2, S['kex-identification'], 2, S['banner-exchange'], 1, S['reset'], 1, S['pam-authentication-failure'], 1,
                S['not-allowed'], 1, S['failed-publickey'], 1, S['timeout-before-auth'], 1, S['failed-none-invalid'], 1,
                S['cron'], 8, S['sudo'], 3, S['logind'], 4),
    'verbose': (S['connection-from'], 12, S['accepted-key-found'], 6, S['postponed'], 6, S['accepted-publickey'], 6, S['user-child'], 6,
                S['starting-session'], 6, S['session-opened'], 6, S['transferred'], 6, S['received-disconnect-user'], 6, S['disconnected-user'], 6,
                S['closing-connection'], 6, S['close-session'], 5, S['session-closed'], 6, S['root-refused'], 2, S['strict-modes'], 2,
                S['subsystem-sftp'], 3, S['failed-publickey'], 3, S['closed-authenticating'], 3, S['invalid-user'], 3, S['failed-password'], 3),
    'debug': (S['debug-kex'], 10, S['debug-userauth'], 10, S['debug-attempt'], 10, S['debug-forked'], 5, S['debug-channel'], 15, S['debug-pam'], 5,
              S['debug-packet'], 15, S['connection-from'], 5, S['failed-password'], 5, S['invalid-user'], 5, S['accepted-publickey'], 3,
              S['closed-invalid'], 5, S['received-disconnect'], 4),
    'dropbear': (S['dropbear-child'], 30, S['dropbear-bad-password'], 25, S['dropbear-nonexistent'], 10, S['dropbear-exit-before-auth'], 10,
                 S['dropbear-succeeded'], 5, S['dropbear-exit'], 5, S['dropbear-exit-normally'], 15),
    'rhel': (S['pam-unix-failure'], 15, S['failed-password'], 15, S['pam-check-pass'], 6, S['pam-more-failures'], 6, S['pam-ignoring-max-retries'], 3,
             S['pam-succeed-if'], 3, S['reverse-mapping'], 6, S['received-disconnect-old'], 8, S['userauth-invalid-user'], 6, S['invalid-user-old'], 8,
             S['failed-password-invalid'], 8, S['did-not-receive'], 3, S['message-repeated'], 3, S['accepted-password'], 2, S['session-opened'], 2,
             S['session-closed'], 2, S['cron'], 4),
    'journald': None,  # default's sshd shapes, as journalctl -o json writes them
    'storm': (S['invalid-user'], 20, S['failed-password-invalid'], 20, S['failed-password'], 15, S['closed-invalid'], 15, S['disconnected-invalid'], 10,
              S['closed-authenticating'], 5, S['received-disconnect'], 5, S['closed'], 4, S['kex-identification'], 2, S['pam-unix-failure'], 4),
}
STORM_ADDRESSES = {'storm'}


def weighted(spec):
    fns, weights = spec[0::2], spec[1::2]
    return lambda: rng.choices(fns, weights)[0]


def bsd_stamp(t):
    return '%s %2d %02d:%02d:%02d' % (months[(t // 2592000) % 12], 1 + (t // 86400) % 28, (t // 3600) % 24, (t // 60) % 60, t % 60)


def iso_stamp(t):
    return '2026-%02d-%02dT%02d:%02d:%02d.%06d+01:00' % (1 + (t // 2592000) % 12, 1 + (t // 86400) % 28, (t // 3600) % 24, (t // 60) % 60, t % 60, rng.randint(0, 999999))


def main():
    if sys.argv[1:2] == ['--list']:
        print('families: ' + ' '.join(FAMILIES))
        print('shapes: ' + ' '.join('shape:' + n for n in S))
        return
    what, out = sys.argv[1], sys.argv[2]
    limit = int(float(sys.argv[3] if len(sys.argv) > 3 else 30) * 1_000_000)
    if what.startswith('shape:'):
        pick, family = (lambda f=S[what[6:]]: f), what[6:]
    elif what == 'journald':
        sshd = [(f, w) for f, w in zip(FAMILIES['default'][0::2], FAMILIES['default'][1::2]) if f not in (S['cron'], S['sudo'], S['logind'])]
        pick, family = weighted(tuple(x for pair in sshd for x in pair)), what
    else:
        pick, family = weighted(FAMILIES[what]), what
    address = storm_ip if what in STORM_ADDRESSES else ip
    t, written, pids = 20_000_000, 0, [rng.randint(1000, 60000) for _ in range(64)]
    with open(out, 'w', encoding='utf-8', newline='\n') as f:
        chunk = []
        while written < limit:
            t += rng.random() < 0.3
            program, message = pick()(address())
            pid = rng.choice(pids)
            if what == 'journald':
                rec = {'__REALTIME_TIMESTAMP': str(1_760_000_000_000_000 + t * 1_000_000 + rng.randint(0, 999999)), '_HOSTNAME': 'web1',
                       'SYSLOG_IDENTIFIER': 'sshd' if program.startswith('sshd') else program, '_PID': str(pid), 'PRIORITY': '6',
                       '_SYSTEMD_UNIT': 'ssh.service', 'MESSAGE': message}
                line = json.dumps(rec, separators=(',', ':'))
            elif what == 'verbose' or family == 'verbose':
                line = '%s web1 %s[%d]: %s' % (iso_stamp(t), program, pid, message)
            else:
                line = '%s web1 %s[%d]: %s' % (bsd_stamp(t), program, pid, message)
            chunk.append(line)
            written += len(line) + 1
            if len(chunk) >= 4096:
                f.write('\n'.join(chunk) + '\n')
                chunk = []
        if chunk:
            f.write('\n'.join(chunk) + '\n')


main()
