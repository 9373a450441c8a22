#!/usr/bin/env python3
"""Top-1 of `ssh-doctor explain` per client over tests/SshDoctor.Tests/Samples/clients/CLIENT/*.log.

    python3 bench/client-samples/top1.py [SSH_DOCTOR_DLL] [-v]

A sample's `# expect: ID` is the root cause it should name first. A file named *-v.log is a verbose capture,
the others plain. Prints one row per client (plain and verbose: right/total), and with -v every miss.
"""
import json
import pathlib
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parents[2]
args = [a for a in sys.argv[1:] if a != "-v"]
dll = args[0] if args else str(root / "artifacts/bin/SshDoctor.Cli/release/ssh-doctor.dll")
samples = root / "tests/SshDoctor.Tests/Samples/clients"
rows, misses = {}, []
for client in sorted(p for p in samples.iterdir() if p.is_dir()):
    for f in sorted(client.glob("*.log")):
        header = [l for l in f.read_text(errors="replace").splitlines() if l.startswith("#")]
        expect = next((l.split(":", 1)[1].strip() for l in header if l.startswith("# expect:")), None)
        out = subprocess.run(["dotnet", dll, "explain", "--json", str(f)], capture_output=True, text=True)
        try:
            diagnoses = json.loads(out.stdout)["diagnoses"]
        except (ValueError, KeyError):
            diagnoses = None
        got = (diagnoses[0]["id"] if diagnoses else "ok") if diagnoses is not None else f"exit {out.returncode}"
        kind = "verbose" if f.stem.endswith("-v") or f.stem.endswith("-vvv") else "plain"
        right, total = rows.setdefault((client.name, kind), [0, 0])
        rows[(client.name, kind)] = [right + (got == expect), total + 1]
        if got != expect:
            misses.append(f"{client.name}/{f.name}: expected {expect}, got {got}")
print(f"{'client':<12} {'plain':>8} {'verbose':>8}")
for name in sorted({c for c, _ in rows}):
    cell = lambda k: "{}/{}".format(*rows[(name, k)]) if (name, k) in rows else "-"
    print(f"{name:<12} {cell('plain'):>8} {cell('verbose'):>8}")
if "-v" in sys.argv:
    print("\n".join(misses))
