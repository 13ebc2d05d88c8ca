import { describe, expect, it } from 'vitest';
import { explore } from '../../src/explorer/bfs';
import { LAMPORT_VARIANTS, LamportModel } from '../../src/explorer/lamport';
import type { SuccessorSink } from '../../src/explorer/model';
import { PackedStateSet } from '../../src/explorer/stateSet';

// The fast paths of the explorer: the sweep-line index (Model.layered), successors counted but
// not built (SuccessorSink.skip: stutters, and successors built from another parent), and batched
// lookups.

class Recorder implements SuccessorSink {
  readonly next: { state: Uint32Array; action: number }[] = [];
  stutters = 0;
  push(next: Uint32Array, action: number): boolean {
    this.next.push({ state: next.slice(), action });
    return true;
  }
  skip(count: number): void {
    this.stutters += count;
  }
}

/** Number of messages sent in s: the set bits of the message words (the last ⌈U/32⌉ words). */
function messages(model: LamportModel, s: Uint32Array): number {
  let n = 0;
  for (let w = model.stateWords - Math.ceil(model.messageUniverse / 32); w < model.stateWords; w++) {
    for (let x = s[w]!; x !== 0; x &= x - 1) n++;
  }
  return n;
}

/**
 * A plain breadth-first search over the model (a JS Map of keys, one successor at a time, in the
 * order the model reports them), counting generated successors the way the explorer documents it
 * (the initial state, every push, every reported stutter) and stopping at the first new state
 * beyond `maxStates`.
 */
function plainBfs(model: LamportModel, maxStates = Infinity) {
  const key = (s: Uint32Array) => s.join(',');
  const init = new Recorder();
  model.initialStates(init);
  const seen = new Set([key(init.next[0]!.state)]);
  let frontier = [init.next[0]!.state];
  let generated = 1;
  let depth = 0;
  for (;;) {
    const next: Uint32Array[] = [];
    for (const s of frontier) {
      const events: (number | Uint32Array)[] = []; // a stutter count or a successor
      model.successors(s, { push: (n) => { events.push(n.slice()); return true; }, skip: (n) => { events.push(n); } });
      for (const e of events) {
        if (typeof e === 'number') { generated += e; continue; }
        generated++;
        const k = key(e);
        if (seen.has(k)) continue;
        if (seen.size >= maxStates) return { distinctStates: seen.size, statesGenerated: generated, depth, stopped: true };
        seen.add(k);
        next.push(e);
      }
    }
    if (next.length === 0) return { distinctStates: seen.size, statesGenerated: generated, depth, stopped: false };
    depth++;
    frontier = next;
  }
}

describe('successors that change nothing', () => {
  it('are counted, not built, and every successor built of a layered model sends exactly one new message', () => {
    for (const variant of LAMPORT_VARIANTS) {
      // The two variants with the largest spaces on 2 acceptors (their 3-acceptor spaces are 30–90 k states).
      const acceptors = variant === 'phase2b-ignores-promise' || variant === 'phase1b-ignores-promise' ? 2 : 3;
      const model = new LamportModel({ acceptors, values: 2, ballots: 2, variant });
      expect(model.layered).toBe(variant !== 'phase2b-ignores-promise');
      const { explorer, result } = explore(model, { stopAtFirstViolation: false });
      let stutters = 0;
      let pushes = 0;
      let notOneMore = 0;
      for (let id = 0; id < result.distinctStates; id++) {
        const s = explorer.state(id);
        const sink = new Recorder();
        model.successors(s, sink);
        stutters += sink.stutters;
        pushes += sink.next.length;
        for (const n of sink.next) {
          expect(Array.from(n.state)).not.toEqual(Array.from(s));
          if (messages(model, n.state) !== messages(model, s) + 1) notOneMore++;
        }
      }
      expect(1 + stutters + pushes).toBe(result.statesGenerated); // 1: the initial state
      if (model.layered) expect(notOneMore).toBe(0);
      else expect(notOneMore).toBeGreaterThan(0);
    }
  });

  it('statesGenerated matches a plain one-state-at-a-time search, also when a bound stops it mid-level', () => {
    const model = new LamportModel({ acceptors: 3, values: 2, ballots: 2 });
    const full = plainBfs(model);
    expect(explore(model).result).toMatchObject({ distinctStates: full.distinctStates, statesGenerated: full.statesGenerated, depth: full.depth });
    for (const maxStates of [1, 2, 100, 1234, 3920]) {
      const ref = plainBfs(model, maxStates);
      expect(ref.stopped).toBe(true);
      expect(explore(new LamportModel({ acceptors: 3, values: 2, ballots: 2 }), { maxStates }).result)
        .toMatchObject({ stoppedBy: 'maxStates', distinctStates: ref.distinctStates, statesGenerated: ref.statesGenerated });
    }
  });
});

