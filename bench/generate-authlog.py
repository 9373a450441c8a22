#!/usr/bin/env python3
"""Deterministic auth.log for benchmarks: N lines (default 1,000,000, about 125 MB), BSD syslog format, one host.

80 % sshd lines of many kinds (OpenSSH 7.x-9.x wording, sshd and sshd-session, failures, accepted logins, PAM,
connection open/close, negotiation and banner errors), 20 % CRON, sudo and systemd-logind. Same seed, same bytes.

usage: generate-authlog.py OUT [LINES]
"""
import random, sys

out = sys.argv[1]
total = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
rng = random.Random(20240501)
months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
users = ['root', 'admin', 'ubuntu', 'test', 'oracle', 'postgres', 'git', 'deploy', 'alice', 'bob', 'user', 'ftp', 'guest', 'pi', 'support']
valid = ['alice', 'bob', 'deploy', 'git']
nets = ['203.0.113', '198.51.100', '192.0.2', '45.83.64', '61.177.172', '218.92.0', '185.220.101', '141.98.11']


def ip():
    return '%s.%d' % (rng.choice(nets), rng.randint(1, 254))


def key():
    return 'SHA256:' + ''.join(rng.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') for _ in range(43))


def sshd_line():
    a, p, u = ip(), rng.randint(1024, 65535), rng.choice(users)
    kind = rng.random()
    if kind < 0.16: return 'Failed password for %s from %s port %d ssh2' % (u, a, p)
    if kind < 0.30: return 'Failed password for invalid user %s from %s port %d ssh2' % (u, a, p)
    if kind < 0.42: return 'Invalid user %s from %s port %d' % (u, a, p)
    if kind < 0.52: return 'Connection closed by invalid user %s %s port %d [preauth]' % (u, a, p)
    if kind < 0.58: return 'Connection closed by authenticating user %s %s port %d [preauth]' % (u, a, p)
    if kind < 0.63: return 'Received disconnect from %s port %d:11: Bye Bye [preauth]' % (a, p)
    if kind < 0.67: return 'Disconnected from invalid user %s %s port %d [preauth]' % (u, a, p)
    if kind < 0.71: return 'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=%s  user=%s' % (a, u)
    if kind < 0.74: return 'error: maximum authentication attempts exceeded for %s from %s port %d ssh2 [preauth]' % (u, a, p)
    if kind < 0.76: return 'Disconnecting authenticating user %s %s port %d: Too many authentication failures [preauth]' % (u, a, p)
    if kind < 0.79: return 'Accepted publickey for %s from %s port %d ssh2: ED25519 %s' % (rng.choice(valid), a, p, key())
    if kind < 0.80: return 'Accepted password for %s from %s port %d ssh2' % (rng.choice(valid), a, p)
    if kind < 0.83: return 'pam_unix(sshd:session): session opened for user %s(uid=1000) by (uid=0)' % rng.choice(valid)
    if kind < 0.86: return 'pam_unix(sshd:session): session closed for user %s' % rng.choice(valid)
    if kind < 0.88: return 'Connection closed by %s port %d [preauth]' % (a, p)
    if kind < 0.90: return 'Unable to negotiate with %s port %d: no matching key exchange method found. Their offer: diffie-hellman-group1-sha1,diffie-hellman-group14-sha1 [preauth]' % (a, p)
    if kind < 0.92: return 'error: kex_exchange_identification: Connection closed by remote host'
    if kind < 0.93: return 'banner exchange: Connection from %s port %d: invalid format' % (a, p)
    if kind < 0.94: return 'Connection reset by %s port %d [preauth]' % (a, p)
    if kind < 0.95: return 'error: PAM: Authentication failure for %s from %s' % (u, a)
    if kind < 0.96: return 'User %s from %s not allowed because not listed in AllowUsers' % (u, a)
    if kind < 0.97: return 'Failed publickey for %s from %s port %d ssh2: RSA %s' % (rng.choice(valid), a, p, key())
    if kind < 0.98: return 'Received disconnect from %s port %d:11: disconnected by user' % (a, p)
    if kind < 0.99: return 'Disconnected from user %s %s port %d' % (rng.choice(valid), a, p)
    return 'Timeout before authentication for %s port %d' % (a, p)


def other_line(t):
    kind = rng.random()
    if kind < 0.45:
        return 'CRON[%d]: pam_unix(cron:session): session %s for user root' % (rng.randint(1000, 99999), rng.choice(['opened', 'closed']) + (' by (uid=0)' if rng.random() < 0.5 else ''))
    if kind < 0.75:
        return 'sudo:    %s : TTY=pts/%d ; PWD=/home/%s ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx' % (rng.choice(valid), rng.randint(0, 4), rng.choice(valid))
    return 'systemd-logind[%d]: %s' % (rng.randint(300, 900), rng.choice(['New session %d of user %s.' % (rng.randint(1, 9999), rng.choice(valid)), 'Session %d logged out. Waiting for processes to exit.' % rng.randint(1, 9999), 'Removed session %d.' % rng.randint(1, 9999)]))


t = 0
with open(out, 'w', encoding='ascii', newline='\n') as f:
    for i in range(total):
        t += rng.randint(0, 1)
        day, rest = divmod(t, 86400)
        stamp = '%s %2d %02d:%02d:%02d' % (months[4], 1 + day % 28, rest // 3600, rest // 60 % 60, rest % 60)
        if rng.random() < 0.8:
            proc = 'sshd-session' if rng.random() < 0.3 else 'sshd'
            f.write('%s bastion %s[%d]: %s\n' % (stamp, proc, rng.randint(1000, 400000), sshd_line()))
        else:
            f.write('%s bastion %s\n' % (stamp, other_line(t)))
