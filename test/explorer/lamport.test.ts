import { describe, expect, it } from 'vitest';
import { CollectingSink, Explorer, describeCounterexample, explore } from '../../src/explorer/bfs';
import { LAMPORT_VARIANTS, LamportModel, UNSAFE_LAMPORT_VARIANTS, type LamportState, type LamportVariant } from '../../src/explorer/lamport';
import { agreementHolds, canonicalOrder, key, naiveExplore, successors, type Msg, type NaiveConfig, type NaiveState } from './reference';

// Tiny configurations: both explorers run them to exhaustion (all violations counted). The two
// variants with the largest spaces skip 3 acceptors × 2 ballots (13,689 – 90,817 states), which the
// naive explorer takes too long over.
const CONFIGS: [number, number, number][] = [
  [1, 1, 1], [1, 2, 2], [2, 1, 1], [2, 2, 1], [2, 1, 2], [2, 2, 2], [3, 1, 1], [3, 2, 1], [3, 1, 2], [3, 2, 2],
];
const heavy = (variant: LamportVariant, [acceptors, , ballots]: [number, number, number]) =>
  (variant === 'phase2b-ignores-promise' || variant === 'phase1b-ignores-promise') && acceptors === 3 && ballots === 2;
// With symmetry the naive explorer canonicalizes by brute force over every permutation.
const SYMMETRY_CONFIGS: [LamportVariant[], [number, number, number][]][] = [
  [[...LAMPORT_VARIANTS], [[2, 2, 1], [2, 2, 2], [3, 2, 1]]],
  [['correct', 'phase2a-ignores-votes', 'phase1b-hides-vote'], [[3, 1, 2], [3, 2, 2]]],
];

const naiveCache = new Map<string, ReturnType<typeof naiveExplore>>();
function naive(c: NaiveConfig, symmetry: boolean) {
  const k = JSON.stringify([c, symmetry]);
  if (!naiveCache.has(k)) naiveCache.set(k, naiveExplore(c, symmetry));
  return naiveCache.get(k)!;
}

/** The packed state as the reference explorer's plain object. */
function toNaive(model: LamportModel, s: Uint32Array): NaiveState {
  const st: LamportState = model.unpack(s);
  const msgs: Msg[] = st.msgs.map((m) => (m.type === '1b' ? { ...m, mval: m.mval < 0 ? null : m.mval } : m));
  return canonicalOrder({ maxBal: st.maxBal, maxVBal: st.maxVBal, maxVal: st.maxVal.map((v) => (v < 0 ? null : v)), msgs });
}

describe('the packed explorer agrees with a naive reference explorer', () => {
  for (const variant of LAMPORT_VARIANTS) {
    for (const config of CONFIGS.filter((x) => !heavy(variant, x))) {
      const [acceptors, values, ballots] = config;
      const c = { acceptors, values, ballots, variant };
      it(`${variant}, ${acceptors} acceptors, ${values} values, ${ballots} ballots`, () => {
        const { result } = explore(new LamportModel(c), { stopAtFirstViolation: false });
        const ref = naive(c, false);
        expect(result.stoppedBy).toBe('exhausted');
        expect({ distinctStates: result.distinctStates, depth: result.depth, violations: result.violations })
          .toEqual({ distinctStates: ref.distinctStates, depth: ref.depth, violations: ref.violations });
      });
    }
  }

  for (const [variant, [acceptors, values, ballots]] of SYMMETRY_CONFIGS.flatMap(([vs, cs]) => vs.flatMap((v) => cs.map((x) => [v, x] as const)))) {
    {
      const c = { acceptors, values, ballots, variant };
      it(`with symmetry: ${variant}, ${acceptors} acceptors, ${values} values, ${ballots} ballots`, () => {
        const { result } = explore(new LamportModel(c), { symmetry: true, stopAtFirstViolation: false });
        const ref = naive(c, true);
        expect({ distinctStates: result.distinctStates, depth: result.depth, violations: result.violations })
          .toEqual({ distinctStates: ref.distinctStates, depth: ref.depth, violations: ref.violations });
        // Symmetry really reduces (or the configuration has no non-trivial permutation).
        if (acceptors > 1 || values > 1) expect(result.distinctStates).toBeLessThan(naive(c, false).distinctStates);
      });
    }
  }

  it('every stored state is exactly a state the reference reaches, at the same depth', () => {
    const c = { acceptors: 3, values: 2, ballots: 2, variant: 'correct' as const };
    const model = new LamportModel(c);
    const { explorer, result } = explore(model);
    const ref = naive(c, false);
    const keys = new Set<string>();
    for (let id = 0; id < result.distinctStates; id++) keys.add(key(toNaive(model, explorer.state(id))));
    expect(keys.size).toBe(ref.distinctStates);
    for (const k of keys) expect(ref.depths.has(k)).toBe(true);
  });
});

