#!/usr/bin/env bash
# ssh-doctor logs vs fail2ban-regex on the same generated file, in the same minutes: this VM's speed drifts by ±15 %
# from one minute to the next, so each round is RUNS alternating runs of each ssh-doctor binary followed at once by one
# fail2ban-regex run on the same file, and the ratio is taken round by round.
# usage: bench/same-minute-rounds.sh BIN [BEFORE_BIN] [ROUNDS=3] [LINES=1000000]   (RUNS=8 in the environment)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin=$1; before=${2:-}; rounds=${3:-3}; lines=${4:-1000000}; runs=${RUNS:-8}
dir=${TMPDIR:-/tmp}/ssh-doctor-bench; mkdir -p "$dir"; file="$dir/auth-$lines.log"
[ -f "$file" ] || python3 "$root/bench/generate-authlog.py" "$file" "$lines"
cat "$file" >/dev/null                                                     # warm the page cache
mb=$(stat -c %s "$file" | awk '{printf "%.1f", $1 / 1e6}')
echo "$lines lines, $mb MB; load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

# Mean wall and CPU (user+sys) seconds of $runs runs of each binary, alternating.
alternate() {
  local out; out=$(mktemp)
  for _ in $(seq "$runs"); do
    for b in "$@"; do /usr/bin/time -f "$b %e %U %S" -a -o "$out" "$b" logs "$file" >/dev/null 2>&1 || true; done
  done
  grep -v '^Command' "$out" | awk '{w[$1] += $2; c[$1] += $3 + $4; n[$1]++} END {for (b in w) printf "%s %.3f %.3f\n", b, w[b] / n[b], c[b] / n[b]}'
  rm -f "$out"
}

printf '%-6s %-10s %-10s %-12s %-10s %s\n' round wall cpu before f2b-wall ratio
for r in $(seq "$rounds"); do
  means=$(alternate "$bin" ${before:+"$before"})
  wall=$(awk -v b="$bin" '$1 == b {print $2}' <<<"$means"); cpu=$(awk -v b="$bin" '$1 == b {print $3}' <<<"$means")
  old=$([ -n "$before" ] && awk -v b="$before" '$1 == b {print $2}' <<<"$means" || echo -)
  f2b=$( { /usr/bin/time -f '%e' fail2ban-regex "$file" sshd >/dev/null; } 2>&1 | tail -1)
  printf '%-6s %-10s %-10s %-12s %-10s %s\n' "$r" "${wall}s" "${cpu}s" "$old" "${f2b}s" "$(awk -v f="$f2b" -v w="$wall" 'BEGIN {printf "%.0fx", f / w}')"
done
echo "MB/s = $mb / wall; load average after $(cut -d' ' -f1-3 /proc/loadavg)"
