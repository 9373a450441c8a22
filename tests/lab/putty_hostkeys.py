#!/usr/bin/env python3
"""Writes PuTTY's host key cache (~/.putty/sshhostkeys) from an OpenSSH known_hosts file.

    putty_hostkeys.py KNOWN_HOSTS OUT

PuTTY keeps one line per host key: `TYPE@PORT:HOST VALUE`, where VALUE is the key's numbers in hex
(PuTTY's *_cache_str functions): RSA `0xE,0xN`, ECDSA `CURVE,0xX,0xY`, Ed25519 `0xX,0xY` (the point
decompressed). Lines of known_hosts with a marker (@revoked, @cert-authority) or hashed names are left out:
PuTTY has neither. A known_hosts name `[host]:port` becomes `TYPE@port:host`, a bare name port 22.
"""
import base64
import struct
import sys

P = 2**255 - 19
D = (-121665 * pow(121666, P - 2, P)) % P


def strings(blob):
    out, i = [], 0
    while i < len(blob):
        (n,) = struct.unpack(">I", blob[i:i + 4])
        out.append(blob[i + 4:i + 4 + n])
        i += 4 + n
    return out


def ed25519_point(pub):
    y = int.from_bytes(pub, "little")
    sign, y = y >> 255, y & ((1 << 255) - 1)
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P) % P
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P:
        x = x * pow(2, (P - 1) // 4, P) % P
    if x & 1 != sign:
        x = P - x
    return x, y


def cache_value(keytype, blob):
    parts = strings(blob)
    if keytype == "ssh-rsa":
        e, n = (int.from_bytes(v, "big") for v in parts[1:3])
        return f"0x{e:x},0x{n:x}"
    if keytype == "ssh-ed25519":
        x, y = ed25519_point(parts[1])
        return f"0x{x:x},0x{y:x}"
    if keytype.startswith("ecdsa-sha2-"):
        curve, point = parts[1].decode(), parts[2]
        size = (len(point) - 1) // 2
        x, y = int.from_bytes(point[1:1 + size], "big"), int.from_bytes(point[1 + size:], "big")
        return f"{curve},0x{x:x},0x{y:x}"
    return None


def main():
    src, dst = sys.argv[1:3]
    lines = []
    for raw in open(src, encoding="utf-8"):
        fields = raw.split()
        if len(fields) < 3 or fields[0].startswith(("@", "#", "|")):
            continue
        names, keytype, b64 = fields[:3]
        value = cache_value(keytype, base64.b64decode(b64))
        if value is None:
            continue
        for name in names.split(","):
            host, port = (name[1:].split("]:") if name.startswith("[") else (name, "22"))
            lines.append(f"{keytype}@{port}:{host} {value}\n")
    with open(dst, "w", encoding="utf-8") as out:
        out.writelines(lines)


if __name__ == "__main__":
    main()
