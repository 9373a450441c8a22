#!/usr/bin/env python3
"""How much of what real servers and other projects' tests write `ssh-doctor logs` recognises (issue 14).

usage: recognition.py build DIR            extract the sources below from the stored public snapshots into DIR
       recognition.py BIN DIR [BIN2]       measure BIN (and BIN2 beside it) on every DIR/NAME.log

`build` reads each source from a local mirror (git directory /work/.mirror/OWNER+NAME/repo, made by the session's
fetch tool, or $MIRROR/OWNER+NAME/repo) at its newest commit and writes, per source, NAME.log (only log lines, each as
the project feeds it; a bare message the project tests without a header gets `Jan  1 00:00:00 test sshd[1]: `, or
`dropbear[1]: `), NAME.expect.jsonl (one object per line the project gives a verdict for: line, expect =
failure|attack|success|none, ip, user) and NAME.source (repository, commit, path). Nothing fetched is committed.

What the projects call what (their own verdicts, never ours):
- fail2ban (tests/files/logs/sshd, sshd-journal via ../shared/corpora/fail2ban-sshd/expected.jsonl): `match: true`
  checked in normal mode (fail2ban's default) = failure, with the annotation's host and user; `match: true` only in
  the ddos/extra/aggressive modes = attack; an `Accepted` line (matched only by the anti-forget rule, gh-2070) = success.
- sshguard (src/parser/tests.txt, the SSH and Dropbear sections): service 100/101 = attack (sshguard has no other
  notion: every line it matches is an attack it blocks on, whatever its danger), `*` = none; the address is the test's.
- CrowdSec hub (.tests/*/parser.assert of the sshd parser): Meta log_type ssh_failed-auth = failure (source_ip,
  target_user), auth_success = success, anything else = none; the scenario tests' logs are lines only.
- Wazuh ruleset and OSSEC (tools/rules-testing/tests/*.ini, contrib/ossec-testing/tests/*.ini): the rule id's groups
  in the rules XML: authentication_failed/invalid_login/authentication_failures = failure, recon/attack without them =
  attack, authentication_success = success. Their tests name no address: the expected address is the one the line
  itself holds after `from`/`rhost=`/`[`/`<` (our reading, said here).
- denyhosts (tests/test_cves.py): the user and host each CVE test expects from its first line = failure.
- loghub (OpenSSH_2k, Linux_2k), Wazuh's and OSSEC's rules/log-entries/sshd: real servers' lines, no verdicts.
On every source a line holding `Accepted <method> for` or Dropbear's `auth succeeded for` is a success too.

Measured per source: SSH lines and unknown (logs --json --unknown), failures expected and counted as a failure (a
diagnosis id, not a plain event) with the right address (and user where the project names one), attacks expected and
seen as a failure or an attempt with the right address, successes counted as failures or attempts (must be 0). An
attempt is what the tool counts as one (`--events`' `attempt`: the signature table's attempt column), not a list here. Addresses compare
without an IPv6 zone and without a ::ffff: v4-mapped prefix, as the tool groups them.
"""
import collections, glob, json, os, re, subprocess, sys

MIRROR = os.environ.get('MIRROR', '/work/.mirror')
FAIL2BAN = os.environ.get('FAIL2BAN_CORPUS', '/work/shared/corpora/fail2ban-sshd')
BARE_SSHD = 'Jan  1 00:00:00 test sshd[1]: '
BARE_DROPBEAR = 'Jan  1 00:00:00 test dropbear[1]: '
SUCCESS = re.compile(r'Accepted \S+ for |auth succeeded for ')
ADDRESS = re.compile(r'(?:from |rhost=|\[|<|by |user \S+ )(?:::ffff:)?((?:\d{1,3}\.){3}\w+|[0-9a-fA-F]*:[0-9a-fA-F:.]*[0-9a-fA-F](?:%\w+)?)')