describe('one parent per state (Model.pushesOnce)', () => {
  const once = LAMPORT_VARIANTS.filter((v) => new LamportModel({ acceptors: 1, values: 1, ballots: 1, variant: v }).pushesOnce);

  it('holds for exactly the variants whose acceptor records are a function of the messages sent in ballot order', () => {
    expect(once).toEqual(['correct', 'phase2a-ignores-votes', 'phase1b-hides-vote']);
    for (const variant of LAMPORT_VARIANTS) {
      // maxBal = highest ballot of the acceptor's 1b/2b, (maxVBal, maxVal) = its highest 2b, and at
      // its highest ballot a 2b, if any, came after the 1b: checked state by state.
      const model = new LamportModel({ acceptors: 3, values: 2, ballots: 3, variant });
      const { explorer, result } = explore(model, { stopAtFirstViolation: false, maxStates: 60_000, trustPushesOnce: false });
      let broken = 0;
      for (let id = 0; id < result.distinctStates; id++) {
        const st = model.unpack(explorer.state(id));
        for (let a = 0; a < model.acceptors; a++) {
          let maxBal = -1;
          let maxVBal = -1;
          let maxVal = -1;
          let oneBAfterTwoB = false;
          for (const m of st.msgs) {
            if ((m.type === '1b' || m.type === '2b') && m.acc === a) maxBal = Math.max(maxBal, m.bal);
            if (m.type === '2b' && m.acc === a && m.bal > maxVBal) { maxVBal = m.bal; maxVal = m.val; }
          }
          // A 1b of ballot b reporting a vote of ballot b was sent after the acceptor's 2b of b.
          for (const m of st.msgs) if (m.type === '1b' && m.acc === a && m.mbal === m.bal) oneBAfterTwoB = true;
          if (st.maxBal[a] !== maxBal || st.maxVBal[a] !== maxVBal || st.maxVal[a] !== maxVal || oneBAfterTwoB) broken++;
        }
      }
      if (once.includes(variant)) expect(broken).toBe(0);
      else expect(broken).toBeGreaterThan(0);
    }
  });

  it('pushes every reachable state exactly once to a concrete sink, and at least once to a symmetric one', () => {
    const key = (s: Uint32Array) => s.join(',');
    for (const variant of once) {
      for (const c of [{ acceptors: 3, values: 2, ballots: 2 }, { acceptors: 4, values: 2, ballots: 2 }, { acceptors: 2, values: 3, ballots: 3 }, { acceptors: 3, values: 3, ballots: 2 }]) {
        const model = new LamportModel({ ...c, variant });
        const { explorer, result } = explore(model, { stopAtFirstViolation: false, trustPushesOnce: false });
        expect(result.stoppedBy).toBe('exhausted');
        const all = new Set<string>();
        for (let id = 0; id < result.distinctStates; id++) all.add(key(explorer.state(id)));
        for (const concrete of [true, false]) {
          const pushed = new Set<string>([key(explorer.state(0))]);
          let pushes = 0;
          for (let id = 0; id < result.distinctStates; id++) {
            model.successors(explorer.state(id), { concrete, push: (n) => { pushes++; pushed.add(key(n)); return true; } });
          }
          expect(pushed.size).toBe(all.size);
          let unknown = 0;
          for (const k of pushed) if (!all.has(k)) unknown++;
          expect(unknown).toBe(0);
          if (concrete) expect(pushes).toBe(result.distinctStates - 1);
          else expect(pushes).toBeGreaterThan(result.distinctStates - 1);
        }
      }
    }
  });

  it('gives the same results, counterexample lengths and traces with and without lookups', () => {
    for (const variant of LAMPORT_VARIANTS) {
      const c0 = { acceptors: 3, values: 2, ballots: 2, variant };
      expect(explore(new LamportModel(c0), { maxStates: 10 }).explorer.noLookups).toBe(once.includes(variant));
      expect(explore(new LamportModel(c0), { maxStates: 10, symmetry: true }).explorer.noLookups).toBe(false);
    }
    for (const variant of once) {
      for (const c of [{ acceptors: 3, values: 2, ballots: 2 }, { acceptors: 4, values: 2, ballots: 2 }, { acceptors: 2, values: 3, ballots: 3 }, { acceptors: 3, values: 3, ballots: 2 }]) {
        // (Not the memory bound: the two keep different things, so a bound stops them at different points.)
        for (const bounds of [{}, { maxDepth: 7 }, { maxStates: 777 }, { maxStates: 1 }, { maxDepth: 0 }, { stopAtFirstViolation: false }]) {
          const fast = explore(new LamportModel({ ...c, variant }), bounds);
          const slow = explore(new LamportModel({ ...c, variant }), { ...bounds, trustPushesOnce: false });
          expect(fast.explorer.noLookups).toBe(true);
          expect(slow.explorer.noLookups).toBe(false);
          const { bytes: _a, ...x } = fast.result;
          const { bytes: _b, ...y } = slow.result;
          expect(x).toEqual(y);
          if (fast.result.firstViolation) {
            const trace = fast.explorer.trace(fast.result.firstViolation.id);
            expect(trace.length - 1).toBe(fast.result.firstViolation.depth);
          }
        }
      }
    }
  });
});

