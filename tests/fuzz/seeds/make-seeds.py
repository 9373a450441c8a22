#!/usr/bin/env python3
"""Writes the generated part of the fuzz seed corpus (tests/fuzz/corpus/*/gen-*): keys, certificates, known_hosts and
authorized_keys lines made by ssh-keygen; server byte streams recorded from sshd -i (inetd mode, over pipes: no
network); authentication answers and agent replies built here. Run once when the formats change, then
minimise with run.sh --minimise. Needs openssh-client and openssh-server. Usage: make-seeds.py CORPUS_DIR"""
import base64, os, struct, subprocess, sys, tempfile

corpus = sys.argv[1]
work = tempfile.mkdtemp(prefix="ssh-doctor-seeds-")


def put(harness, name, data):
    os.makedirs(os.path.join(corpus, harness), exist_ok=True)
    with open(os.path.join(corpus, harness, "gen-" + name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def sh(*args, **kw):
    return subprocess.run(args, check=True, capture_output=True, **kw).stdout


def s(b):
    b = b.encode() if isinstance(b, str) else b
    return struct.pack(">I", len(b)) + b


def packet(payload, block=8):
    pad = block - ((5 + len(payload)) % block)
    pad += block if pad < 4 else 0
    return struct.pack(">IB", 1 + len(payload) + pad, pad) + payload + bytes(pad)


def keygen(name, *args):
    path = os.path.join(work, name)
    sh("ssh-keygen", "-q", "-N", "", "-C", name + "@example", "-f", path, *args)
    return path


def pub(path):
    return open(path + ".pub").read().strip()


def blob(line):
    return base64.b64decode(line.split()[1])


keys = {
    "ed25519": keygen("ed25519", "-t", "ed25519"),
    "ecdsa": keygen("ecdsa", "-t", "ecdsa", "-b", "256"),
    "rsa": keygen("rsa", "-t", "rsa", "-b", "1024"),
}
pem_rsa = keygen("pem-rsa", "-t", "rsa", "-b", "1024", "-m", "PEM")
pkcs8_ec = keygen("pkcs8-ec", "-t", "ecdsa", "-b", "256", "-m", "PKCS8")
encrypted = os.path.join(work, "encrypted")
sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "secret", "-f", encrypted)
ca = keygen("ca", "-t", "ed25519")
ca_rsa = keygen("ca-rsa", "-t", "rsa", "-b", "1024")

# Certificates: user and host, CA ed25519 and RSA.
certs = {}
for name, (signer, opts) in {
    "user-ed25519": (ca, ["-I", "alice", "-n", "alice,root", "-V", "20250101:20260101"]),
    "host-ecdsa": (ca, ["-h", "-I", "web", "-n", "web.example.com"]),
    "user-rsa": (ca_rsa, ["-I", "bob", "-n", "bob", "-O", "source-address=192.0.2.0/24", "-O", "force-command=/bin/true"]),
}.items():
    key = {"user-ed25519": keys["ed25519"], "host-ecdsa": keys["ecdsa"], "user-rsa": keys["rsa"]}[name]
    sh("ssh-keygen", "-q", "-s", signer, *opts, key + ".pub")
    certs[name] = open(key + "-cert.pub").read().strip()
    os.remove(key + "-cert.pub")
    put("certificate", name, blob(certs[name]))

# Key files: mode byte (see KeyFileHarness), then the file or its binary body.
def der(path):
    text = open(path).read()
    body = "".join(l for l in text.splitlines() if not l.startswith("-----"))
    return base64.b64decode(body)

for name, path in keys.items():
    put("key-file", "openssh-" + name, b"\x01" + der(path))
    put("key-file", "pub-" + name, b"\x05" + blob(pub(path)))
put("key-file", "text-ed25519", b"\x00" + open(keys["ed25519"], "rb").read())
put("key-file", "text-encrypted", b"\x00" + open(encrypted, "rb").read())
put("key-file", "pem-rsa", b"\x03" + der(pem_rsa))
put("key-file", "pkcs8-ec", b"\x02" + der(pkcs8_ec))
put("key-file", "text-putty", b"\x00PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: alice\nPublic-Lines: 2\n"
    + base64.b64encode(blob(pub(keys["ed25519"])))[:40] + b"\n" + base64.b64encode(blob(pub(keys["ed25519"])))[40:] + b"\nPrivate-Lines: 1\nAAAA\nPrivate-MAC: 00\n")
put("key-file", "text-cert-pub", b"\x00" + certs["user-ed25519"].encode() + b"\n")

# known_hosts: plain, with a port, hashed, @cert-authority, @revoked, a comment and a broken line.
plain = "\n".join([
    "# comment", "example.com,192.0.2.10 " + pub(keys["ed25519"]).rsplit(" ", 1)[0],
    "[example.com]:2222 " + pub(keys["ecdsa"]).rsplit(" ", 1)[0],
    "@cert-authority *.example.com " + pub(ca), "@revoked * " + pub(keys["rsa"]).rsplit(" ", 1)[0],
    "!bad.example.com,*.example.com ssh-ed25519 AAAA", "",
])
put("known-hosts", "plain", plain)
hashed = os.path.join(work, "known_hosts")
open(hashed, "w").write("host " + pub(keys["ed25519"]) + "\n[host]:2222 " + pub(keys["rsa"]) + "\n")
sh("ssh-keygen", "-q", "-H", "-f", hashed)
put("known-hosts", "hashed", open(hashed).read())

# authorized_keys with options.
put("authorized-keys", "options", "\n".join([
    "# alice's keys", pub(keys["ed25519"]),
    'from="192.0.2.0/24,!192.0.2.1",no-pty,command="echo \\"hi\\"" ' + pub(keys["ecdsa"]),
    'cert-authority,principals="alice,root" ' + pub(ca), "restrict,port-forwarding,permitopen=\"host:22\" " + pub(keys["rsa"]),
    'environment="A=b c" ssh-ed25519 AAAAbroken', "",
]))

# Agent replies: IDENTITIES_ANSWER with keys and a certificate; FAILURE.
identities = [blob(pub(p)) for p in keys.values()] + [blob(certs["user-ed25519"])]
put("agent-reply", "identities", bytes([12]) + struct.pack(">I", len(identities)) + b"".join(s(b) + s("key %d" % i) for i, b in enumerate(identities)))
put("agent-reply", "empty", bytes([12, 0, 0, 0, 0]))
put("agent-reply", "failure", bytes([5]))

# Server byte streams: identification, KEXINIT, KEX_ECDH_REPLY, NEWKEYS, recorded from sshd -i.
def client_kexinit(kex="curve25519-sha256,ext-info-c,kex-strict-c-v00@openssh.com", hostkeys="ssh-ed25519,ecdsa-sha2-nistp256,rsa-sha2-512,rsa-sha2-256"):
    lists = [kex, hostkeys, "aes128-ctr,chacha20-poly1305@openssh.com", "aes128-ctr,chacha20-poly1305@openssh.com",
             "hmac-sha2-256", "hmac-sha2-256", "none", "none", "", ""]
    return bytes([20]) + os.urandom(16) + b"".join(s(l) for l in lists) + b"\x00" + bytes(4)


def record(command, name):
    ident = b"SSH-2.0-SshDoctorProbe_1.0\r\n"
    ecdh_init = bytes([30]) + s(os.urandom(32))
    sent = ident + packet(client_kexinit()) + packet(ecdh_init)
    try:
        out = subprocess.run(command, input=sent, capture_output=True, timeout=10).stdout
    except subprocess.TimeoutExpired as e:
        out = e.stdout or b""
    if out.startswith(b"SSH-"):
        put("packets", "stream-" + name, b"\x00" + out)
        # The server's KEXINIT alone (mode 2): the first packet after the identification line.
        rest = out[out.index(b"\n") + 1:]
        length, pad = struct.unpack(">IB", rest[:5])
        put("packets", "kexinit-" + name, b"\x02" + rest[5:4 + length - pad])
    else:
        print("no recording from", command[0], out[:200], file=sys.stderr)

os.makedirs("/run/sshd", exist_ok=True)
for name in ("ed25519", "ecdsa", "rsa"):
    cfg = os.path.join(work, "sshd_config")
    open(cfg, "w").write("HostKey %s\nKexAlgorithms curve25519-sha256\nUsePAM no\nPidFile none\n" % keys[name])
    record(["/usr/sbin/sshd", "-i", "-f", cfg, "-o", "LogLevel=QUIET"], "openssh-" + name)
put("packets", "stream-prebanner", b"\x00Exceeded MaxStartups\r\nhello\r\nSSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n" + packet(bytes([1]) + struct.pack(">I", 2) + s("Too many") + s("")))

# Authentication answers (mode 1): unencrypted packets after the handshake.
key = blob(pub(keys["ed25519"]))
ext_info = bytes([7]) + struct.pack(">I", 1) + s("server-sig-algs") + s("ssh-ed25519,rsa-sha2-512,rsa-sha2-256")
accept = bytes([6]) + s("ssh-userauth")
failure = bytes([51]) + s("publickey,password,keyboard-interactive") + b"\x00"
banner = bytes([53]) + s("Authorized use only.\r\n") + s("en")
put("packets", "auth-failures", b"\x01" + b"".join(packet(p) for p in (accept, failure, failure)))
put("packets", "auth-pk-ok", b"\x01" + b"".join(packet(p) for p in (ext_info, accept, banner, failure, bytes([60]) + s("ssh-ed25519") + s(key))))
put("packets", "auth-disconnect", b"\x01" + b"".join(packet(p) for p in (accept, bytes([2]) + s("x"), bytes([1]) + struct.pack(">I", 2) + s("Too many authentication failures") + s(""))))
put("packets", "auth-success", b"\x01" + b"".join(packet(p) for p in (accept, bytes([52]))))
