import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyMulti, createMultiWorld, DEFAULT_MULTI_CONFIG, type MultiCommand, type MultiWorld } from '../../src/core';
import { validateScenario } from '../../src/scenario';
import { MULTI_PRESETS } from '../../src/scenario/presets';
import { runMultiScenario } from '../../src/scenario/runMulti';
import { Engine, type Frame } from '../../src/worker/engine';
import { BASIC, MULTI, protocolOf } from '../../src/worker/protocol';
import { exportScenario, loadScenario } from '../../src/worker/scenarioIO';

// The engine in Multi-Paxos mode: the protocol adapter, stepping, time travel, milestones, marks,
// and scenario load/export round trips.

function engine(config = {}) {
  const frames: Frame[] = [];
  const e = new Engine({ protocol: 'multi', nodes: 5, seed: 3, ...config }, (f) => frames.push(f));
  return { e, frames, last: () => frames.at(-1)! };
}

function replay(commands: readonly MultiCommand[], n: number, config = { nodes: 5, seed: 3 }): MultiWorld {
  let w = createMultiWorld(config);
  for (const cmd of commands.slice(0, n)) w = applyMulti(w, cmd).world;
  return w;
}

/** Elect A and choose two commands. */
function busy(e: Engine) {
  expect(e.dispatch({ type: 'fire', node: 'A', kind: 'election' })).toEqual({ ok: true });
  while (e.currentMulti!.nodes[0]!.role !== 'leader') e.step();
  expect(e.dispatch({ type: 'request', node: 'B', command: 'b1' })).toEqual({ ok: true });
  expect(e.dispatch({ type: 'request', node: 'A', command: 'a1' })).toEqual({ ok: true });
  for (let i = 0; i < 60; i++) e.step();
}

describe('protocol adapter', () => {
  it('creates and applies either protocol', () => {
    expect(protocolOf(undefined)).toBe(BASIC);
    expect(protocolOf('multi')).toBe(MULTI);
    const m = MULTI.create({ protocol: 'multi', nodes: 5, heartbeatTicks: 77 }) as MultiWorld;
    expect(m.config).toMatchObject({ nodes: 5, heartbeatTicks: 77, pipelineWindow: DEFAULT_MULTI_CONFIG.pipelineWindow });
    expect(m.config).not.toHaveProperty('protocol');
    // A basic world never carries the Multi-Paxos settings (they would end up in its exports).
    const b = BASIC.create({ protocol: 'basic', nodes: 3, heartbeatTicks: 77, pipelineWindow: 2 });
    expect(b.config).not.toHaveProperty('heartbeatTicks');
    expect(b.config).not.toHaveProperty('protocol');
    const r = MULTI.apply(m, { type: 'request', node: 'B', command: 'x' });
    expect(r.events.map((e) => MULTI.describe(e))).toContain('client asks B to run "#1 x"');
  });

  it('marks requests, leaders and chosen slots; milestones are elections, leaders, step-downs, chosen slots', () => {
    const m = MULTI.create({ protocol: 'multi', nodes: 3 }) as MultiWorld;
    expect(MULTI.marks({ type: 'request', node: 'B', command: 'x' }, [])).toEqual([{ kind: 'request', label: '“x” sent to B' }]);
    expect(MULTI.isMilestone({ type: 'leader', time: 0, node: 'A', ballot: { round: 1, node: 'A' }, fromSlot: 1, reproposed: [], noops: [3] })).toBe(true);
    expect(MULTI.isMilestone({ type: 'timer-set', time: 0, timer: m.timers[0]! })).toBe(false);
  });
});

