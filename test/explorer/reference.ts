// A deliberately naive reference explorer for Lamport's abstract Paxos model: plain objects, JSON
// string keys, a JS Map, no packing, no cleverness. Written from the text, independently of
// src/explorer, so that the packed explorer can be checked against it on tiny configurations.

export type Variant = 'correct' | 'phase2b-ignores-promise' | 'phase2a-ignores-votes' | 'phase1b-hides-vote' | 'phase1b-ignores-promise';

export type Msg =
  | { type: '1a'; bal: number }
  | { type: '1b'; acc: number; bal: number; mbal: number; mval: number | null }
  | { type: '2a'; bal: number; val: number }
  | { type: '2b'; acc: number; bal: number; val: number };

export interface NaiveState {
  maxBal: number[];
  maxVBal: number[];
  maxVal: (number | null)[];
  msgs: Msg[]; // kept sorted (see compare), without duplicates
}

export interface NaiveConfig { acceptors: number; values: number; ballots: number; variant: Variant }

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function subsets<T>(xs: T[]): T[][] {
  return xs.reduce<T[][]>((acc, x) => acc.concat(acc.map((s) => [...s, x])), [[]]);
}

// Messages are kept sorted (by type, then their numbers) so that equal sets have equal JSON.
function fields(m: Msg): (string | number)[] {
  switch (m.type) {
    case '1a': return [m.type, m.bal];
    case '1b': return [m.type, m.acc, m.bal, m.mbal, m.mval ?? -1];
    case '2a': return [m.type, m.bal, m.val];
    case '2b': return [m.type, m.acc, m.bal, m.val];
  }
}

function compare(a: Msg, b: Msg): number {
  const x = fields(a);
  const y = fields(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  }
  return 0;
}

function send(s: NaiveState, m: Msg): Msg[] {
  if (s.msgs.some((x) => compare(x, m) === 0)) return s.msgs;
  return [...s.msgs, m].sort(compare);
}

export function initial(c: NaiveConfig): NaiveState {
  return { maxBal: range(c.acceptors).map(() => -1), maxVBal: range(c.acceptors).map(() => -1), maxVal: range(c.acceptors).map(() => null), msgs: [] };
}

export function key(s: NaiveState): string {
  return JSON.stringify(s);
}

/** Every successor of s, one per enabled action (duplicates and self-loops included). */
export function successors(c: NaiveConfig, s: NaiveState): NaiveState[] {
  const out: NaiveState[] = [];
  const majorities = subsets(range(c.acceptors)).filter((q) => 2 * q.length > c.acceptors);
  for (const b of range(c.ballots)) {
    // Phase1a(b)
    out.push({ ...s, msgs: send(s, { type: '1a', bal: b }) });
    // Phase2a(b, v)
    if (!s.msgs.some((m) => m.type === '2a' && m.bal === b)) {
      for (const v of range(c.values)) {
        const enabled = majorities.some((q) => {
          const q1b = s.msgs.filter((m): m is Extract<Msg, { type: '1b' }> => m.type === '1b' && q.includes(m.acc) && m.bal === b);
          if (!q.every((a) => q1b.some((m) => m.acc === a))) return false;
          if (c.variant === 'phase2a-ignores-votes') return true;
          const q1bv = q1b.filter((m) => m.mbal >= 0);
          return q1bv.length === 0 || q1bv.some((m) => m.mval === v && q1bv.every((mm) => m.mbal >= mm.mbal));
        });
        if (enabled) out.push({ ...s, msgs: send(s, { type: '2a', bal: b, val: v }) });
      }
    }
  }
  for (const a of range(c.acceptors)) {
    // Phase1b(a)
    for (const m of s.msgs) {
      if (m.type !== '1a') continue;
      const ok = c.variant === 'phase1b-ignores-promise' ? m.bal >= s.maxBal[a]! : m.bal > s.maxBal[a]!;
      if (!ok) continue;
      const hide = c.variant === 'phase1b-hides-vote';
      const maxBal = [...s.maxBal];
      maxBal[a] = m.bal;
      out.push({ ...s, maxBal, msgs: send(s, { type: '1b', acc: a, bal: m.bal, mbal: hide ? -1 : s.maxVBal[a]!, mval: hide ? null : s.maxVal[a]! }) });
    }
    // Phase2b(a)
    for (const m of s.msgs) {
      if (m.type !== '2a') continue;
      if (c.variant !== 'phase2b-ignores-promise' && !(m.bal >= s.maxBal[a]!)) continue;
      const maxBal = [...s.maxBal];
      const maxVBal = [...s.maxVBal];
      const maxVal = [...s.maxVal];
      maxBal[a] = m.bal;
      maxVBal[a] = m.bal;
      maxVal[a] = m.val;
      out.push({ maxBal, maxVBal, maxVal, msgs: send(s, { type: '2b', acc: a, bal: m.bal, val: m.val }) });
    }
  }
  return out;
}

