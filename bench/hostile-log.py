#!/usr/bin/env python3
"""A log whose fields an attacker chose, for comparing the per-line outputs (`logs --events`, `--csv`) of two binaries
byte for byte: control bytes, quotes, backslashes, commas, non-ASCII and invalid UTF-8, long user names, secrets to
redact, in the shapes of real sshd and dropbear lines. With --ascii, only ASCII (a recognised line's message is then
copied from the block's bytes, another path). usage: hostile-log.py [--ascii] OUT [LINES]"""
import random, sys

args = [a for a in sys.argv[1:] if a != '--ascii']
out, count = args[0], int(args[1]) if len(args) > 1 else 50_000
rnd = random.Random(14)
odd = [b'"', b'\\', b',', b'\x1b[31m', b'\x00', b'\x7f', b'\t', b'\r', '\u202e'.encode(), '\u00e9'.encode(), '\u65e5\u672c'.encode(),
       b'\xff', b'\xc3', b'\xed\xa0\x80', b'\xf0\x9f\x98\x80', b'password=hunter2', b'token: abc', b'http://u:p@h/', b'-----BEGIN PRIVATE KEY-----',
       b'PRIVATE KEY-----', b'::', b'=', b'-', b"'", b'<&>', b'\\"', b'""']
if '--ascii' in sys.argv:
    odd = [o for o in odd if all(b < 0x80 for b in o)]
plain = [b'root', b'admin', b'git', b'ubuntu', b'test', b'oracle', b'pi', b'a' * 300, b'x' * 40, b'web', b'']

def word():
    parts = [rnd.choice(plain)] + [rnd.choice(odd) if rnd.random() < 0.5 else rnd.choice(plain) for _ in range(rnd.randint(0, 3))]
    rnd.shuffle(parts)
    return b''.join(parts)

def ip():
    return rnd.choice([b'192.0.2.%d' % rnd.randint(1, 254), b'2001:db8::%x' % rnd.randint(1, 65535), b'fe80::1%eth0', word()])

shapes = [
    lambda u, a, p: b'Failed password for %s from %s port %d ssh2' % (u, a, p),
    lambda u, a, p: b'Failed password for invalid user %s from %s port %d ssh2' % (u, a, p),
    lambda u, a, p: b'Invalid user %s from %s port %d' % (u, a, p),
    lambda u, a, p: b'Accepted publickey for %s from %s port %d ssh2: ED25519 SHA256:abc' % (u, a, p),
    lambda u, a, p: b'Connection closed by invalid user %s %s port %d [preauth]' % (u, a, p),
    lambda u, a, p: b'Disconnected from authenticating user %s %s port %d [preauth]' % (u, a, p),
    lambda u, a, p: b'error: PAM: Authentication failure for %s from %s' % (u, a),
    lambda u, a, p: b'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=%s  user=%s' % (a, u),
    lambda u, a, p: b'debug1: PAM: initializing for "%s"' % u,
    lambda u, a, p: b'debug1: userauth-request for user %s service ssh-connection method none [preauth]' % u,
    lambda u, a, p: b'Received disconnect from %s port %d:11: %s [preauth]' % (a, p, u),
    lambda u, a, p: b'User %s from %s not allowed because not listed in AllowUsers' % (u, a),
    lambda u, a, p: b'message repeated 3 times: [ Failed password for %s from %s port %d ssh2]' % (u, a, p),
    lambda u, a, p: b'Bad protocol version identification \'%s\' from %s port %d' % (u, a, p),
    lambda u, a, p: b'%s' % u,
]
drop = [
    lambda u, a, p: b"Bad password attempt for '%s' from %s:%d" % (u, a, p),
    lambda u, a, p: b"Login attempt for nonexistent user from %s:%d" % (a, p),
    lambda u, a, p: b"Exit before auth from <%s:%d>: (user '%s', 3 fails): Max auth tries reached - user '%s'" % (a, p, u, u),
]
with open(out, 'wb') as f:
    for i in range(count):
        u, a, p = word(), ip(), rnd.randint(1, 65535)
        host = rnd.choice([b'web1', b'web1', b'db"2', b'h,3', b'h\\4'])
        stamp = b'Dec  5 %02d:%02d:%02d' % (i // 3600 % 24, i // 60 % 60, i % 60)
        if rnd.random() < 0.15:
            f.write(b'%s %s dropbear[%d]: %s\n' % (stamp, host, rnd.randint(1, 99999), rnd.choice(drop)(u, a, p)))
        else:
            proc = rnd.choice([b'sshd', b'sshd-session', b'sshd'])
            f.write(b'%s %s %s[%d]: %s\n' % (stamp, host, proc, rnd.randint(1, 99999), rnd.choice(shapes)(u, a, p)))
