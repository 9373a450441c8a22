#!/usr/bin/env bash
# Coverage-guided fuzzing of ssh-doctor's parsers: builds the harness project, instruments SshDoctor.dll with
# SharpFuzz, and runs afl-fuzz on each harness's committed corpus for a given time. Prints per harness: executions,
# paths (corpus entries), crashes and hangs; keeps each finding under artifacts/fuzz/findings/HARNESS/ and prints it
# as base64 so it can be reproduced. Exit 1 when any harness found a crash or a hang.
#
#   tests/fuzz/run.sh [--seconds N] [--jobs N] [--timeout MS] [--minimise | --tmin FILE] [HARNESS...]
#
#   --seconds N   how long each harness fuzzes (default 30)
#   --jobs N      harnesses fuzzing at the same time (default 1; each takes one core)
#   --timeout MS  an input running longer is a hang (default 5000)
#   --minimise    instead of fuzzing: the corpus plus the last run's queue through afl-cmin, then afl-tmin each file
#                 over 2 KiB, written back to tests/fuzz/corpus/HARNESS (commit the result)
#   --tmin FILE   instead of fuzzing: afl-tmin FILE (a crash, say) for the one HARNESS named, into FILE.min
#   HARNESS       names from `dotnet SshDoctor.Fuzz.dll --list` (default: all)
#
# Run long sessions under nice (nice -n 15 tests/fuzz/run.sh --seconds 3600 packets): the machine is shared.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

seconds=30 jobs=1 timeout=5000 minimise=0 tmin=() harnesses=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --timeout) timeout="$2"; shift 2 ;;
    --minimise) minimise=1; shift ;;
    --tmin) tmin+=("$(readlink -f "$2")"); shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) harnesses+=("$1"); shift ;;
  esac
done

command -v afl-fuzz >/dev/null || { echo "afl-fuzz is not installed (apt-get install afl++)"; exit 2; }

