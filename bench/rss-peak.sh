#!/bin/bash
# Peak resident memory of one `ssh-doctor logs` run, by mapping: where the RSS of issue 14's goal (<= 64 MB at 3 M lines)
# sits. Samples /proc/PID/smaps_rollup every 50 ms and keeps the mappings of the largest sample; the anonymous ones are
# the GC's regions (heap and large-object heap), the named ones the binary's own pages.
#   usage: bash bench/rss-peak.sh BIN FILE [logs options, default --json]
# Environment variables reach the binary: e.g. DOTNET_GCConserveMemory=7 bash bench/rss-peak.sh ... to compare GC knobs.
set -u
bin=$1; file=$2; shift 2
opts=("$@"); [ ${#opts[@]} -eq 0 ] && opts=(--json)
peak=$(mktemp); best=0
"$bin" logs "${opts[@]}" "$file" >/dev/null 2>&1 & pid=$!
while kill -0 "$pid" 2>/dev/null; do
  r=$(awk '/^Rss/{print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null)
  if [ -n "$r" ] && [ "$r" -gt "$best" ]; then best=$r; cp "/proc/$pid/smaps" "$peak" 2>/dev/null; fi
  sleep 0.05
done
wait "$pid"
echo "peak rss $best KB (sampled)"
awk '/^[0-9a-f]+-[0-9a-f]+ /{name=($6 == "" ? "[anonymous]" : $6)} /^Rss:/{rss[name]+=$2} END {for (n in rss) if (rss[n] >= 256) printf "%8d KB %s\n", rss[n], n}' "$peak" | sort -rn
rm -f "$peak"
