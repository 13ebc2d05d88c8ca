import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Runs the real CLI in a child process, as `npm run scenario` does.
const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
const cli = (...args: string[]) => spawnSync(tsx, ['src/cli/scenario.ts', ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'paxoscope-cli-'));
const file = (name: string, content: string) => { const p = join(dir, name); writeFileSync(p, content); return p; };

describe('npm run scenario', () => {
  it('prints one JSON summary with --json', () => {
    const out = execFileSync(tsx, ['src/cli/scenario.ts', 'test/scenarios/happy-path.json', '--json'], { encoding: 'utf8' });
    const json = JSON.parse(out);
    expect(json).toMatchObject({ chosen: 'X', learned: { A: 'X', B: 'X', C: 'X' }, reads: [{ node: 'C', result: 'ok', value: 'X' }], violations: [] });
    expect(json.traceHash).toMatch(/^[0-9a-f]{16}$/);
    expect(json.events).toBeGreaterThan(10);
  });

  it('exits non-zero naming the file, the step and the problem', () => {
    const bad = file('bad.json', JSON.stringify({ version: 1, protocol: 'basic', nodes: 3, seed: 1, steps: [{ heal: {} }, { drop: { type: 'accept' } }] }));
    const r = cli(bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${bad}: step 1 (drop): no in-flight accept`);
  });

  it('rejects invalid JSON, unknown keys and missing files with a readable message', () => {
    expect(cli(file('broken.json', '{ "version": ')).stderr).toMatch(/broken\.json: not valid JSON/);
    const unknownKey = cli(file('key.json', JSON.stringify({ version: 1, protocol: 'basic', nodes: 3, seed: 1, steps: [], colour: 'red' })));
    expect(unknownKey.status).toBe(1);
    expect(unknownKey.stderr).toMatch(/colour/);
    expect(cli(join(dir, 'missing.json')).stderr).toMatch(/missing\.json: cannot read \(ENOENT\)/);
  });

  it('rejects bad arguments with usage and exit code 2', () => {
    const r = cli('--frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown option --frobnicate\nusage:/);
    expect(cli().status).toBe(2);
  });
});
