#!/usr/bin/env python3
"""How many of the lines fail2ban's sshd filter counts as failures (its annotated samples, ../shared/corpora/fail2ban-sshd,
expected.jsonl) `ssh-doctor logs --events` recognises with the address the annotation gives, per fail2ban mode.
The two normal-mode lines whose annotation gives no address are misses by construction (their address comes from
earlier lines of the connection: `observed_host`).

usage: fail2ban-agreement.py BIN [CORPUS_DIR]      e.g. fail2ban-agreement.py artifacts/aot/ssh-doctor
"""
import collections, json, os, subprocess, sys

binary = sys.argv[1]
corpus = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'corpora', 'fail2ban-sshd')
if not os.path.isdir(corpus):
    corpus = '/work/shared/corpora/fail2ban-sshd'
expected = [json.loads(line) for line in open(os.path.join(corpus, 'expected.jsonl'))]
ours = {}
for name in ('sshd', 'sshd-journal'):
    out = subprocess.run([binary, 'logs', '--events', os.path.join(corpus, name)], capture_output=True, text=True).stdout
    for line in out.splitlines():
        record = json.loads(line)
        ours[(name, record['line'])] = record
counts = collections.defaultdict(lambda: [0, 0])
for e in expected:
    if e.get('filter') != 'sshd' or not e['match']:
        continue
    for mode in e['modes'] or []:
        record = ours.get((e['file'], e['line']))
        counts[mode][1] += 1
        if record and record.get('ip') == e['host']:
            counts[mode][0] += 1
print(' '.join('%s %d/%d' % (mode, *counts[mode]) for mode in ('normal', 'ddos', 'extra', 'aggressive')))