def git(repo, *args):
    return subprocess.run(['git', '-C', os.path.join(MIRROR, repo.replace('/', '+'), 'repo'), *args],
                          capture_output=True, text=True, errors='surrogateescape', check=True).stdout


def show(repo, path):
    return git(repo, 'show', 'HEAD:' + path)


def head(repo):
    return git(repo, 'rev-parse', 'HEAD').strip()


def norm(ip):
    if ip is None:
        return None
    ip = ip.split('%')[0]
    return ip[7:] if ip.lower().startswith('::ffff:') and '.' in ip else ip


class Source:
    def __init__(self, name, where):
        self.name, self.where, self.lines, self.expect = name, where, [], []

    def add(self, text, expect=None, ip=None, user=None):
        self.lines.append(text)
        if expect:
            self.expect.append({'line': len(self.lines), 'expect': expect, 'ip': ip, 'user': user})

    def write(self, folder):
        with open(os.path.join(folder, self.name + '.log'), 'w', errors='surrogateescape') as f:
            f.writelines(line + '\n' for line in self.lines)
        with open(os.path.join(folder, self.name + '.expect.jsonl'), 'w') as f:
            f.writelines(json.dumps(e) + '\n' for e in self.expect)
        with open(os.path.join(folder, self.name + '.source'), 'w') as f:
            f.write(self.where + '\n')


def lines_only(name, repo, path, keep=lambda line: True):
    source = Source(name, '%s@%s:%s' % (repo, head(repo), path))
    for line in show(repo, path).splitlines():
        if line.strip() and keep(line):
            source.add(line)
    return source


def fail2ban():
    expected = collections.defaultdict(dict)
    for e in map(json.loads, open(os.path.join(FAIL2BAN, 'expected.jsonl'))):
        expected[e['file']][e['line']] = e
    for name in ('sshd', 'sshd-journal'):
        source = Source('fail2ban-' + name, 'fail2ban/fail2ban (via %s/README.md):fail2ban/tests/files/logs/%s' % (FAIL2BAN, name))
        for number, line in enumerate(open(os.path.join(FAIL2BAN, name), errors='surrogateescape').read().splitlines(), 1):
            if not line.strip() or line.startswith('#'):
                continue
            e = expected[name].get(number)
            if e is None:
                source.add(line)
            elif SUCCESS.search(line):
                source.add(line, 'success')
            elif e['match'] and 'normal' in e['modes']:
                source.add(line, 'failure', e['host'], e.get('user'))
            elif e['match']:
                source.add(line, 'attack', e['host'], e.get('user'))
            else:
                source.add(line, 'none')
        yield source


def sshguard():
    repo, path = 'SSHGuard/sshguard', 'src/parser/tests.txt'
    source = Source('sshguard-tests', '%s@%s:%s' % (repo, head(repo), path))
    section, pending = None, None
    for line in show(repo, path).splitlines():
        if line.startswith('#### ') or line.startswith('# ') and line.endswith('{{{'):
            section = line
            continue
        if not line.strip() or line.startswith('#') or line == 'M':
            continue
        if pending is None:
            pending = line
            continue
        ssh = 'SSH {{{' in section or 'Dropbear' in section
        if ssh:
            bare = not re.match(r'^(?:\w{3} [ \d]\d |\d{4}-\d\d-\d\d)', pending)
            text = ((BARE_DROPBEAR if 'Dropbear' in section else BARE_SSHD) + pending) if bare else pending
            if line == '*':
                source.add(text, 'none')
            else:
                source.add(text, 'attack', line.split()[1])
        pending = None
    return source


