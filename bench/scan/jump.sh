#!/usr/bin/env bash
# scan behind one jump host: HOSTS targets (real sshd, 16 addresses each) reached through one real jump sshd, timed for
# one or more builds side by side, round after round (same minutes), in a network namespace of its own (issue 17).
# Each build is a command that runs ssh-doctor, e.g. "dotnet /tmp/base/ssh-doctor.dll" (main) and
# "dotnet artifacts/bin/SshDoctor.Cli/release/ssh-doctor.dll" (this branch). Prints per build and round: wall and CPU
# seconds (user+sys of the client; the sshd daemons are not counted), hosts ok, hosts/min, and the jump sshd's
# connections (must be 1 per scan).
# Needs root, iproute2, sshd, ssh-keygen, bc. Usage: bench/scan/jump.sh HOSTS ROUNDS "LABEL=COMMAND" ["LABEL=COMMAND" ...]
set -euo pipefail
hosts_wanted=${1:-64}
rounds=${2:-3}
shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../lib/namespace-fleet.sh
source "$root/bench/lib/namespace-fleet.sh"
fleet_namespace sshdoc-bench-jump
ssh-keygen -q -t ed25519 -N '' -f "$work/user"
ssh-keygen -q -t ed25519 -N '' -f "$work/host_ed25519"
cp "$work/user.pub" "$work/authorized"
printf 'Port 2200\nListenAddress 127.0.0.1\nHostKey %s\nPidFile %s\nUsePAM no\nStrictModes no\nAuthorizedKeysFile %s\nLogLevel VERBOSE\n' \
  "$work/host_ed25519" "$work/jump.pid" "$work/authorized" > "$work/jump.conf"
ip netns exec "$name" /usr/sbin/sshd -f "$work/jump.conf" -E "$work/jump.log"
: > "$work/hosts"
servers=$(( (hosts_wanted + 15) / 16 ))
for s in $(seq 1 "$servers"); do
  fleet_sshd "$s" "$(( hosts_wanted - (s - 1) * 16 < 16 ? hosts_wanted - (s - 1) * 16 : 16 ))" "HostKey $work/host_ed25519" "MaxStartups 100"
done
printf 'Host *\n  IdentityFile %s\n  IdentitiesOnly yes\n' "$work/user" > "$work/ssh_config"
sleep 1
hosts=$(wc -l < "$work/hosts")
echo "fleet: $hosts target hosts ($servers sshd) behind one jump sshd; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  for build in "$@"; do
    label=${build%%=*}
    command=${build#*=}
    before=$(grep -c '^Connection from' "$work/jump.log" || true)
    # shellcheck disable=SC2086 # the build's command is words on purpose
    /usr/bin/time -o "$work/time" -f "%e %U %S" ip netns exec "$name" $command scan -f "$work/hosts" -J root@127.0.0.1:2200 \
      --no-history --json -F "$work/ssh_config" --agent none --known-hosts "$work/known_hosts" -l root --timeout 10 > "$work/out" 2> "$work/err" || true
    read -r wall user sys < <(tail -1 "$work/time")
    ok=$(grep -c '"outcome": "ok"' "$work/out" || true)
    after=$(grep -c '^Connection from' "$work/jump.log" || true)
    printf 'round %s (load %s) %s: %s s wall, %s s CPU, %s/%s ok, %.0f hosts/min, %s jump connection(s)\n' \
      "$round" "$(cut -d' ' -f1 /proc/loadavg)" "$label" "$wall" "$(echo "$user + $sys" | bc)" "$ok" "$hosts" \
      "$(echo "$hosts * 60 / $wall" | bc -l)" "$((after - before))"
  done
done
