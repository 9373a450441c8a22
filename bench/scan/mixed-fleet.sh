#!/usr/bin/env bash
# scan on a larger, mixed fleet, side by side with ssh-keyscan and ssh-audit on the same host list, in the same minute
# (issue 17). Two network namespaces joined by one veth pair: the servers' end carries many addresses (10.77.0.0/16),
# SSHD real sshd listen on 4 of them x 4 ports each (16 listeners, sshd's own limit per process), every 8th of them
# offering only legacy algorithms (diffie-hellman-group14-sha1, aes128-cbc); then failing kinds on the same addresses:
# REFUSED hosts on a port nothing listens on, DROPPED hosts whose SYN is dropped (a timeout), RESET hosts whose
# connection is accepted and reset at once. With DROPBEAR=N, N dropbear (ed25519, ECDSA and RSA host keys, the same 4
# ports) on N addresses of their own: hosts that give every host key type on one connection by re-exchange, where an
# OpenSSH host costs scan --all-host-keys one connection per type. The clients run in the other namespace, under
# `nice -n NICE`, one after another in each round:
#   ssh-doctor scan -f hosts --no-history --json --per-network 64  (the NativeAOT binary; the one key ssh negotiates)
#   the same with --all-host-keys (every host key type: main's behaviour before the one-key default)
#   ssh-keyscan -t rsa,ecdsa,ed25519 -T TIMEOUT, one process per port at once (its -f takes no port per host)
#   ssh-keyscan -t ed25519, the same way (one key per host, as scan's default)
#   ssh-audit -T hosts --threads 64 -t TIMEOUT -j  (Debian's ssh-audit, when installed)
#   with BASELINE=path, that binary's scan too (e.g. main's, built the same way), with the same arguments
# and prints the ratios first, then each tool's wall and CPU time and the load average at its start.
# Usage (root): bench/scan/mixed-fleet.sh [SSHD] [ROUNDS]; env BINARY, NICE (15), TIMEOUT (5), REFUSED (64),
# DROPPED (32), RESET (32), DROPBEAR (0), BASELINE (none).
set -euo pipefail
sshd_count=${1:-48}
rounds=${2:-1}
nice_level=${NICE:-15}
timeout=${TIMEOUT:-5}
refused=${REFUSED:-64}
dropped=${DROPPED:-32}
reset=${RESET:-32}
dropbear_count=${DROPBEAR:-0}
ports=(2201 2202 2203 2204)
per_sshd=4
root=$(cd "$(dirname "$0")/../.." && pwd)
binary=${BINARY:-$root/artifacts/aot/ssh-doctor}
[ -x "$binary" ] || { echo "no native binary at $binary: run ./ssh-doctor --version first, or set BINARY" >&2; exit 2; }
srv="sshdoc-bsrv-$$"
cli="sshdoc-bcli-$$"
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}" $(cat "$work"/*.pid 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
  ip netns del "$srv" 2>/dev/null || true
  ip netns del "$cli" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
in_srv() { ip netns exec "$srv" "$@"; }
in_cli() { ip netns exec "$cli" "$@"; }
address() { echo "10.77.$(($1 / 250)).$(($1 % 250 + 1))"; }

ip netns add "$srv"
ip netns add "$cli"
ip link add "vs$$" type veth peer name "vc$$"
ip link set "vs$$" netns "$srv"
ip link set "vc$$" netns "$cli"
in_srv ip link set lo up
in_cli ip link set lo up
addresses=$((sshd_count * per_sshd))
{
  for n in $(seq 0 $((addresses + dropbear_count - 1))); do echo "address add $(address "$n")/16 dev vs$$"; done
} > "$work/addresses"
in_srv ip -batch "$work/addresses"
in_srv ip link set "vs$$" up
in_cli ip address add 10.77.255.254/16 dev "vc$$"
in_cli ip link set "vc$$" up

