#!/usr/bin/env bash
# The whole test suite: installs what the tests need when run as root (Debian packages), restores, builds with
# warnings as errors, publishes the NativeAOT binary through the launcher (no warning allowed), runs unit and
# integration tests (real sshd/ssh/dropbear in namespaces the tests create; the .deb, the dotnet tool, the launcher),
# fuzzes every parser for about 30 s on its committed corpus (tests/fuzz/README.md), and ends with one line:
# "N passed, N failed, N skipped".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

packages=(openssh-server openssh-client libsqlite3-0 dropbear-bin iproute2 iptables nftables fail2ban python3 openssl util-linux clang zlib1g-dev procps attr afl++ zsh fish man-db chromium postgresql python3-yaml ansible-core)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing: ${missing[*]}"
    # Installing openssh-server/fail2ban must not start system services: a policy-rc.d that says "no" while we install.
    policy=/usr/sbin/policy-rc.d; made_policy=0
    if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod 755 "$policy"; made_policy=1; fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    rc=$?
    [ "$made_policy" = 1 ] && rm -f "$policy"
    [ $rc = 0 ] || { echo "apt-get install failed ($rc)"; exit $rc; }
  else
    echo "== not root: cannot install ${missing[*]}; tests that need them will skip (and fail under CI=true)"
  fi
fi

# An sshd >= 9.8 (PerSourcePenalties) from bookworm-backports, unpacked beside the build, never installed.
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  bash tests/lab/fetch-openssh-backports.sh >/dev/null || echo "== could not fetch the backports sshd; ScanPolitenessTests will fail under CI=true"
fi

results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
status=0

echo "== restore and build (warnings are errors)"
dotnet build SshDoctor.slnx -c Release -nologo -v minimal || exit 1

# The launcher's first run, as on a fresh clone: it publishes the NativeAOT binary (artifacts/aot) that the install
# tests package as a .deb and compare with the dotnet tool, so the publish happens once.
echo "== NativeAOT publish through ./ssh-doctor (must have no warning)"
publish_log="$root/artifacts/launcher-build.log"
rm -f "$root/artifacts/aot-build.stamp"
if ./ssh-doctor version --json >"$results/launcher-version.json" 2>"$results/launcher-stderr.log" \
   && grep -q '"native": true' "$results/launcher-version.json"; then
  if grep -qE "warning (IL|AOT)[0-9]+" "$publish_log"; then
    grep -E "warning (IL|AOT)[0-9]+" "$publish_log" | sort -u; echo "AOT publish has trim/AOT warnings"; aot=failed; status=1
  else
    "$root/artifacts/aot/ssh-doctor" explain tcp.refused >/dev/null && aot=passed || { aot=failed; status=1; }
  fi
else
  cat "$results/launcher-stderr.log"; tail -30 "$publish_log"; aot=failed; status=1
fi
echo "aot publish: $aot"

echo "== tests"
dotnet test SshDoctor.slnx -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" --logger "console;verbosity=normal" || status=1

echo "== fuzzing: every harness about 30 s on its committed corpus (a crash or hang fails the run)"
if bash tests/fuzz/run.sh --seconds 30 --jobs 2 >"$results/fuzz.log" 2>&1; then fuzz=passed; else fuzz=failed; status=1; fi
sed -n '/^harness /,$p' "$results/fuzz.log" | head -c 200000
[ "$fuzz" = passed ] || grep -q '^harness ' "$results/fuzz.log" || tail -40 "$results/fuzz.log"
echo "fuzzing: $fuzz"

python3 - "$results" "$aot" "$fuzz" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {'t': 'http://microsoft.com/schemas/VisualStudio/TeamTest/2010'}
passed = failed = skipped = 0
failures = []
for f in glob.glob(sys.argv[1] + '/*.trx'):
    root = ET.parse(f).getroot()
    for r in root.iter('{%s}UnitTestResult' % ns['t']):
        if r.get('outcome') not in ('Passed', 'NotExecuted'):
            m = r.find('.//t:Message', ns)
            failures.append((r.get('testName'), ' '.join(((m.text if m is not None else None) or '').split())[:700]))
    c = root.find('.//t:ResultSummary/t:Counters', ns)
    if c is None: continue
    passed += int(c.get('passed', 0)); failed += int(c.get('failed', 0)) + int(c.get('error', 0)) + int(c.get('timeout', 0))
    skipped += int(c.get('notExecuted', 0))
for step in sys.argv[2:]:
    if step == 'passed': passed += 1
    else: failed += 1
# The failed tests again, last, so that the tail of a long log names them.
for name, message in failures:
    print("FAILED %s: %s" % (name, message))
print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
PY
exit $status
