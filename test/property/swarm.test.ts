import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWorld, hashLines, traceLine, type Command } from '../../src/core';
import {
  DEFAULT_KNOBS, NO_FAULTS, pickCommand, randomKnobs, runSwarm, settle, swarmState, SWARM_KNOBS, DEFAULT_SWARM_OPTIONS,
} from '../../src/core/swarm';
import { parseScenario, runScenario } from '../../src/scenario';

describe('fault swarm scheduler', () => {
  it('is deterministic: one seed, one run', () => {
    const trace = (seed: number) => {
      const lines: string[] = [];
      const run = runSwarm({ seed, nodes: 5, steps: 500 }, (events) => { for (const e of events) lines.push(traceLine(e)); });
      return { commands: run.commands, hash: hashLines(lines) };
    };
    expect(trace(42)).toEqual(trace(42));
    expect(trace(42).hash).not.toBe(trace(43).hash);
  });

  it('uses every kind of command, each valid for its world', () => {
    const seen = new Set<Command['type']>();
    for (let seed = 0; seed < 60; seed++) {
      // runSwarm throws if any command is invalid for the world it was picked for.
      for (const c of runSwarm({ seed, nodes: 3 + (seed % 5), steps: 400, knobs: DEFAULT_KNOBS }).commands) seen.add(c.type);
    }
    expect([...seen].sort()).toEqual(
      ['advance', 'crash', 'delay', 'deliver', 'drop', 'duplicate', 'fire', 'heal', 'next', 'partition', 'read', 'restart', 'write'],
    );
  });

  it('draws per-seed knobs, switching some fault kinds off', () => {
    const knobs = Array.from({ length: 200 }, (_, seed) => randomKnobs(seed));
    for (const k of SWARM_KNOBS) {
      expect(knobs.some((x) => x[k] === 0)).toBe(true);
      expect(knobs.some((x) => x[k] > DEFAULT_KNOBS[k])).toBe(true);
      expect(knobs.every((x) => x[k] >= 0 && x[k] <= 2 * DEFAULT_KNOBS[k])).toBe(true);
    }
    expect(randomKnobs(5)).toEqual(randomKnobs(5));
  });

  it('without faults only lets the network run, and writes when nothing is pending', () => {
    const run = runSwarm({ seed: 3, nodes: 3, steps: 200, knobs: NO_FAULTS });
    expect(run.commands[0]).toEqual({ type: 'write', node: expect.any(String), value: 'v1' });
    expect(new Set(run.commands.map((c) => c.type))).toEqual(new Set(['next', 'write']));
    expect(run.world.monitor.chosen).toHaveLength(1);
  });

  it('restarts a crashed node when nothing else can happen', () => {
    let world = createWorld({ nodes: 3 });
    for (const node of ['A', 'B', 'C']) world = { ...world, nodes: world.nodes.map((n) => (n.id === node ? { ...n, up: false } : n)) };
    const { command } = pickCommand(world, swarmState(1), { ...DEFAULT_SWARM_OPTIONS, knobs: NO_FAULTS });
    expect(command.type).toBe('restart');
  });

  it('settle heals, restarts everyone and finishes the decision', () => {
    const run = runSwarm({ seed: 11, nodes: 5, steps: 300, knobs: { ...DEFAULT_KNOBS, crash: 0.05, partition: 0.05, heal: 0 } });
    const s = settle(run.world, run.state, 20_000);
    expect(s.quiet).toBe(true);
    expect(s.world.partition.every((g) => g === 0)).toBe(true);
    expect(s.world.nodes.every((n) => n.up)).toBe(true);
    expect(s.world.monitor.violations).toEqual([]);
  });
});

describe('reproductions the swarm found (test/property/found/)', () => {
  const dir = new URL('./found/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

  it.each(files)('%s replays to its end, safe, with every node learning the one chosen value', (file) => {
    const parsed = parseScenario(readFileSync(new URL(file, dir), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    const run = runScenario(parsed.scenario);
    expect(run.error).toBeNull();
    expect(run.world.monitor.violations).toEqual([]);
    const chosen = run.world.monitor.chosen[0]?.value;
    expect(chosen).toBeDefined();
    expect(run.world.nodes.map((n) => n.learned?.value)).toEqual(run.world.nodes.map(() => chosen));
  });
});