describe('the sweep-line index', () => {
  it('gives exactly the same results as one index over every state, for every variant, bound and slicing', () => {
    for (const variant of LAMPORT_VARIANTS) {
      for (const symmetry of [false, true]) {
        for (const bounds of [{}, { maxDepth: 7 }, { maxStates: 777 }, { stopAtFirstViolation: false }]) {
          const c = { acceptors: 3, values: 2, ballots: 2, variant };
          const on = explore(new LamportModel(c), { symmetry, ...bounds });
          const off = explore(new LamportModel(c), { symmetry, ...bounds, sweepLine: false, trustPushesOnce: false });
          expect(on.explorer.sweepLine).toBe(variant !== 'phase2b-ignores-promise');
          expect(off.explorer.sweepLine).toBe(false);
          const { bytes: _a, ...x } = on.result;
          const { bytes: _b, ...y } = off.result;
          expect(x).toEqual(y);
          if (on.result.firstViolation) expect(on.explorer.trace(on.result.firstViolation.id).map((s) => s.action)).toEqual(off.explorer.trace(off.result.firstViolation!.id).map((s) => s.action));
        }
      }
    }
  });

  it('keeps the index small: 3 acceptors, 2 values, 3 ballots', () => {
    const c = { acceptors: 3, values: 2, ballots: 3 };
    const on = explore(new LamportModel(c), { trustPushesOnce: false }).result;
    const off = explore(new LamportModel(c), { sweepLine: false, trustPushesOnce: false }).result;
    expect(on.distinctStates).toBe(185_369);
    expect(on.bytes).toBeLessThan(off.bytes);
  });
});

