#!/usr/bin/env bash
# scan throughput against ssh-keyscan on the same host list, side by side (issue 17).
# Builds a fleet of real sshd processes in a network namespace of its own (SERVERS sshd, each listening on
# ADDRESSES_PER_SERVER loopback addresses, port 22: SERVERS x ADDRESSES_PER_SERVER hosts), then times, inside it:
#   ssh-doctor scan -f hosts --no-history  (the native binary; tcp, banner, kex with every list, host key, methods)
#   ssh-keyscan -f hosts -t rsa,ecdsa,ed25519  (every key type: one connection per type and host)
#   ssh-audit -T hosts --threads 64 -j  (Debian's ssh-audit, when installed: banner, algorithms, host keys)
# With HISTORY=1, each round also runs the same scan with its history on (--db, a fresh SQLite file per round: one
# commit per host) right after the one without, to price the history; HISTORY_REUSE=1 keeps one file for every round (from
# round 2 on, each host is compared with its last record); SCAN_ONLY=1 leaves out ssh-keyscan and ssh-audit.
# Needs root, iproute2, sshd, ssh-keyscan, and the native binary (./ssh-doctor builds it, or BINARY=path).
# Usage: bench/scan/run.sh [SERVERS] [ADDRESSES_PER_SERVER] [ROUNDS]
set -euo pipefail
servers=${1:-50}
per_server=${2:-4}
rounds=${3:-2}
root=$(cd "$(dirname "$0")/../.." && pwd)
binary=${BINARY:-$root/artifacts/aot/ssh-doctor}
[ -x "$binary" ] || { echo "no native binary at $binary: run ./ssh-doctor --version first, or set BINARY" >&2; exit 2; }
# shellcheck source=../lib/namespace-fleet.sh
source "$root/bench/lib/namespace-fleet.sh"
fleet_namespace sshdoc-bench-scan
for type in rsa ecdsa ed25519; do ssh-keygen -q -t "$type" -N '' -f "$work/host_$type"; done
: > "$work/hosts"
for s in $(seq 1 "$servers"); do
  fleet_sshd "$s" "$per_server" "HostKey $work/host_rsa" "HostKey $work/host_ecdsa" "HostKey $work/host_ed25519"
done
sleep 1
hosts=$(wc -l < "$work/hosts")
echo "fleet: $servers sshd x $per_server addresses = $hosts hosts; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
measure() { # label command...: wall seconds, CPU seconds (user+sys of the command and its children)
  local label=$1; shift
  /usr/bin/time -o "$work/time" -f "%e %U %S" ip netns exec "$name" "$@" > "$work/out" 2> "$work/err" || true
  read -r wall user sys < <(tail -1 "$work/time") # GNU time says a non-zero exit on a line before
  printf '%s\t%s\t%s\n' "$label" "$wall" "$(echo "$user + $sys" | bc)"
}
for round in $(seq 1 "$rounds"); do
  doctor=$(measure scan "$binary" scan -f "$work/hosts" --no-history --json -F /dev/null --agent none \
    --known-hosts "$work/known_hosts" -l root --per-network 64 --timeout 10)
  ok=$(grep -c '"outcome": "ok"' "$work/out" || true)
  if [ "${HISTORY:-0}" = 1 ]; then
    db="$work/history-$round.db"
    [ "${HISTORY_REUSE:-0}" = 1 ] && db="$work/history.db"
    history=$(measure scan-db "$binary" scan -f "$work/hosts" --db "$db" --json -F /dev/null --agent none \
      --known-hosts "$work/known_hosts" -l root --per-network 64 --timeout 10)
    hok=$(grep -c '"outcome": "ok"' "$work/out" || true)
    read -r _ dwall dcpu <<< "$doctor"
    read -r _ hwall hcpu <<< "$history"
    printf 'round %s (load %s): scan --no-history %s s wall, %s s CPU, %s/%s ok, %.0f hosts/min | scan --db (SQLite, %s snapshots in it) %s s wall, %s s CPU, %s/%s ok, %.0f hosts/min\n' \
      "$round" "$(cut -d' ' -f1 /proc/loadavg)" "$dwall" "$dcpu" "$ok" "$hosts" "$(echo "$hosts * 60 / $dwall" | bc -l)" \
      "$("$binary" scan --since 2000-01-01 --json --db "$db" | grep -o '"recorded": [0-9]*' | grep -o '[0-9]*$' | paste -sd+ | bc)" \
      "$hwall" "$hcpu" "$hok" "$hosts" "$(echo "$hosts * 60 / $hwall" | bc -l)"
  fi
  [ "${SCAN_ONLY:-0}" = 1 ] && continue
  keyscan=$(measure keyscan ssh-keyscan -f "$work/hosts" -t "${KEYSCAN_TYPES:-rsa,ecdsa,ed25519}" -T 10)
  keys=$(grep -vc '^#' "$work/out" || true)
  audit="-"
  if command -v ssh-audit > /dev/null; then
    audit=$(measure audit ssh-audit -T "$work/hosts" --threads 64 -t 10 -j)
    read -r _ awall acpu <<< "$audit"
    audit=$(printf '%s s wall, %s s CPU, %.0f hosts/min' "$awall" "$acpu" "$(echo "$hosts * 60 / $awall" | bc -l)")
  fi
  read -r _ dwall dcpu <<< "$doctor"
  read -r _ kwall kcpu <<< "$keyscan"
  printf 'round %s (load %s): scan %s s wall, %s s CPU, %s/%s ok, %.0f hosts/min | ssh-keyscan %s s wall, %s s CPU, %s keys, %.0f hosts/min | wall ratio scan/keyscan %.2f | ssh-audit -T %s\n' \
    "$round" "$(cut -d' ' -f1 /proc/loadavg)" "$dwall" "$dcpu" "$ok" "$hosts" "$(echo "$hosts * 60 / $dwall" | bc -l)" \
    "$kwall" "$kcpu" "$keys" "$(echo "$hosts * 60 / $kwall" | bc -l)" "$(echo "$dwall / $kwall" | bc -l)" "$audit"
done