def crowdsec_parser(test):
    repo = 'crowdsecurity/hub'
    folder = '.tests/' + test
    config = show(repo, folder + '/config.yaml')
    log = re.search(r'log_file: (\S+)', config).group(1)
    lines = show(repo, folder + '/' + log).splitlines()
    results = collections.defaultdict(dict)
    for m in re.finditer(r'results\["s01-parse"\]\["crowdsecurity/[\w-]*ssh[\w-]*"\]\[(\d+)\]\.Evt\.(Parsed|Meta)\["(\w+)"\] == "((?:[^"\\]|\\.)*)"',
                         show(repo, folder + '/parser.assert')):
        results[int(m.group(1))][m.group(3)] = json.loads('"%s"' % m.group(4))
    source = Source('crowdsec-' + test, '%s@%s:%s/{%s,parser.assert}' % (repo, head(repo), folder, log))
    # The parser's results are numbered in the order its lines reached it; find each by its message, in order.
    verdicts, cursor = {}, 0
    for index in sorted(results):
        message = results[index].get('message')
        for n in range(cursor, len(lines)):
            if message is None or message.strip() in lines[n]:
                verdicts[n], cursor = results[index], n + 1
                break
    for n, line in enumerate(lines):
        if not line.strip():
            continue
        r = verdicts.get(n)
        kind = (r or {}).get('log_type')
        if kind == 'ssh_failed-auth':
            source.add(line, 'failure', r.get('source_ip'), r.get('target_user'))
        elif kind in ('ssh_success-auth', 'auth_success'):
            source.add(line, 'success', r.get('source_ip'), r.get('target_user'))
        elif r is not None:
            source.add(line, 'none')
        else:
            source.add(line)
    return source


def denyhosts():
    # tests/test_cves.py: each CVE's lines (no header: the test's own " sshd[PID]: ..."), the user and host expected.
    repo, path = 'denyhosts/denyhosts', 'tests/test_cves.py'
    text = show(repo, path)
    source = Source('denyhosts-cve-tests', '%s@%s:%s' % (repo, head(repo), path))
    for cve in re.findall(r'^(CVE_\d+_\d+)_USER', text, re.M):
        user = re.search(r"^%s_USER = '([^']*)'" % cve, text, re.M).group(1)
        host = re.search(r"^%s_HOST = '([^']*)'" % cve, text, re.M).group(1)
        single = re.search(r"^%s_LINE = '([^']*)'" % cve, text, re.M)
        lines = [single.group(1)] if single else re.findall(r"^    '([^']*)',", text[text.index(cve + '_LINES'):].split('\n]')[0], re.M)
        for n, line in enumerate(lines):
            # The first line of each CVE is the one the test expects the user and host from.
            source.add('Jan  1 00:00:00 test' + line, 'failure' if n == 0 else 'none', host if n == 0 else None, user if n == 0 else None)
    return source


def rule_groups(repo, paths):
    groups = {}
    for path in paths:
        text = show(repo, path)
        for outer in re.finditer(r'<group name="([^"]*)">(.*?)</group>\s*(?=<group name=|$)', text, re.S):
            for rule in re.finditer(r'<rule id="(\d+)"(.*?)</rule>', outer.group(2), re.S):
                inner = ','.join(re.findall(r'<group>([^<]*)</group>', rule.group(2)))
                groups[rule.group(1)] = set(filter(None, (outer.group(1) + ',' + inner).split(',')))
    return groups


def ini_tests(name, repo, tests, rules, keep=lambda line: True):
    groups = rule_groups(repo, rules)
    source = Source(name, '%s@%s:{%s} (rules %s)' % (repo, head(repo), ','.join(tests), ','.join(rules)))
    for path in tests:
        for block in re.split(r'\n(?=\[)', show(repo, path)):
            rule = re.search(r'^rule\s*=\s*(\d+)', block, re.M)
            g = groups.get(rule.group(1), set()) if rule else set()
            if g & {'authentication_failed', 'invalid_login', 'authentication_failures'}:
                expect = 'failure'
            elif g & {'authentication_success'}:
                expect = 'success'
            elif g & {'recon', 'attack', 'exploit_attempt'}:
                expect = 'attack'
            else:
                expect = 'none'
            for m in re.finditer(r'^log \d+ pass\s*=\s*(.*)$', block, re.M):
                line = m.group(1)
                if not keep(line):
                    continue
                tag = SSH_TAG.search(line)
                address = ADDRESS.search(line, tag.end() if tag else 0)
                source.add(line, expect, address.group(1) if address and expect != 'none' else None)
    return source


