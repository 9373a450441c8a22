#!/usr/bin/env bash
# Instructions executed by `ssh-doctor logs` on one thread (valgrind's callgrind), for judging a change to the per-line
# work: unlike wall or CPU time on this shared VM (±15 % from one minute to the next), the count is the same run after
# run, so a 1 % change shows. Time still decides (memory stalls do not show here): measure both.
# usage: bench/instructions.sh BIN [FILE] [TOP]   (FILE defaults to the 100 k-line generated log; TOP > 0 also lists the
#        TOP functions by instructions, from the symbols in BIN.dbg that NativeAOT writes beside the binary)
# needs: valgrind (apt-get install valgrind)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin=$1; file=${2:-${TMPDIR:-/tmp}/ssh-doctor-bench/auth-100000.log}; top=${3:-0}
[ -f "$file" ] || python3 "$root/bench/generate-authlog.py" "$file" 100000
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
# valgrind gives up on the debug information of a NativeAOT binary: run a copy without it (the symbol table stays).
strip --strip-debug -o "$work/ssh-doctor" "$bin"
DOTNET_PROCESSOR_COUNT=1 valgrind --tool=callgrind --callgrind-out-file="$work/out" "$work/ssh-doctor" logs "$file" \
  2>"$work/log" >/dev/null || true
grep -o 'refs: *[0-9,]*' "$work/log" | sed 's/refs: */instructions: /'
[ "$top" -gt 0 ] && [ -f "$bin.dbg" ] || exit 0
# callgrind names NativeAOT's managed code by address only, relative to 0x108000 (where valgrind loads a PIE) for code
# it does not place in the binary: map both back to symbols of the .dbg file. A binary linked at a fixed address (not a
# PIE, as SshDoctor.Cli.csproj publishes it) is where its addresses say.
base=0x108000; readelf -h "$bin" | grep -q 'EXEC (Executable' && base=0
callgrind_annotate --threshold=100 "$work/out" | BASE=$base python3 -c '
import bisect, os, re, subprocess, sys
syms = []
for line in subprocess.run(["nm", "-n", "--defined-only", sys.argv[1]], capture_output=True, text=True).stdout.splitlines():
    parts = line.split(" ", 2)
    if len(parts) == 3:
        syms.append((int(parts[0], 16), parts[2]))
starts = [a for a, _ in syms]
total, per = 0, {}
for line in sys.stdin:
    m = re.match(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+\?\?\?:0x([0-9a-f]+) \[(.*)\]", line)
    t = re.match(r"\s*([\d,]+) \(100.0%\)\s+PROGRAM TOTALS", line)
    if t:
        total = int(t.group(1).replace(",", ""))
    if m:
        address = int(m.group(2), 16) - (int(os.environ["BASE"], 16) if m.group(3) == "???" else 0)
        name = syms[bisect.bisect_right(starts, address) - 1][1]
        per[name] = per.get(name, 0) + int(m.group(1).replace(",", ""))
for name, n in sorted(per.items(), key=lambda x: -x[1])[: int(sys.argv[2])]:
    print(f"{n:>13,} {100 * n / total:5.2f}%  {name[:140]}")
' "$bin.dbg" "$top"
