import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { UsageError, parseExploreArgs } from '../../src/explorer/args';

// Runs the real CLI the way `npm run explore` does (bundled by esbuild).
const cli = (...args: string[]) => spawnSync(process.execPath, ['scripts/bundled.mjs', 'src/cli/explore.ts', ...args], { encoding: 'utf8' });

describe('explore arguments', () => {
  it('parses every flag', () => {
    expect(parseExploreArgs([])).toMatchObject({ model: 'lamport', acceptors: 3, values: 2, ballots: 3, variant: 'correct', symmetry: false, json: false, maxStates: null, maxDepth: null });
    expect(parseExploreArgs(['--model', 'lamport', '--acceptors', '5', '--values=1', '--ballots', '4', '--symmetry', '--variant', 'phase2a-ignores-votes', '--json', '--max-states', '1000', '--max-depth', '0', '--max-memory-mb', '64', '--all-violations', '--no-sweep-line']))
      .toEqual({ model: 'lamport', acceptors: 5, values: 1, ballots: 4, variant: 'phase2a-ignores-votes', symmetry: true, json: true, maxStates: 1000, maxDepth: 0, maxMemoryMB: 64, allViolations: true, progress: false, sweepLine: false, help: false });
    expect(parseExploreArgs([]).sweepLine).toBe(true);
  });

  it.each([
    [['--frobnicate'], 'unknown option --frobnicate'],
    [['extra'], 'unexpected argument "extra"'],
    [['--acceptors', '0'], '--acceptors must be from 1 to 7, not 0'],
    [['--acceptors', '8'], '--acceptors must be from 1 to 7, not 8'],
    [['--values', '2.5'], '--values must be a whole number, not "2.5"'],
    [['--ballots', '-1'], '--ballots must be a whole number, not "-1"'],
    [['--ballots'], '--ballots needs a value'],
    [['--ballots', '--json'], '--ballots needs a value'],
    [['--max-states', '0'], '--max-states must be from 1'],
    [['--model', 'raft'], 'unknown model "raft" (known: lamport)'],
    [['--variant', 'nope'], 'unknown variant "nope" (known: correct, '],
    [['--json', '--json'], '--json given twice'],
    [['--json=yes'], '--json takes no value'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseExploreArgs(argv)).toThrow(UsageError);
    expect(() => parseExploreArgs(argv)).toThrow(message);
  });
});

describe('npm run explore', () => {
  it('prints one JSON line with --json', () => {
    const r = cli('--model', 'lamport', '--acceptors', '3', '--values', '2', '--ballots', '2', '--json');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    expect(Object.keys(json).slice(0, 5)).toEqual(['distinctStates', 'statesGenerated', 'depth', 'violations', 'seconds']);
    expect(json).toMatchObject({ distinctStates: 3921, statesGenerated: 22_995, depth: 16, violations: 0, stoppedBy: 'exhausted', counterexample: null });
  }, 20_000);

  it('prints a readable shortest counterexample for a broken variant and exits 1', () => {
    const r = cli('--ballots', '2', '--variant', 'phase2b-ignores-promise');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/agreement VIOLATED\. Shortest counterexample, 12 steps:/);
    expect(r.stdout).toMatch(/ 1 {2}Phase1a\(\d\)/);
    expect(r.stdout).toMatch(/is now chosen/);
  }, 20_000);

  it('rejects bad arguments with the problem, the usage and exit code 2', () => {
    const r = cli('--acceptors', '0');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^--acceptors must be from 1 to 7, not 0\nusage: npm run explore/);
    expect(r.stdout).toBe('');
  }, 20_000);
});