describe('counterexamples', () => {
  for (const variant of UNSAFE_LAMPORT_VARIANTS) {
    for (const [acceptors, values, ballots, symmetry] of [[3, 2, 2, false], [3, 2, 2, true], [2, 2, 2, false]] as const) {
      it(`${variant} (${acceptors} acceptors, ${values} values, ${ballots} ballots${symmetry ? ', symmetry' : ''}) violates agreement with a shortest trace`, () => {
        const c = { acceptors, values, ballots, variant };
        const model = new LamportModel(c);
        const { explorer, result } = explore(model, { symmetry });
        expect(result.stoppedBy).toBe('violation');
        const ce = describeCounterexample(explorer)!;
        expect(ce.invariant).toBe('agreement');
        const ref = naiveExplore(c, false, true);
        expect(ref.firstViolationDepth).not.toBeNull();
        // Shortest: as long as the shallowest violating state of a plain BFS.
        expect(ce.length).toBe(ref.firstViolationDepth);
        expect(result.firstViolation!.depth).toBe(ref.firstViolationDepth);
        // And a real trace of the reference model: each state a successor of the one before.
        const steps = explorer.trace(result.firstViolation!.id);
        expect(steps.length).toBe(ce.length + 1);
        let prev: NaiveState | null = null;
        for (const step of steps) {
          const s = toNaive(model, step.state);
          if (prev) expect(successors(c, prev).map((x) => key(canonicalOrder(x)))).toContain(key(s));
          else expect(key(s)).toBe(key(naiveInitial(c.acceptors)));
          prev = s;
        }
        expect(agreementHolds(c, prev!)).toBe(false);
        expect(ce.steps[ce.steps.length - 1]!.change).toMatch(/is now chosen/);
      });
    }
  }

  it('the correct rules yield no violation (3 acceptors, 2 values, 3 ballots), nor does the harmless phase1b-ignores-promise (2 ballots)', () => {
    expect(explore(new LamportModel({ acceptors: 3, values: 2, ballots: 3 }), { symmetry: true }).result)
      .toMatchObject({ stoppedBy: 'exhausted', violations: 0, firstViolation: null });
    expect(explore(new LamportModel({ acceptors: 3, values: 2, ballots: 2, variant: 'phase1b-ignores-promise' })).result)
      .toMatchObject({ stoppedBy: 'exhausted', distinctStates: 30_753, violations: 0, firstViolation: null });
  });

  it('known sizes: 3 acceptors, 2 values, 3 ballots', () => {
    const { result } = explore(new LamportModel({ acceptors: 3, values: 2, ballots: 3 }));
    expect(result).toMatchObject({ distinctStates: 185_369, statesGenerated: 1_316_584, depth: 24, violations: 0, stoppedBy: 'exhausted' });
    const sym = explore(new LamportModel({ acceptors: 3, values: 2, ballots: 3 }), { symmetry: true }).result;
    expect(sym).toMatchObject({ distinctStates: 17_153, depth: 24, stoppedBy: 'exhausted' });
  });
});

function naiveInitial(acceptors: number): NaiveState {
  return { maxBal: Array(acceptors).fill(-1), maxVBal: Array(acceptors).fill(-1), maxVal: Array(acceptors).fill(null), msgs: [] };
}

describe('packing', () => {
  it('every message index decodes and encodes back, for every variant', () => {
    for (const variant of LAMPORT_VARIANTS) {
      const m = new LamportModel({ acceptors: 3, values: 3, ballots: 4, variant });
      for (let i = 0; i < m.messageUniverse; i++) expect(m.messageIndex(m.message(i))).toBe(i);
    }
  });

  it('every reachable state unpacks and packs back to the same words', () => {
    const model = new LamportModel({ acceptors: 3, values: 2, ballots: 2, variant: 'phase1b-ignores-promise' });
    const { explorer, result } = explore(model);
    for (let id = 0; id < result.distinctStates; id++) {
      const s = explorer.state(id);
      expect(Array.from(model.pack(model.unpack(s)))).toEqual(Array.from(s));
    }
  });

  it('sizes the state from the message universe and refuses what does not fit', () => {
    const m = new LamportModel({ acceptors: 3, values: 2, ballots: 3 });
    // 1a: 3; 1b: 3 acceptors × (1 + 3 + 5); 2a: 3 × 2; 2b: 3 × 3 × 2.
    expect(m.messageUniverse).toBe(3 + 27 + 6 + 18);
    expect(m.stateWords).toBe(3);
    expect(new LamportModel({ acceptors: 7, values: 4, ballots: 10 }).stateWords).toBeLessThanOrEqual(64);
    expect(() => new LamportModel({ acceptors: 7, values: 4, ballots: 10, variant: 'phase1b-ignores-promise' })).toThrow('65 words per state); at most 64 words fit');
    expect(() => new LamportModel({ acceptors: 0, values: 2, ballots: 3 })).toThrow(/acceptors must be/);
  });

  it('canonical forms are the same for a state and its permutations', () => {
    const model = new LamportModel({ acceptors: 3, values: 2, ballots: 2 });
    const { explorer, result } = explore(model);
    const a = new Uint32Array(model.stateWords);
    const b = new Uint32Array(model.stateWords);
    for (let id = 0; id < result.distinctStates; id += 7) {
      const s = explorer.state(id);
      const st = model.unpack(s);
      // Swap acceptors A and C and values X and Y by hand.
      const sw = (x: number) => (x === 0 ? 2 : x === 2 ? 0 : x);
      const sv = (v: number) => (v < 0 ? v : 1 - v);
      const p: LamportState = {
        maxBal: [st.maxBal[2]!, st.maxBal[1]!, st.maxBal[0]!],
        maxVBal: [st.maxVBal[2]!, st.maxVBal[1]!, st.maxVBal[0]!],
        maxVal: [sv(st.maxVal[2]!), sv(st.maxVal[1]!), sv(st.maxVal[0]!)],
        msgs: st.msgs.map((m) => (m.type === '1a' ? m : m.type === '2a' ? { ...m, val: sv(m.val) } : m.type === '2b' ? { ...m, acc: sw(m.acc), val: sv(m.val) } : { ...m, acc: sw(m.acc), mval: sv(m.mval) })),
      };
      model.canonicalize(s, a);
      model.canonicalize(model.pack(p), b);
      expect(Array.from(b)).toEqual(Array.from(a));
    }
  });
});

