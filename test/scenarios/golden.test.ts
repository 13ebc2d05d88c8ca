import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { outcome, parseScenario, runScenario, type ScenarioRun } from '../../src/scenario';
import { formatReport } from '../../src/scenario/report';

// Golden scenario tests, in the style of etcd raft's testdata: every test/scenarios/X.json is
// replayed exactly as `npm run -s scenario -- X.json` does, and its report must equal X.trace byte
// for byte. After a deliberate change, regenerate with
//
//   UPDATE_GOLDEN=1 npx vitest run test/scenarios
//
// and read the diff. Because a regenerated trace is accepted blindly, each scenario also states the
// few facts that make it worth having (below): a trace that stops showing its point fails anyway.

const DIR = fileURLToPath(new URL('.', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const NAMES = readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();

type ReadOutcome = ReturnType<typeof outcome>['reads'][number];

interface Expectation {
  /** The value the monitor saw chosen first (null: nothing chosen), and at which ballot. */
  readonly chosen: string | null;
  readonly chosenBallot?: string;
  /** What each node has learned at the end (null: nothing). Defaults to nothing checked. */
  readonly learned?: Readonly<Record<string, string | null>>;
  /** Finished reads, in order (default: none). */
  readonly reads?: readonly ReadOutcome[];
  /** Trace lines (without their time column) that must appear, in this order. */
  readonly lines: readonly string[];
  /** Any further fact, checked against the run. */
  readonly check?: (run: ScenarioRun, text: readonly string[]) => void;
}

const all = (v: string, ids = 'ABC') => Object.fromEntries([...ids].map((id) => [id, v]));

/** Index of the first trace line (time column stripped) satisfying `p`, or -1. */
const indexWhere = (text: readonly string[], p: (l: string) => boolean) => text.findIndex(p);

const EXPECT: Record<string, Expectation> = {
  'happy-path': {
    chosen: 'X', chosenBallot: '1.A', learned: all('X'),
    reads: [{ node: 'C', result: 'ok', value: 'X' }],
    lines: [
      'A has a majority of promises for 1.A; proposes its own value "X"',
      'CHOSEN: "X" at ballot 1.A (accepted by A, C)',
      'read #1 at C returns "X" (a majority accepted 1.A)',
    ],
  },
  'happy-path-5-nodes': {
    chosen: 'X', chosenBallot: '1.B', learned: all('X', 'ABCDE'),
    reads: [{ node: 'E', result: 'ok', value: 'X' }],
    lines: [
      'B has a majority of promises for 1.B; proposes its own value "X"',
      'CHOSEN: "X" at ballot 1.B (accepted by B, C, D)',
      'B learns "X" is chosen (ballot 1.B)',
      'read #1 at E returns "X" (a majority accepted 1.B)',
    ],
    check: (run) => {
      // Five nodes need three: the proposer must not act on its second promise.
      expect(run.world.nodes).toHaveLength(5);
    },
  },
  'adopt-chosen-value': {
    chosen: 'X', chosenBallot: '1.A', learned: all('X'),
    lines: [
      'CHOSEN: "X" at ballot 1.A (accepted by A, B)',
      'client asks C to write "Y"',
      'B promises 1.C (accepted 1.A = "X")',
      'C has a majority of promises for 1.C; adopts "X" (highest accepted: 1.A)',
      '"X" is chosen again, at ballot 1.C (accepted by C, B): the same value, as Paxos guarantees',
    ],
    check: (run, text) => {
      // C had not learned "X" when it was asked to write "Y": the adoption is Paxos, not a shortcut.
      expect(text).not.toContain('C learns "X" is chosen (ballot 1.A)');
      expect(text.some((l) => l.startsWith('C already knows'))).toBe(false);
      expect(text.some((l) => /"Y"/.test(l) && /accept/.test(l))).toBe(false);
    },
  },
  'minority-accepted-replaced': {
    chosen: 'Y', chosenBallot: '1.E', learned: all('Y', 'ABCDE'),
    lines: [
      'A accepts 1.A "X"',
      'B accepts 1.A "X"',
      'E has a majority of promises for 1.E; proposes its own value "Y"',
      'CHOSEN: "Y" at ballot 1.E (accepted by E, C, D)',
      'E ignores promise 1.E (accepted 1.A = "X") from B: no longer collecting promises',
      'A accepts 1.E "Y"',
      'B accepts 1.E "Y"',
    ],
    check: (run) => {
      // "X" reached only two of five acceptors: never chosen, so replacing it is safe.
      expect(run.world.monitor.votes['1.A="X"']).toMatchObject({ value: 'X', voters: ['A', 'B'] });
      expect(run.world.monitor.chosen.map((c) => c.value)).toEqual(['Y']);
    },
  },
  'minority-accepted-adopted': {
    chosen: 'X', chosenBallot: '1.C', learned: all('X'),
    lines: [
      'A accepts 1.A "X"',
      'lost: A → B  accept 1.A "X"',
      'lost: A → C  accept 1.A "X"',
      'client asks C to write "Y"',
      'A promises 1.C (accepted 1.A = "X")',
      'C has a majority of promises for 1.C; adopts "X" (highest accepted: 1.A)',
      'CHOSEN: "X" at ballot 1.C (accepted by C, B)',
    ],
    check: (run) => {
      expect(run.world.monitor.votes['1.A="X"']).toMatchObject({ value: 'X', voters: ['A'] });
    },
  },
  'duelling-proposers': {
    chosen: 'Y', chosenBallot: '3.C', learned: all('Y'),
    lines: [
      'A has a majority of promises for 1.A; proposes its own value "X"',
      'C has a majority of promises for 1.C; proposes its own value "Y"',
      'C rejects prepare 1.A: promised 1.C',
      'B rejects accept 1.A: promised 1.C',
      'A abandons ballot 1.A: 1.C is higher',
      'A starts ballot 2.A for "X"',
      'B rejects accept 1.C: promised 2.A',
      'C abandons ballot 1.C: 2.A is higher',
      'C starts ballot 3.C for "Y"',
      'B rejects accept 2.A: promised 3.C',
      'A abandons ballot 2.A: 3.C is higher',
      'CHOSEN: "Y" at ballot 3.C (accepted by C, B)',
      'A starts ballot 4.A for "X"',
      'A has a majority of promises for 4.A; adopts "Y" (highest accepted: 3.C)',
    ],
    check: (run) => {
      expect(run.world.monitor.chosen.every((c) => c.value === 'Y')).toBe(true);
    },
  },
  'acceptor-crash-restart': {
    chosen: 'Y', chosenBallot: '1.C', learned: all('Y'),
    lines: [
      'B promises 1.C',
      'B crashes (loses what is not on disk)',
      'B restarts (from disk: promised 1.C, accepted nothing, last round 0)',
      'B rejects accept 1.A: promised 1.C',
      'A abandons ballot 1.A: 1.C is higher',
      'CHOSEN: "Y" at ballot 1.C (accepted by C, B)',
      'B crashes (loses what is not on disk)',
      'B restarts (from disk: promised 1.C, accepted 1.C = "Y", last round 0)',
      'B promises 2.A (accepted 1.C = "Y")',
      'A has a majority of promises for 2.A; adopts "Y" (highest accepted: 1.C)',
    ],
    check: (run) => {
      // B never voted for A's "X": only A's own acceptor did.
      expect(run.world.monitor.votes['1.A="X"']).toMatchObject({ voters: ['A'] });
    },
  },
  'proposer-crash': {
    chosen: 'X', chosenBallot: '1.A', learned: all('X'),
    lines: [
      'A → C  accept 1.A "X"',
      'A crashes (loses what is not on disk)',
      'CHOSEN: "X" at ballot 1.A (accepted by A, C)',
      'lost: C → A  accepted 1.A "X" (A is down)',
      'client asks B to write "Y"',
      'B has a majority of promises for 1.B; adopts "X" (highest accepted: 1.A)',
      'B learns "X" is chosen (ballot 1.B)',
      'A restarts (from disk: promised 1.A, accepted 1.A = "X", last round 1)',
      'A learns "X" is chosen (ballot 1.B)',
    ],
    check: (_run, text) => {
      // Nobody learned "X" at 1.A: A crashed before it could, so B had to finish the job.
      expect(text).not.toContain('A learns "X" is chosen (ballot 1.A)');
    },
  },
  'proposer-restart-new-ballot': {
    chosen: 'X', chosenBallot: '3.A', learned: all('X'),
    lines: [
      'A starts ballot 1.A for "X"',
      'A starts ballot 2.A for "X"',
      'A crashes (loses what is not on disk)',
      'A restarts (from disk: promised 2.A, accepted 2.A = "X", last round 2)',
      'client asks A to write "Y"',
      'A starts ballot 3.A for "Y"',
      'A has a majority of promises for 3.A; re-proposes "X" (highest accepted: 2.A, its own earlier ballot)',
      'B rejects accept 2.A: promised 3.A',
      'A ignores nack 2.A (promised 3.A) from B: rejection of 2.A, which it is not running',
      'CHOSEN: "X" at ballot 3.A (accepted by A, B)',
    ],
    check: (_run, text) => {
      // After the restart A never starts a ballot it used before.
      const restart = indexWhere(text, (l) => l.startsWith('A restarts'));
      const after = text.slice(restart).filter((l) => l.startsWith('A starts ballot'));
      expect(after).toEqual(['A starts ballot 3.A for "Y"']);
    },
  },
  'read-succeeds': {
    chosen: 'X', chosenBallot: '1.A', learned: { A: 'X', B: null, C: null },
    reads: [{ node: 'C', result: 'ok', value: 'X' }],
    lines: [
      'CHOSEN: "X" at ballot 1.A (accepted by A, B)',
      'lost: A → C  decide 1.A "X"',
      'client asks C to read (read #1)',
      'read #1 at C returns "X" (a majority accepted 1.A)',
    ],
    check: (run) => {
      const c = run.world.nodes.find((n) => n.id === 'C')!;
      expect(c.durable.accepted).toBeNull();
      expect(c.learned).toBeNull();
    },
  },
  'read-no-majority': {
    chosen: null, learned: { A: null, B: null, C: null },
    reads: [{ node: 'B', result: 'fail', reason: 'no-majority' }],
    lines: [
      'A accepts 1.A "X"',
      'C accepts 1.C "Y"',
      'client asks B to read (read #1)',
      'A → B  read-reply #1 (accepted 1.A = "X")',
      'C → B  read-reply #1 (accepted 1.C = "Y")',
      'read #1 at B fails: no-majority (no majority reported the same accepted proposal)',
    ],
    check: (run) => {
      expect(run.world.nodes.map((n) => n.durable.accepted?.value ?? null)).toEqual(['X', null, 'Y']);
      // It failed because all three answered, not because a timer fired.
      expect(run.events.some((e) => e.type === 'timer-fire')).toBe(false);
    },
  },
  'read-not-enough-responses': {
    chosen: 'X', chosenBallot: '1.A', learned: { A: 'X', B: null, C: null },
    reads: [{ node: 'A', result: 'fail', reason: 'not-enough-responses' }],
    lines: [
      'A learns "X" is chosen (ballot 1.A)',
      'B crashes (loses what is not on disk)',
      'C crashes (loses what is not on disk)',
      'client asks A to read (read #1)',
      'lost: A → B  read #1 (B is down)',
      'lost: A → C  read #1 (C is down)',
      "A's read-timeout timer fires",
      'read #1 at A fails: not-enough-responses (too few nodes answered before the timeout)',
    ],
  },
  'partition-heal': {
    chosen: 'X', chosenBallot: '3.A', learned: all('X'),
    lines: [
      'network partitioned: {A} | {B C}',
      'A starts ballot 1.A for "X"',
      'lost: A → B  prepare 1.A (partition)',
      'A starts ballot 2.A for "X"',
      'lost: A → B  prepare 2.A (partition)',
      'network healed',
      'A starts ballot 3.A for "X"',
      'CHOSEN: "X" at ballot 3.A (accepted by A, B)',
    ],
    check: (_run, text) => {
      const healed = indexWhere(text, (l) => l === 'network healed');
      const chosen = indexWhere(text, (l) => l.startsWith('CHOSEN'));
      expect(chosen).toBeGreaterThan(healed);
      // While partitioned, nothing from A reached B or C.
      expect(text.slice(0, healed).filter((l) => / receives /.test(l))).toEqual([]);
    },
  },
  'duplicate-messages': {
    chosen: 'X', chosenBallot: '1.A', learned: all('X', 'ABCDE'),
    lines: [
      'duplicated: B → A  promise 1.A (copy #6)',
      'A ignores promise 1.A from B: already counted B\'s promise',
      'A receives promise 1.A from C',
      'A has a majority of promises for 1.A; proposes its own value "X"',
      'duplicated: B → A  accepted 1.A "X" (copy #13)',
      'A ignores accepted 1.A "X" from B: already counted B\'s vote',
      'A receives accepted 1.A "X" from C',
      'A learns "X" is chosen (ballot 1.A)',
    ],
  },
  'dropped-messages-retry': {
    chosen: 'X', chosenBallot: '3.A', learned: all('X'),
    lines: [
      'lost: A → B  prepare 1.A',
      'lost: A → C  prepare 1.A',
      "A's retry timer fires (early, by hand; it was set for t=198)",
      'A starts ballot 2.A for "X"',
      'lost: A → B  accept 2.A "X"',
      'lost: A → C  accept 2.A "X"',
      "A's retry timer fires (early, by hand; it was set for t=338)",
      'A starts ballot 3.A for "X"',
      'CHOSEN: "X" at ballot 3.A (accepted by A, B)',
    ],
  },
  'nack-after-accept': {
    chosen: 'Y', chosenBallot: '1.C', learned: all('Y'),
    lines: [
      'A has a majority of promises for 1.A; proposes its own value "X"',
      'A → B  accept 1.A "X"',
      'B promises 1.C',
      'B receives accept 1.A "X" from A',
      'B rejects accept 1.A: promised 1.C',
      'B → A  nack 1.A (promised 1.C)',
      'A abandons ballot 1.A: 1.C is higher',
      'CHOSEN: "Y" at ballot 1.C (accepted by C, B)',
    ],
  },
};

/** The trace lines without their time column (notes keep their text). */
function stripped(run: ScenarioRun): string[] {
  return run.lines.map((l) => l.replace(/^ *\d+ {2}/, '').trim());
}

function expectInOrder(text: readonly string[], wanted: readonly string[]): void {
  let from = 0;
  for (const line of wanted) {
    const at = text.indexOf(line, from);
    expect(at, `expected, after trace line ${from}: ${line}`).toBeGreaterThanOrEqual(0);
    from = at + 1;
  }
}

function load(name: string) {
  const parsed = parseScenario(readFileSync(join(DIR, `${name}.json`), 'utf8'));
  if (!parsed.ok) throw new Error(`${name}.json: ${parsed.error}`);
  return parsed.scenario;
}

describe('golden scenarios (test/scenarios/*.json → *.trace)', () => {
  it('has an expectation for every scenario file, and a file for every expectation', () => {
    expect(Object.keys(EXPECT).sort()).toEqual(NAMES);
  });

  for (const name of NAMES) {
    describe(name, () => {
      const scenario = load(name);
      const run = runScenario(scenario);
      const tracePath = join(DIR, `${name}.trace`);

      it('has a title and a one-sentence description', () => {
        expect(scenario.title?.trim()).toBeTruthy();
        expect(scenario.description?.trim()).toMatch(/^[^\n]+\.$/);
      });

      it('replays without error, and its report matches the .trace file exactly', () => {
        expect(run.error).toBeNull();
        const report = `${formatReport(run)}\n`;
        if (UPDATE) {
          writeFileSync(tracePath, report);
          return;
        }
        expect(existsSync(tracePath), `${name}.trace is missing: run UPDATE_GOLDEN=1 npx vitest run test/scenarios`).toBe(true);
        expect(report).toBe(readFileSync(tracePath, 'utf8'));
      });

      it('shows what its description claims', () => {
        const want = EXPECT[name];
        expect(want, `add an entry for ${name} to EXPECT`).toBeDefined();
        if (!want) return;
        const out = outcome(run);
        expect(out.violations).toEqual([]);
        expect(out.chosen).toBe(want.chosen);
        if (want.chosenBallot !== undefined) {
          const first = run.world.monitor.chosen[0]!;
          expect(`${first.ballot.round}.${first.ballot.node}`).toBe(want.chosenBallot);
        }
        // Agreement, stated directly: every ballot that ever reached a majority carried one value.
        expect(new Set(run.world.monitor.chosen.map((c) => c.value)).size).toBeLessThanOrEqual(1);
        if (want.learned) expect(out.learned).toEqual(want.learned);
        expect(out.reads).toEqual(want.reads ?? []);
        const text = stripped(run);
        expectInOrder(text, want.lines);
        want.check?.(run, text);
      });
    });
  }

  it('`npm run -s scenario` prints exactly the golden .trace', () => {
    const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
    const r = spawnSync(tsx, ['src/cli/scenario.ts', join(DIR, 'happy-path.json')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(DIR, 'happy-path.trace'), 'utf8'));
  }, 30_000);
});