describe('PackedStateSet.clearIndex', () => {
  it('forgets the index but keeps every state and its id', () => {
    const set = new PackedStateSet(2, 16);
    for (let i = 0; i < 100; i++) expect(set.add(new Uint32Array([i, i * 7]))).toBe(i);
    set.clearIndex();
    expect(set.size).toBe(100);
    expect(set.has(new Uint32Array([5, 35]))).toBe(false);
    const out = new Uint32Array(2);
    set.get(5, out);
    expect(Array.from(out)).toEqual([5, 35]);
    // Re-adding gives a new id; states added after the clear are found again.
    expect(set.add(new Uint32Array([5, 35]))).toBe(100);
    expect(set.add(new Uint32Array([5, 35]))).toBe(-101);
    for (let i = 0; i < 1000; i++) set.add(new Uint32Array([1000 + i, i]));
    expect(set.size).toBe(1101);
    expect(set.has(new Uint32Array([1500, 500]))).toBe(true);
  });
});

describe('counting enabled actions in bulk (the variants with freeTwoA)', () => {
  /** successors() as a list of events: pushes (action, state) and skip counts, consecutive skips merged. */
  function events(model: LamportModel, s: Uint32Array, concrete: boolean): string[] {
    const out: string[] = [];
    let skipped = 0;
    model.successors(s, {
      concrete,
      push: (n, action) => {
        if (skipped !== 0) out.push(`skip ${skipped}`);
        skipped = 0;
        out.push(`${action} ${n.join(',')}`);
        return true;
      },
      skip: (n) => { skipped += n; },
    });
    if (skipped !== 0) out.push(`skip ${skipped}`);
    return out;
  }

  it('pushes and counts exactly as the general path, state by state, action by action', () => {
    for (const variant of ['correct', 'phase2a-ignores-votes', 'phase1b-hides-vote'] as const) {
      for (const [acceptors, values, ballots] of [[3, 2, 2], [2, 3, 3], [4, 1, 2], [3, 2, 3], [2, 4, 9]] as const) {
        const c = { acceptors, values, ballots, variant };
        const fast = new LamportModel(c);
        const general = new LamportModel(c);
        (general as unknown as { bulkCount: boolean }).bulkCount = false;
        const { explorer, result } = explore(new LamportModel(c), { stopAtFirstViolation: false, maxStates: 6000 });
        for (let id = 0; id < result.distinctStates; id++) {
          const s = explorer.state(id);
          for (const concrete of [true, false]) {
            const [x, y] = [events(fast, s, concrete), events(general, s, concrete)];
            if (x.join(';') !== y.join(';')) expect(x, `${variant} ${acceptors} ${values} ${ballots} state ${id}`).toEqual(y);
          }
        }
      }
    }
  }, 30_000);

  it('known statesGenerated, with and without symmetry, to the first violation and beyond', () => {
    const known: [number, number, number, string, boolean, boolean, number, number][] = [
      // acceptors, values, ballots, variant, symmetry, all violations, distinct, generated
      [3, 2, 2, 'correct', false, false, 3921, 22995],
      [3, 2, 2, 'correct', true, false, 443, 2578],
      [3, 2, 2, 'phase2a-ignores-votes', false, false, 3315, 13926],
      [3, 2, 2, 'phase2a-ignores-votes', false, true, 5329, 31435],
      [3, 2, 2, 'phase1b-hides-vote', true, false, 382, 1779],
      [3, 2, 2, 'phase1b-hides-vote', true, true, 577, 3378],
      [2, 3, 3, 'correct', false, false, 2465, 13757],
      [2, 3, 3, 'phase2a-ignores-votes', true, true, 709, 4078],
      [2, 3, 3, 'phase1b-hides-vote', false, true, 4913, 27113],
      [3, 1, 3, 'correct', false, false, 68921, 482656],
      [3, 1, 3, 'phase1b-hides-vote', true, false, 12627, 88237],
    ];
    for (const [acceptors, values, ballots, variant, symmetry, all, distinctStates, statesGenerated] of known) {
      const model = new LamportModel({ acceptors, values, ballots, variant: variant as (typeof LAMPORT_VARIANTS)[number] });
      expect(explore(model, { symmetry, stopAtFirstViolation: !all }).result, `${acceptors} ${values} ${ballots} ${variant} ${symmetry} ${all}`)
        .toMatchObject({ distinctStates, statesGenerated });
    }
  });
});