mkdir -p /run/sshd
for type in rsa ecdsa ed25519; do ssh-keygen -q -t "$type" -N '' -f "$work/host_$type"; done
: > "$work/hosts"
for s in $(seq 0 $((sshd_count - 1))); do
  {
    for port in "${ports[@]}"; do echo "Port $port"; done
    for a in $(seq 0 $((per_sshd - 1))); do
      addr=$(address $((s * per_sshd + a)))
      echo "ListenAddress $addr"
      for port in "${ports[@]}"; do echo "$addr:$port" >> "$work/hosts"; done
    done
    for type in rsa ecdsa ed25519; do echo "HostKey $work/host_$type"; done
    if [ $((s % 8)) = 7 ]; then echo "KexAlgorithms diffie-hellman-group14-sha1"; echo "Ciphers aes128-cbc"; fi
    echo "PidFile $work/sshd$s.pid"
    echo "UsePAM no"
    echo "MaxStartups 100:30:200"
  } > "$work/sshd$s.conf"
  in_srv /usr/sbin/sshd -f "$work/sshd$s.conf"
done
# Dropbear, on addresses after the sshd's: one process per address, listening on the same 4 ports.
if [ "$dropbear_count" -gt 0 ]; then
  for type in rsa ecdsa ed25519; do dropbearkey -t "$type" -f "$work/dropbear_$type" > /dev/null 2>&1; done
  for d in $(seq 0 $((dropbear_count - 1))); do
    addr=$(address $((addresses + d)))
    listen=()
    for port in "${ports[@]}"; do listen+=(-p "$addr:$port"); echo "$addr:$port" >> "$work/hosts"; done
    in_srv dropbear -F -E -s "${listen[@]}" -r "$work/dropbear_ed25519" -r "$work/dropbear_ecdsa" -r "$work/dropbear_rsa" 2> /dev/null &
    pids+=($!)
  done
fi
# The failing kinds, on addresses the sshd use, on ports of their own.
for n in $(seq 0 $((refused - 1))); do echo "$(address $((n % addresses))):2299" >> "$work/hosts"; done
in_srv iptables -A INPUT -p tcp --dport 2298 -j DROP
for n in $(seq 0 $((dropped - 1))); do echo "$(address $((n % addresses))):2298" >> "$work/hosts"; done
in_srv python3 -c '
import socket, struct
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("0.0.0.0", 2297)); s.listen(1024)
while True:
    c, _ = s.accept(); c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)); c.close()
