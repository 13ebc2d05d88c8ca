import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatMultiReport, multiOutcome, parseScenario, runMultiScenario, type MultiScenarioRun } from '../../src/scenario';

// Golden Multi-Paxos scenarios (the presets of issue 5): test/scenarios/multi/X.json replays to
// exactly X.trace (`UPDATE_GOLDEN=1 npx vitest run test/scenarios` regenerates; read the diff), and
// each states the facts that make it worth having, so a regenerated trace that lost its point fails.

const DIR = fileURLToPath(new URL('./multi/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const NAMES = readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();

interface Expectation {
  /** The command (or "no-op") chosen per slot. */
  readonly chosen: Readonly<Record<string, string>>;
  /** Each live node's state machine at the end (all the same). */
  readonly state: readonly string[];
  readonly leader: string;
  /** Trace lines (time column stripped) that must appear in this order (each may be a line's beginning). */
  readonly lines: readonly string[];
  readonly check?: (run: MultiScenarioRun, text: readonly string[]) => void;
}

const before = (text: readonly string[], a: string, b: string) => {
  const i = text.indexOf(a);
  const j = text.indexOf(b);
  expect(i, a).toBeGreaterThanOrEqual(0);
  expect(j, b).toBeGreaterThanOrEqual(0);
  expect(i, `"${a}" should come before "${b}"`).toBeLessThan(j);
};

const EXPECT: Record<string, Expectation> = {
  'failover-noops': {
    chosen: { 1: 'a1', 2: 'a2', 3: 'a3', 4: 'a4', 5: 'no-op', 6: 'no-op', 7: 'no-op', 8: 'a8', 9: 'a9' },
    state: ['a1', 'a2', 'a3', 'a4', 'a8', 'a9'],
    leader: 'B',
    lines: [
      'LEADER: A has a majority of promises for 1.A from slot 1',
      'A crashes (loses what is not on disk)',
      'B heard no leader: campaigns with ballot 2.B for every slot from 5',
      'LEADER: B has a majority of promises for 2.B from slot 5; fills gaps 5, 6, 7 with no-ops',
      'B applies slot 5: no-op (nothing to do)',
      'B applies slot 8: "#8 a8"',
    ],
    check: (run, text) => {
      // B knew 8 and 9 were chosen before campaigning, and applied nothing past the gap until it was filled.
      before(text, 'B learns slot 9 = "#9 a9"', 'B heard no leader: campaigns with ballot 2.B for every slot from 5');
      expect(text.some((l) => /^B applies slot 8/.test(l))).toBe(true);
      before(text, 'B applies slot 7: no-op (nothing to do)', 'B applies slot 8: "#8 a8"');
      expect(run.world.nodes.find((n) => n.id === 'A')!.up).toBe(false);
    },
  },
  'pipelining-lost-accept': {
    chosen: { 1: 'x', 2: 'y', 3: 'z' },
    state: ['x', 'y', 'z'],
    leader: 'A',
    lines: [
      'A proposes "#1 x" for slot 1 at 1.A',
      'A proposes "#2 y" for slot 2 at 1.A',
      'A proposes "#3 z" for slot 3 at 1.A',
      'lost: A → B  accept 1.A [2] "#2 y"',
      'CHOSEN: slot 3 = "#3 z" at ballot 1.A (accepted by A, B)',
      'CHOSEN: slot 2 = "#2 y" at ballot 1.A (accepted by A, B)',
    ],
    check: (_run, text) => {
      // Slot 3 was chosen while slot 2 was still a gap, and it was resent on a heartbeat.
      before(text, 'CHOSEN: slot 3 = "#3 z" at ballot 1.A (accepted by A, B)', 'CHOSEN: slot 2 = "#2 y" at ballot 1.A (accepted by A, B)');
      const resent = text.filter((l) => l === 'A → B  accept 1.A [2] "#2 y"').length;
      expect(resent).toBe(2);
      for (const n of ['A', 'B', 'C']) before(text, `${n} applies slot 2: "#2 y"`, `${n} applies slot 3: "#3 z"`);
    },
  },
  'partitioned-old-leader': {
    chosen: { 1: 'before', 2: 'after', 3: 'stranded' },
    state: ['before', 'after', 'stranded'],
    leader: 'C',
    lines: [
      'LEADER: A has a majority of promises for 1.A from slot 1',
      'network partitioned: {A} | {B C D E}',
      'A proposes "#2 stranded" for slot 2 at 1.A',
      'LEADER: C has a majority of promises for 2.C from slot 2',
      'CHOSEN: slot 2 = "#3 after" at ballot 2.C (accepted by ',
      'network healed',
      'A stops leading ballot 1.A: 2.C is higher',
      'A forwards "#2 stranded" to the leader C',
      'C proposes "#2 stranded" for slot 3 at 2.C',
      'A applies slot 2: "#3 after"',
    ],
    check: (run, text) => {
      // The stranded proposal at slot 2, ballot 1.A, never reached a majority; the client's retry was not proposed again.
      expect(text.some((l) => l.startsWith('CHOSEN: slot 2 = "#2 stranded"'))).toBe(false);
      expect(text.filter((l) => l.startsWith('C proposes "#2 stranded"'))).toHaveLength(1);
      expect(run.world.nodes.every((n) => n.appliedIds.filter((id) => id === '2').length === 1)).toBe(true);
    },
  },
  'dueling-leaders': {
    chosen: { 1: 'c1', 2: 'd1' },
    state: ['c1', 'd1'],
    leader: 'A',
    lines: [
      'A heard no leader: campaigns with ballot 1.A for every slot from 1',
      'B heard no leader: campaigns with ballot 1.B for every slot from 1',
      'A stops leading ballot 1.A: 1.B is higher',
      'B stops leading ballot 1.B: 2.A is higher',
      'LEADER: A has a majority of promises for 2.A from slot 1',
    ],
    check: (run) => {
      expect(run.world.nodes.filter((n) => n.role === 'leader')).toHaveLength(1);
    },
  },
};

function load(name: string) {
  const parsed = parseScenario(readFileSync(join(DIR, `${name}.json`), 'utf8'));
  if (!parsed.ok) throw new Error(`${name}.json: ${parsed.error}`);
  return parsed.scenario;
}

describe('golden Multi-Paxos scenarios (test/scenarios/multi/*.json → *.trace)', () => {
  it('has an expectation for every scenario file, and a file for every expectation', () => {
    expect(Object.keys(EXPECT).sort()).toEqual(NAMES);
  });

  for (const name of NAMES) {
    describe(name, () => {
      const scenario = load(name);
      const run = runMultiScenario(scenario);
      const tracePath = join(DIR, `${name}.trace`);

      it('is a titled, described Multi-Paxos scenario', () => {
        expect(scenario.protocol).toBe('multi');
        expect(scenario.title?.trim()).toBeTruthy();
        expect(scenario.description?.trim()).toMatch(/\.$/);
      });

      it('replays without error, and its report matches the .trace file exactly', () => {
        expect(run.error).toBeNull();
        const report = `${formatMultiReport(run)}\n`;
        if (UPDATE) {
          writeFileSync(tracePath, report);
          return;
        }
        expect(existsSync(tracePath), `${name}.trace is missing: run UPDATE_GOLDEN=1 npx vitest run test/scenarios`).toBe(true);
        expect(report).toBe(readFileSync(tracePath, 'utf8'));
      });

      it('shows what its description claims', () => {
        const want = EXPECT[name]!;
        const out = multiOutcome(run);
        expect(out.violations).toEqual([]);
        expect(out.chosen).toEqual(want.chosen);
        expect(out.leader).toBe(want.leader);
        for (const n of run.world.nodes.filter((x) => x.up)) expect(n.items, `${n.id}'s state machine`).toEqual(want.state);
        const text = run.lines.map((l) => l.slice(7));
        let from = 0;
        for (const line of want.lines) {
          const i = text.findIndex((l, k) => k >= from && l.startsWith(line));
          expect(i, `expected, in order: ${line}`).toBeGreaterThanOrEqual(0);
          from = i + 1;
        }
        want.check?.(run, text);
      });
    });
  }
});
