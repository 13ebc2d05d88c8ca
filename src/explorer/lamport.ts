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
//
// Layers. Every action that changes the state sends a message never sent before (see `layered`),
// except under phase2b-ignores-promise; so the number of messages is a state's breadth-first depth
// and the explorer needs to index only the level it is generating.
//
// One parent per successor. A message is free in a state when nothing sent depends on it, so the
// state without it is reachable one step less deep and sends it again. Free are: a 1a(b) that no
// acceptor answered (no 1b for b); and, in the variants with freeTwoA (correct,
// phase2a-ignores-votes, phase1b-hides-vote), a 2a nobody voted for and each acceptor's last
// message: its 2b of ballot maxBal if it voted in maxBal, else its 1b of maxBal when no 2a of
// ballot maxBal was sent.
//
// Why. (i) In those three variants an acceptor's record is a function of msgs: maxBal is the
// highest ballot of its 1b and 2b messages (−1: none), (maxVBal, maxVal) its 2b of the highest
// ballot (−1, none): Phase1b(a) sets maxBal := b > maxBal, Phase2b(a) sets maxBal := maxVBal := b
// ≥ maxBal and maxVal := v (the acceptor rules are the correct ones there; the tests check it
// state by state). (ii) a's steps send messages in non-decreasing ballot order, at most one 1b and
// one 2b per ballot, the 1b first (Phase1b needs b > maxBal, Phase2b b ≥ maxBal and sets maxBal :=
// b; one 2a per ballot, and a 2b already sent changes nothing). So on any path a's step sending
// its last message m (as defined above) is a's last step. Now take a shortest path to t and a
// free m; drop the step that sent m. No other step read m: only Phase1b on 1a(b) reads a 1a(b)
// (none for a free one), only Phase2b on it reads a 2a (nobody voted for a free one), only
// Phase2a(b, ·) reads 1b messages of ballot b (no 2a of that ballot was sent for a free 1b), nobody
// reads a 2b; and no later step of a read a's record (m's step was a's last). So the other steps
// still run, in order, and reach t − m: msgs minus m, a's record the function (i) of the rest
// (1a and 2a change no record). t − m is one step less deep (a layered model: depth = number of
// messages), and it sends m again: Phase1a is always enabled; Phase2a(b, v) sees the same 1b
// messages of ballot b (nobody answered b again: one 1b per acceptor and ballot) and no 2a of b;
// Phase2b(a) on 2a(b, v) has b ≥ every ballot of a's other messages, so b ≥ maxBal; Phase1b(a) on
// 1a(b) has b > every ballot of a's other messages, and the record it reports is the one a had.
//
// So every reachable t ≠ initial with a free message has the parents t − m, one per free m, all
// one level up, and each of them is expanded. Free messages are ranked (successors: 1a(b) below
// 1b(·, b) below 2a(b) below 2b(·, b), below every message of ballot b + 1), and an action is built
// only when the message it sends is free in the successor and no free message of the successor
// ranks above it; the other actions leading to it are only counted (sink.skip). An action that
// sends a message not free in its successor (a 1b of a ballot whose 2a was sent, or any action of
// the other variants' non-free messages) is built only when the successor has no free message at
// all. With a concrete sink (no symmetry) 1b and 2b messages of one ballot are also ranked by
// acceptor, so the rank is a total order and every state is built from exactly one parent — and
// every state but the initial one has a free message (with freeTwoA: take the highest ballot b with
// a 2a: nobody voted for it, or a voter's last message is a 2b or a 1b of a ballot above b, which
// has no 2a; with no 2a at all, the last message of an acceptor that sent a 1b or, with no 1b, any
// 1a) — so the explorer needs no lookups (Model.pushesOnce). With symmetry the rank ignores
// acceptors (tied messages each build the successor, and the explorer's lookups merge them): the
// rank and freedom are then kept by every permutation of acceptors and values, so the canonical
// form of t − m builds a successor of t's class. Without freeTwoA only unanswered 1a messages are
// free (those variants may send two 1b messages for one ballot, or re-send an old 2b).
// With 3 acceptors, 2 values and 4 ballots (no symmetry) this builds 8.2 M successors (one per
// state) instead of 23.3 M.
// In the variants with freeTwoA the enabled actions are then counted in bulk from ballot masks and
// only the few that may be built are looked at (emit; same pushes, same skips as the general path).
// What emit needs beyond the packed state (which ballots were answered, voted for or got a 2a,
// and which values Phase2a may propose in each ballot) is derived once (fillAux) and, in a tree
// exploration, carried next to each state and updated from the one message a successor adds
// (Model.auxWords, successorsWithAux).
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

/** Number of set bits of every 10-bit mask (ballot masks, B ≤ 10, and value masks). */
const POPCOUNT = (() => {
  const t = new Uint8Array(1 << 10);
  for (let x = 1; x < t.length; x++) t[x] = t[x >> 1]! + (x & 1);
  return t;
})();

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

