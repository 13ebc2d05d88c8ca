import { describe, expect, it } from 'vitest';
import { apply, createWorld, hashLines, runUntilQuiet, SimError, type World } from '../../src/core';
import { manualWorld, play, wire } from './helpers';

const deliver = (w: World, type: string, from?: string, to?: string) => apply(w, { type: 'deliver', id: wire(w, type, from, to) }).world;

describe('simulation', () => {
  it('is deterministic: the same seed and commands give the same trace, byte for byte', () => {
    const run = (seed: number) => {
      const { world, lines } = play(createWorld({ seed, nodes: 5 }), [{ type: 'write', node: 'A', value: 'X' }, { type: 'write', node: 'D', value: 'Y' }]);
      const out: string[] = [...lines];
      runUntilQuiet(world, 10_000, (evs) => { for (const e of evs) out.push(JSON.stringify(e)); });
      return hashLines(out);
    };
    expect(run(42)).toBe(run(42));
    expect(run(42)).not.toBe(run(43));
  });

  it('never mutates the world it is given', () => {
    const w = createWorld();
    const frozen = JSON.stringify(w);
    apply(w, { type: 'write', node: 'A', value: 'X' });
    expect(JSON.stringify(w)).toBe(frozen);
  });

  it('gives every message a sentAt and a later deliverAt within the latency range', () => {
    const { world } = play(createWorld({ latencyTicksMin: 5, latencyTicksMax: 9 }), [{ type: 'write', node: 'A', value: 'X' }]);
    expect(world.inflight).toHaveLength(2);
    for (const m of world.inflight) {
      expect(m.sentAt).toBe(0);
      expect(m.deliverAt).toBeGreaterThanOrEqual(5);
      expect(m.deliverAt).toBeLessThanOrEqual(9);
    }
  });

  it('in manual mode nothing moves until the user delivers; each manual step takes one tick', () => {
    let w = play(manualWorld(), [{ type: 'write', node: 'A', value: 'X' }]).world;
    const r = runUntilQuiet(w, 100);
    expect(r.world.inflight).toHaveLength(2);
    w = deliver(w, 'prepare', 'A', 'B');
    expect(w.time).toBe(1);
    expect(w.nodes[1]!.durable.promised).toEqual({ round: 1, node: 'A' });
  });

  it('rejects impossible commands with a SimError and leaves the world as it was', () => {
    const w = createWorld();
    expect(() => apply(w, { type: 'deliver', id: 99 })).toThrow(SimError);
    expect(() => apply(w, { type: 'restart', node: 'A' })).toThrow(/not crashed/);
    expect(() => apply(w, { type: 'fire', node: 'A' })).toThrow(/no pending/);
    expect(() => apply(w, { type: 'write', node: 'Z', value: 'X' })).toThrow(/no node Z/);
    const crashed = apply(w, { type: 'crash', node: 'B' }).world;
    expect(() => apply(crashed, { type: 'write', node: 'B', value: 'X' })).toThrow(/crashed/);
  });
});

describe('crash and restart', () => {
  it('keeps promise, accepted proposal and highest round across a crash; loses the rest', () => {
    let w = play(manualWorld(), [{ type: 'write', node: 'A', value: 'X' }]).world;
    w = deliver(w, 'prepare', 'A', 'B');
    w = deliver(w, 'promise', 'B', 'A'); // A: majority (A, B) → accept
    w = deliver(w, 'accept', 'A', 'B');
    w = play(w, [{ type: 'crash', node: 'B' }, { type: 'crash', node: 'A' }]).world;
    expect(w.nodes[0]!.proposer.phase).toBe('idle');
    expect(w.timers.filter((t) => t.node === 'A')).toEqual([]);
    const { world, lines } = play(w, [{ type: 'restart', node: 'B' }, { type: 'restart', node: 'A' }]);
    expect(world.nodes[1]!.durable).toEqual({ promised: { round: 1, node: 'A' }, accepted: { ballot: { round: 1, node: 'A' }, value: 'X' }, maxRoundUsed: 0 });
    expect(world.nodes[0]!.durable.maxRoundUsed).toBe(1);
    expect(lines.join('\n')).toContain('B restarts (from disk: promised 1.A, accepted 1.A = "X"');
  });

  it('a restarted proposer never reuses a ballot', () => {
    let w = play(manualWorld(), [{ type: 'write', node: 'A', value: 'X' }, { type: 'crash', node: 'A' }, { type: 'restart', node: 'A' }]).world;
    w = play(w, [{ type: 'write', node: 'A', value: 'Y' }]).world;
    expect(w.nodes[0]!.proposer.ballot).toEqual({ round: 2, node: 'A' });
  });

  it('a restarted proposer starts above the promise on its disk, not just above its own last round', () => {
    let w = play(manualWorld(), [{ type: 'write', node: 'C', value: 'X' }]).world;
    w = deliver(w, 'prepare', 'C', 'A'); // A promised 1.C
    w = play(w, [{ type: 'crash', node: 'A' }, { type: 'restart', node: 'A' }, { type: 'write', node: 'A', value: 'Y' }]).world;
    expect(w.nodes[0]!.proposer.ballot).toEqual({ round: 2, node: 'A' });
  });

  it('loses messages that arrive while the receiver is down', () => {
    let w = play(manualWorld(), [{ type: 'write', node: 'A', value: 'X' }, { type: 'crash', node: 'B' }]).world;
    const { world, lines } = play(w, [{ type: 'deliver', id: wire(w, 'prepare', 'A', 'B') }]);
    w = world;
    expect(w.nodes[1]!.durable.promised).toBeNull();
    expect(lines[0]).toContain('lost: A → B  prepare 1.A (B is down)');
  });
});

