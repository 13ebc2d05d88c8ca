// Lamport's abstract model of basic Paxos (the "Paxos" TLA+ spec of the Paxos Made Simple
// lecture), packed for the explorer.
//
// Variables: per acceptor maxBal (−1 at first), maxVBal (−1) and maxVal (none); msgs, the set of
// every message ever sent (nothing is ever removed, so loss and duplication are implicit).
// Actions: Phase1a(b), Phase1b(a), Phase2a(b, v), Phase2b(a); ballots 0 … B−1, quorums are all
// majorities. Invariant: agreement (at most one value is chosen, where v is chosen when some
// majority all sent ("2b", ·, b, v) for one ballot b).
//
// Packing. The message set only grows and the universe of possible messages is finite for given
// (acceptors, values, ballots), so msgs is a bitset over that universe: one bit per possible
// message. A state is
//   [acceptor records, several per word, never straddling a word] [message bitset]
// where an acceptor record is (maxBal + 1, maxVBal + 1, maxVal + 1 with 0 = none) in 2·bb + vb bits.
// 3 acceptors, 2 values, 3 ballots: 1 + 2 words = 12 bytes per state.
//
// Symmetry. Acceptors are interchangeable (quorums are all majorities) and so are values, so every
// permutation σ of acceptors and τ of values maps reachable states to reachable states and keeps
// agreement. The canonical form of a state is the lexicographically smallest packed encoding over
// all σ × τ; each permutation is precomputed as a map from message bit to message bit.
import type { Model, SuccessorSink } from './model';

export const LAMPORT_VARIANTS = ['correct', 'phase2b-ignores-promise', 'phase2a-ignores-votes', 'phase1b-hides-vote', 'phase1b-ignores-promise'] as const;
export type LamportVariant = (typeof LAMPORT_VARIANTS)[number];

export const LAMPORT_VARIANT_HELP: Record<LamportVariant, string> = {
  correct: 'the rules as Lamport wrote them',
  'phase2b-ignores-promise': 'Phase2b accepts a 2a message without checking b ≥ maxBal[a]',
  'phase2a-ignores-votes': 'Phase2a picks any value, ignoring the votes reported in 1b messages',
  'phase1b-hides-vote': 'Phase1b reports no vote even when the acceptor has voted',
  'phase1b-ignores-promise': 'Phase1b answers a 1a with b ≥ maxBal[a] instead of b > maxBal[a] (harmless: the explorer finds no violation)',
};

/** The variants that break agreement (each has a counterexample from 3 acceptors, 2 values, 2 ballots). */
export const UNSAFE_LAMPORT_VARIANTS: readonly LamportVariant[] = ['phase2b-ignores-promise', 'phase2a-ignores-votes', 'phase1b-hides-vote'];

export interface LamportConfig {
  acceptors: number;
  values: number;
  ballots: number;
  variant?: LamportVariant;
}

export const LAMPORT_LIMITS = { acceptors: [1, 7], values: [1, 4], ballots: [1, 10] } as const;
/** Widest packed state accepted (words of 32 bits). */
export const LAMPORT_MAX_WORDS = 64;
/** Symmetry tables (permutations × message bits) beyond this are refused. */
const MAX_SYMMETRY_TABLE = 1 << 24;

const ACCEPTOR_NAMES = 'ABCDEFG';
const VALUE_NAMES = 'XYZW';
export const acceptorName = (a: number) => ACCEPTOR_NAMES[a] ?? `a${a}`;
export const valueName = (v: number) => VALUE_NAMES[v] ?? `v${v}`;

// Action codes: kind << 24 | p << 16 | q << 8 | r.
const PHASE1A = 0;
const PHASE1B = 1;
const PHASE2A = 2;
const PHASE2B = 3;
const code = (kind: number, p: number, q = 0, r = 0) => (kind << 24) | (p << 16) | (q << 8) | r;

function bitsFor(distinct: number): number {
  let bits = 1;
  while (1 << bits < distinct) bits++;
  return bits;
}

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (const rest of permutations(n - 1)) {
    for (let i = 0; i <= rest.length; i++) out.push([...rest.slice(0, i), n - 1, ...rest.slice(i)]);
  }
  // Identity first (not required, but it makes canonicalize start from the state itself).
  out.sort((a, b) => a.join(',').localeCompare(b.join(',')));
  return out;
}

