#!/usr/bin/env bash
# What the README's first command costs on a fresh clone: clones this checkout's HEAD into a temporary directory and
# runs  ./ssh-doctor explain examples/strictmodes/client.log examples/strictmodes/server.log  there, with an empty
# NuGet package folder of its own (so the packages are downloaded as on a new machine; --warm-packages keeps this
# machine's folder: only the build is timed). Prints the seconds of the first run and of the second.
# Usage: bench/install/first-run.sh [--warm-packages]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d /tmp/sshdoctor-first-run-XXXXXX)"
trap 'rm -rf "$work"' EXIT
git clone -q "$root" "$work/clone"
if [[ ${1:-} != --warm-packages ]]; then export NUGET_PACKAGES="$work/packages"; fi
cd "$work/clone"
example=(explain examples/strictmodes/client.log examples/strictmodes/server.log)
load=$(cut -d' ' -f1 /proc/loadavg)
started=$(date +%s.%N)
./ssh-doctor "${example[@]}" >"$work/first.out" || [[ $? == 1 ]] # 1: a problem was diagnosed, as it should be
first=$(echo "$(date +%s.%N) - $started" | bc)
started=$(date +%s.%N)
./ssh-doctor "${example[@]}" >"$work/second.out" || [[ $? == 1 ]]
second=$(echo "$(date +%s.%N) - $started" | bc)
cmp -s "$work/first.out" "$work/second.out" || { echo "the two runs printed different things" >&2; exit 1; }
printf 'load average at start %s; packages: %s\nfirst run: %.1f s\nsecond run: %.3f s\n' "$load" \
  "$([[ -n ${NUGET_PACKAGES:-} ]] && echo 'downloaded (empty package folder)' || echo "this machine's package folder")" "$first" "$second"
