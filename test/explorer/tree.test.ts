import { describe, expect, it } from 'vitest';
import { CollectingSink, Explorer, explore } from '../../src/explorer/bfs';
import { LAMPORT_VARIANTS, LamportModel } from '../../src/explorer/lamport';
import type { SuccessorSink } from '../../src/explorer/model';
import { TreeLevels } from '../../src/explorer/treeLevels';

// A tree exploration (Model.pushesOnce, no symmetry): only two levels are kept, each state with the
// words the model derives from it (Model.auxWords), and any other state is rebuilt along its path.

const TREE_VARIANTS = ['correct', 'phase2a-ignores-votes', 'phase1b-hides-vote'] as const;

/** Pushes (first stateWords words, and the derived words after them) and skips, in order. */
function record(model: LamportModel, run: (sink: SuccessorSink) => void): { events: string[]; aux: Uint32Array[] } {
  const events: string[] = [];
  const aux: Uint32Array[] = [];
  let skipped = 0;
  run({
    concrete: true,
    push: (n, action) => {
      if (skipped !== 0) events.push(`skip ${skipped}`);
      skipped = 0;
      events.push(`${action} ${Array.from(n.subarray(0, model.stateWords)).join(',')}`);
      aux.push(n.slice(model.stateWords));
      return true;
    },
    skip: (n) => { skipped += n; },
  });
  if (skipped !== 0) events.push(`skip ${skipped}`);
  return { events, aux };
}

