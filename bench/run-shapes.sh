#!/usr/bin/env bash
# The benchmark set of issue 14: `logs --json` (NativeAOT) on each shape family of bench/generate-shapes.py, on the
# public corpora repeated to size, and (SHAPES=1) on every single shape; each input is followed at once by one
# `fail2ban-regex FILE sshd` on the same file, so every ratio compares runs of the same minute. Prints one Markdown table.
# usage: nice -n 15 bench/run-shapes.sh BIN [BEFORE_BIN]
#   MB=100 (size of each input: the issue's table used 100–120 MB; at 30 MB a run of 0.1 s also carries the ~0.01 s of
#   process start and thread pool), FORMAT=--json (or --events, --csv: the per-line outputs),
#   RUNS=3 (runs of each binary per input, alternating), F2B=1 (0: no fail2ban-regex),
#   fail2ban-regex runs at the script's own niceness: put the whole script under one `nice`.
#   SHAPES=0 (1: every single shape too; fail2ban-regex only where F2B_SHAPES=1), ONLY="default storm corpus:sshd" (a
#   subset of the families and of the corpora, named corpus:FILE; ONLY=none with SHAPES=1: the single shapes alone), SHAPE_MATCH=REGEX (with SHAPES=1:
#   only the shapes whose name matches, e.g. SHAPE_MATCH='dropbear|failed-password$')
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin=$1; before=${2:-}; mb=${MB:-100}; runs=${RUNS:-3}; format=${FORMAT:---json}
dir=${TMPDIR:-/tmp}/ssh-doctor-shapes; mkdir -p "$dir"
corpora=${CORPORA:-$root/../shared/corpora}
[ -d "$corpora" ] || corpora=/work/shared/corpora

inputs=()
for family in ${ONLY:-default verbose debug dropbear rhel journald storm}; do
  case $family in
    none) ;;
    corpus:*) inputs+=("corpus:$corpora/fail2ban-sshd/${family#corpus:}") ;;
    *) inputs+=("$family") ;;
  esac
done
if [ -z "${ONLY:-}" ]; then
  for corpus in "$corpora"/fail2ban-sshd/sshd "$corpora"/fail2ban-sshd/sshd-journal; do
    [ -f "$corpus" ] && inputs+=("corpus:$corpus")
  done
fi
if [ "${SHAPES:-0}" = 1 ]; then
  for shape in $(python3 "$root/bench/generate-shapes.py" --list | sed -n 's/^shapes: //p'); do
    if [ -z "${SHAPE_MATCH:-}" ] || [[ $shape =~ $SHAPE_MATCH ]]; then inputs+=("$shape"); fi
  done
fi

# The file for an input, made once: a family or shape by the generator, a corpus repeated to the size.
file_of() {
  local what=$1 name out
  name=$(basename "${what#corpus:}" | tr ':' '-')
  out="$dir/$name-${mb}mb.log"
  if [ ! -f "$out" ]; then
    if [[ $what == corpus:* ]]; then
      local src=${what#corpus:} limit=$((mb * 1000000))
      : >"$out.tmp"; while [ "$(stat -c %s "$out.tmp")" -lt "$limit" ]; do grep -v '^#' "$src" >>"$out.tmp"; done; mv "$out.tmp" "$out"
    else
      python3 "$root/bench/generate-shapes.py" "$what" "$out" "$mb"
    fi
  fi
  echo "$out"
}

# Mean wall and CPU (user+sys) of $runs runs of each binary on the file, alternating; then the unknown rate of the first.
measure() {
  local file=$1; shift
  local out; out=$(mktemp)
  for _ in $(seq "$runs"); do
    for b in "$@"; do /usr/bin/time -f "$b %e %U %S %M" -a -o "$out" "$b" logs "$format" "$file" >/dev/null 2>&1 || true; done
  done
  grep -v '^Command' "$out" | awk '{w[$1] += $2; c[$1] += $3 + $4; m[$1] = $5 > m[$1] ? $5 : m[$1]; n[$1]++} END {for (b in w) printf "%s %.3f %.3f %d\n", b, w[b] / n[b], c[b] / n[b], m[b] / 1024}'
  rm -f "$out"
}

echo "load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; $(date -u +%FT%TZ); MB=$mb RUNS=$runs logs $format"
printf '| input | MB | lines | unknown | wall | MB/s | CPU s | RSS MB |%s fail2ban-regex | ratio |\n' "${before:+ before MB/s | before CPU s | before RSS MB |}"
printf '|---|---:|---:|---:|---:|---:|---:|---:|%s---:|---:|\n' "${before:+---:|---:|---:|}"
for what in "${inputs[@]}"; do
  file=$(file_of "$what"); cat "$file" >/dev/null
  size=$(stat -c %s "$file"); megabytes=$(awk -v s="$size" 'BEGIN {printf "%.1f", s / 1e6}')
  means=$(measure "$file" "$bin" ${before:+"$before"})
  read -r wall cpu rss < <(awk -v b="$bin" '$1 == b {print $2, $3, $4}' <<<"$means")
  rate=$(awk -v s="$size" -v w="$wall" 'BEGIN {printf "%.0f", s / 1e6 / w}')
  old=""; if [ -n "$before" ]; then
    old=$(awk -v b="$before" -v s="$size" '$1 == b {printf " %.0f | %.3f | %d |", s / 1e6 / $2, $3, $4}' <<<"$means")
  fi
  read -r lines ssh unknown < <("$bin" logs --json "$file" 2>/dev/null | python3 -c 'import json,sys; t=json.load(sys.stdin)["totals"]; print(t["lines"], t["ssh_lines"], t["unknown"])')
  unknown_rate=$(awk -v u="$unknown" -v s="$ssh" 'BEGIN {printf "%.2f %%", s ? 100 * u / s : 0}')
  f2b="-"; ratio="-"
  if [ "${F2B:-1}" = 1 ] && { [[ $what != shape:* ]] || [ "${F2B_SHAPES:-0}" = 1 ]; }; then
    read -r f2b f2bcpu < <( { /usr/bin/time -f '%e %U %S' fail2ban-regex "$file" sshd >/dev/null; } 2>&1 | tail -1 | awk '{print $1, $2 + $3}')
    # Wall for wall and CPU for CPU: on a shared machine the CPU ratio drifts less.
    ratio=$(awk -v f="$f2b" -v w="$wall" -v fc="$f2bcpu" -v c="$cpu" 'BEGIN {printf "%.0f× (CPU %.0f×)", f / w, fc / c}')
    f2b="${f2b} s (CPU ${f2bcpu} s)"
  fi
  printf '| %s | %s | %s | %s | %s s | **%s** | %s | %s |%s %s | %s |\n' "${what#corpus:$corpora/}" "$megabytes" "$lines" "$unknown_rate" "$wall" "$rate" "$cpu" "$rss" "$old" "$f2b" "$ratio"
done
echo "load average after $(cut -d' ' -f1-3 /proc/loadavg)"
