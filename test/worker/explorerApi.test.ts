import { proxy, wrap } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { apply, createWorld } from '../../src/core';
import type { ExploreStatus } from '../../src/explorer/session';
import { createExplorerApi, type ExplorerApi } from '../../src/worker/explorerApi';

const channels: MessageChannel[] = [];
afterEach(() => { for (const c of channels.splice(0)) { c.port1.close(); c.port2.close(); } });

/** The explorer API behind a real MessageChannel, as the panel sees it (minus the Worker). */
async function connect() {
  const channel = new MessageChannel();
  channels.push(channel);
  const { expose } = await import('comlink');
  // A fake clock that moves 30 ms per reading, so progress is reported every few slices.
  let now = 0;
  expose(createExplorerApi({ now: () => (now += 30), pause: () => new Promise((r) => setTimeout(r, 0)) }), channel.port1);
  return wrap<ExplorerApi>(channel.port2);
}

const opening = apply(createWorld(), { type: 'write', node: 'A', value: 'X' }).world;

describe('explorer worker API over a MessageChannel', () => {
  it('explores a posted world, reports progress and answers with the outcomes', async () => {
    const api = await connect();
    const progress: ExploreStatus[] = [];
    const answer = await api.run({
      model: 'sim', world: opening, options: { drops: true, duplicates: 1, timers: false, crashes: 1 }, bounds: { maxStates: 100_000, maxDepth: 40 },
    }, proxy((s) => { progress.push(s); }));
    expect(answer.model).toBe('sim');
    if (answer.model !== 'sim') return;
    expect(answer.stats.stoppedBy).toBe('exhausted');
    expect(answer.outcomes.map((o) => o.value)).toEqual(['X']);
    await new Promise((r) => setTimeout(r, 20));
    expect(progress.length).toBeGreaterThan(2);
    const counts = progress.map((p) => p.distinctStates);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(progress.at(-1)!.distinctStates).toBe(answer.stats.distinctStates);
  });

  it('cancel stops a running exploration between slices', async () => {
    const api = await connect();
    let seen = 0;
    const running = api.run({
      model: 'lamport', acceptors: 3, values: 2, ballots: 4, variant: 'correct', symmetry: false, bounds: { maxStates: 10_000_000, maxDepth: 1000 },
    }, proxy((s) => { seen = s.distinctStates; }));
    for (let i = 0; i < 200 && seen === 0; i++) await new Promise((r) => setTimeout(r, 5));
    await api.cancel();
    const answer = await running;
    expect(answer.stats.stoppedBy).toBe('cancelled');
    expect(answer.stats.distinctStates).toBeLessThan(8_220_065);
  });

  it('Lamport\'s model: a broken variant gives a counterexample as text', async () => {
    const api = await connect();
    const answer = await api.run({
      model: 'lamport', acceptors: 3, values: 2, ballots: 2, variant: 'phase2b-ignores-promise', symmetry: false, bounds: { maxStates: 1_000_000, maxDepth: 1000 },
    }, proxy(() => {}));
    expect(answer.model).toBe('lamport');
    if (answer.model !== 'lamport') return;
    expect(answer.stats.stoppedBy).toBe('violation');
    expect(answer.counterexample!.lines).toHaveLength(13);
    expect(answer.counterexample!.lines[0]).toMatch(/Initial/);
  });
});