/** The acceptor × value permutations, flat: permutation k maps acceptor a to sigma[k·N + a], value v to tauPlus[k·(V+1) + v + 1] − 1 (tauPlus[k·(V+1)] = 0 keeps "none"), and message bit i to msgMap[k·U + i]. */
interface Symmetry {
  count: number;
  sigma: Int32Array;
  /** recShift[sigma[k·N + a]]. */
  sigmaShift: Int32Array;
  tauPlus: Int32Array;
  msgMap: Int32Array;
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
  /**
   * Every step that changes the state sends a message not sent before, so the number of messages
   * is the breadth-first depth (Model.layered). True for every variant but
   * phase2b-ignores-promise, whose Phase2b may lower maxBal and re-send an old 2b; successors()
   * checks it at every step.
   */
  readonly layered: boolean;
  /**
   * Model.pushesOnce: for a concrete sink every reachable state but the initial one is pushed by
   * exactly one parent (see "One parent per successor" in the file comment). True for the variants
   * with freeTwoA.
   */
  readonly pushesOnce: boolean;
  /** Model.auxWords: the words fillAux derives (the variants with freeTwoA), else 0. */
  readonly auxWords: number;
  /** Derived word (after the state's) and bit where ballot b's value mask lies (see fillAux). */
  private readonly slotWord: Int32Array;
  private readonly slotShift: Int32Array;
  /** slotsBelow[bLow · auxWords + w]: the bits of derived word w that hold the value masks of ballots below bLow. */
  private readonly slotsBelow: Int32Array;

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
  /** Word and bit shift of acceptor a's record. */
  private readonly recWord: Int32Array;
  private readonly recShift: Int32Array;
  private readonly quorums: Int32Array;
  private readonly recs = new Int32Array(8);
  private readonly scratchAllowed = new Int32Array(16);
  private readonly scratchSent2a = new Int32Array(16);
  /** Whether a 2a nobody voted for counts as a free message (variants where an acceptor sends at most one 1b per ballot). */
  private readonly freeTwoA: boolean;
  private readonly hidesVote: boolean;
  /** Whether successors() takes the bulk path, fillAux then emit (the variants with freeTwoA; tests turn it off to compare with the general path). */
  private readonly bulkCount: boolean;
  private readonly ignoresVotes: boolean;
  private readonly atLeast = new Int32Array(8);
  /** valueMasks[v]: bit b·V + v for every ballot b (the 2a or one acceptor's 2b bits of value v). */
  private readonly valueMasks: Int32Array;
  private readonly acc = { maxBal: new Int32Array(8), maxVBal: new Int32Array(8), maxVal: new Int32Array(8) };
  private readonly scratchBal = new Int32Array(8);
  private readonly scratchVals = new Int32Array(8);
  /** A successor being built: its words, then (tree explorer) its derived words. */
  private readonly next: Uint32Array;
  /** The first stateWords of `next` (what is pushed without derived words). */
  private readonly nextState: Uint32Array;
  /** A state and its derived words, for successors() of the variants with freeTwoA. */
  private readonly work: Uint32Array;
  private readonly perm: Uint32Array;
  private ties = new Int32Array(0);
  private symmetry: Symmetry | null = null;

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
    // Phase2a needs only the smallest majorities: a value some majority allows (no vote reported,
    // or the value of a highest reported vote, cast by acceptor x) is allowed by every smallest
    // majority inside it (that contains x).
    this.quorums = Int32Array.from(quorums.filter((q) => {
      let size = 0;
      for (let a = 0; a < n; a++) if (q & (1 << a)) size++;
      return size === (n >> 1) + 1;
    }));
    this.recWord = new Int32Array(n);
    this.recShift = new Int32Array(n);
    for (let a = 0; a < n; a++) {
      this.recWord[a] = Math.floor(a / this.recsPerWord);
      this.recShift[a] = (a % this.recsPerWord) * this.recBits;
    }
    this.layered = this.variant !== 'phase2b-ignores-promise';
    this.freeTwoA = this.variant === 'correct' || this.variant === 'phase2a-ignores-votes' || this.variant === 'phase1b-hides-vote';
    this.pushesOnce = this.freeTwoA;
    this.hidesVote = this.variant === 'phase1b-hides-vote';
    this.bulkCount = this.freeTwoA;
    this.ignoresVotes = this.variant === 'phase2a-ignores-votes';
    this.valueMasks = new Int32Array(v);
    for (let val = 0; val < v; val++) for (let bal = 0; bal < b && bal * v + val < 32; bal++) this.valueMasks[val]! |= 1 << (bal * v + val);
    // The derived words (fillAux): word 0 starts with three ballot masks, then the value masks of
    // the ballots, V bits each, packed in order, none straddling a word (3 acceptors, 2 values, 4
    // ballots: 12 + 8 bits, one word).
    this.slotWord = new Int32Array(b);
    this.slotShift = new Int32Array(b);
    let word = 0;
    let at = 3 * b;
    for (let bal = 0; bal < b; bal++) {
      if (at + v > 32) { word++; at = 0; }
      this.slotWord[bal] = word;
      this.slotShift[bal] = at;
      at += v;
    }
    this.auxWords = this.freeTwoA ? word + 1 : 0;
    this.slotsBelow = new Int32Array((b + 1) * (word + 1));
    for (let bLow = 0; bLow <= b; bLow++) {
      for (let bal = 0; bal < bLow; bal++) this.slotsBelow[bLow * (word + 1) + this.slotWord[bal]!]! |= ((1 << v) - 1) << this.slotShift[bal]!;
    }
    this.next = new Uint32Array(this.stateWords + this.auxWords);
    this.nextState = this.next.subarray(0, this.stateWords);
    this.work = new Uint32Array(this.stateWords + this.auxWords);
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

  /** The `len` (≤ 31) message bits from message index `start` of the state at `s[at …]`, as an integer (bit 0 = message `start`). */
  private bits(s: Uint32Array, start: number, len: number, at = 0): number {
    const w = at + this.accWords + (start >>> 5);
    const sh = start & 31;
    let x = s[w]! >>> sh;
    if (sh + len > 32) x |= s[w + 1]! << (32 - sh);
    return x & ((1 << len) - 1);
  }

