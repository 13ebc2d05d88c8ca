import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario, validateScenario } from '../../../src/scenario';
import { BASIC_PRESETS, MULTI_PRESETS } from '../../../src/scenario/presets';
import { runMultiScenario } from '../../../src/scenario/runMulti';

// The presets the Scenarios menu offers are the golden scenarios (so the golden traces cover what
// the app opens), each valid, replayable and described in one line.

const golden = (file: string) => JSON.parse(readFileSync(new URL(`../../scenarios/${file}`, import.meta.url), 'utf8'));

describe('preset data', () => {
  it('bundles every golden basic scenario of test/scenarios, identical, in the menu order (happy path first)', () => {
    const files = readdirSync(new URL('../../scenarios/', import.meta.url)).filter((f) => f.endsWith('.json')).sort();
    expect(BASIC_PRESETS.map((p) => `${p.id}.json`).sort()).toEqual(files);
    for (const p of BASIC_PRESETS) expect(p.scenario, p.id).toEqual(golden(`${p.id}.json`));
    // The copies in src/scenario/presets/basic are the files the app bundles.
    const copies = readdirSync(new URL('../../../src/scenario/presets/basic/', import.meta.url)).sort();
    expect(copies).toEqual(files);
    expect(BASIC_PRESETS[0]!.id).toBe('happy-path');
  });

  it('bundles the golden Multi-Paxos scenarios of test/scenarios/multi, identical', () => {
    for (const p of MULTI_PRESETS) expect(p.scenario, p.id).toEqual(golden(`multi/${p.id}.json`));
  });

  it('every preset is valid, replays without error, and has a title and a one-line blurb', () => {
    for (const p of [...BASIC_PRESETS, ...MULTI_PRESETS]) {
      const v = validateScenario(p.scenario);
      if (!v.ok) throw new Error(`${p.id}: ${v.error}`);
      const run = v.scenario.protocol === 'multi' ? runMultiScenario(v.scenario) : runScenario(v.scenario);
      expect(run.error, p.id).toBeNull();
      expect(p.title, p.id).toBe(v.scenario.title);
      expect(p.blurb.length, p.id).toBeGreaterThan(30);
      expect(p.blurb.length, p.id).toBeLessThanOrEqual(110);
      expect(p.blurb, p.id).not.toContain('\n');
    }
    expect(new Set([...BASIC_PRESETS, ...MULTI_PRESETS].map((p) => p.id)).size).toBe(BASIC_PRESETS.length + MULTI_PRESETS.length);
  });
});