describe('derived words carried in the frontier (Model.auxWords)', () => {
  it('a successor’s words, derived from its parent’s and one message, equal those derived from all its messages; pushes and skips equal successors()', () => {
    // Up to 10 ballots and 4 values: the value masks fill one, two or three derived words.
    const configs = [[3, 2, 2], [2, 3, 3], [4, 1, 2], [3, 2, 3], [2, 4, 9], [2, 2, 10], [3, 4, 3], [2, 4, 10], [3, 3, 7]] as const;
    const widths = new Set<number>();
    let checked = 0;
    for (const variant of TREE_VARIANTS) {
      for (const [acceptors, values, ballots] of configs) {
        const c = { acceptors, values, ballots, variant };
        const model = new LamportModel(c);
        // 3B bits of ballot masks, then V bits per ballot, never across a word.
        expect(model.auxWords).toBe(3 * ballots + values * ballots <= 32 ? 1 : ballots === 10 && values === 4 ? 3 : 2);
        widths.add(model.auxWords);
        const W = model.stateWords;
        const { explorer, result } = explore(new LamportModel(c), { stopAtFirstViolation: false, maxStates: 4000 });
        for (let id = 0; id < result.distinctStates; id++) {
          const s = new Uint32Array(W + model.auxWords);
          s.set(explorer.state(id));
          model.fillAux(s);
          // At an offset inside a bigger buffer, between states of all ones (as in the explorer's level).
          const T = W + model.auxWords;
          const level = new Uint32Array(3 * T).fill(0xffffffff);
          level.set(s, T);
          const withAux = record(model, (sink) => model.successorsWithAux(level, T, sink));
          const plain = record(model, (sink) => model.successors(s.subarray(0, W), sink));
          if (withAux.events.join(';') !== plain.events.join(';')) expect(withAux.events, `${variant} ${acceptors} ${values} ${ballots} state ${id}`).toEqual(plain.events);
          for (const [k, ev] of withAux.events.filter((e) => !e.startsWith('skip')).entries()) {
            const child = new Uint32Array(W + model.auxWords);
            child.set(ev.split(' ')[1]!.split(',').map(Number));
            model.fillAux(child);
            const fromScratch = Array.from(child.subarray(W));
            if (fromScratch.join() !== Array.from(withAux.aux[k]!).join()) expect(Array.from(withAux.aux[k]!), `${variant} ${acceptors} ${values} ${ballots} state ${id} push ${k}`).toEqual(fromScratch);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(50_000);
    expect([...widths].sort()).toEqual([1, 2, 3]);
  }, 60_000);

  it('the other variants derive nothing (and are not walked as trees)', () => {
    for (const variant of ['phase2b-ignores-promise', 'phase1b-ignores-promise'] as const) {
      const model = new LamportModel({ acceptors: 3, values: 2, ballots: 2, variant });
      expect(model.auxWords).toBe(0);
      expect(new Explorer(model).noLookups).toBe(false);
    }
  });
});

describe('a tree exploration', () => {
  it('numbers every state as storing them all does, and rebuilds each one and its shortest path', () => {
    for (const variant of TREE_VARIANTS) {
      for (const c of [{ acceptors: 3, values: 2, ballots: 2 }, { acceptors: 2, values: 3, ballots: 3 }]) {
        const tree = explore(new LamportModel({ ...c, variant }), { stopAtFirstViolation: false });
        const stored = explore(new LamportModel({ ...c, variant }), { stopAtFirstViolation: false, trustPushesOnce: false });
        expect(tree.explorer.noLookups).toBe(true);
        expect(stored.explorer.noLookups).toBe(false);
        const { bytes: _a, ...x } = tree.result;
        const { bytes: _b, ...y } = stored.result;
        expect(x).toEqual(y);
        for (let id = 0; id < tree.result.distinctStates; id += 3) {
          const s = tree.explorer.state(id);
          expect(Array.from(s), `${variant} state ${id}`).toEqual(Array.from(stored.explorer.state(id)));
          const path = tree.explorer.trace(id);
          expect(Array.from(path.at(-1)!.state)).toEqual(Array.from(s));
          expect(path.map((p) => p.action)).toEqual(stored.explorer.trace(id).map((p) => p.action));
        }
        expect(() => tree.explorer.state(tree.result.distinctStates)).toThrow(RangeError);
      }
    }
  });

  it('keeps two levels, not every state: far less memory than storing them all', () => {
    const c = { acceptors: 3, values: 2, ballots: 3 };
    const tree = explore(new LamportModel(c)).result;
    const stored = explore(new LamportModel(c), { trustPushesOnce: false }).result;
    expect(tree.distinctStates).toBe(185_369);
    // Two bytes a state for the successor counts, plus the two widest levels.
    expect(tree.bytes).toBeLessThan(stored.bytes / 2);
    expect(tree.bytes).toBeGreaterThan(185_369 * 2);
  });

  it('never holds more bytes than the memory bound, wherever the bound falls', () => {
    const full = explore(new LamportModel({ acceptors: 3, values: 2, ballots: 3 })).result;
    let stopped = 0;
    for (let bound = 100_000; bound < full.bytes + 200_000; bound += 37_117) {
      const { result } = explore(new LamportModel({ acceptors: 3, values: 2, ballots: 3 }), { maxBytes: bound });
      expect(result.bytes, `bound ${bound}`).toBeLessThanOrEqual(bound);
      if (result.stoppedBy === 'maxBytes') stopped++;
      else expect(result).toMatchObject({ stoppedBy: 'exhausted', distinctStates: 185_369 });
    }
    expect(stopped).toBeGreaterThan(20);
  });

  it('a stop in the middle of a state’s successors still finds the last state’s path', () => {
    for (const maxStates of [1, 2, 5, 77, 778, 3920]) {
      const { explorer, result } = explore(new LamportModel({ acceptors: 3, values: 2, ballots: 2 }), { maxStates });
      expect(result).toMatchObject({ stoppedBy: 'maxStates', distinctStates: maxStates });
      const last = explorer.trace(maxStates - 1);
      const stored = explore(new LamportModel({ acceptors: 3, values: 2, ballots: 2 }), { maxStates, trustPushesOnce: false }).explorer;
      expect(Array.from(last.at(-1)!.state)).toEqual(Array.from(stored.state(maxStates - 1)));
    }
  });
});

describe('checking agreement after one step (Model.violatedAfter)', () => {
  it('answers as violated() for every successor of every state that violates nothing, in every variant', () => {
    let checked = 0;
    let violating = 0;
    for (const variant of LAMPORT_VARIANTS) {
      for (const c of [{ acceptors: 3, values: 2, ballots: 2 }, { acceptors: 2, values: 3, ballots: 3 }, { acceptors: 4, values: 2, ballots: 2 }]) {
        const model = new LamportModel({ ...c, variant });
        const { explorer, result } = explore(new LamportModel({ ...c, variant }), { stopAtFirstViolation: false, trustPushesOnce: false, maxStates: 20_000 });
        for (let id = 0; id < result.distinctStates; id++) {
          const s = explorer.state(id);
          if (model.violated(s) >= 0) continue;
          const sink = new CollectingSink(false);
          model.successors(s, sink);
          for (const { action, state } of sink.states) {
            const expected = model.violated(state);
            if (expected >= 0) violating++;
            checked++;
            if (model.violatedAfter(state, action) !== expected) expect(model.violatedAfter(state, action), `${variant}: ${model.describeAction(action)} from state ${id}`).toBe(expected);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100_000);
    expect(violating).toBeGreaterThan(100);
  }, 60_000);

  it('is used only when the run stops at the first violation', () => {
    const model = new LamportModel({ acceptors: 3, values: 2, ballots: 2, variant: 'phase2a-ignores-votes' });
    const calls = (options: { stopAtFirstViolation: boolean }) => {
      let n = 0;
      const violated = model.violated.bind(model);
      model.violated = (st: Uint32Array) => { n++; return violated(st); };
      const r = explore(model, options).result;
      model.violated = violated;
      return { n, r };
    };
    const first = calls({ stopAtFirstViolation: true });
    expect(first.r.stoppedBy).toBe('violation');
    expect(first.n).toBeLessThan(first.r.distinctStates / 2); // violated() only when a 2b completes a majority (877 of 3,315 states)
    const all = calls({ stopAtFirstViolation: false });
    expect(all.n).toBe(all.r.distinctStates);
    expect(all.r.violations).toBeGreaterThan(0);
  });
});

describe('TreeLevels', () => {
  it('finds parents from successor counts, states without successors included', () => {
    const t = new TreeLevels(1);
    // Two initial states (ids 0, 1); 0 has 3 successors (2–4), 1 none, 2 none, 3 has 2 (5, 6), 4 has 1 (7).
    for (const n of [3, 0, 0, 2, 1]) t.recordChildren(n);
    const parents = [2, 3, 4, 5, 6, 7].map((id) => t.parentOf(id, 2));
    expect(parents).toEqual([
      { parent: 0, index: 0 }, { parent: 0, index: 1 }, { parent: 0, index: 2 },
      { parent: 3, index: 0 }, { parent: 3, index: 1 }, { parent: 4, index: 0 },
    ]);
    expect(t.parentOf(1, 2)).toBeNull();
    expect(() => t.recordChildren(70_000)).toThrow('a state had 70000 successors');
  });

  it('swaps its two buffers at each level, and counts the bytes it holds', () => {
    const t = new TreeLevels(2);
    const start = t.bytes;
    expect(start).toBe(2 * 1024 * 2 * 4);
    for (let i = 0; i < 1500; i++) {
      expect(t.bytesAfterOneMore()).toBe(t.bytes + (i === 1024 ? 1024 * 2 * 4 : 0) + (i === 0 ? 65_536 * 2 : 0));
      if (i === 0) t.recordChildren(1500);
      t.add(new Uint32Array([i, i * 2]));
    }
    expect(t.bytes).toBe(start + 1024 * 2 * 4 + 65_536 * 2);
    t.advance();
    expect(t.levelStart).toBe(0);
    expect(t.levelCount).toBe(1500);
    const out = new Uint32Array(2);
    t.read(1234, out);
    expect(Array.from(out)).toEqual([1234, 2468]);
    t.add(new Uint32Array([7, 8]));
    expect(t.holds(1500)).toBe(true);
    expect(t.holds(1501)).toBe(false);
    t.copyHeld(1500, 2, out);
    expect(Array.from(out)).toEqual([7, 8]);
    t.advance();
    expect(t.levelStart).toBe(1500);
    expect(t.holds(1499)).toBe(false);
  });
});