  successors(s: Uint32Array, sink: SuccessorSink): void {
    const N = this.acceptors;
    const V = this.values;
    const B = this.ballots;
    const W = this.stateWords;
    const aw = this.accWords;
    const bb = this.balBits;
    const bm = (1 << bb) - 1;
    const vm = (1 << V) - 1;
    const recMask = (1 << this.recBits) - 1;
    const recWord = this.recWord;
    const recShift = this.recShift;
    const offset1b = this.offset1b;
    const base2a = this.base2a;
    const base2b = this.base2b;
    const next = this.nextState;
    const recs = this.recs;
    const reportBal = this.scratchBal;
    const reportVals = this.scratchVals;
    const quorums = this.quorums;
    const ignoresVotes = this.variant === 'phase2a-ignores-votes';
    const hidesVote = this.variant === 'phase1b-hides-vote';
    const promiseGeq = this.variant === 'phase1b-ignores-promise';
    const ignores2bPromise = this.variant === 'phase2b-ignores-promise';
    if (this.bulkCount) {
      // Derive the words the tree explorer would carry (fillAux), then the shared path.
      const work = this.work;
      for (let w = 0; w < W; w++) work[w] = s[w]!;
      this.fillAux(work);
      this.emit(work, 0, sink, this.nextState);
      return;
    }
    for (let a = 0; a < N; a++) recs[a] = (s[recWord[a]!]! >>> recShift[a]!) & recMask;
    const sent1a = this.bits(s, 0, B); // B ≤ 10
    const allowedBy = this.scratchAllowed;
    const sent2aBy = this.scratchSent2a; // the 2a bits of each ballot (a value mask)
    // Pass 1, ballot by ballot: the values Phase2a(b, ·) may propose (allowedBy[b]), and the free
    // messages (see "One parent per successor" in the file comment): free1a has bit b when 1a(b)
    // was sent and no 1b for b, free2a has bit b when the 2a of ballot b was sent and nobody voted
    // for it (only when freeTwoA).
    let answered = 0;
    let free2a = 0;
    let has2a = 0;
    // With B·V ≤ 31 every 2a bit, and every acceptor's 2b bits, are read at once (ballot b, value v
    // at bit b·V + v); votedAll is the union of the acceptors' 2b bits (only needed with freeTwoA).
    const BV = B * V;
    const wide = BV > 31;
    const all2a = wide ? 0 : this.bits(s, base2a, BV);
    let votedAll = 0;
    if (!wide && this.freeTwoA && all2a !== 0) for (let a = 0; a < N; a++) votedAll |= this.bits(s, base2b + a * BV, BV);
    for (let b = 0; b < B; b++) {
      allowedBy[b] = 0;
      const sent2a = wide ? this.bits(s, base2a + b * V, V) : (all2a >>> (b * V)) & vm;
      sent2aBy[b] = sent2a;
      if (sent2a !== 0) {
        answered |= 1 << b; // a 2a needs 1b messages
        has2a |= 1 << b;
        if (this.freeTwoA) {
          let voted = (votedAll >>> (b * V)) & vm;
          if (wide) for (let a = 0; a < N; a++) voted |= this.bits(s, base2b + (a * B + b) * V, V);
          if ((sent2a & ~voted) !== 0) free2a |= 1 << b;
        }
        continue;
      }
      if (((sent1a >>> b) & 1) === 0) continue; // no 1a(b), so no 1b for b either
      // Per acceptor: whether it sent a 1b for b, and what it reported (readReport).
      let sent1b = 0;
      for (let a = 0; a < N; a++) if (this.readReport(s, a, b)) sent1b |= 1 << a;
      if (sent1b === 0) continue;
      answered |= 1 << b;
      let allowed = 0;
      for (let k = 0; k < quorums.length; k++) {
        const q = quorums[k]!;
        if ((q & sent1b) !== q) continue;
        if (ignoresVotes) { allowed = vm; break; }
        let top = -1;
        let vals = 0;
        for (let a = 0; a < N; a++) {
          if (!(q & (1 << a))) continue;
          if (reportBal[a]! > top) { top = reportBal[a]!; vals = reportVals[a]!; } else if (reportBal[a] === top && top >= 0) vals |= reportVals[a]!;
        }
        allowed |= top < 0 ? vm : vals;
      }
      allowedBy[b] = allowed;
    }
    const free1a = sent1a & ~answered;
    // With freeTwoA also each acceptor's last message (its highest-ballot one: the 2b if it voted at
    // maxBal, else the 1b of maxBal) is free, a 2b always, a 1b when no 2a of its ballot was sent
    // (freeTops: those acceptors). Free messages are ranked by key: 1a(b) 32b, 1b(a, b) 32b + 8,
    // 2a(b) 32b + 16, 2b(a, b) 32b + 24, plus a for 1b and 2b when the sink is concrete (no
    // symmetry: a total order; otherwise acceptors tie, see the file comment); maxKey is the highest
    // key of a free message of s (−1: none). An action sending a free message m is built iff no free
    // message of the successor ranks above m.
    let maxKey = -1;
    let freeTops = 0;
    const freeAll = this.freeTwoA;
    const tie = sink.concrete === true ? 1 : 0;
    if (freeAll) {
      if (free1a !== 0) maxKey = 32 * (31 - Math.clz32(free1a));
      if (free2a !== 0) maxKey = Math.max(maxKey, 32 * (31 - Math.clz32(free2a)) + 16);
      for (let a = 0; a < N; a++) {
        const rec = recs[a]!;
        const mb = (rec & bm) - 1;
        if (mb < 0) continue;
        const mvb = ((rec >>> bb) & bm) - 1;
        let key: number;
        if (mvb === mb) key = 32 * mb + 24 + a * tie;
        else if (((has2a >>> mb) & 1) === 0) key = 32 * mb + 8 + a * tie;
        else continue;
        freeTops |= 1 << a;
        if (key > maxKey) maxKey = key;
      }
    }
    // Actions not built are counted (sink.skip, before the next push, to keep action order): those
    // that change nothing, and those whose successor has a free message higher than the one the
    // action sends (or the action sends no free message and the successor has one). Every action
    // built sends a message not sent before, except Phase2b on a 2b already sent under
    // phase2b-ignores-promise (it may lower maxBal): see `layered`.
    let skipped = 0;

    // Phase1a(b) and Phase2a(b, v), ballot by ballot.
    for (let b = 0; b < B; b++) {
      if ((sent1a >>> b) & 1) {
        skipped++; // changes nothing
      } else if (freeAll ? maxKey > 32 * b : (free1a >>> (b + 1)) !== 0) {
        skipped++; // the new 1a(b) is free, but not the highest free message
      } else {
        for (let w = 0; w < W; w++) next[w] = s[w]!;
        next[aw + (b >>> 5)]! |= 1 << (b & 31);
        if (skipped !== 0) { sink.skip?.(skipped); skipped = 0; }
        if (!sink.push(next, (PHASE1A << 24) | (b << 16))) return;
      }
      const allowed = allowedBy[b]!;
      if (allowed === 0) continue;
      // The new 2a is free (with freeTwoA): the highest free message unless a higher ballot has a free 2a.
      // (The 1b messages of ballot b it makes not free rank below it.)
      const built = freeAll ? maxKey <= 32 * b + 16 : free1a === 0;
      for (let v = 0; v < V; v++) {
        if (!(allowed & (1 << v))) continue;
        if (!built) { skipped++; continue; }
        const i = base2a + b * V + v;
        for (let w = 0; w < W; w++) next[w] = s[w]!;
        next[aw + (i >>> 5)]! |= 1 << (i & 31);
        if (skipped !== 0) { sink.skip?.(skipped); skipped = 0; }
        if (!sink.push(next, (PHASE2A << 24) | (b << 16) | (v << 8))) return;
      }
    }

    // Phase1b(a) and Phase2b(a), acceptor by acceptor.
    for (let a = 0; a < N; a++) {
      const rec = recs[a]!;
      const mb = (rec & bm) - 1;
      const mvb = ((rec >>> bb) & bm) - 1;
      const mv = (rec >>> (2 * bb)) - 1;
      const rw = recWord[a]!;
      const sh = recShift[a]!;
      const keep = ~(recMask << sh);
      for (let b = promiseGeq ? Math.max(mb, 0) : mb + 1; b < B; b++) {
        if (((sent1a >>> b) & 1) === 0) continue; // no 1a(b)
        const first = offset1b[a * B + b]!;
        const i = hidesVote || mvb < 0 ? first : first + 1 + mvb * V + mv;
        const wi = aw + (i >>> 5);
        const mi = 1 << (i & 31);
        if ((s[wi]! & mi) !== 0) {
          if (b === mb) { skipped++; continue; } // maxBal[a] = b already, and this 1b was sent
          if (this.layered) this.notLayered();
        }
        if (freeAll) {
          // The new 1b is free when no 2a of ballot b was sent; it makes 1a(b) and a's last message
          // (of a lower ballot) not free, and both rank below it.
          if (((has2a >>> b) & 1) === 0 ? maxKey > 32 * b + 8 + a * tie : free1a !== 0 || free2a !== 0 || (freeTops & ~(1 << a)) !== 0) { skipped++; continue; }
        } else if ((free1a & ~(1 << b)) !== 0) { skipped++; continue; } // the successor keeps another free message
        for (let w = 0; w < W; w++) next[w] = s[w]!;
        next[rw] = (s[rw]! & keep) | ((b + 1) | (rec & ~bm)) << sh;
        next[wi] = next[wi]! | mi;
        if (skipped !== 0) { sink.skip?.(skipped); skipped = 0; }
        if (!sink.push(next, (PHASE1B << 24) | (a << 16) | (b << 8))) return;
      }
      for (let b = ignores2bPromise ? 0 : Math.max(mb, 0); b < B; b++) {
        const sent2a = sent2aBy[b]!;
        if (sent2a === 0) continue;
        for (let v = 0; v < V; v++) {
          if (((sent2a >>> v) & 1) === 0) continue; // no 2a(b, v)
          const i = base2b + (a * B + b) * V + v;
          const wi = aw + (i >>> 5);
          const mi = 1 << (i & 31);
          const newRec = (b + 1) | ((b + 1) << bb) | ((v + 1) << (2 * bb));
          if ((s[wi]! & mi) !== 0) {
            if (newRec === rec) { skipped++; continue; }
            if (this.layered) this.notLayered();
          }
          // With freeAll the new 2b is free; the 2a(b, v) and a's last message it makes not free rank below it.
          if (freeAll ? maxKey > 32 * b + 24 + a * tie : free1a !== 0) { skipped++; continue; } // the successor keeps a higher free message
          for (let w = 0; w < W; w++) next[w] = s[w]!;
          next[rw] = (s[rw]! & keep) | (newRec << sh);
          next[wi] = next[wi]! | mi;
          if (skipped !== 0) { sink.skip?.(skipped); skipped = 0; }
          if (!sink.push(next, (PHASE2B << 24) | (a << 16) | (b << 8) | v)) return;
        }
      }
    }
    if (skipped !== 0) sink.skip?.(skipped);
  }