describe('Engine in Multi-Paxos mode', () => {
  it('sends Multi-Paxos frames: the world, a stand-in basic world, the log of multi events', () => {
    const { e, last } = engine();
    e.publish();
    expect(last().protocol).toBe('multi');
    expect(last().multi?.nodes).toHaveLength(5);
    expect(last().world.nodes.map((n) => n.up)).toEqual([true, true, true, true, true]);
    expect(() => e.current).toThrow(/Multi-Paxos/);
    e.dispatch({ type: 'crash', node: 'C' });
    expect(last().world.nodes.map((n) => n.up)).toEqual([true, true, false, true, true]);
    expect(last().newEvents).toEqual([]);
    expect(last().newMultiEvents.map((l) => l.text)).toContain('C crashes (loses what is not on disk)');
    // Back to basic: a basic frame again.
    e.reset({ nodes: 3 });
    expect(last().protocol).toBe('basic');
    expect(last().multi).toBeNull();
    expect(e.current.nodes).toHaveLength(3);
  });

  it('steps, and seeking back and forth gives the same world as a replay', () => {
    const { e } = engine();
    busy(e);
    const cmds = e.history.map((c) => c.cmd as MultiCommand);
    expect(cmds.length).toBeGreaterThan(60);
    const chosen = e.currentMulti!.nodes.map((n) => n.items);
    expect(chosen.every((items) => items.length === 2)).toBe(true);
    for (const p of [0, 1, 7, 30, cmds.length - 1, cmds.length, 12]) {
      e.seek(p);
      expect(e.currentMulti).toEqual(replay(cmds, p));
    }
    // Step from the past replays the recorded future.
    e.seek(10);
    e.step();
    expect(e.viewPosition).toBe(11);
    expect(e.currentMulti).toEqual(replay(cmds, 11));
  });

  it('Next phase stops at a milestone and the timeline marks requests, the leader and chosen slots', () => {
    const { e, last } = engine();
    e.dispatch({ type: 'fire', node: 'A', kind: 'election' });
    expect(e.stepPhase()).toBe(true);
    // One Next phase = the commands up to and including the first that produced a milestone.
    const types = last().newMultiEvents.map((l) => l.event.type);
    expect(types.some((t) => ['election', 'leader', 'step-down', 'chosen', 'violation'].includes(t))).toBe(true);
    while (e.currentMulti!.nodes[0]!.role !== 'leader') e.stepPhase();
    e.dispatch({ type: 'request', node: 'C', command: 'c1' });
    for (let i = 0; i < 10 && !last().marks.some((m) => m.kind === 'chosen'); i++) e.stepPhase();
    const kinds = last().marks.map((m) => m.kind);
    expect(kinds).toContain('fire');
    expect(kinds).toContain('leader');
    expect(kinds).toContain('request');
    expect(kinds).toContain('chosen');
    expect(last().marks.find((m) => m.kind === 'chosen')!.label).toBe('slot 1 = “c1” chosen');
  });

  it('exports a Multi-Paxos run and loads it back with the same trace', () => {
    const { e } = engine();
    busy(e);
    e.seek(40);
    const out = exportScenario(e);
    if (!out.ok) throw new Error(out.error);
    expect(out.scenario.protocol).toBe('multi');
    expect(out.position).toBe(40);
    const valid = validateScenario(JSON.parse(JSON.stringify(out.scenario)));
    if (!valid.ok) throw new Error(valid.error);
    const { e: other } = engine({ protocol: undefined, nodes: 3 });
    const r = loadScenario(other, valid.scenario, out.position);
    expect(r).toMatchObject({ ok: true, config: { protocol: 'multi', nodes: 5, seed: 3 } });
    expect(other.protocolName).toBe('multi');
    expect(other.traceHash()).toBe(out.traceHash);
    expect(other.currentMulti).toEqual(e.currentMulti);
    other.seek(Infinity);
    e.seek(Infinity);
    expect(other.traceHash()).toBe(e.traceHash());
  });

  it('opens every preset: the same run as the scenario runner', () => {
    for (const p of MULTI_PRESETS) {
      const v = validateScenario(p.scenario);
      if (!v.ok) throw new Error(`${p.id}: ${v.error}`);
      const { e } = engine();
      expect(loadScenario(e, v.scenario, null).ok).toBe(true);
      const run = runMultiScenario(v.scenario);
      expect(e.history.map((c) => c.cmd)).toEqual(run.commands);
      expect(e.currentMulti).toEqual(run.world);
    }
  });

  it('the bundled presets are the golden scenarios of test/scenarios/multi', () => {
    for (const p of MULTI_PRESETS) {
      const golden = JSON.parse(readFileSync(new URL(`../scenarios/multi/${p.id}.json`, import.meta.url), 'utf8'));
      expect(p.scenario).toEqual(golden);
    }
  });
});
