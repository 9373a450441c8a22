#!/usr/bin/env bash
# Whole-command benchmark: ssh-doctor logs vs fail2ban-regex on the same generated lines.
# usage: bench/run-hyperfine.sh [LINES_FOR_SSH_DOCTOR=1000000] [LINES_FOR_FAIL2BAN=100000]
# fail2ban-regex is too slow for a million lines in a benchmark loop: it gets a 100,000-line prefix of the same
# generator (same seed, so the same first lines) and the comparison is per line (MB/s), stated in bench/README.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
big=${1:-1000000}; small=${2:-100000}
dir=${TMPDIR:-/tmp}/ssh-doctor-bench; mkdir -p "$dir"
[ -f "$dir/auth-$big.log" ] || python3 "$root/bench/generate-authlog.py" "$dir/auth-$big.log" "$big"
[ -f "$dir/auth-$small.log" ] || python3 "$root/bench/generate-authlog.py" "$dir/auth-$small.log" "$small"
"$root/ssh-doctor" logs "$dir/auth-$small.log" >/dev/null 2>&1 || true   # build once, outside the timings
cat "$dir/auth-$big.log" "$dir/auth-$small.log" >/dev/null                # warm the page cache
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
hyperfine --warmup 1 --runs "${RUNS:-5}" --ignore-failure --export-markdown "$dir/ssh-doctor.md" \
  "$root/artifacts/bin/SshDoctor.Cli/release/ssh-doctor logs $dir/auth-$big.log" \
  "$root/artifacts/bin/SshDoctor.Cli/release/ssh-doctor logs $dir/auth-$small.log"
hyperfine --runs "${F2B_RUNS:-2}" --ignore-failure --export-markdown "$dir/fail2ban.md" \
  "fail2ban-regex $dir/auth-$small.log sshd"
for f in "$dir/auth-$big.log"; do
  /usr/bin/time -f "max RSS %M KiB, %e s wall, %U s user, %S s sys: ssh-doctor logs $(basename "$f")" \
    "$root/artifacts/bin/SshDoctor.Cli/release/ssh-doctor" logs "$f" >/dev/null 2>"$dir/time.txt" || true
  tail -1 "$dir/time.txt"
done
ls -l "$dir"/auth-*.log