  /**
   * Whether acceptor a sent a 1b of ballot b in `s`; if so, the highest vote ballot it reported in
   * one goes to scratchBal[a] (−1: none) and the values reported at that ballot (a bit mask) to
   * scratchVals[a]. The 1b bits of (a, b) are "no vote", then the votes ballot by ballot and value
   * by value, so the highest set bit is the highest vote.
   */
  private readReport(s: Uint32Array, a: number, b: number): boolean {
    const V = this.values;
    const B = this.ballots;
    const from = this.offset1b[a * B + b]!;
    const len = this.offset1b[a * B + b + 1]! - from;
    let top = -1;
    let vals = 0;
    if (len <= 31) {
      const x = this.bits(s, from, len);
      if (x === 0) return false;
      if (x > 1) {
        top = (((31 - Math.clz32(x)) - 1) / V) | 0;
        vals = (x >>> (1 + top * V)) & ((1 << V) - 1);
      }
    } else {
      let any = false;
      for (let i = from; i < from + len; i++) {
        if (((s[this.accWords + (i >>> 5)]! >>> (i & 31)) & 1) === 0) continue;
        any = true;
        if (i === from) continue; // reports no vote
        const mbal = ((i - from - 1) / V) | 0;
        const mval = i - from - 1 - mbal * V;
        if (mbal > top) { top = mbal; vals = 1 << mval; } else if (mbal === top) vals |= 1 << mval;
      }
      if (!any) return false;
    }
    this.scratchBal[a] = top;
    this.scratchVals[a] = vals;
    return true;
  }

