#!/usr/bin/env python3
"""Small non-SSH peers for the ssh-doctor lab (run inside a lab network namespace).

  fakeserver.py smtp PORT         greets like Postfix, answers every line with 502, never speaks SSH
  fakeserver.py silent PORT       accepts TCP connections and never sends a byte (banner timeout)
  fakeserver.py dns-nxdomain      UDP DNS on 127.0.0.1:53 answering NXDOMAIN to every query
  fakeserver.py kexinit PORT KEX HOSTKEY CIPHER MAC
                                  an SSH peer that only negotiates: sends its banner and a KEXINIT offering
                                  these name-lists (for clients that support every algorithm sshd has, such
                                  as PuTTY), then waits for the client to give up
  fakeserver.py hold HOST PORT    client side: opens one TCP connection and keeps it open, silent
  fakeserver.py syslog SOCK FILE HOSTNAME
                                  a minimal syslog daemon on the unix datagram socket SOCK, writing
                                  each message to FILE the way rsyslog writes auth.log:
                                  "TIMESTAMP HOSTNAME TAG[PID]: MESSAGE" (the <PRI> prefix dropped)

Every mode ends by itself after at most 120 s; lab.sh kills it earlier.
"""
import socket
import sys
import threading
import time

DEADLINE = time.monotonic() + 120


def serve_tcp(port, handler):
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("0.0.0.0", port))
    srv.listen(16)
    srv.settimeout(1.0)
    while time.monotonic() < DEADLINE:
        try:
            conn, _ = srv.accept()
        except socket.timeout:
            continue
        threading.Thread(target=handler, args=(conn,), daemon=True).start()


def smtp(conn):
    try:
        conn.settimeout(60)
        conn.sendall(b"220 mail.server.test ESMTP Postfix (Debian/GNU)\r\n")
        buf = b""
        while True:
            data = conn.recv(4096)
            if not data:
                break
            buf += data
            while b"\n" in buf:
                _, buf = buf.split(b"\n", 1)
                conn.sendall(b"502 5.5.2 Error: command not recognized\r\n")
    except OSError:
        pass
    finally:
        conn.close()


def silent(conn):
    try:
        conn.settimeout(60)
        while conn.recv(4096):
            pass
    except OSError:
        pass
    finally:
        conn.close()


def dns_nxdomain():
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 53))
    sock.settimeout(1.0)
    while time.monotonic() < DEADLINE:
        try:
            q, addr = sock.recvfrom(1500)
        except socket.timeout:
            continue
        if len(q) < 12:
            continue
        # header: same id, QR=1, opcode from query, RD copied, RA=1, RCODE=3 (NXDOMAIN); QDCOUNT kept, no answers
        flags = 0x8000 | (q[2] & 0x79) << 8 | 0x0080 | 3
        qd = q[4:6]
        # question section: walk the name, then QTYPE+QCLASS
        i = 12
        while i < len(q) and q[i] != 0:
            i += 1 + q[i]
        question = q[12:i + 5]
        resp = q[0:2] + flags.to_bytes(2, "big") + qd + b"\x00\x00\x00\x00\x00\x00" + question
        sock.sendto(resp, addr)


def hold(host, port):
    s = socket.create_connection((host, port), timeout=5)
    s.settimeout(1.0)
    while time.monotonic() < DEADLINE:
        try:
            if not s.recv(4096):
                break
        except socket.timeout:
            continue
        except OSError:
            break


def syslog(sock_path, out_path, hostname):
    import os
    import re
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(sock_path)
    os.chmod(sock_path, 0o666)
    sock.settimeout(1.0)
    with open(out_path, "a", buffering=1) as out:
        while time.monotonic() < DEADLINE:
            try:
                data = sock.recv(65536)
            except socket.timeout:
                continue
            msg = data.decode("utf-8", "replace").rstrip("\n\0")
            m = re.match(r"<\d+>(\w{3} [ \d]\d \d\d:\d\d:\d\d) (.*)", msg, re.S)
            if m:
                msg = m.group(1) + " " + hostname + " " + m.group(2)
            out.write(msg + "\n")


def ssh_string(text):
    data = text.encode()
    return len(data).to_bytes(4, "big") + data


def kexinit(kex, hostkey, cipher, mac):
    def handler(conn):
        try:
            conn.settimeout(60)
            conn.sendall(b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10\r\n")
            payload = bytes([20]) + bytes(16)  # SSH_MSG_KEXINIT, cookie
            for names in (kex, hostkey, cipher, cipher, mac, mac, "none", "none", "", ""):
                payload += ssh_string(names)
            payload += bytes([0]) + bytes(4)  # first_kex_packet_follows, reserved
            padding = 8 - (len(payload) + 5) % 8
            padding += 8 if padding < 4 else 0
            packet = (len(payload) + padding + 1).to_bytes(4, "big") + bytes([padding]) + payload + bytes(padding)
            conn.sendall(packet)
            while conn.recv(4096):
                pass
        except OSError:
            pass
        finally:
            conn.close()
    return handler


def main():
    mode = sys.argv[1]
    if mode == "smtp":
        serve_tcp(int(sys.argv[2]), smtp)
    elif mode == "silent":
        serve_tcp(int(sys.argv[2]), silent)
    elif mode == "dns-nxdomain":
        dns_nxdomain()
    elif mode == "syslog":
        syslog(sys.argv[2], sys.argv[3], sys.argv[4])
    elif mode == "kexinit":
        serve_tcp(int(sys.argv[2]), kexinit(*sys.argv[3:7]))
    elif mode == "hold":
        hold(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit("unknown mode " + mode)


if __name__ == "__main__":
    main()