describe('network faults', () => {
  it('drops messages that cross a partition when they arrive', () => {
    let w = play(manualWorld(), [{ type: 'write', node: 'A', value: 'X' }, { type: 'partition', groups: [['A'], ['B', 'C']] }]).world;
    const { lines } = play(w, [{ type: 'deliver', id: wire(w, 'prepare', 'A', 'B') }]);
    expect(lines[0]).toContain('(partition)');
    w = play(w, [{ type: 'heal' }, { type: 'deliver', id: wire(w, 'prepare', 'A', 'B') }]).world;
    expect(w.nodes[1]!.durable.promised).not.toBeNull();
  });

  it('loses a message sent across a partition even if the network heals before it arrives', () => {
    let w = play(manualWorld(), [{ type: 'partition', groups: [['A'], ['B', 'C']] }, { type: 'write', node: 'A', value: 'X' }, { type: 'heal' }]).world;
    const { lines } = play(w, [{ type: 'deliver', id: wire(w, 'prepare', 'A', 'B') }]);
    expect(lines[0]).toContain('lost: A → B  prepare 1.A (partition)');
    w = play(w, [{ type: 'duplicate', id: wire(w, 'prepare', 'A', 'C') }]).world;
    const copy = w.inflight.at(-1)!;
    expect(play(w, [{ type: 'deliver', id: copy.id }]).lines[0]).toBe('    1  C receives prepare 1.A from A');
  });

  it('treats nodes not named in a partition as one more group', () => {
    const { lines } = play(createWorld({ nodes: 5 }), [{ type: 'partition', groups: [['A', 'B']] }]);
    expect(lines[0]).toContain('{A B} | {C D E}');
  });

  it('duplicates and delays messages, and a user drop removes one', () => {
    let w = play(manualWorld(), [{ type: 'write', node: 'A', value: 'X' }]).world;
    const id = wire(w, 'prepare', 'A', 'B');
    w = apply(w, { type: 'duplicate', id }).world;
    expect(w.inflight.filter((m) => m.type === 'prepare' && m.to === 'B')).toHaveLength(2);
    const before = w.inflight.find((m) => m.id === id)!.deliverAt;
    w = apply(w, { type: 'delay', id, ticks: 40 }).world;
    expect(w.inflight.find((m) => m.id === id)!.deliverAt).toBe(before + 40);
    w = apply(w, { type: 'drop', id }).world;
    expect(w.inflight.find((m) => m.id === id)).toBeUndefined();
  });
});

describe('learning and reads', () => {
  it('every live node learns the chosen value in an undisturbed run', () => {
    const { world } = play(createWorld({ nodes: 5, seed: 3 }), [{ type: 'write', node: 'C', value: 'X' }]);
    const end = runUntilQuiet(world, 10_000).world;
    expect(end.nodes.map((n) => n.learned?.value)).toEqual(['X', 'X', 'X', 'X', 'X']);
    expect(end.monitor.chosen.map((c) => c.value)).toEqual(['X']);
  });

  it('a node that missed the decision catches up when any client writes to a node that knows it', () => {
    let w = play(createWorld({ seed: 3 }), [{ type: 'write', node: 'A', value: 'X' }, { type: 'crash', node: 'C' }]).world;
    w = runUntilQuiet(w, 10_000).world;
    w = play(w, [{ type: 'restart', node: 'C' }, { type: 'write', node: 'A', value: 'Y' }]).world;
    w = runUntilQuiet(w, 10_000).world;
    expect(w.nodes[2]!.learned?.value).toBe('X');
    expect(w.monitor.chosen.map((c) => c.value)).toEqual(['X']);
  });

  it('a read succeeds when a majority report the same accepted proposal', () => {
    let w = runUntilQuiet(play(createWorld({ seed: 5 }), [{ type: 'write', node: 'A', value: 'X' }]).world, 10_000).world;
    w = runUntilQuiet(apply(w, { type: 'read', node: 'B' }).world, 10_000).world;
    expect(w.reads).toEqual([expect.objectContaining({ node: 'B', result: 'ok', value: 'X' })]);
  });

  it('a read fails with no-majority when all answer but no majority accepted the same ballot', () => {
    let w = play(manualWorld(), [{ type: 'write', node: 'A', value: 'X' }]).world;
    w = deliver(w, 'prepare', 'A', 'B');
    w = deliver(w, 'promise', 'B', 'A'); // A accepts 1.A itself; B and C have accepted nothing
    w = apply(w, { type: 'read', node: 'C' }).world;
    for (const to of ['A', 'B']) w = deliver(w, 'read', 'C', to);
    for (const from of ['A', 'B']) w = deliver(w, 'read-reply', from, 'C');
    expect(w.reads).toEqual([expect.objectContaining({ node: 'C', result: 'fail', reason: 'no-majority' })]);
  });

  it('a read fails with not-enough-responses when its timeout fires before a majority answered', () => {
    let w = play(createWorld(), [{ type: 'crash', node: 'A' }, { type: 'crash', node: 'B' }, { type: 'read', node: 'C' }]).world;
    w = runUntilQuiet(w, 100).world;
    expect(w.reads).toEqual([expect.objectContaining({ node: 'C', result: 'fail', reason: 'not-enough-responses' })]);
  });

  it('a read fails with node-crashed when its node crashes', () => {
    const w = play(createWorld(), [{ type: 'read', node: 'C' }, { type: 'crash', node: 'C' }]).world;
    expect(w.reads).toEqual([expect.objectContaining({ node: 'C', result: 'fail', reason: 'node-crashed' })]);
  });
});