  /**
   * The values Phase2a(b, ·) may propose in `s` (a value mask; 0 when fewer than a majority
   * answered b), or −1 when no acceptor sent a 1b of ballot b. Only for the variants with freeTwoA:
   * there an acceptor's record is a function of msgs, so one whose maxBal is below b sent no 1b of
   * ballot b; and the values follow from the reports without enumerating quorums: a smallest
   * majority inside the acceptors that answered b whose highest report is t exists iff some answer
   * reports t and at least a majority of answers report at most t.
   */
  private allowedFor(s: Uint32Array, b: number): number {
    const N = this.acceptors;
    const V = this.values;
    const bm = (1 << this.balBits) - 1;
    const vm = (1 << V) - 1;
    const recMask = (1 << this.recBits) - 1;
    const reportBal = this.scratchBal;
    const reportVals = this.scratchVals;
    const majority = (N >> 1) + 1;
    let sent1b = 0;
    let count = 0;
    for (let a = 0; a < N; a++) {
      if (((s[this.recWord[a]!]! >>> this.recShift[a]!) & recMask & bm) - 1 < b) continue; // maxBal[a] < b: no 1b of ballot b
      if (!this.readReport(s, a, b)) continue;
      sent1b |= 1 << a;
      count++;
    }
    if (sent1b === 0) return -1;
    if (count < majority) return 0;
    if (this.ignoresVotes) return vm;
    let allowed = 0;
    for (let a = 0; a < N && allowed !== vm; a++) {
      if (((sent1b >>> a) & 1) === 0) continue;
      const t = reportBal[a]!;
      let atMost = 0;
      for (let c = 0; c < N; c++) if (((sent1b >>> c) & 1) !== 0 && reportBal[c]! <= t) atMost++;
      if (atMost >= majority) allowed |= t < 0 ? vm : reportVals[a]!;
    }
    return allowed;
  }

  /**
   * Model.fillAux (the variants with freeTwoA): derives the words that follow a state in the tree
   * explorer's frontier from its messages. Word 0 has bit b when some 1b of ballot b was sent,
   * bit B + b when some 2b of ballot b was sent, bit 2B + b when the 2a of ballot b was sent (at
   * most one per ballot); then, V bits per ballot from bit 3B on (slotWord, slotShift), the values
   * Phase2a(b, ·) may propose. A successor's words then follow from its parent's and the one
   * message it adds (emit), instead of from every message again.
   */
  fillAux(s: Uint32Array): void {
    const N = this.acceptors;
    const V = this.values;
    const B = this.ballots;
    const W = this.stateWords;
    const bm = (1 << this.balBits) - 1;
    const recMask = (1 << this.recBits) - 1;
    let maxBalAll = -1;
    for (let a = 0; a < N; a++) maxBalAll = Math.max(maxBalAll, ((s[this.recWord[a]!]! >>> this.recShift[a]!) & recMask & bm) - 1);
    const sent1a = this.bits(s, 0, B);
    let answered = 0;
    let voted = 0;
    let has2a = 0;
    for (let w = 0; w < this.auxWords; w++) s[W + w] = 0;
    // With B·V ≤ 31 every 2a bit, and each acceptor's 2b bits, are read at once (ballot b, value v
    // at bit b·V + v); votes is the union of the acceptors' 2b bits. (This runs for every state with
    // symmetry, where successors() derives the words afresh.)
    const BV = B * V;
    const wide = BV > 31;
    const vm = (1 << V) - 1;
    const all2a = wide ? 0 : this.bits(s, this.base2a, BV);
    let votes = 0;
    if (!wide && all2a !== 0) for (let a = 0; a < N; a++) votes |= this.bits(s, this.base2b + a * BV, BV);
    for (let b = 0; b < B; b++) {
      if ((wide ? this.bits(s, this.base2a + b * V, V) : (all2a >>> (b * V)) & vm) !== 0) {
        has2a |= 1 << b;
        answered |= 1 << b; // a 2a needs a majority of 1b messages
        if (!wide) {
          if (((votes >>> (b * V)) & vm) !== 0) voted |= 1 << b;
        } else {
          for (let a = 0; a < N; a++) if (this.bits(s, this.base2b + (a * B + b) * V, V) !== 0) voted |= 1 << b;
        }
        continue;
      }
      if (((sent1a >>> b) & 1) === 0 || b > maxBalAll) continue; // no 1b of ballot b
      const allowed = this.allowedFor(s, b);
      if (allowed < 0) continue;
      answered |= 1 << b;
      s[W + this.slotWord[b]!]! |= allowed << this.slotShift[b]!;
    }
    s[W]! |= answered | (voted << B) | (has2a << (2 * B));
  }

  /** Model.successorsWithAux: successors() of the state at `states[at …]` followed by its derived words (fillAux), pushing each successor followed by its own. */
  successorsWithAux(states: Uint32Array, at: number, sink: SuccessorSink): void {
    this.emit(states, at, sink, this.next);
  }