work="$root/artifacts/fuzz"
bin="$work/bin-$$"   # one instrumented copy per run: runs on different harnesses may overlap
trap 'rm -rf "$bin"' EXIT
echo "== build and instrument"
dotnet tool restore >/dev/null || { echo "dotnet tool restore failed"; exit 2; }
mkdir -p "$work"
dotnet build tests/fuzz/SshDoctor.Fuzz -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 2; }
rm -rf "$bin"; mkdir -p "$bin"
cp -r artifacts/bin/SshDoctor.Fuzz/release/. "$bin/"
# Only our own code is instrumented: coverage of the framework and BouncyCastle would only add noise.
dotnet tool run sharpfuzz "$bin/SshDoctor.dll" || { echo "instrumentation failed"; exit 2; }
harness_cmd=("$(readlink -f "$(command -v dotnet)")" "$bin/SshDoctor.Fuzz.dll")
[ ${#harnesses[@]} -gt 0 ] || mapfile -t harnesses < <("${harness_cmd[@]}" --list | cut -f1)

# afl-fuzz in a container: no CPU frequency control, no core dumps to a helper, no pinning (the cores are shared),
# no screen; the target is `dotnet`, which carries no AFL instrumentation of its own; .NET starts slowly.
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1 \
  AFL_FORKSRV_INIT_TMOUT=60000 AFL_FAST_CAL=1 AFL_NO_WARN_INSTABILITY=1 AFL_SHUFFLE_QUEUE=0 DOTNET_TieredPGO=0

minimise_one() {
  # The committed corpus plus the queue of the last run (short names instead of afl's), then afl-cmin (the fewest
  # files that keep every edge) and afl-tmin (each file as small as keeps its path).
  local h="$1" corpus="$root/tests/fuzz/corpus/$1" all="$work/cmin/$1-all" kept="$work/cmin/$1"
  rm -rf "$all" "$kept"; mkdir -p "$all"
  cp "$corpus"/* "$all/"
  for f in "$work/out/$h/default/queue"/id:*; do
    [ -f "$f" ] && cp "$f" "$all/q-$(sha1sum "$f" | cut -c1-10)"
  done
  afl-cmin -i "$all" -o "$kept" -t "$timeout" -m none -- "${harness_cmd[@]}" "$h" >"$work/cmin-$h.log" 2>&1 || { echo "$h: afl-cmin failed (see $work/cmin-$h.log)"; return 1; }
  for f in "$kept"/*; do
    # Small files are not worth afl-tmin's thousands of executions; larger ones get a minute each.
    [ "$(stat -c %s "$f")" -gt 2048 ] || continue
    timeout 60 afl-tmin -i "$f" -o "$f.min" -t "$timeout" -m none -- "${harness_cmd[@]}" "$h" >/dev/null 2>&1 && mv "$f.min" "$f"
    rm -f "$f.min"
    # A found input still over 2 KiB is left out: the corpus stays small, the seeds keep the big shapes.
    case "$(basename "$f")" in q-*) [ "$(stat -c %s "$f")" -gt 2048 ] && rm -f "$f" ;; esac
  done
  local before after
  before=$(ls "$corpus" | wc -l)
  rm -rf "$corpus"; cp -r "$kept" "$corpus"
  after=$(ls "$corpus" | wc -l)
  echo "$h: $before seeds + $(ls "$work/out/$h/default/queue" 2>/dev/null | grep -c '^id:') queued -> $after files, $(du -sk "$corpus" | cut -f1) KiB"
}

fuzz_one() {
  local h="$1" out="$work/out/$1"
  local dict=() in="$work/in/$1"
  [ -f "tests/fuzz/dict/$h.dict" ] && dict=(-x "tests/fuzz/dict/$h.dict")
  # The committed corpus, plus what an earlier run here queued: a local session goes on where the last one stopped.
  rm -rf "$in"; mkdir -p "$in"
  cp "tests/fuzz/corpus/$h"/* "$in/"
  for f in "$out/default/queue"/id:*; do
    [ -f "$f" ] && cp "$f" "$in/q-$(sha1sum "$f" | cut -c1-10)"
  done
  rm -rf "$out"; mkdir -p "$out"
  timeout -k 10 $((seconds + 120)) afl-fuzz -i "$in" -o "$out" -t "$timeout" -m none -V "$seconds" "${dict[@]}" \
    -- "${harness_cmd[@]}" "$h" >"$out.log" 2>&1
  echo $? >"$out.rc"
}

if [ ${#tmin[@]} -gt 0 ]; then
  for f in "${tmin[@]}"; do
    afl-tmin -i "$f" -o "$f.min" -t "$timeout" -m none -- "${harness_cmd[@]}" "${harnesses[0]}" >"$work/tmin.log" 2>&1 \
      && echo "$f: $(stat -c %s "$f") -> $(stat -c %s "$f.min") bytes in $f.min" || { echo "afl-tmin failed: $work/tmin.log"; exit 1; }
  done
  exit 0
fi

if [ "$minimise" = 1 ]; then
  for h in "${harnesses[@]}"; do minimise_one "$h"; done
  exit 0
fi

echo "== fuzzing ${#harnesses[@]} harness(es), $seconds s each, $jobs at a time"
running=0
for h in "${harnesses[@]}"; do
  fuzz_one "$h" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait

status=0
printf '%-18s %8s %10s %8s %8s %6s\n' harness seconds execs paths crashes hangs
for h in "${harnesses[@]}"; do
  out="$work/out/$h"; stats="$out/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then
    echo "$h: afl-fuzz did not start (exit $(cat "$out.rc" 2>/dev/null)):"; tail -20 "$out.log"; status=1; continue
  fi
  get() { sed -n "s/^$1 *: *//p" "$stats"; }
  crashes=$(get saved_crashes) hangs=$(get saved_hangs)
  printf '%-18s %8s %10s %8s %8s %6s\n' "$h" "$(get run_time)" "$(get execs_done)" "$(get corpus_count)" "$crashes" "$hangs"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$h" "$(get run_time)" "$(get execs_done)" "$(get corpus_count)" "$crashes" "$hangs" >>"$work/history.tsv"
  for kind in crashes hangs; do
    for f in "$out/default/$kind"/id:*; do
      [ -f "$f" ] || continue
      status=1
      mkdir -p "$work/findings/$h"; cp "$f" "$work/findings/$h/"
      echo "--- $h $kind: $(basename "$f") (base64; reproduce: base64 -d > x && dotnet artifacts/bin/SshDoctor.Fuzz/release/SshDoctor.Fuzz.dll $h x)"
      base64 -w 100 "$f" | head -c 20000; echo
    done
  done
done
exit $status