SSH_TAG = re.compile(r'\b(?:sshd|sshd-session|sshd-auth|dropbear)(?:\([\w_]+\))?(?:\[\d+\])?:')


def build(folder):
    os.makedirs(folder, exist_ok=True)
    sources = [
        lines_only('loghub-OpenSSH_2k', 'logpai/loghub', 'OpenSSH/OpenSSH_2k.log'),
        lines_only('loghub-Linux_2k-sshd', 'logpai/loghub', 'Linux/Linux_2k.log', lambda l: SSH_TAG.search(l)),
        lines_only('wazuh-log-entries-sshd', 'wazuh/wazuh-ruleset', 'rules/log-entries/sshd'),
        *fail2ban(),
        sshguard(),
        denyhosts(),
        *(crowdsec_parser(t) for t in ('sshd-logs', 'sshd-logs-fp', 'sshd-success-logs', 'opnsense-sshd', 'ssh-timeout',
                                      'sshd-bad-keyexchange-bf', 'sshd-invalid-bf', 'sshd-refused-conn')),
        *(lines_only('crowdsec-' + t, 'crowdsecurity/hub', '.tests/%s/%s.log' % (t, t))
          for t in ('ssh-bf', 'ssh-slow-bf', 'ssh-time-based-bf', 'ssh-generic-test', 'sshd_banner_exchange')),
        ini_tests('wazuh-rules-tests', 'wazuh/wazuh-ruleset', ['tools/rules-testing/tests/sshd.ini', 'tools/rules-testing/tests/macos-sshd.ini',
                  'tools/rules-testing/tests/pam.ini', 'tools/rules-testing/tests/syslog.ini'],
                  ['rules/0095-sshd_rules.xml', 'rules/0085-pam_rules.xml', 'rules/0685-macos-sshd_rules.xml', 'rules/0020-syslog_rules.xml'],
                  lambda l: SSH_TAG.search(l)),
        ini_tests('ossec-rules-tests', 'ossec/ossec-hids', ['contrib/ossec-testing/tests/sshd.ini', 'contrib/ossec-testing/tests/pam.ini',
                  'contrib/ossec-testing/tests/syslog.ini'], ['etc/rules/sshd_rules.xml', 'etc/rules/pam_rules.xml', 'etc/rules/syslog_rules.xml'],
                  lambda l: SSH_TAG.search(l)),
    ]
    for source in sources:
        source.write(folder)
        print('%-32s %5d lines %4d verdicts  %s' % (source.name, len(source.lines), len(source.expect), source.where))


def is_failure(record):
    return record['id'].split('.')[0] not in ('sshd', 'dropbear', 'fail2ban', 'sshguard', 'client')


def is_attempt(record):
    """A failure, or what the tool itself counts as a failed attempt (`--events`' `attempt`, from the signature table:
    pre-authentication endings, probes, scanners). An older binary without the key counts no attempt."""
    return is_failure(record) or record.get('attempt') is True


def measure(binary, log):
    summary = json.loads(subprocess.run([binary, 'logs', '--json', '--unknown', log], capture_output=True, text=True).stdout)
    events = {}
    for line in subprocess.run([binary, 'logs', '--events', log], capture_output=True, text=True).stdout.splitlines():
        record = json.loads(line)
        events[record['line']] = record
    return summary, events


