#!/usr/bin/env bash
# An sshd with PerSourcePenalties (OpenSSH >= 9.8) for ScanPolitenessTests, without touching the system's OpenSSH:
# Debian's bookworm-backports openssh-server package is downloaded with apt's ordinary client (a private source list
# and list directory, nothing of /etc/apt changed) and unpacked with dpkg -x into artifacts/lab/openssh-backports.
# Its sshd runs from there with SshdSessionPath/SshdAuthPath pointing beside it. Prints the sshd path.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="$root/artifacts/lab/openssh-backports"
if [ -x "$target/usr/sbin/sshd" ]; then echo "$target/usr/sbin/sshd"; exit 0; fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$target"
echo "deb http://deb.debian.org/debian bookworm-backports main" > "$work/sources.list"
apt_options=(-q -o APT::Sandbox::User=root -o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$work/lists")
apt-get "${apt_options[@]}" update >/dev/null
(cd "$work" && apt-get "${apt_options[@]}" download openssh-server/bookworm-backports >/dev/null 2>&1)
dpkg -x "$work"/openssh-server_*.deb "$target"
"$target/usr/sbin/sshd" -V 2>&1 | head -1 >&2
echo "$target/usr/sbin/sshd"