  /**
   * The successors of the variants with freeTwoA, from a state followed by its derived words
   * (fillAux), at s[o …]. The same actions in the same order, built and counted alike, as the general path
   * of successors(), but the enabled actions are counted in bulk (popcounts of ballot masks) and
   * only those that may be built are looked at one by one. There an acceptor sends at most one 1b
   * and one 2b per ballot and its record is a function of msgs (see the file comment), and every
   * ballot has at most one 2a. So Phase1b(a) is enabled, and changes the state, for every ballot
   * above maxBal with a 1a; Phase2b(a) for every ballot ≥ maxBal with a 2a, a stutter just when a
   * voted in maxBal (its 2b of maxBal was sent). An action whose message ranks below the highest
   * free message of s (key maxKey) is never built: its ballot lies below the threshold computed per
   * kind. Each successor built gets its derived words from s's and the message it adds; `out` is
   * what is pushed: this.next (state and derived words) or this.nextState (the state alone).
   */
  private emit(s: Uint32Array, o: number, sink: SuccessorSink, out: Uint32Array): void {
    const N = this.acceptors;
    const V = this.values;
    const B = this.ballots;
    const W = this.stateWords;
    const T = W + this.auxWords;
    const aw = this.accWords;
    const bb = this.balBits;
    const bm = (1 << bb) - 1;
    const recMask = (1 << this.recBits) - 1;
    const recWord = this.recWord;
    const recShift = this.recShift;
    const offset1b = this.offset1b;
    const base2a = this.base2a;
    const base2b = this.base2b;
    const next = this.next;
    const recs = this.recs;
    const hidesVote = this.hidesVote;
    const aux = s[o + W]!;
    const ballotMask = (1 << B) - 1;
    const has2a = (aux >>> (2 * B)) & ballotMask;
    const slotWord = this.slotWord;
    const slotShift = this.slotShift;
    const vm = (1 << V) - 1;
    // (bits() and popcount() written out: emit is too big for V8 to inline more calls into it.)
    const sent1a = s[o + aw]! & ((1 << B) - 1); // the 1a messages are bits 0 … B − 1
    const free1a = sent1a & ~aux & ballotMask; // sent, and no 1b (nor 2a) of its ballot
    const free2a = has2a & ~(aux >>> B); // nobody voted for it
    // Free messages are ranked by key: 1a(b) 32b, 1b(a, b) 32b + 8, 2a(b) 32b + 16, 2b(a, b)
    // 32b + 24, plus a for 1b and 2b when the sink is concrete (no symmetry: a total order;
    // otherwise acceptors tie, see the file comment); maxKey is the highest key of a free message of
    // s (−1: none). Each acceptor's last message (its highest-ballot one: the 2b if it voted at
    // maxBal, else the 1b of maxBal) is free, a 2b always, a 1b when no 2a of its ballot was sent
    // (freeTops: those acceptors). An action sending a free message m is built iff no free message
    // of the successor ranks above m.
    const tie = sink.concrete === true ? 1 : 0;
    let maxKey = -1;
    let freeTops = 0;
    if (free1a !== 0) maxKey = 32 * (31 - Math.clz32(free1a));
    if (free2a !== 0) maxKey = Math.max(maxKey, 32 * (31 - Math.clz32(free2a)) + 16);
    for (let a = 0; a < N; a++) {
      const rec = (s[o + recWord[a]!]! >>> recShift[a]!) & recMask;
      recs[a] = rec;
      const mb = (rec & bm) - 1;
      if (mb < 0) continue;
      const mvb = ((rec >>> bb) & bm) - 1;
      let key: number;
      if (mvb === mb) key = 32 * mb + 24 + a * tie;
      else if (((has2a >>> mb) & 1) === 0) key = 32 * mb + 8 + a * tie;
      else continue;
      freeTops |= 1 << a;
      if (key > maxKey) maxKey = key;
    }
    // Actions not built are counted (sink.skip, before the next push, to keep action order).
    let skipped = 0;

    // Phase1a(b) and Phase2a(b, v), ballot by ballot. Below ballot bLow nothing is built: each
    // ballot there counts its Phase1a and its allowed Phase2a values.
    const bLow = maxKey < 0 ? 0 : maxKey >>> 5;
    if (bLow > 0) {
      skipped = bLow;
      for (let w = 0, k = bLow * this.auxWords; w < this.auxWords; w++, k++) {
        let x = s[o + W + w]! & this.slotsBelow[k]!;
        x -= (x >>> 1) & 0x55555555;
        x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
        skipped += Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
      }
    }
    for (let b = bLow; b < B; b++) {
      const allowed = (s[o + W + slotWord[b]!]! >>> slotShift[b]!) & vm;
      if ((sent1a >>> b) & 1 || maxKey > 32 * b) {
        skipped++; // changes nothing, or the new 1a(b) is not the highest free message
      } else {
        for (let w = 0; w < T; w++) next[w] = s[o + w]!;
        next[aw + (b >>> 5)]! |= 1 << (b & 31);
        if (skipped !== 0) { sink.skip?.(skipped); skipped = 0; }
        if (!sink.push(out, (PHASE1A << 24) | (b << 16))) return;
      }
      if (allowed === 0) continue;
      if (maxKey > 32 * b + 16) { skipped += POPCOUNT[allowed]!; continue; }
      for (let v = 0; v < V; v++) {
        if (!(allowed & (1 << v))) continue;
        const i = base2a + b * V + v;
        for (let w = 0; w < T; w++) next[w] = s[o + w]!;
        next[aw + (i >>> 5)]! |= 1 << (i & 31);
        next[W] = aux | (1 << (2 * B + b));
        next[W + slotWord[b]!]! &= ~(vm << slotShift[b]!); // Phase2a(b, ·) is done
        if (skipped !== 0) { sink.skip?.(skipped); skipped = 0; }
        if (!sink.push(out, (PHASE2A << 24) | (b << 16) | (v << 8))) return;
      }
    }

    // Phase1b(a) and Phase2b(a), acceptor by acceptor: enabled ballots e, built ballots `built`.
    for (let a = 0; a < N; a++) {
      const rec = recs[a]!;
      const mb = (rec & bm) - 1;
      const mvb = ((rec >>> bb) & bm) - 1;
      const mv = (rec >>> (2 * bb)) - 1;
      const rw = recWord[a]!;
      const sh = recShift[a]!;
      const keep = ~(recMask << sh);
      const e1 = sent1a & (-1 << (mb + 1));
      if (e1 !== 0) {
        // A new 1b of ballot b is free when no 2a of b was sent (key 32b + 8 + a·tie); otherwise it
        // is built only when the successor has no free message at all.
        const x = maxKey - 8 - a * tie;
        let built = e1 & ~has2a & (-1 << (x <= 0 ? 0 : (x + 31) >>> 5));
        if (free1a === 0 && free2a === 0 && (freeTops & ~(1 << a)) === 0) built |= e1 & has2a;
        let rest = e1;
        while (built !== 0) {
          const low = built & -built;
          built ^= low;
          skipped += POPCOUNT[rest & (low - 1)]!;
          rest &= -(low << 1);
          const b = 31 - Math.clz32(low);
          const first = offset1b[a * B + b]!;
          const i = hidesVote || mvb < 0 ? first : first + 1 + mvb * V + mv;
          const wi = aw + (i >>> 5);
          for (let w = 0; w < T; w++) next[w] = s[o + w]!;
          next[rw] = (s[o + rw]! & keep) | ((b + 1) | (rec & ~bm)) << sh;
          next[wi] = next[wi]! | (1 << (i & 31));
          next[W] = aux | low;
          if ((has2a & low) === 0) {
            // The reports of ballot b changed: what Phase2a(b, ·) may propose now.
            const slot = W + slotWord[b]!;
            const at = slotShift[b]!;
            next[slot] = (next[slot]! & ~(vm << at)) | (this.allowedFor(next, b) << at);
          }
          if (skipped !== 0) { sink.skip?.(skipped); skipped = 0; }
          if (!sink.push(out, (PHASE1B << 24) | (a << 16) | (b << 8))) return;
        }
        skipped += POPCOUNT[rest]!;
      }
      const e2 = has2a & (-1 << (mb < 0 ? 0 : mb));
      if (e2 !== 0) {
        // A new 2b of ballot b is free (key 32b + 24 + a·tie); the one of ballot maxBal is a stutter when a voted in it.
        const x = maxKey - 24 - a * tie;
        let built = e2 & (-1 << (x <= 0 ? 0 : (x + 31) >>> 5));
        if (mvb >= 0 && mvb === mb) built &= ~(1 << mb);
        let rest = e2;
        while (built !== 0) {
          const low = built & -built;
          built ^= low;
          skipped += POPCOUNT[rest & (low - 1)]!;
          rest &= -(low << 1);
          const b = 31 - Math.clz32(low);
          const i2a = base2a + b * V; // the 2a bits of ballot b (one is set)
          const w2a = o + aw + (i2a >>> 5);
          let sent2a = s[w2a]! >>> (i2a & 31);
          if ((i2a & 31) + V > 32) sent2a |= s[w2a + 1]! << (32 - (i2a & 31));
          const v = 31 - Math.clz32(sent2a & ((1 << V) - 1));
          const i = base2b + (a * B + b) * V + v;
          const wi = aw + (i >>> 5);
          for (let w = 0; w < T; w++) next[w] = s[o + w]!;
          next[rw] = (s[o + rw]! & keep) | (((b + 1) | ((b + 1) << bb) | ((v + 1) << (2 * bb))) << sh);
          next[wi] = next[wi]! | (1 << (i & 31));
          next[W] = aux | (low << B);
          if (skipped !== 0) { sink.skip?.(skipped); skipped = 0; }
          if (!sink.push(out, (PHASE2B << 24) | (a << 16) | (b << 8) | v)) return;
        }
        skipped += POPCOUNT[rest]!;
      }
    }
    if (skipped !== 0) sink.skip?.(skipped);
  }

