import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VARIANT_NAMES, type InvariantName, type VariantName } from '../../src/core';
import { outcome, parseScenario, runScenario, type Scenario, type ScenarioRun } from '../../src/scenario';
import { formatReport } from '../../src/scenario/report';

// "Break Paxos" presets: test/scenarios/variants/<variant>.json, one per variant. Each one
//   1. replays with its variant on, and the safety monitor reports the expected violations;
//   2. replays the SAME steps with the variant removed (the correct rules), and the monitor reports
//      nothing — which also shows that the monitor is not simply always red;
//   3. matches its golden report, test/scenarios/variants/<variant>.trace, byte for byte
//      (regenerate with `UPDATE_GOLDEN=1 npx vitest run test/scenarios` and read the diff).
//
// Under the correct rules some steps cannot be carried out: they act on a message that only the
// broken rule sends (e.g. an `accepted` that a correct acceptor answers with a `nack` instead, or
// an `accept` from a proposer that is still waiting for a real majority of promises). The
// comparison run then stops at that step — as any scenario does at a step it cannot carry out — and
// we check that it stopped exactly where expected, and that no violation happened up to there.

const DIR = fileURLToPath(new URL('./variants/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();

interface Expectation {
  /** Violations the broken run must report, in order. */
  readonly violations: readonly InvariantName[];
  /** Trace lines (time column stripped) that must appear, in this order, in the broken run. */
  readonly lines: readonly string[];
  /** Step at which the correct-rules run stops (a message only the broken rule sends); null: it runs to the end. */
  readonly correctStopsAt: number | null;
  /** Lines the correct-rules run must show instead, in order. */
  readonly correctLines: readonly string[];
  readonly check?: (broken: ScenarioRun, correct: ScenarioRun) => void;
}

const EXPECT: Record<VariantName, Expectation> = {
  amnesia: {
    violations: ['promise-monotonic', 'agreement'],
    lines: [
      'B promises 1.C',
      'B restarts with amnesia: it forgot promised 1.C, accepted nothing (from disk: promised —, accepted nothing, last round 0)',
      'B accepts 1.A "X"',
      'CHOSEN: "X" at ballot 1.A (accepted by A, B)',
      'CHOSEN: "Y" at ballot 1.C (accepted by C, B)',
      'C learns "Y" is chosen (ballot 1.C)',
      'A learns "X" is chosen (ballot 1.A)',
    ],
    // A correct B answers A's accept 1.A with a nack, so there is no `accepted` from B to A.
    correctStopsAt: 11,
    correctLines: [
      'B restarts (from disk: promised 1.C, accepted nothing, last round 0)',
      'B rejects accept 1.A: promised 1.C',
      'CHOSEN: "Y" at ballot 1.C (accepted by C, B)',
    ],
  },
  'ignore-accepted': {
    violations: ['agreement'],
    lines: [
      'CHOSEN: "X" at ballot 1.A (accepted by A, B)',
      'B promises 1.C (accepted 1.A = "X")',
      'C has a majority of promises for 1.C; proposes its own value "Y", ignoring the reported accepted 1.A = "X"',
      'CHOSEN: "Y" at ballot 1.C (accepted by C, B)',
    ],
    correctStopsAt: null,
    correctLines: [
      'C has a majority of promises for 1.C; adopts "X" (highest accepted: 1.A)',
      '"X" is chosen again, at ballot 1.C (accepted by C, B): the same value, as Paxos guarantees',
    ],
  },
  'no-tiebreak': {
    violations: ['promise-monotonic', 'agreement'],
    lines: [
      'C promises 1.A',
      'C promises 1.B',
      'C accepts 1.A "X"',
      'CHOSEN: "X" at ballot 1.A (accepted by A, C)',
      'CHOSEN: "Y" at ballot 1.B (accepted by B, C)',
    ],
    correctStopsAt: null,
    correctLines: ['C rejects accept 1.A: promised 1.B', 'CHOSEN: "Y" at ballot 1.B (accepted by B, C)'],
  },
  'accept-keeps-promise': {
    violations: ['promise-monotonic', 'agreement'],
    lines: [
      'C accepts 1.B "W"',
      'CHOSEN: "W" at ballot 1.B (accepted by B, C)',
      'C accepts 1.A "U"',
      'C promises 2.A (accepted 1.A = "U")',
      'A has a majority of promises for 2.A; re-proposes "U" (highest accepted: 1.A, its own earlier ballot)',
      'CHOSEN: "U" at ballot 2.A (accepted by A, C)',
    ],
    correctStopsAt: null,
    correctLines: [
      'C rejects accept 1.A: promised 1.B',
      'C promises 2.A (accepted 1.B = "W")',
      'A has a majority of promises for 2.A; adopts "W" (highest accepted: 1.B)',
      '"W" is chosen again, at ballot 2.A (accepted by A, C): the same value, as Paxos guarantees',
    ],
  },
  'learner-mixes-ballots': {
    violations: ['learned-is-chosen'],
    lines: [
      'C accepts 1.A "X"',
      'A accepts 2.A "X"',
      'A receives accepted 1.A "X" from C',
      'A learns "X" is chosen (ballot 2.A), counting votes from different ballots: A at 2.A, C at 1.A',
      'CHOSEN: "Y" at ballot 2.B (accepted by B, C)',
      'B learns "Y" is chosen (ballot 2.B)',
    ],
    correctStopsAt: null,
    correctLines: [
      'A ignores accepted 1.A "X" from C: accepted for 1.A, but its ballot is 2.A',
      'CHOSEN: "Y" at ballot 2.B (accepted by B, C)',
    ],
    check: (broken) => {
      // Two nodes learned two different values.
      expect(outcome(broken).learned).toMatchObject({ A: 'X', B: 'Y' });
    },
  },
  'read-ignores-ballots': {
    violations: ['read-is-chosen'],
    lines: [
      'A accepts 1.A "X"',
      'C accepts 1.C "Y"',
      'B accepts 2.B "X"',
      'read #1 at C returns "X" (enough nodes reported "X", but at different ballots: 1.A, 2.B)',
      'CHOSEN: "Y" at ballot 2.C (accepted by C, A)',
    ],
    correctStopsAt: null,
    correctLines: [
      'read #1 at C fails: no-majority (no majority reported the same accepted proposal)',
      'CHOSEN: "Y" at ballot 2.C (accepted by C, A)',
    ],
    check: (broken) => {
      // The read returned a value that is never chosen.
      expect(outcome(broken).reads).toEqual([{ node: 'C', result: 'ok', value: 'X' }]);
      expect(broken.world.monitor.chosen.map((c) => c.value)).toEqual(['Y']);
    },
  },
  'small-quorum': {
    violations: ['learned-is-chosen', 'learned-is-chosen', 'agreement'],
    lines: [
      'A has a majority of promises for 1.A; proposes its own value "X"',
      'E has a majority of promises for 1.E; proposes its own value "Y"',
      'A learns "X" is chosen (ballot 1.A)',
      'CHOSEN: "X" at ballot 1.A (accepted by A, B, C)',
      'E learns "Y" is chosen (ballot 1.E)',
      'CHOSEN: "Y" at ballot 1.E (accepted by E, D, C)',
    ],
    // Correct proposers wait for a third promise, so A never sends accept 1.A.
    correctStopsAt: 6,
    correctLines: ['B promises 1.A', 'D promises 1.E'],
  },
};

function load(name: string): Scenario {
  const parsed = parseScenario(readFileSync(join(DIR, `${name}.json`), 'utf8'));
  if (!parsed.ok) throw new Error(`${name}.json: ${parsed.error}`);
  return parsed.scenario;
}

const stripped = (run: ScenarioRun) => run.lines.map((l) => l.replace(/^ *\d+ {2}/, '').trim());

function expectInOrder(text: readonly string[], wanted: readonly string[]): void {
  let from = 0;
  for (const line of wanted) {
    const at = text.indexOf(line, from);
    expect(at, `expected, after trace line ${from}: ${line}`).toBeGreaterThanOrEqual(0);
    from = at + 1;
  }
}

describe('"Break Paxos" presets (test/scenarios/variants/*.json)', () => {
  it('has exactly one preset per variant, named after it', () => {
    expect(FILES).toEqual([...VARIANT_NAMES].sort());
  });

  for (const name of VARIANT_NAMES) {
    describe(name, () => {
      const scenario = load(name);
      const want = EXPECT[name];
      const broken = runScenario(scenario);
      const { variants: _off, ...withoutVariants } = scenario;
      const correct = runScenario(withoutVariants);

      it('enables exactly its variant, and has a title and a one-paragraph description', () => {
        expect(scenario.variants).toEqual([name]);
        expect(scenario.title?.trim()).toBeTruthy();
        expect(scenario.description?.trim()).toMatch(/^[^\n]+\.$/);
      });

      it('with the broken rule: the monitor reports the violation, and the trace shows how', () => {
        expect(broken.error).toBeNull();
        const out = outcome(broken);
        expect(out.variants).toEqual([name]);
        expect(out.violations.map((v) => v.invariant)).toEqual(want.violations);
        for (const v of out.violations) expect(v.explanation.length).toBeGreaterThan(40);
        // Two different values chosen, or a value learned / read that is not chosen.
        const chosenValues = new Set(broken.world.monitor.chosen.map((c) => c.value));
        const learned = new Set(broken.world.nodes.flatMap((n) => (n.learned ? [n.learned.value] : [])));
        const read = broken.world.reads.flatMap((r) => (r.result === 'ok' ? [r.value] : []));
        expect(chosenValues.size > 1 || [...learned, ...read].some((v) => !chosenValues.has(v)) || learned.size > 1).toBe(true);
        expectInOrder(stripped(broken), want.lines);
        want.check?.(broken, correct);
      });

      it('with the correct rules, the same schedule: no violation', () => {
        expect(correct.world.config.variants).toBeUndefined();
        if (want.correctStopsAt === null) expect(correct.error).toBeNull();
        else expect(correct.error?.step).toBe(want.correctStopsAt);
        expect(correct.world.monitor.violations).toEqual([]);
        expect(new Set(correct.world.monitor.chosen.map((c) => c.value)).size).toBeLessThanOrEqual(1);
        expectInOrder(stripped(correct), want.correctLines);
      });

      it('matches its golden .trace exactly', () => {
        const report = `${formatReport(broken)}\n`;
        const tracePath = join(DIR, `${name}.trace`);
        if (UPDATE) {
          writeFileSync(tracePath, report);
          return;
        }
        expect(existsSync(tracePath), `${name}.trace is missing: run UPDATE_GOLDEN=1 npx vitest run test/scenarios`).toBe(true);
        expect(report).toBe(readFileSync(tracePath, 'utf8'));
      });
    });
  }
});