/** A decoded message, for descriptions and tests. */
export type LamportMessage =
  | { type: '1a'; bal: number }
  | { type: '1b'; acc: number; bal: number; mbal: number; mval: number }
  | { type: '2a'; bal: number; val: number }
  | { type: '2b'; acc: number; bal: number; val: number };

/** A decoded state (val −1 = none), for descriptions, tests and a future UI. */
export interface LamportState {
  maxBal: number[];
  maxVBal: number[];
  maxVal: number[];
  msgs: LamportMessage[];
}

export class LamportModel implements Model {
  readonly name = 'lamport';
  readonly invariantNames = ['agreement'] as const;
  readonly stateWords: number;
  readonly acceptors: number;
  readonly values: number;
  readonly ballots: number;
  readonly variant: LamportVariant;
  /** Number of possible messages (bits in the message set). */
  readonly messageUniverse: number;
  readonly quorumMasks: readonly number[];

  private readonly balBits: number;
  private readonly valBits: number;
  private readonly recBits: number;
  private readonly recsPerWord: number;
  private readonly accWords: number;
  private readonly base1b: number;
  private readonly base2a: number;
  private readonly base2b: number;
  /** First bit of the 1b messages of (acceptor, ballot), indexed a·B + b; one more entry ends the last. */
  private readonly offset1b: Int32Array;
  private readonly acc = { maxBal: new Int32Array(8), maxVBal: new Int32Array(8), maxVal: new Int32Array(8) };
  private readonly scratchBal = new Int32Array(8);
  private readonly scratchVals = new Int32Array(8);
  private readonly next: Uint32Array;
  private readonly perm: Uint32Array;
  private ties = new Int32Array(0);
  private symmetry: { accPerms: number[][]; valPerms: number[][]; msgMaps: Int32Array[] } | null = null;

  constructor(config: LamportConfig) {
    const { acceptors: n, values: v, ballots: b } = config;
    for (const [key, [lo, hi]] of Object.entries(LAMPORT_LIMITS)) {
      const x = config[key as keyof typeof LAMPORT_LIMITS];
      if (!Number.isInteger(x) || x < lo || x > hi) throw new Error(`${key} must be a whole number from ${lo} to ${hi}, not ${x}`);
    }
    this.acceptors = n;
    this.values = v;
    this.ballots = b;
    this.variant = config.variant ?? 'correct';
    if (!LAMPORT_VARIANTS.includes(this.variant)) throw new Error(`unknown variant ${this.variant}`);
    this.balBits = bitsFor(b + 1);
    this.valBits = bitsFor(v + 1);
    this.recBits = 2 * this.balBits + this.valBits;
    this.recsPerWord = Math.floor(32 / this.recBits);
    this.accWords = Math.ceil(n / this.recsPerWord);
    // A 1b for ballot b reports a vote of a lower ballot (maxVBal ≤ maxBal < b); when Phase1b may
    // answer b = maxBal the vote may be of ballot b itself.
    const voteBallots = (bal: number) => (this.variant === 'phase1b-ignores-promise' ? bal + 1 : bal);
    this.base1b = b;
    this.offset1b = new Int32Array(n * b + 1);
    let bit = this.base1b;
    for (let a = 0; a < n; a++) {
      for (let bal = 0; bal < b; bal++) {
        this.offset1b[a * b + bal] = bit;
        bit += 1 + voteBallots(bal) * v;
      }
    }
    this.offset1b[n * b] = bit;
    this.base2a = bit;
    this.base2b = this.base2a + b * v;
    this.messageUniverse = this.base2b + n * b * v;
    this.stateWords = this.accWords + Math.ceil(this.messageUniverse / 32);
    if (this.stateWords > LAMPORT_MAX_WORDS) {
      throw new Error(`${n} acceptors, ${v} values and ${b} ballots need ${this.messageUniverse} message bits (${this.stateWords} words per state); at most ${LAMPORT_MAX_WORDS} words fit`);
    }
    const quorums: number[] = [];
    for (let q = 1; q < 1 << n; q++) {
      let size = 0;
      for (let a = 0; a < n; a++) if (q & (1 << a)) size++;
      if (2 * size > n) quorums.push(q);
    }
    this.quorumMasks = quorums;
    this.next = new Uint32Array(this.stateWords);
    this.perm = new Uint32Array(this.stateWords);
  }

  // --- message indices -------------------------------------------------------------------------

  idx1a(bal: number): number {
    return bal;
  }

