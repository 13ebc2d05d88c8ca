import { describe, expect, it } from 'vitest';
import { createWorld, hashLines, traceLine, type Command, type SimConfig, type SimEvent } from '../../src/core';
import { DEFAULT_KNOBS, runSwarm, scaleKnobs, settle, type SwarmSpec } from '../../src/core/swarm';
import {
  formatScenario, parseScenario, runScenario, scenarioFromCommands, UnrepresentableError,
} from '../../src/scenario';

// A swarm run, turned into a scenario file, replays to the identical trace.

function swarmWithSettle(spec: SwarmSpec) {
  const lines: string[] = [];
  const commands: Command[] = [];
  const sink = (events: readonly SimEvent[], cmd: Command) => {
    commands.push(cmd);
    for (const e of events) lines.push(traceLine(e));
  };
  const run = runSwarm(spec, sink);
  settle(run.world, run.state, 20_000, sink);
  return { config: run.initial.config, commands, lines };
}

function replay(config: SimConfig, commands: readonly Command[], compress: boolean) {
  const scenario = scenarioFromCommands(config, commands, { title: 'swarm', compress });
  const parsed = parseScenario(formatScenario(scenario));
  if (!parsed.ok) throw new Error(parsed.error);
  expect(parsed.scenario).toEqual(scenario);
  return { scenario, run: runScenario(parsed.scenario) };
}

describe('scenarioFromCommands', () => {
  const specs: SwarmSpec[] = Array.from({ length: 40 }, (_, i) => ({
    seed: 1000 + i, nodes: 3 + (i % 5), steps: 300,
    // Half the runs with the seed's own random knobs, half with every fault at twice its default rate.
    ...(i % 2 === 0 ? {} : { knobs: scaleKnobs(DEFAULT_KNOBS, 2) }),
    ...(i % 3 === 0 ? { config: { latencyTicksMin: 1, latencyTicksMax: 3 } } : {}),
  }));

  it.each(specs)('replays swarm seed $seed ($nodes nodes) to the identical trace', (spec) => {
    const original = swarmWithSettle(spec);
    for (const compress of [true, false]) {
      const { scenario, run } = replay(original.config, original.commands, compress);
      expect(run.error).toBeNull();
      expect(run.commands).toEqual(original.commands);
      expect(hashLines(run.lines)).toBe(hashLines(original.lines));
      expect(run.lines).toEqual(original.lines);
      if (!compress) expect(scenario.steps).toHaveLength(original.commands.length);
    }
  });

  it('folds stretches of next into run steps', () => {
    const original = swarmWithSettle({ seed: 7, nodes: 5, steps: 300 });
    const { scenario } = replay(original.config, original.commands, true);
    expect(scenario.steps.length).toBeLessThan(original.commands.length / 2);
    expect(scenario.steps.at(-1)).toEqual({ run: { until: 'quiet' } });
  });

  it.each([1, 2, 3, 4, 5])('replays a manual-mode swarm run (seed %i)', (seed) => {
    const lines: string[] = [];
    const run = runSwarm({ seed, nodes: 4, steps: 400, config: { mode: 'manual' } }, (events) => {
      for (const e of events) lines.push(traceLine(e));
    });
    const { run: replayed } = replay(run.initial.config, run.commands, true);
    expect(replayed.error).toBeNull();
    expect(replayed.commands).toEqual(run.commands);
    expect(hashLines(replayed.lines)).toBe(hashLines(lines));
  });

  it('writes the whole config into the scenario', () => {
    const config = createWorld({ nodes: 4, seed: 99, latencyTicksMin: 3, latencyTicksMax: 7, retryTicksMin: 20, retryTicksMax: 40, backoffTicksMax: 9, readTimeoutTicks: 33 }).config;
    const { run } = replay(config, [{ type: 'write', node: 'B', value: 'x' }, { type: 'next' }], true);
    expect(run.world.config).toEqual(config);
  });

  it('maps every command kind to its step', () => {
    const config = createWorld({ nodes: 3, seed: 5 }).config;
    const commands: Command[] = [
      { type: 'advance', time: 5 },
      { type: 'write', node: 'A', value: 'X' }, { type: 'read', node: 'B' },
      { type: 'delay', id: 1, ticks: 4 }, { type: 'duplicate', id: 2 }, { type: 'drop', id: 2 }, { type: 'deliver', id: 1 },
      { type: 'fire', node: 'B' }, { type: 'fire', node: 'A', kind: 'retry' },
      { type: 'partition', groups: [['A'], ['B', 'C']] }, { type: 'heal' }, { type: 'crash', node: 'C' }, { type: 'restart', node: 'C' },
      { type: 'next' },
    ];
    const scenario = scenarioFromCommands(config, commands);
    expect(scenario.steps).toEqual([
      { run: { to: 5 } },
      { write: { node: 'A', value: 'X' } }, { read: { node: 'B' } },
      { delay: { id: 1, ticks: 4 } }, { duplicate: { id: 2 } }, { drop: { id: 2 } }, { deliver: { id: 1 } },
      { timeout: 'B' }, { timeout: { node: 'A', kind: 'retry' } },
      { partition: [['A'], ['B', 'C']] }, { heal: {} }, { crash: 'C' }, { restart: 'C' },
      { next: {} },
    ]);
    expect(runScenario(scenario).commands).toEqual(commands);
  });

  it('refuses what a scenario cannot reproduce', () => {
    const config = createWorld({ nodes: 3, seed: 1 }).config;
    // In auto mode `run to 1000` would first deliver the prepares due before then.
    expect(() => scenarioFromCommands(config, [{ type: 'write', node: 'A', value: 'X' }, { type: 'advance', time: 1000 }]))
      .toThrow(UnrepresentableError);
    expect(() => scenarioFromCommands(config, [{ type: 'deliver', id: 42 }])).toThrow(/command 0 .* not in flight/);
  });
});