export function agreementHolds(c: NaiveConfig, s: NaiveState): boolean {
  const chosen = new Set<number>();
  for (const b of range(c.ballots)) {
    for (const v of range(c.values)) {
      const voters = new Set(s.msgs.filter((m) => m.type === '2b' && m.bal === b && m.val === v).map((m) => (m as { acc: number }).acc));
      if (2 * voters.size > c.acceptors) chosen.add(v);
    }
  }
  return chosen.size <= 1;
}

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => range(n).map((i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

/** Applies acceptor permutation sigma and value permutation tau (plain objects all the way). */
function permute(s: NaiveState, sigma: number[], tau: number[]): NaiveState {
  const n = s.maxBal.length;
  const maxBal = new Array<number>(n);
  const maxVBal = new Array<number>(n);
  const maxVal = new Array<number | null>(n);
  for (let a = 0; a < n; a++) {
    maxBal[sigma[a]!] = s.maxBal[a]!;
    maxVBal[sigma[a]!] = s.maxVBal[a]!;
    maxVal[sigma[a]!] = s.maxVal[a] === null ? null : tau[s.maxVal[a]!]!;
  }
  const msgs: Msg[] = [];
  for (const m of s.msgs) {
    let p: Msg;
    if (m.type === '1a') p = m;
    else if (m.type === '1b') p = { ...m, acc: sigma[m.acc]!, mval: m.mval === null ? null : tau[m.mval]! };
    else if (m.type === '2a') p = { ...m, val: tau[m.val]! };
    else p = { ...m, acc: sigma[m.acc]!, val: tau[m.val]! };
    msgs.push(p);
  }
  return { maxBal, maxVBal, maxVal, msgs: msgs.sort(compare) };
}

/** Canonical key by brute force: the smallest JSON text over every acceptor × value permutation. */
export function symmetricKey(c: NaiveConfig, s: NaiveState): string {
  let best: string | null = null;
  for (const sigma of permutations(c.acceptors)) {
    for (const tau of permutations(c.values)) {
      const k = key(permute(s, sigma, tau));
      if (best === null || k < best) best = k;
    }
  }
  return best!;
}

export interface NaiveResult {
  distinctStates: number;
  depth: number;
  /** Distinct (canonical) states that violate agreement. */
  violations: number;
  /** Depth of the shallowest violating state, or null. */
  firstViolationDepth: number | null;
  /** Every state's key → depth. */
  depths: Map<string, number>;
}

/** Plain breadth-first search to exhaustion (or to the end of the first level with a violation). */
export function naiveExplore(c: NaiveConfig, symmetry = false, stopAtViolationLevel = false): NaiveResult {
  const k = (s: NaiveState) => (symmetry ? symmetricKey(c, s) : key(s));
  const s0 = initial(c);
  const depths = new Map<string, number>([[k(s0), 0]]);
  let frontier = [s0];
  let depth = 0;
  let violations = agreementHolds(c, s0) ? 0 : 1;
  let firstViolationDepth: number | null = violations ? 0 : null;
  while (frontier.length > 0) {
    const next: NaiveState[] = [];
    for (const s of frontier) {
      for (const t of successors(c, s)) {
        const kt = k(t);
        if (depths.has(kt)) continue;
        depths.set(kt, depth + 1);
        next.push(t);
        if (!agreementHolds(c, t)) {
          violations++;
          firstViolationDepth ??= depth + 1;
        }
      }
    }
    if (next.length > 0) depth++;
    frontier = next;
    if (stopAtViolationLevel && firstViolationDepth !== null) break;
  }
  return { distinctStates: depths.size, depth, violations, firstViolationDepth, depths };
}

/** The same state with its messages in the reference's order. */
export function canonicalOrder(s: NaiveState): NaiveState {
  return { ...s, msgs: [...s.msgs].sort(compare) };
}
