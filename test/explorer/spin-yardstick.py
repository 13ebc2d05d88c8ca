# Yardstick for `npm run explore`: writes a Promela model of Lamport's abstract Paxos (correct rules)
# for the SPIN model checker (apt-get install -y spin gcc). Usage, e.g. 3 acceptors, 2 values, 4 ballots:
#   python3 test/explorer/spin-yardstick.py 3 2 4 > /tmp/p.pml && cd /tmp && spin -a p.pml && gcc -O2 -DSAFETY -DMEMLIM=20000 -o pan pan.c && ./pan -m100000
# SPIN's "states, stored" must equal the explorer's distinctStates (it does: 3,921 / 185,369 / 8,220,065 for ballots 2 / 3 / 4).
# Stuttering steps (an action that changes nothing) are left out: SPIN would only count them as matched.
import sys, itertools
N, V, B = map(int, sys.argv[1:4])
S = 1 + B * V
def i1b(a, b, mb, v): return a * B * S + b * S + (0 if mb < 0 else 1 + mb * V + v)
def i2a(b, v): return b * V + v
def i2b(a, b, v): return (a * B + b) * V + v
quorums = [q for r in range(1, N + 1) for q in itertools.combinations(range(N), r) if 2 * r > N]
out = []
out.append(f'bit m1a[{B}]; bit m1b[{N*B*S}]; bit m2a[{B*V}]; bit m2b[{N*B*V}];')
out.append(f'byte maxBal[{N}]; byte maxVBal[{N}]; byte maxVal[{N}];  /* stored +1: 0 = -1 / none */')
def chosen(v):
    return '(' + ' || '.join('(' + ' || '.join('(' + ' && '.join(f'm2b[{i2b(a,b,v)}]' for a in q) + ')' for q in quorums) + ')' for b in range(B)) + ')'
out.append('#define agreement !(' + ' && '.join(f'0' for _ in []) + ' || '.join(f'({chosen(v)} && {chosen(w)})' for v in range(V) for w in range(V) if v < w) + (' 0' if V < 2 else '') + ')')
out.append('active proctype paxos() {')
out.append('  do')
for b in range(B):
    out.append(f'  :: d_step {{ m1a[{b}] == 0 -> m1a[{b}] = 1 }}')
for b in range(B):
    no2a = ' && '.join(f'm2a[{i2a(b,v)}] == 0' for v in range(V))
    for v in range(V):
        alts = []
        for q in quorums:
            all1b = ' && '.join('(' + ' || '.join(f'm1b[{i1b(a,b,mb,w)}]' for mb in range(-1, b) for w in (range(V) if mb >= 0 else [0])) + ')' for a in q)
            novote = ' && '.join(f'm1b[{i1b(a,b,mb,w)}] == 0' for a in q for mb in range(0, b) for w in range(V)) or '1'
            tops = []
            for mb in range(0, b):
                has = ' || '.join(f'm1b[{i1b(a,b,mb,v)}]' for a in q)
                higher = ' && '.join(f'm1b[{i1b(a,b,mh,w)}] == 0' for a in q for mh in range(mb + 1, b) for w in range(V)) or '1'
                tops.append(f'(({has}) && {higher})')
            alts.append(f'({all1b} && (({novote})' + ''.join(f' || {t}' for t in tops) + '))')
        out.append(f'  :: d_step {{ {no2a} && ({" || ".join(alts)}) -> m2a[{i2a(b,v)}] = 1 }}')
for a in range(N):
    for b in range(B):
        # Phase1b(a) on 1a(b): b > maxBal[a]  (stored +1: b+1 > maxBal)
        cases = []
        for mb in range(-1, b):
            for w in (range(V) if mb >= 0 else [0]):
                cond = f'maxVBal[{a}] == {mb+1}' + (f' && maxVal[{a}] == {w+1}' if mb >= 0 else '')
                cases.append(f'      :: {cond} -> m1b[{i1b(a,b,mb,w)}] = 1')
        out.append(f'  :: d_step {{ m1a[{b}] && {b+1} > maxBal[{a}] -> maxBal[{a}] = {b+1};\n    if\n' + '\n'.join(cases) + '\n    fi }')
    for b in range(B):
        for v in range(V):
            out.append(f'  :: d_step {{ m2a[{i2a(b,v)}] && {b+1} >= maxBal[{a}] && m2b[{i2b(a,b,v)}] == 0 -> maxBal[{a}] = {b+1}; maxVBal[{a}] = {b+1}; maxVal[{a}] = {v+1}; m2b[{i2b(a,b,v)}] = 1 }}')
        # Phase2b when the 2b was already sent but maxBal moved on is disabled by b >= maxBal; when
        # already sent and b >= maxBal the step is a stutter except for maxBal/maxVBal/maxVal:
        for v in range(V):
            out.append(f'  :: d_step {{ m2a[{i2a(b,v)}] && {b+1} >= maxBal[{a}] && m2b[{i2b(a,b,v)}] == 1 && !(maxBal[{a}] == {b+1} && maxVBal[{a}] == {b+1} && maxVal[{a}] == {v+1}) -> maxBal[{a}] = {b+1}; maxVBal[{a}] = {b+1}; maxVal[{a}] = {v+1} }}')
out.append('  od')
out.append('}')
out.append('never { do :: assert(agreement) od }')
print('\n'.join(out))