  idx1b(acc: number, bal: number, mbal: number, mval: number): number {
    const first = this.offset1b[acc * this.ballots + bal]!;
    const i = mbal < 0 ? first : first + 1 + mbal * this.values + mval;
    if (i >= this.offset1b[acc * this.ballots + bal + 1]!) throw new Error(`1b(${acc}, ${bal}, ${mbal}, ${mval}) is outside the message universe`);
    return i;
  }

  idx2a(bal: number, val: number): number {
    return this.base2a + bal * this.values + val;
  }

  idx2b(acc: number, bal: number, val: number): number {
    return this.base2b + (acc * this.ballots + bal) * this.values + val;
  }

  /** Decodes message bit i. */
  message(i: number): LamportMessage {
    const { ballots: B, values: V } = this;
    if (i < this.base1b) return { type: '1a', bal: i };
    if (i < this.base2a) {
      let k = 0;
      while (this.offset1b[k + 1]! <= i) k++;
      const acc = Math.floor(k / B);
      const bal = k % B;
      const r = i - this.offset1b[k]!;
      return r === 0 ? { type: '1b', acc, bal, mbal: -1, mval: -1 } : { type: '1b', acc, bal, mbal: Math.floor((r - 1) / V), mval: (r - 1) % V };
    }
    if (i < this.base2b) return { type: '2a', bal: Math.floor((i - this.base2a) / V), val: (i - this.base2a) % V };
    const r = i - this.base2b;
    return { type: '2b', acc: Math.floor(r / (B * V)), bal: Math.floor(r / V) % B, val: r % V };
  }

  messageIndex(m: LamportMessage): number {
    switch (m.type) {
      case '1a': return this.idx1a(m.bal);
      case '1b': return this.idx1b(m.acc, m.bal, m.mbal, m.mval);
      case '2a': return this.idx2a(m.bal, m.val);
      case '2b': return this.idx2b(m.acc, m.bal, m.val);
    }
  }

  // --- packing ---------------------------------------------------------------------------------

  private hasMsg(s: Uint32Array, i: number): boolean {
    return ((s[this.accWords + (i >>> 5)]! >>> (i & 31)) & 1) === 1;
  }

  private setMsg(s: Uint32Array, i: number): void {
    s[this.accWords + (i >>> 5)]! |= 1 << (i & 31);
  }

  private readRecord(s: Uint32Array, a: number): number {
    const shift = (a % this.recsPerWord) * this.recBits;
    return (s[Math.floor(a / this.recsPerWord)]! >>> shift) & ((1 << this.recBits) - 1);
  }

  private writeRecord(s: Uint32Array, a: number, rec: number): void {
    const w = Math.floor(a / this.recsPerWord);
    const shift = (a % this.recsPerWord) * this.recBits;
    const mask = ((1 << this.recBits) - 1) << shift;
    s[w] = ((s[w]! & ~mask) | (rec << shift)) >>> 0;
  }

  private record(maxBal: number, maxVBal: number, maxVal: number): number {
    return ((maxBal + 1) | ((maxVBal + 1) << this.balBits) | ((maxVal + 1) << (2 * this.balBits))) >>> 0;
  }

  private unpackAcceptors(s: Uint32Array): void {
    const bm = (1 << this.balBits) - 1;
    const { maxBal, maxVBal, maxVal } = this.acc;
    for (let a = 0; a < this.acceptors; a++) {
      const rec = this.readRecord(s, a);
      maxBal[a] = (rec & bm) - 1;
      maxVBal[a] = ((rec >>> this.balBits) & bm) - 1;
      maxVal[a] = (rec >>> (2 * this.balBits)) - 1;
    }
  }

  /** Packs a decoded state. */
  pack(state: LamportState): Uint32Array {
    const s = new Uint32Array(this.stateWords);
    for (let a = 0; a < this.acceptors; a++) this.writeRecord(s, a, this.record(state.maxBal[a]!, state.maxVBal[a]!, state.maxVal[a]!));
    for (const m of state.msgs) this.setMsg(s, this.messageIndex(m));
    return s;
  }

  /** Decodes a packed state (messages in bit order). */
  unpack(s: Uint32Array): LamportState {
    this.unpackAcceptors(s);
    const n = this.acceptors;
    const msgs: LamportMessage[] = [];
    for (let i = 0; i < this.messageUniverse; i++) if (this.hasMsg(s, i)) msgs.push(this.message(i));
    return {
      maxBal: Array.from(this.acc.maxBal.subarray(0, n)),
      maxVBal: Array.from(this.acc.maxVBal.subarray(0, n)),
      maxVal: Array.from(this.acc.maxVal.subarray(0, n)),
      msgs,
    };
  }

