import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apply, createWorld, createMultiWorld, applyMulti, type Command, type MultiCommand } from '../../src/core';
import { scenarioConfig, scenarioMultiConfig } from '../../src/scenario/config';
import { DEFAULT_CONFIG, DEFAULT_MULTI_CONFIG } from '../../src/core';
import { runScenario } from '../../src/scenario/run';
import { runMultiScenario } from '../../src/scenario/runMulti';
import { validateScenario } from '../../src/scenario';

// stepEnds maps "after the first k scenario steps" to a command position: lessons and the side-by-side
// comparison seek by it, so it must point exactly at the end of each step's commands.

const load = (path: string) => {
  const parsed = validateScenario(JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.scenario;
};

describe('stepEnds', () => {
  it('has one entry per step, non-decreasing, ending at the last command (basic)', () => {
    const s = load('../scenarios/adopt-chosen-value.json');
    const run = runScenario(s);
    expect(run.error).toBeNull();
    expect(run.stepEnds).toHaveLength(s.steps.length);
    for (let i = 1; i < run.stepEnds.length; i++) expect(run.stepEnds[i]).toBeGreaterThanOrEqual(run.stepEnds[i - 1]!);
    expect(run.stepEnds.at(-1)).toBe(run.commands.length);
  });

  it('replaying the commands up to stepEnds[k] gives the world of the scenario cut after step k (basic)', () => {
    const s = load('../scenarios/adopt-chosen-value.json');
    const run = runScenario(s);
    for (const k of [0, 3, 9, s.steps.length - 1]) {
      const prefix = runScenario({ ...s, steps: s.steps.slice(0, k + 1) });
      let w = createWorld(scenarioConfig(s, DEFAULT_CONFIG));
      for (const c of run.commands.slice(0, run.stepEnds[k]) as Command[]) w = apply(w, c).world;
      expect(w).toEqual(prefix.world);
    }
  });

  it('stops with the steps carried out when a step fails', () => {
    const s = load('../scenarios/adopt-chosen-value.json');
    const broken = { ...s, steps: [...s.steps.slice(0, 2), { deliver: { type: 'decide' as const, to: 'A' } }] };
    const run = runScenario(broken);
    expect(run.error?.step).toBe(2);
    expect(run.stepEnds).toHaveLength(2);
  });

  it('works for Multi-Paxos runs too', () => {
    const s = load('../scenarios/multi/failover-noops.json');
    const run = runMultiScenario(s);
    expect(run.error).toBeNull();
    expect(run.stepEnds).toHaveLength(s.steps.length);
    const k = Math.floor(s.steps.length / 2);
    const prefix = runMultiScenario({ ...s, steps: s.steps.slice(0, k + 1) });
    let w = createMultiWorld(scenarioMultiConfig(s, DEFAULT_MULTI_CONFIG));
    for (const c of run.commands.slice(0, run.stepEnds[k]) as MultiCommand[]) w = applyMulti(w, c).world;
    expect(w).toEqual(prefix.world);
  });
});