describe('bounds', () => {
  const model = () => new LamportModel({ acceptors: 3, values: 2, ballots: 2 });

  it('stops at --max-states and says so', () => {
    const { result } = explore(model(), { maxStates: 100 });
    expect(result).toMatchObject({ stoppedBy: 'maxStates', distinctStates: 100 });
    // A bound equal to the whole space is not hit.
    expect(explore(model(), { maxStates: 3921 }).result.stoppedBy).toBe('exhausted');
    expect(explore(model(), { maxStates: 3920 }).result.stoppedBy).toBe('maxStates');
  });

  it('stops at --max-depth, storing exactly the states up to that depth', () => {
    const ref = naive({ acceptors: 3, values: 2, ballots: 2, variant: 'correct' }, false);
    for (const d of [0, 1, 5, 15]) {
      const { result } = explore(model(), { maxDepth: d });
      const upTo = [...ref.depths.values()].filter((x) => x <= d).length;
      expect(result).toMatchObject({ stoppedBy: 'maxDepth', depth: d, distinctStates: upTo });
    }
    // The full depth is 16: a bound of 16 is not hit.
    expect(explore(model(), { maxDepth: 16 }).result).toMatchObject({ stoppedBy: 'exhausted', distinctStates: 3921 });
  });

  it('stops at the memory bound, storing every state or walking a tree', () => {
    // Every state stored and looked up: 185,369 states need more than 2 MB.
    const stored = explore(new LamportModel({ acceptors: 3, values: 2, ballots: 3 }), { maxBytes: 2 * 2 ** 20, trustPushesOnce: false });
    expect(stored.explorer.noLookups).toBe(false);
    expect(stored.result.stoppedBy).toBe('maxBytes');
    expect(stored.result.bytes).toBeLessThanOrEqual(2 * 2 ** 20);
    expect(stored.result.distinctStates).toBeGreaterThan(1000);
    // A tree walk keeps two levels and 2 bytes a state: it needs ~1.6 MB in all, so 1 MB stops it.
    const tree = explore(new LamportModel({ acceptors: 3, values: 2, ballots: 3 }), { maxBytes: 2 ** 20 });
    expect(tree.explorer.noLookups).toBe(true);
    expect(tree.result.stoppedBy).toBe('maxBytes');
    expect(tree.result.bytes).toBeLessThanOrEqual(2 ** 20);
    expect(tree.result.distinctStates).toBeGreaterThan(1000);
    expect(explore(new LamportModel({ acceptors: 3, values: 2, ballots: 3 }), { maxBytes: 2 * 2 ** 20 }).result).toMatchObject({ stoppedBy: 'exhausted', distinctStates: 185369 });
  });

  it('runs in slices and can be cancelled between them (as a worker would)', () => {
    const whole = explore(model()).result;
    const sliced = new Explorer(model());
    let slices = 0;
    while (!sliced.step(100)) slices++;
    expect(slices).toBeGreaterThan(10);
    expect(sliced.result()).toEqual(whole);
    const cancelled = new Explorer(model());
    cancelled.step(50);
    expect(cancelled.done).toBe(false);
    expect(() => cancelled.result()).toThrow(/not finished/);
    cancelled.cancel();
    expect(cancelled.result().stoppedBy).toBe('cancelled');
  });

  it('counts every enabled action as generated, self-loops included', () => {
    const m = model();
    const sink = new CollectingSink();
    m.initialStates(sink);
    const s0 = sink.states[0]!.state;
    const next = new CollectingSink();
    m.successors(s0, next);
    // Only Phase1a(0) and Phase1a(1) are enabled at first.
    expect(next.states.map((x) => m.describeAction(x.action))).toEqual(['Phase1a(0)', 'Phase1a(1)']);
  });
});