' &
pids+=($!)
for n in $(seq 0 $((reset - 1))); do echo "$(address $((n % addresses))):2297" >> "$work/hosts"; done
sleep 1
hosts=$(wc -l < "$work/hosts")
for port in 2201 2202 2203 2204 2297 2298 2299; do grep ":$port\$" "$work/hosts" | cut -d: -f1 > "$work/keyscan-$port" || true; done
listeners=$((sshd_count * per_sshd * ${#ports[@]}))
echo "fleet: $sshd_count sshd x $per_sshd addresses x ${#ports[@]} ports = $listeners listeners ($((sshd_count / 8)) sshd legacy-only), $dropbear_count dropbear x ${#ports[@]} ports, $refused refused, $dropped dropped, $reset reset: $hosts hosts on $addresses addresses of one veth; $(nproc) cores; clients under nice -n $nice_level; timeout $timeout s"

measure() { # label command...: prints "wall cpu load" (user+sys of the command and its children; load at its start)
  local label=$1; shift
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -o "$work/time-$label" -f "%e %U %S" ip netns exec "$cli" nice -n "$nice_level" "$@" > "$work/out-$label" 2> "$work/err-$label" || true
  read -r wall user sys < <(tail -1 "$work/time-$label")
  echo "$wall $(echo "$user + $sys" | bc) $load"
}
keyscan_all() { # one ssh-keyscan per port at once, the key types $types
  local port
  for port in 2201 2202 2203 2204 2297 2298 2299; do
    [ -s "$work/keyscan-$port" ] && ssh-keyscan -p "$port" -T "$timeout" -t "$types" -f "$work/keyscan-$port" &
  done
  wait
}
export -f keyscan_all
export work timeout
per_minute() { echo "$hosts * 60 / $1" | bc -l; }
scan_line() { # label: outcomes, connections and host keys of a scan's JSON
  local outcomes connections
  outcomes=$(python3 -c 'import json,sys,collections; r=json.load(open(sys.argv[1])); print(", ".join(f"{k} {v}" for k,v in collections.Counter(h["outcome"] for h in r["hosts"]).most_common()))' "$work/out-$1" 2>/dev/null || echo "?")
  # Connections and host keys per host as the report counts them (binaries before the re-exchange have no "connections").
  connections=$(python3 -c 'import json,sys; h=json.load(open(sys.argv[1]))["hosts"]; print(sum(x.get("connections", 0) for x in h), "connections,", sum(len(x.get("host_keys", [])) for x in h), "host keys")' "$work/out-$1" 2>/dev/null || echo "?")
  echo "outcomes: $outcomes; $connections"
}
scan_args=(-f "$work/hosts" --no-history --json -F /dev/null --agent none --known-hosts "$work/known_hosts" -l root --per-network 64 --timeout "$timeout")
for round in $(seq 1 "$rounds"); do
  read -r dwall dcpu dload < <(measure scan "$binary" scan "${scan_args[@]}")
  read -r awall_ acpu_ aload_ < <(measure scanall "$binary" scan "${scan_args[@]}" --all-host-keys)
  read -r kwall kcpu kload < <(types=rsa,ecdsa,ed25519 measure keyscan bash -c keyscan_all)
  keys=$(grep -vc '^#' "$work/out-keyscan" || true)
  khosts=$(grep -v '^#' "$work/out-keyscan" | cut -d' ' -f1 | sort -u | wc -l)
  read -r ewall ecpu eload < <(types=ed25519 measure keyscan1 bash -c keyscan_all)
  ekeys=$(grep -vc '^#' "$work/out-keyscan1" || true)
  audit_line="ssh-audit not installed"
  ratio_audit="-"
  if command -v ssh-audit > /dev/null; then
    read -r awall acpu aload < <(measure audit ssh-audit -T "$work/hosts" --threads 64 -t "$timeout" -j)
    ratio_audit=$(printf '%.1f' "$(echo "$awall / $dwall" | bc -l)")
    audit_line=$(printf 'ssh-audit -T: %s s wall, %s s CPU, %.0f hosts/min (load %s)' "$awall" "$acpu" "$(per_minute "$awall")" "$aload")
  fi
  printf 'round %s: scan %.0f hosts/min (--all-host-keys %.0f); scan is %.1fx ssh-keyscan (all types), %.1fx ssh-keyscan -t ed25519, %sx ssh-audit in hosts/min\n' \
    "$round" "$(per_minute "$dwall")" "$(per_minute "$awall_")" "$(echo "$kwall / $dwall" | bc -l)" "$(echo "$ewall / $dwall" | bc -l)" "$ratio_audit"
  printf '  scan: %s s wall, %s s CPU, %.0f hosts/min (load %s); %s\n' "$dwall" "$dcpu" "$(per_minute "$dwall")" "$dload" "$(scan_line scan)"
  printf '  scan --all-host-keys: %s s wall, %s s CPU, %.0f hosts/min (load %s); %s\n' "$awall_" "$acpu_" "$(per_minute "$awall_")" "$aload_" "$(scan_line scanall)"
  printf '  ssh-keyscan (rsa,ecdsa,ed25519, one process per port): %s s wall, %s s CPU, %.0f hosts/min (load %s); %s keys from %s hosts\n' \
    "$kwall" "$kcpu" "$(per_minute "$kwall")" "$kload" "$keys" "$khosts"
  printf '  ssh-keyscan -t ed25519 (one process per port): %s s wall, %s s CPU, %.0f hosts/min (load %s); %s keys\n' \
    "$ewall" "$ecpu" "$(per_minute "$ewall")" "$eload" "$ekeys"
  echo "  $audit_line"
  if [ -n "${BASELINE:-}" ]; then
    read -r bwall bcpu bload < <(measure baseline "$BASELINE" scan "${scan_args[@]}")
    printf '  baseline %s scan: %s s wall, %s s CPU, %.0f hosts/min (load %s); %s\n' "$("$BASELINE" --version | head -1)" "$bwall" "$bcpu" "$(per_minute "$bwall")" "$bload" "$(scan_line baseline)"
  fi
done