  // --- the model -------------------------------------------------------------------------------

  initialStates(sink: SuccessorSink): void {
    const s = new Uint32Array(this.stateWords);
    for (let a = 0; a < this.acceptors; a++) this.writeRecord(s, a, this.record(-1, -1, -1));
    sink.push(s, -1);
  }

  successors(s: Uint32Array, sink: SuccessorSink): void {
    const { acceptors: N, values: V, ballots: B, variant } = this;
    const next = this.next;
    this.unpackAcceptors(s);
    const { maxBal, maxVBal, maxVal } = this.acc;

    // Phase1a(b) and Phase2a(b, v), ballot by ballot.
    for (let b = 0; b < B; b++) {
      next.set(s);
      this.setMsg(next, this.idx1a(b));
      if (!sink.push(next, code(PHASE1A, b))) return;

      let any2a = false;
      for (let v = 0; v < V; v++) if (this.hasMsg(s, this.idx2a(b, v))) any2a = true;
      if (any2a) continue;
      // Per acceptor: whether it sent a 1b for b, the highest vote ballot it reported in one, and
      // the values reported at that ballot (a bit mask).
      let sent1b = 0;
      const reportBal = this.scratchBal;
      const reportVals = this.scratchVals;
      for (let a = 0; a < N; a++) {
        reportBal[a] = -1;
        reportVals[a] = 0;
        const from = this.offset1b[a * B + b]!;
        const to = this.offset1b[a * B + b + 1]!;
        for (let i = from; i < to; i++) {
          if (!this.hasMsg(s, i)) continue;
          sent1b |= 1 << a;
          if (i === from) continue; // reports no vote
          const mbal = Math.floor((i - from - 1) / V);
          const mval = (i - from - 1) % V;
          if (mbal > reportBal[a]!) { reportBal[a] = mbal; reportVals[a] = 1 << mval; }
          else if (mbal === reportBal[a]) reportVals[a]! |= 1 << mval;
        }
      }
      let allowed = 0; // values v for which Phase2a(b, v) is enabled
      for (const q of this.quorumMasks) {
        if ((q & sent1b) !== q) continue;
        if (variant === 'phase2a-ignores-votes') { allowed = (1 << V) - 1; break; }
        let top = -1;
        let vals = 0;
        for (let a = 0; a < N; a++) {
          if (!(q & (1 << a))) continue;
          if (reportBal[a]! > top) { top = reportBal[a]!; vals = reportVals[a]!; }
          else if (reportBal[a] === top && top >= 0) vals |= reportVals[a]!;
        }
        allowed |= top < 0 ? (1 << V) - 1 : vals;
      }
      for (let v = 0; v < V; v++) {
        if (!(allowed & (1 << v))) continue;
        next.set(s);
        this.setMsg(next, this.idx2a(b, v));
        if (!sink.push(next, code(PHASE2A, b, v))) return;
      }
    }

    // Phase1b(a) and Phase2b(a), acceptor by acceptor.
    for (let a = 0; a < N; a++) {
      const mb = maxBal[a]!;
      for (let b = 0; b < B; b++) {
        if (!this.hasMsg(s, this.idx1a(b))) continue;
        if (variant === 'phase1b-ignores-promise' ? b < mb : b <= mb) continue;
        next.set(s);
        this.writeRecord(next, a, this.record(b, maxVBal[a]!, maxVal[a]!));
        if (variant === 'phase1b-hides-vote') this.setMsg(next, this.idx1b(a, b, -1, -1));
        else this.setMsg(next, this.idx1b(a, b, maxVBal[a]!, maxVal[a]!));
        if (!sink.push(next, code(PHASE1B, a, b))) return;
      }
      for (let b = 0; b < B; b++) {
        if (variant !== 'phase2b-ignores-promise' && b < mb) continue;
        for (let v = 0; v < V; v++) {
          if (!this.hasMsg(s, this.idx2a(b, v))) continue;
          next.set(s);
          this.writeRecord(next, a, this.record(b, b, v));
          this.setMsg(next, this.idx2b(a, b, v));
          if (!sink.push(next, code(PHASE2B, a, b, v))) return;
        }
      }
    }
  }