  private notLayered(): never {
    throw new Error(`lamport model (${this.variant}): a step changed the state without sending a new message, but the model is declared layered`);
  }

  /** Bit mask of the values chosen in `s` (some majority sent ("2b", ·, b, v) for one ballot b). */
  chosenValues(s: Uint32Array): number {
    const N = this.acceptors;
    const V = this.values;
    const BV = this.ballots * V; // each acceptor's 2b bits, ballot by ballot and value by value
    const base2b = this.base2b;
    const quorum = (N >> 1) + 1;
    let chosen = 0;
    if (BV <= 31) {
      // Bit-parallel: atLeast[j] has a bit set for every (b, v) with at least j votes so far.
      const atLeast = this.atLeast;
      atLeast[0] = -1;
      for (let j = 1; j <= quorum; j++) atLeast[j] = 0;
      for (let a = 0; a < N; a++) {
        const x = this.bits(s, base2b + a * BV, BV);
        for (let j = quorum; j > 0; j--) atLeast[j]! |= atLeast[j - 1]! & x;
      }
      const majority = atLeast[quorum]!;
      if (majority === 0) return 0;
      for (let bv = 0; bv < BV; bv += V) chosen |= (majority >>> bv) & ((1 << V) - 1);
      return chosen;
    }
    for (let bv = 0; bv < BV; bv++) {
      let votes = 0;
      for (let a = 0; a < N; a++) if (this.hasMsg(s, base2b + a * BV + bv)) votes++;
      if (2 * votes > N) chosen |= 1 << (bv % V);
    }
    return chosen;
  }

  /**
   * Model.violatedAfter: agreement reads only 2b messages, and a 2b(a, b, v) added to a state
   * where agreement holds can break it only by making v chosen in ballot b (a majority of
   * 2b(·, b, v)); otherwise the chosen values are the parent's.
   */
  violatedAfter(s: Uint32Array, action: number): number {
    if (action >>> 24 !== PHASE2B) return -1;
    const N = this.acceptors;
    const V = this.values;
    const B = this.ballots;
    const first = this.base2b + ((action >>> 8) & 0xff) * V + (action & 0xff); // acceptor 0's 2b(·, b, v)
    let votes = 0;
    for (let a = 0, i = first; a < N; a++, i += B * V) votes += (s[this.accWords + (i >>> 5)]! >>> (i & 31)) & 1;
    return 2 * votes > N ? this.violated(s) : -1;
  }