def score(binary, log):
    summary, events = measure(binary, log)
    totals = summary['totals']
    expect = [json.loads(l) for l in open(log[:-4] + '.expect.jsonl')]
    texts = open(log, errors='surrogateescape').read().splitlines()
    s = collections.Counter(ssh=totals['ssh_lines'], unknown=totals['unknown'], other=totals['other_programs'])
    misses = []
    for e in expect:
        record = events.get(e['line'])
        right_ip = record is not None and (e['ip'] is None or norm(record.get('ip')) == norm(e['ip']))
        right_user = e['user'] is None or (record is not None and record.get('user') == e['user'])
        if e['expect'] == 'failure':
            s['failures'] += 1
            if record and is_failure(record) and right_ip and right_user:
                s['counted'] += 1
            elif record and is_attempt(record) and right_ip and right_user:
                s['counted_attempt'] += 1
                misses.append(('failure-as-attempt', e, record))
            else:
                misses.append(('failure', e, record))
        elif e['expect'] == 'attack':
            s['attacks'] += 1
            if record and is_attempt(record) and right_ip:
                s['seen'] += 1
            else:
                misses.append(('attack', e, record))
    for number, text in enumerate(texts, 1):
        if SUCCESS.search(text) or any(e['line'] == number and e['expect'] == 'success' for e in expect):
            s['successes'] += 1
            if number in events and is_attempt(events[number]):
                s['success_as_failure'] += 1
                misses.append(('success', {'line': number}, events[number]))
    s['unknown_lines'] = [u['text'] for u in summary.get('unknown', {}).get('lines', [])]
    s['misses'] = [(kind, e['line'], texts[e['line'] - 1], record and record.get('id'), record and record.get('ip'), record and record.get('user')) for kind, e, record in misses]
    return s


def pct(a, b):
    return '%.1f' % (100.0 * a / b) if b else '-'


def report(binaries, folder):
    logs = sorted(glob.glob(os.path.join(folder, '*.log')))
    results = {b: {log: score(b, log) for log in logs} for b in binaries}
    head = ('| source | SSH lines | unknown | unknown % | failures expected | as failure, right address (and user) | % '
            '| + as attempt | as failure or attempt, % | attacks expected | as failure or attempt, right address | % | successes | counted as failure or attempt |')
    keys = ('ssh', 'unknown', 'failures', 'counted', 'counted_attempt', 'attacks', 'seen', 'successes', 'success_as_failure')
    for b in binaries:
        print('\n%s\n' % b)
        print(head)
        print('|---|' + '---:|' * 13)
        total = collections.Counter()
        for log in logs:
            s = results[b][log]
            total.update({key: s[key] for key in keys})
            print(row(os.path.basename(log)[:-4], s))
        print(row('**all**', total))
    if os.environ.get('VERBOSE'):
        details(results[binaries[0]], logs)


def row(name, s):
    return '| %s | %d | %d | %s | %d | %d | %s | %d | %s | %d | %d | %s | %d | %d |' % (
        name, s['ssh'], s['unknown'], pct(s['unknown'], s['ssh']), s['failures'], s['counted'], pct(s['counted'], s['failures']),
        s['counted_attempt'], pct(s['counted'] + s['counted_attempt'], s['failures']), s['attacks'], s['seen'], pct(s['seen'], s['attacks']),
        s['successes'], s['success_as_failure'])



def details(results, logs):
    """Every unknown line and every expectation not met, for the first binary (VERBOSE=1)."""
    for log in logs:
        s = results[log]
        for text in s['unknown_lines']:
            print('UNKNOWN %s: %s' % (os.path.basename(log), text))
        for miss in s['misses']:
            print('MISS %s: %s line %d %r → id=%s ip=%s user=%s' % (os.path.basename(log), miss[0], miss[1], miss[2], miss[3], miss[4], miss[5]))


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == 'build':
        build(sys.argv[2])
    elif len(sys.argv) >= 3:
        report([sys.argv[1]] + sys.argv[3:], sys.argv[2])
    else:
        sys.exit(__doc__)