  /** Bit mask of the values chosen in `s` (some majority sent ("2b", ·, b, v) for one ballot b). */
  chosenValues(s: Uint32Array): number {
    const { acceptors: N, values: V, ballots: B } = this;
    let chosen = 0;
    for (let b = 0; b < B; b++) {
      for (let v = 0; v < V; v++) {
        let votes = 0;
        for (let a = 0; a < N; a++) if (this.hasMsg(s, this.idx2b(a, b, v))) votes++;
        if (2 * votes > N) chosen |= 1 << v;
      }
    }
    return chosen;
  }

  violated(s: Uint32Array): number {
    const chosen = this.chosenValues(s);
    return (chosen & (chosen - 1)) !== 0 ? 0 : -1;
  }

  // --- symmetry --------------------------------------------------------------------------------

  /** Number of permutations canonicalize minimizes over. */
  get symmetryPermutations(): number {
    return this.symmetryTables().msgMaps.length;
  }

  private symmetryTables(): NonNullable<LamportModel['symmetry']> {
    if (this.symmetry) return this.symmetry;
    const accPerms = permutations(this.acceptors);
    const valPerms = permutations(this.values);
    if (accPerms.length * valPerms.length * this.messageUniverse > MAX_SYMMETRY_TABLE) {
      throw new Error(`symmetry over ${this.acceptors} acceptors and ${this.values} values is too large (${accPerms.length * valPerms.length} permutations × ${this.messageUniverse} messages)`);
    }
    const msgMaps: Int32Array[] = [];
    const perms: { sigma: number[]; tau: number[] }[] = [];
    for (const sigma of accPerms) {
      for (const tau of valPerms) {
        const map = new Int32Array(this.messageUniverse);
        for (let i = 0; i < this.messageUniverse; i++) {
          const m = this.message(i);
          let p: LamportMessage;
          switch (m.type) {
            case '1a': p = m; break;
            case '1b': p = { ...m, acc: sigma[m.acc]!, mval: m.mval < 0 ? -1 : tau[m.mval]! }; break;
            case '2a': p = { ...m, val: tau[m.val]! }; break;
            case '2b': p = { ...m, acc: sigma[m.acc]!, val: tau[m.val]! }; break;
          }
          map[i] = this.messageIndex(p);
        }
        msgMaps.push(map);
        perms.push({ sigma, tau });
      }
    }
    this.symmetry = { accPerms: perms.map((p) => p.sigma), valPerms: perms.map((p) => p.tau), msgMaps };
    this.ties = new Int32Array(msgMaps.length);
    return this.symmetry;
  }

  /** Writes the acceptor words of permutation k applied to `s` into `out[0 … accWords)`. */
  private permuteAcceptors(s: Uint32Array, k: number, out: Uint32Array): void {
    const sym = this.symmetryTables();
    const sigma = sym.accPerms[k]!;
    const tau = sym.valPerms[k]!;
    const low = (1 << (2 * this.balBits)) - 1;
    for (let w = 0; w < this.accWords; w++) out[w] = 0;
    for (let a = 0; a < this.acceptors; a++) {
      const rec = this.readRecord(s, a);
      const val = rec >>> (2 * this.balBits);
      this.writeRecord(out, sigma[a]!, val === 0 ? rec : (rec & low) | ((tau[val - 1]! + 1) << (2 * this.balBits)));
    }
  }

  /** Writes the message words of permutation k applied to `s` into `out[accWords …)`. */
  private permuteMessages(s: Uint32Array, k: number, out: Uint32Array): void {
    const map = this.symmetryTables().msgMaps[k]!;
    const aw = this.accWords;
    const W = this.stateWords;
    for (let w = aw; w < W; w++) out[w] = 0;
    for (let w = aw; w < W; w++) {
      let bits = s[w]!;
      const base = (w - aw) << 5;
      while (bits !== 0) {
        const low = bits & -bits;
        const i = base + 31 - Math.clz32(low);
        bits ^= low;
        const j = map[i]!;
        out[aw + (j >>> 5)]! |= 1 << (j & 31);
      }
    }
  }