  violated(s: Uint32Array): number {
    // A chosen value has a 2b, so a 2a (Phase2b needs one): with fewer than two values proposed
    // nothing can disagree.
    const V = this.values;
    if (V === 1) return -1;
    const BV = this.ballots * V;
    if (BV <= 31) {
      // The 2a bits, ballot by ballot and value by value: all of one value when none lies outside
      // the value mask of the lowest one's value.
      const x = this.bits(s, this.base2a, BV);
      if ((x & ~this.valueMasks[(31 - Math.clz32(x & -x)) % V]!) === 0) return -1;
    }
    const chosen = this.chosenValues(s);
    return (chosen & (chosen - 1)) !== 0 ? 0 : -1;
  }

  // --- symmetry --------------------------------------------------------------------------------

  /** Number of permutations canonicalize minimizes over. */
  get symmetryPermutations(): number {
    return this.symmetryTables().count;
  }

  private symmetryTables(): Symmetry {
    if (this.symmetry) return this.symmetry;
    const N = this.acceptors;
    const V = this.values;
    const U = this.messageUniverse;
    const accPerms = permutations(N);
    const valPerms = permutations(V);
    const count = accPerms.length * valPerms.length;
    if (count * U > MAX_SYMMETRY_TABLE) {
      throw new Error(`symmetry over ${N} acceptors and ${V} values is too large (${count} permutations × ${U} messages)`);
    }
    const sigma = new Int32Array(count * N);
    const sigmaShift = new Int32Array(count * N);
    const tauPlus = new Int32Array(count * (V + 1));
    const msgMap = new Int32Array(count * U);
    let k = 0;
    for (const sg of accPerms) {
      for (const tau of valPerms) {
        for (let a = 0; a < N; a++) {
          sigma[k * N + a] = sg[a]!;
          sigmaShift[k * N + a] = this.recShift[sg[a]!]!;
        }
        for (let v = 0; v < V; v++) tauPlus[k * (V + 1) + v + 1] = tau[v]! + 1;
        for (let i = 0; i < U; i++) {
          const m = this.message(i);
          let p: LamportMessage;
          switch (m.type) {
            case '1a': p = m; break;
            case '1b': p = { ...m, acc: sg[m.acc]!, mval: m.mval < 0 ? -1 : tau[m.mval]! }; break;
            case '2a': p = { ...m, val: tau[m.val]! }; break;
            case '2b': p = { ...m, acc: sg[m.acc]!, val: tau[m.val]! }; break;
          }
          msgMap[k * U + i] = this.messageIndex(p);
        }
        k++;
      }
    }
    this.symmetry = { count, sigma, sigmaShift, tauPlus, msgMap };
    this.ties = new Int32Array(count);
    return this.symmetry;
  }

  /** Writes the message words of permutation k applied to `s` into `out[accWords …)`. */
  private permuteMessages(s: Uint32Array, k: number, out: Uint32Array): void {
    const map = this.symmetry!.msgMap;
    const base = k * this.messageUniverse;
    const aw = this.accWords;
    const W = this.stateWords;
    for (let w = aw; w < W; w++) out[w] = 0;
    for (let w = aw; w < W; w++) {
      let bits = s[w]!;
      const first = base + ((w - aw) << 5);
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const j = map[first + 31 - Math.clz32(low)]!;
        out[aw + (j >>> 5)]! |= 1 << (j & 31);
      }
    }
  }

  /**
   * Smallest packed encoding (word by word, unsigned; acceptor words first) over every acceptor ×
   * value permutation. The acceptor words are cheap to permute (the records are decoded once) and
   * decide most comparisons, so the message bits are permuted only for the permutations that tie
   * on them.
   */
  canonicalize(s: Uint32Array, out: Uint32Array): void {
    const sym = this.symmetryTables();
    const n = sym.count;
    const sigma = sym.sigma;
    const sigmaShift = sym.sigmaShift;
    const tauPlus = sym.tauPlus;
    const N = this.acceptors;
    const V1 = this.values + 1;
    const W = this.stateWords;
    const aw = this.accWords;
    const recWord = this.recWord;
    const recShift = this.recShift;
    const vs = 2 * this.balBits; // maxVal's shift in a record
    const low = (1 << vs) - 1;
    const recMask = (1 << this.recBits) - 1;
    const recs = this.recs;
    for (let a = 0; a < N; a++) recs[a] = (s[recWord[a]!]! >>> recShift[a]!) & recMask;
    const perm = this.perm;
    const ties = this.ties;
    let tieCount = 0;
    // Pass 1: the smallest acceptor words, and every permutation that reaches them.
    if (aw === 1) {
      let best = 0;
      for (let k = 0; k < n; k++) {
        let x = 0;
        for (let a = 0, t = k * N, u = k * V1; a < N; a++) {
          const rec = recs[a]!;
          x |= ((rec & low) | (tauPlus[u + (rec >>> vs)]! << vs)) << sigmaShift[t + a]!;
        }
        x >>>= 0;
        if (tieCount === 0 || x < best) { best = x; ties[0] = k; tieCount = 1; } else if (x === best) ties[tieCount++] = k;
      }
      out[0] = best;
    } else {
      for (let k = 0; k < n; k++) {
        for (let w = 0; w < aw; w++) perm[w] = 0;
        for (let a = 0, t = k * N, u = k * V1; a < N; a++) {
          const rec = recs[a]!;
          const to = sigma[t + a]!;
          perm[recWord[to]!]! |= ((rec & low) | (tauPlus[u + (rec >>> vs)]! << vs)) << recShift[to]!;
        }
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
