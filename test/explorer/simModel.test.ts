import { describe, expect, it } from 'vitest';
import { apply, createWorld, type Command, type SimConfig, type World } from '../../src/core';
import { explore } from '../../src/explorer/bfs';
import { exploreNow, type SimAnswer } from '../../src/explorer/session';
import { SimModel, type SimExploreOptions } from '../../src/explorer/simModel';

function worldWith(commands: Command[], config: Partial<SimConfig> = {}): World {
  return commands.reduce((w, c) => apply(w, c).world, createWorld(config));
}

const NONE: SimExploreOptions = { drops: false, duplicates: 0, timers: false, crashes: 0 };

function run(world: World, options: Partial<SimExploreOptions> = {}, bounds = { maxStates: 200_000, maxDepth: 60 }): SimAnswer {
  const answer = exploreNow({ model: 'sim', world, options: { ...NONE, ...options }, bounds });
  if (answer.model !== 'sim') throw new Error('expected a sim answer');
  return answer;
}

const replay = (world: World, schedule: readonly Command[]) => schedule.reduce((w, c) => apply(w, c).world, world);

describe('Model 1: what can happen from here', () => {
  const oneWrite = worldWith([{ type: 'write', node: 'A', value: 'X' }]);

  it('one write in flight: exactly {X} can be chosen, in 3 steps, and nothing unsafe can happen', () => {
    const a = run(oneWrite);
    expect(a.stats.stoppedBy).toBe('exhausted');
    expect(a.violation).toBeNull();
    expect(a.outcomes.map((o) => o.value)).toEqual(['X']);
    const x = a.outcomes[0]!;
    // deliver prepare to B, B's promise to A, A's accept to B: A and B have accepted 1.A.
    expect(x.commands.map((c) => c.type)).toEqual(['deliver', 'deliver', 'deliver']);
    expect(x.lines[0]).toMatch(/^deliver prepare 1\.A A → [BC]$/);
    expect(replay(oneWrite, x.commands).monitor.chosen.map((c) => c.value)).toEqual(['X']);
    expect(a.notChosen).toEqual([]);
  });

  it('the state key ignores the clock, message ids and the PRNG, but not what is on the wire', () => {
    const model = new SimModel(oneWrite);
    const shifted = { ...oneWrite, time: 99, rng: 12345, nextMessageId: 500, inflight: oneWrite.inflight.map((m, i) => ({ ...m, id: 500 + i, deliverAt: 1000 - i })) };
    expect(model.keyOf(shifted)).toBe(model.keyOf(oneWrite));
    // Reversed send order is the same multiset of messages.
    expect(model.keyOf({ ...oneWrite, inflight: [...oneWrite.inflight].reverse() })).toBe(model.keyOf(oneWrite));
    expect(model.keyOf({ ...oneWrite, inflight: oneWrite.inflight.slice(1) })).not.toBe(model.keyOf(oneWrite));
    expect(model.keyOf(oneWrite, 1, 0)).not.toBe(model.keyOf(oneWrite, 0, 0));
  });

  it('drops, duplicates and a crash add states but never a violation or another value', () => {
    const plain = run(oneWrite);
    const faulty = run(oneWrite, { drops: true, duplicates: 1, crashes: 1 });
    expect(faulty.stats.stoppedBy).toBe('exhausted');
    expect(faulty.stats.distinctStates).toBeGreaterThan(plain.stats.distinctStates * 10);
    expect(faulty.violation).toBeNull();
    expect(faulty.outcomes.map((o) => o.value)).toEqual(['X']);
    expect(faulty.outcomes[0]!.commands).toHaveLength(3);
  });

  it('with drops only, X can also never be chosen: drop every prepare', () => {
    const model = new SimModel(oneWrite, { drops: true });
    const { result } = explore(model, { stopAtFirstViolation: false });
    expect(result.stoppedBy).toBe('exhausted');
    // Some reachable state is quiet (nothing in flight) with nothing chosen.
    expect(result.distinctStates).toBeGreaterThan(100);
  });

  it('a crash budget: with A crashed before its accepts go out, X is still choosable after a restart', () => {
    const a = run(oneWrite, { crashes: 1 });
    expect(a.violation).toBeNull();
    expect(a.outcomes.map((o) => o.value)).toEqual(['X']);
  });

  it('two writes at different proposers: both values are choosable, never both', () => {
    const two = worldWith([{ type: 'write', node: 'A', value: 'X' }, { type: 'write', node: 'B', value: 'Y' }]);
    const a = run(two);
    expect(a.stats.stoppedBy).toBe('exhausted');
    expect(a.violation).toBeNull();
    expect(a.outcomes.map((o) => o.value).sort()).toEqual(['X', 'Y']);
    for (const o of a.outcomes) {
      const end = replay(two, o.commands);
      expect(end.monitor.chosen.map((c) => c.value)).toEqual([o.value]);
      expect(end.monitor.violations).toEqual([]);
    }
  });

  it('a broken variant: two writes without the tie-break can choose two values, with a shortest schedule that replays', () => {
    const two = worldWith([{ type: 'write', node: 'A', value: 'X' }, { type: 'write', node: 'B', value: 'Y' }], { variants: ['no-tiebreak'] });
    const a = run(two, {}, { maxStates: 200_000, maxDepth: 7 });
    expect(a.violation).not.toBeNull();
    // The first rule to break is the promise (an acceptor promises 1.A after 1.B); agreement follows.
    expect(a.violations.map((x) => x.invariant)).toContain('agreement');
    const v = a.violations.find((x) => x.invariant === 'agreement')!;
    expect(v.lines.length).toBe(v.commands.length);
    const end = replay(two, v.commands);
    expect(end.monitor.violations.map((x) => x.invariant)).toContain('agreement');
    // Shortest: no prefix of the schedule already violates.
    expect(replay(two, v.commands.slice(0, -1)).monitor.violations.map((x) => x.invariant)).not.toContain('agreement');
  });

  it('bounds: the depth bound is reported, and the values found so far are a lower bound', () => {
    const a = run(oneWrite, { timers: true }, { maxStates: 1_000_000, maxDepth: 4 });
    expect(a.stats.stoppedBy).toBe('maxDepth');
    expect(a.outcomes.map((o) => o.value)).toEqual(['X']);
    const b = run(oneWrite, { timers: true, drops: true }, { maxStates: 500, maxDepth: 100 });
    expect(b.stats.stoppedBy).toBe('maxStates');
    expect(b.stats.distinctStates).toBe(500);
  });

  it('a value already chosen is reported with an empty schedule', () => {
    const a0 = run(oneWrite);
    const chosen = replay(oneWrite, a0.outcomes[0]!.commands);
    const a = run(chosen);
    expect(a.outcomes).toEqual([expect.objectContaining({ value: 'X', alreadyChosen: true, commands: [] })]);
  });
});
