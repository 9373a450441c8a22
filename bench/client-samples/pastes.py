#!/usr/bin/env python3
"""Top-1 rate of `ssh-doctor explain` over the paste set, tests/SshDoctor.Tests/Samples/pastes/*.log.

    python3 bench/client-samples/pastes.py [SSH_DOCTOR_DLL] [-v]

Each paste is what a person or a tool put around ssh's (or another client's) output: VS Code Remote-SSH logs, a
terminal capture, Ansible's JSON, CI logs, quotes, Markdown, labels, wrapped lines, the command line itself. Its
`# expect: ID` is the root cause it should name first. Prints right/total and the rate, and with -v every miss.
The goal (issue 15) is at least 90 %; PasteSetTests holds the same bar.
"""
import json
import pathlib
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parents[2]
args = [a for a in sys.argv[1:] if a != "-v"]
dll = args[0] if args else str(root / "artifacts/bin/SshDoctor.Cli/release/ssh-doctor.dll")
right, total, misses = 0, 0, []
for f in sorted((root / "tests/SshDoctor.Tests/Samples/pastes").glob("*.log")):
    header = [l for l in f.read_text(errors="replace").splitlines() if l.startswith("#")]
    expect = next((l.split(":", 1)[1].strip() for l in header if l.startswith("# expect:")), None)
    out = subprocess.run(["dotnet", dll, "explain", "--json", str(f)], capture_output=True, text=True)
    try:
        diagnoses = json.loads(out.stdout)["diagnoses"]
        got = diagnoses[0]["id"] if diagnoses else "ok"
    except (ValueError, KeyError):
        got = f"exit {out.returncode}"
    total += 1
    right += got == expect
    if got != expect:
        misses.append(f"{f.name}: expected {expect}, got {got}")
print(f"pastes: {right}/{total} = {100 * right / max(total, 1):.0f} % top-1")
if "-v" in sys.argv:
    print("\n".join(misses))
