#!/usr/bin/env bash
# Whole-process benchmark of `ssh-doctor diagnose` (NativeAOT binary) against one loopback sshd, side by side with
# ssh-keyscan and ssh-audit. Starts its own sshd on a free high port with a temporary config and host key, kills it
# by pid at the end. Usage: bench/diagnose/run.sh [--runs N]   (needs root for sshd, hyperfine; ssh-audit optional)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs=30
[ "${1:-}" = "--runs" ] && runs="$2"
for tool in hyperfine ssh-keyscan ssh-keygen /usr/sbin/sshd; do
  command -v "$tool" >/dev/null || { echo "missing: $tool"; exit 77; }
done

work="$(mktemp -d /tmp/sshdoctor-bench-XXXXXX)"
sshd_pid=""
cleanup() { [ -n "$sshd_pid" ] && kill "$sshd_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

"$root/ssh-doctor" --version >/dev/null # the launcher publishes the native binary again if a source changed
aot="$root/artifacts/aot/ssh-doctor"

. "$root/bench/lib/loopback-sshd.sh"
ssh-keygen -q -t ed25519 -N '' -C bench-user -f "$work/user_key"
cp "$work/user_key.pub" "$work/authorized_keys"
start_loopback_sshd "$work" "StrictModes no" "AuthorizedKeysFile $work/authorized_keys" "MaxStartups 100:30:200"

common=(-F /dev/null --agent none --known-hosts "$work/known_hosts" --timeout 5)
# "up to auth methods": public keys off, so the probe stops after the 'none' request (the methods list).
methods=("$aot" diagnose "${common[@]}" -o PubkeyAuthentication=no -i /dev/null -p "$port" root@127.0.0.1 --no-color)
# with one authorized key: one public-key query more.
keyquery=("$aot" diagnose "${common[@]}" -i "$work/user_key" -p "$port" root@127.0.0.1 --no-color)

echo "== round trips per stage (one run)"
"$aot" diagnose "${common[@]}" -i "$work/user_key" -p "$port" root@127.0.0.1 --json | python3 -c '
import json,sys
r=json.load(sys.stdin)
for s in r["stages"]: print("  %-8s %-8s %5s ms  %s" % (s["stage"], s["status"], s.get("elapsed_ms",""), s.get("detail","")))
'

cmds=("${methods[*]}" "ssh-keyscan -t ed25519 -p $port 127.0.0.1" "${keyquery[*]}")
names=("diagnose (to auth methods)" "ssh-keyscan -t ed25519" "diagnose (+1 key query)")
if command -v ssh-audit >/dev/null; then
  cmds+=("ssh-audit -n -p $port 127.0.0.1")
  names+=("ssh-audit")
else
  echo "ssh-audit not installed (Debian: apt-get install ssh-audit): skipped"
fi
args=()
for i in "${!cmds[@]}"; do args+=(-n "${names[$i]}" "${cmds[$i]}"); done
hyperfine -N --warmup 3 --runs "$runs" -i --export-markdown "$work/results.md" "${args[@]}"
cat "$work/results.md"
grep -c "maximum authentication attempts exceeded" "$work/sshd.log" | sed 's/^/sshd "maximum authentication attempts exceeded" lines: /' || true
