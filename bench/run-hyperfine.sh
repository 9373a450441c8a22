#!/usr/bin/env bash
# Whole-command benchmark of the NativeAOT build: ssh-doctor logs vs fail2ban-regex on the same generated lines.
# usage: bench/run-hyperfine.sh [LINES_FOR_SSH_DOCTOR=1000000] [LINES_FOR_FAIL2BAN=100000]
# SSH_DOCTOR=path uses an existing binary; otherwise the NativeAOT build is published to $dir/aot first (minutes).
# fail2ban-regex is too slow for a million lines in a benchmark loop: it gets a 100,000-line prefix of the same
# generator (same seed, so the same first lines) and the comparison is per line, stated in bench/README.md.
# On a shared machine wall times measure the neighbours too: the load average and CPU times (user+sys) are printed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
big=${1:-1000000}; small=${2:-100000}
dir=${TMPDIR:-/tmp}/ssh-doctor-bench; mkdir -p "$dir"
[ -f "$dir/auth-$big.log" ] || python3 "$root/bench/generate-authlog.py" "$dir/auth-$big.log" "$big"
[ -f "$dir/auth-$small.log" ] || python3 "$root/bench/generate-authlog.py" "$dir/auth-$small.log" "$small"
bin=${SSH_DOCTOR:-$dir/aot/ssh-doctor}
if [ -z "${SSH_DOCTOR:-}" ]; then
  dotnet publish "$root/src/SshDoctor.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$dir/aot" >/dev/null
fi
cat "$dir/auth-$big.log" "$dir/auth-$small.log" >/dev/null                # warm the page cache
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
hyperfine -N --warmup 1 --runs "${RUNS:-5}" --ignore-failure --export-markdown "$dir/ssh-doctor.md" \
  "$bin logs $dir/auth-$big.log" "$bin logs --json $dir/auth-$big.log" "$bin logs $dir/auth-$small.log"
hyperfine -N --runs "${F2B_RUNS:-2}" --ignore-failure --export-markdown "$dir/fail2ban.md" \
  "fail2ban-regex $dir/auth-$small.log sshd"
for args in "" "--json" "--events" "--csv"; do
  /usr/bin/time -f "RSS %M KiB wall %e s user %U s sys %S s: ssh-doctor logs $args auth-$big.log" \
    "$bin" logs $args "$dir/auth-$big.log" >/dev/null 2>"$dir/time.txt" || true
  tail -1 "$dir/time.txt"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
ls -l "$dir"/auth-*.log
