import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, hashLines } from '../../src/core';
import {
  decodeLink, encodeLink, formatScenario, outcome, parseScenario, runScenario, scenarioConfig, scenarioFromCommands, validateScenario,
  type Scenario,
} from '../../src/scenario';
import { formatReport, summaryLines } from '../../src/scenario/report';

// The `"variants"` key of the scenario format ("Break Paxos"): validation, config, writing a run
// back as a scenario, share links and the `npm run scenario` summary.

const base = { version: 1, protocol: 'basic', nodes: 3, seed: 7 };
const err = (input: unknown) => {
  const r = validateScenario(input);
  return r.ok ? 'ok' : r.error;
};
const valid = (input: unknown): Scenario => {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(r.error);
  return r.scenario;
};

const ignoreAccepted = valid({
  ...base, variants: ['ignore-accepted'], network: { mode: 'manual' }, steps: [
    { write: { node: 'A', value: 'X' } }, { deliver: { type: 'prepare', to: 'B' } }, { deliver: { type: 'promise', from: 'B' } },
    { deliver: { type: 'accept', to: 'B' } }, { write: { node: 'C', value: 'Y' } },
    { deliver: { type: 'prepare', from: 'C', to: 'B' } }, { deliver: { type: 'promise', from: 'B', to: 'C' } },
    { deliver: { type: 'accept', from: 'C', to: 'B' } },
  ],
});

describe('"variants" in the scenario format', () => {
  it('accepts any of the seven names, in any order, and an empty list', () => {
    expect(err({ ...base, variants: ['small-quorum', 'amnesia'], steps: [] })).toBe('ok');
    expect(err({ ...base, variants: [
      'amnesia', 'ignore-accepted', 'no-tiebreak', 'accept-keeps-promise', 'learner-mixes-ballots', 'read-ignores-ballots', 'small-quorum',
    ], steps: [] })).toBe('ok');
    expect(err({ ...base, variants: [], steps: [] })).toBe('ok');
  });

  it('rejects an unknown name with the list of valid names', () => {
    expect(err({ ...base, variants: ['amnesia', 'forgetful'], steps: [] })).toBe(
      'variants[1]: unknown variant "forgetful"; the variants are amnesia, ignore-accepted, no-tiebreak, accept-keeps-promise, learner-mixes-ballots, read-ignores-ballots, small-quorum',
    );
    expect(err({ ...base, variants: [3], steps: [] })).toMatch(/^variants\[0\]: unknown variant 3; the variants are amnesia/);
    expect(err({ ...base, variants: 'amnesia', steps: [] })).toMatch(/^variants: /);
  });

  it('rejects a duplicate, and variants in a Multi-Paxos scenario', () => {
    expect(err({ ...base, variants: ['amnesia', 'small-quorum', 'amnesia'], steps: [] })).toBe('variants: "amnesia" is listed twice');
    expect(err({ ...base, protocol: 'multi', variants: ['amnesia'], steps: [] }))
      .toBe('variants: only a basic Paxos scenario ("protocol": "basic") has Break Paxos variants');
  });

  it('is carried into the simulation config only when some are listed', () => {
    expect(scenarioConfig(ignoreAccepted, DEFAULT_CONFIG).variants).toEqual(['ignore-accepted']);
    expect(scenarioConfig(valid({ ...base, steps: [] }), DEFAULT_CONFIG)).not.toHaveProperty('variants');
    expect(scenarioConfig(valid({ ...base, variants: [], steps: [] }), DEFAULT_CONFIG)).not.toHaveProperty('variants');
  });

  it('changes the run: the same steps without the variant choose one value', () => {
    const broken = runScenario(ignoreAccepted);
    const { variants: _v, ...rest } = ignoreAccepted;
    const correct = runScenario(rest);
    expect(broken.error).toBeNull();
    expect(correct.error).toBeNull();
    expect(outcome(broken).violations.map((v) => v.invariant)).toEqual(['agreement']);
    expect(outcome(correct).violations).toEqual([]);
  });

  it('is written back by scenarioFromCommands, so the run replays exactly', () => {
    const run = runScenario(ignoreAccepted);
    const back = scenarioFromCommands(run.world.config, run.commands);
    expect(back.variants).toEqual(['ignore-accepted']);
    const text = formatScenario(back);
    const reparsed = parseScenario(text);
    if (!reparsed.ok) throw new Error(reparsed.error);
    const again = runScenario(reparsed.scenario);
    expect(hashLines(again.lines)).toBe(hashLines(run.lines));
    // A run without variants writes no "variants" key at all.
    const { variants: _v, ...rest } = ignoreAccepted;
    const plain = runScenario(rest);
    expect(scenarioFromCommands(plain.world.config, plain.commands)).not.toHaveProperty('variants');
  });

  it('survives a share link (encodeLink → decodeLink)', () => {
    const decoded = decodeLink(encodeLink(ignoreAccepted, 5));
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.scenario).toEqual(ignoreAccepted);
    expect(decoded.position).toBe(5);
    expect(hashLines(runScenario(decoded.scenario).lines)).toBe(hashLines(runScenario(ignoreAccepted).lines));
  });

  it('shows in the summary and the JSON outcome only when some are on', () => {
    const broken = runScenario(ignoreAccepted);
    expect(summaryLines(broken)[0]).toBe('variants: ignore-accepted (deliberately broken rules)');
    expect(outcome(broken).variants).toEqual(['ignore-accepted']);
    const { variants: _v, ...rest } = ignoreAccepted;
    const correct = runScenario(rest);
    expect(formatReport(correct)).not.toMatch(/^variants:/m);
    expect(outcome(correct)).not.toHaveProperty('variants');
  });

  it('`npm run scenario` prints the variants line, and --json a "variants" field', () => {
    const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
    const file = 'test/scenarios/variants/small-quorum.json';
    const text = spawnSync(tsx, ['src/cli/scenario.ts', file], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('\nvariants: small-quorum (deliberately broken rules)\nchosen: "X" (ballot 1.A)\n');
    expect(text.stdout).toContain('safety: 3 VIOLATION(S)');
    const json = spawnSync(tsx, ['src/cli/scenario.ts', file, '--json'], { encoding: 'utf8' });
    expect(JSON.parse(json.stdout)).toMatchObject({ variants: ['small-quorum'], violations: [{ invariant: 'learned-is-chosen' }, {}, { invariant: 'agreement' }] });
  }, 30_000);
});