  /**
   * Smallest packed encoding (word by word, unsigned; acceptor words first) over every acceptor ×
   * value permutation. The acceptor words are cheap to permute and decide most comparisons, so
   * the message bits are permuted only for the permutations that tie on them.
   */
  canonicalize(s: Uint32Array, out: Uint32Array): void {
    const n = this.symmetryTables().msgMaps.length;
    const W = this.stateWords;
    const aw = this.accWords;
    const perm = this.perm;
    const ties = this.ties;
    let tieCount = 0;
    // Pass 1: the smallest acceptor words, and every permutation that reaches them.
    for (let k = 0; k < n; k++) {
      this.permuteAcceptors(s, k, perm);
      let cmp = 0;
      if (tieCount > 0) {
        for (let w = 0; w < aw; w++) {
          const x = perm[w]!;
          const y = out[w]!;
          if (x !== y) { cmp = x < y ? -1 : 1; break; }
        }
      }
      if (tieCount === 0 || cmp < 0) {
        for (let w = 0; w < aw; w++) out[w] = perm[w]!;
        ties[0] = k;
        tieCount = 1;
      } else if (cmp === 0) {
        ties[tieCount++] = k;
      }
    }
    // Pass 2: among those, the smallest message words.
    this.permuteMessages(s, ties[0]!, out);
    for (let t = 1; t < tieCount; t++) {
      this.permuteMessages(s, ties[t]!, perm);
      for (let w = aw; w < W; w++) {
        const x = perm[w]!;
        const y = out[w]!;
        if (x !== y) {
          if (x < y) for (let u = w; u < W; u++) out[u] = perm[u]!;
          break;
        }
      }
    }
  }

  // --- descriptions ----------------------------------------------------------------------------

  describeMessage(m: LamportMessage): string {
    switch (m.type) {
      case '1a': return `1a(${m.bal})`;
      case '1b': return `1b(${acceptorName(m.acc)}, ${m.bal}, ${m.mbal < 0 ? 'no vote' : `voted ${m.mbal} ${valueName(m.mval)}`})`;
      case '2a': return `2a(${m.bal}, ${valueName(m.val)})`;
      case '2b': return `2b(${acceptorName(m.acc)}, ${m.bal}, ${valueName(m.val)})`;
    }
  }

  describeAction(action: number): string {
    const kind = action >>> 24;
    const p = (action >>> 16) & 0xff;
    const q = (action >>> 8) & 0xff;
    const r = action & 0xff;
    switch (kind) {
      case PHASE1A: return `Phase1a(${p})`;
      case PHASE1B: return `Phase1b(${acceptorName(p)}) on 1a(${q})`;
      case PHASE2A: return `Phase2a(${p}, ${valueName(q)})`;
      case PHASE2B: return `Phase2b(${acceptorName(p)}) on 2a(${q}, ${valueName(r)})`;
      default: return `action ${action}`;
    }
  }

  describeStep(before: Uint32Array, after: Uint32Array): string {
    const x = this.unpack(before);
    const y = this.unpack(after);
    const parts: string[] = [];
    const had = new Set(x.msgs.map((m) => this.messageIndex(m)));
    for (const m of y.msgs) if (!had.has(this.messageIndex(m))) parts.push(`sends ${this.describeMessage(m)}`);
    for (let a = 0; a < this.acceptors; a++) {
      const changes: string[] = [];
      if (x.maxBal[a] !== y.maxBal[a]) changes.push(`maxBal ${x.maxBal[a]} → ${y.maxBal[a]}`);
      if (x.maxVBal[a] !== y.maxVBal[a]) changes.push(`maxVBal ${x.maxVBal[a]} → ${y.maxVBal[a]}`);
      if (x.maxVal[a] !== y.maxVal[a]) changes.push(`maxVal ${this.val(x.maxVal[a]!)} → ${this.val(y.maxVal[a]!)}`);
      if (changes.length) parts.push(`${acceptorName(a)}: ${changes.join(', ')}`);
    }
    const chosen = this.chosenValues(after) & ~this.chosenValues(before);
    for (let v = 0; v < this.values; v++) if (chosen & (1 << v)) parts.push(`${valueName(v)} is now chosen`);
    return parts.length ? parts.join('; ') : 'no change';
  }

  private val(v: number): string {
    return v < 0 ? 'none' : valueName(v);
  }

  describeState(s: Uint32Array): string {
    const st = this.unpack(s);
    const accs = st.maxBal.map((_, a) => `${acceptorName(a)}: maxBal=${st.maxBal[a]} maxVBal=${st.maxVBal[a]} maxVal=${this.val(st.maxVal[a]!)}`);
    return `${accs.join('  |  ')}\nmsgs: ${st.msgs.map((m) => this.describeMessage(m)).join(' ') || '(none)'}`;
  }
}
