#!/usr/bin/env bash
# Alternating runs of several configurations of `ssh-doctor logs` on one input, each config a label, optional
# environment variables and a binary: mean user+sys CPU s with its standard error, median, min and mean wall time.
# The VM drifts 5-30 % between runs minutes apart, so only configurations run in the same rounds are compared.
#   bench/ab-configs.sh RUNS FILE "LABEL|[ENV=VALUE ...] BIN" ...
#   FMT=--events bench/ab-configs.sh 30 /tmp/storm60.log "base|/tmp/base/ssh-doctor" "new|/tmp/new/ssh-doctor"
#   bench/ab-configs.sh 20 /tmp/storm10.log "off|/tmp/new/ssh-doctor" "on|SOME_TOGGLE=1 /tmp/new/ssh-doctor"
set -euo pipefail
runs=$1; file=$2; shift 2
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
for _ in $(seq "$runs"); do
  for c in "$@"; do
    label=${c%%|*}; cmd=${c#*|}
    # shellcheck disable=SC2086 # the config's words are the environment and the binary
    /usr/bin/time -o "$dir/t" -f "%U %S %e" env $cmd logs "${FMT:---json}" "$file" > /dev/null 2>&1 || true  # logs exits non-zero when it found failures; the time is still written
    awk '{print $1+$2, $3}' "$dir/t" | tail -1 >> "$dir/$label"
  done
done
for c in "$@"; do
  label=${c%%|*}
  sort -n "$dir/$label" | awk -v l="$label" -v f="$(basename "$file")" '{v[NR]=$1; s+=$1; q+=$1*$1; w+=$2}
    END {m=s/NR; printf "%-10s %s cpu mean %.3f ±%.3f median %.3f min %.3f wall %.3f (n=%d)\n", l, f, m, sqrt((q/NR-m*m)/NR),
      (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2), v[1], w/NR, NR}'
done
