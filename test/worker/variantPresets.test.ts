import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VARIANT_NAMES } from '../../src/core';
import { runScenario, validateScenario, type Scenario } from '../../src/scenario';
import { VARIANT_PRESETS, withCorrectRules } from '../../src/scenario/variantPresets';
import { Engine } from '../../src/worker/engine';
import { loadScenario } from '../../src/worker/scenarioIO';

// The "Break Paxos" presets the app bundles (src/scenario/presets/variants) are the golden
// scenarios of test/scenarios/variants, so the golden traces cover what the app opens; each opens
// in the engine, at its start, and plays out to a violation; the same steps with the correct rules
// (what "Run the same steps with the correct rules" opens) play out to none.

const valid = (input: unknown): Scenario => {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(r.error);
  return r.scenario;
};

function playOut(scenario: Scenario) {
  const e = new Engine({}, () => {});
  expect(loadScenario(e, scenario, 0)).toMatchObject({ ok: true });
  expect(e.current.monitor.chosen).toEqual([]);
  for (let i = 0; i < 1_000 && e.step(); i++);
  return e.current;
}

describe('Break Paxos presets', () => {
  it('bundles one preset per variant, identical to the golden scenario', () => {
    expect(Object.keys(VARIANT_PRESETS).sort()).toEqual([...VARIANT_NAMES].sort());
    for (const name of VARIANT_NAMES) {
      const golden = JSON.parse(readFileSync(new URL(`../scenarios/variants/${name}.json`, import.meta.url), 'utf8'));
      expect(VARIANT_PRESETS[name], name).toEqual(golden);
      expect(valid(VARIANT_PRESETS[name]).variants, name).toEqual([name]);
    }
  });

  it('each opens at its start and plays out (Step) to a violation the monitor reports', () => {
    for (const name of VARIANT_NAMES) {
      const world = playOut(valid(VARIANT_PRESETS[name]));
      expect(world.config.variants, name).toEqual([name]);
      expect(world.monitor.violations.length, name).toBeGreaterThan(0);
    }
  });

  it('the same steps with the correct rules: no variant, no violation, stopped where only the broken rule could go on', () => {
    for (const name of VARIANT_NAMES) {
      const broken = valid(VARIANT_PRESETS[name]);
      const { scenario, stoppedAt } = withCorrectRules(broken, runScenario);
      expect(scenario.variants, name).toBeUndefined();
      expect(scenario.steps, name).toEqual(broken.steps.slice(0, stoppedAt ?? broken.steps.length));
      expect(runScenario(scenario).error, name).toBeNull();
      const world = playOut(scenario);
      expect(world.config.variants ?? [], name).toEqual([]);
      expect(world.monitor.violations, name).toEqual([]);
    }
    // amnesia: a correct B answers A's accept 1.A with a nack, so step 12 (B's accepted to A) cannot happen.
    expect(withCorrectRules(valid(VARIANT_PRESETS.amnesia), runScenario).stoppedAt).toBe(11);
  });
});
