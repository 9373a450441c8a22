#!/usr/bin/env bash
# The issue-13 goals, measured side by side with hyperfine (-N) in rounds, so each ratio compares commands timed in
# the same minute on a shared machine:
#   explain:  ./ssh-doctor explain tcp.refused (the launcher, binary up to date)   vs  ssh -V          goal <= 2x
#   diagnose: ./ssh-doctor diagnose ... up to the auth stage (the launcher)        vs  ssh-keyscan -t ed25519 on the
#             same sshd (its own, on a free 127.0.0.1 port, killed by pid at the end)   goal <= 0.5x
# The native binary alone and the JIT build are timed beside them for reference.
# Usage: bench/install/run.sh [--rounds N] [--runs N]   (root for sshd; hyperfine, python3)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds=3 runs=40
while [ $# -gt 0 ]; do
  case $1 in --rounds) rounds=$2; shift 2 ;; --runs) runs=$2; shift 2 ;; *) echo "usage: $0 [--rounds N] [--runs N]" >&2; exit 2 ;; esac
done
for tool in hyperfine ssh ssh-keyscan ssh-keygen /usr/sbin/sshd python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool"; exit 77; }
done

work="$(mktemp -d /tmp/sshdoctor-bench-install-XXXXXX)"
sshd_pid=""
cleanup() { [ -n "$sshd_pid" ] && kill "$sshd_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

launcher="$root/ssh-doctor"
"$launcher" --version >/dev/null # builds the native binary if a source changed: the goal is "after the first run"
native="$root/artifacts/aot/ssh-doctor"
jit="$root/artifacts/bin/SshDoctor.Cli/release/ssh-doctor.dll"

. "$root/bench/lib/loopback-sshd.sh"
start_loopback_sshd "$work" "MaxStartups 200:30:400"

# Up to the auth stage: resolve (ssh -G), dns, tcp, banner, kex with the host key's signature verified, known_hosts,
# and the 'none' request that lists the methods (public keys off, so no key query).
diagnose=(diagnose -F /dev/null --agent none --known-hosts "$work/known_hosts" --timeout 5 -o PubkeyAuthentication=no -i /dev/null -p "$port" root@127.0.0.1 --no-color)
"$launcher" "${diagnose[@]}" | sed 's/^/  /'

ratio() { # JSON NAME_A NAME_B: mean wall time of A / B, and (in brackets) mean CPU time (user + system) of A / B
  python3 - "$@" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
a, b = r[sys.argv[2]], r[sys.argv[3]]
print("%.2f (cpu %.2f)" % (a["mean"] / b["mean"], (a["user"] + a["system"]) / (b["user"] + b["system"])))
PY
}

echo "ratios of mean wall times (and of mean CPU times, user + system: steadier when the machine is shared)"
printf '%-6s %-8s %-28s %-28s\n' round load "explain / ssh -V (<= 2)" "diagnose / ssh-keyscan (<= 0.5)"
for round in $(seq "$rounds"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  hyperfine -N --warmup 5 --runs "$runs" --export-json "$work/explain-$round.json" --export-markdown "$work/explain-$round.md" \
    -n "ssh -V" "ssh -V" \
    -n "./ssh-doctor explain tcp.refused" "$launcher explain tcp.refused" \
    -n "native binary alone" "$native explain tcp.refused" \
    -n "JIT build (dotnet ssh-doctor.dll)" "dotnet $jit explain tcp.refused" >/dev/null 2>&1
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/diagnose-$round.json" --export-markdown "$work/diagnose-$round.md" \
    -n "ssh-keyscan -t ed25519" "ssh-keyscan -t ed25519 -p $port 127.0.0.1" \
    -n "./ssh-doctor diagnose (to auth)" "$launcher ${diagnose[*]}" \
    -n "native binary alone" "$native ${diagnose[*]}" >/dev/null 2>&1
  printf '%-6s %-8s %-28s %-28s\n' "$round" "$load" \
    "$(ratio "$work/explain-$round.json" "./ssh-doctor explain tcp.refused" "ssh -V")" \
    "$(ratio "$work/diagnose-$round.json" "./ssh-doctor diagnose (to auth)" "ssh-keyscan -t ed25519")"
done
echo
echo "last round:"
cat "$work/explain-$rounds.md" "$work/diagnose-$rounds.md"
