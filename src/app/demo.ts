import { describe, formatBallot, type SimEvent } from '../core';
import { outcome, runScenario, validateScenario, type ScenarioRun } from '../scenario';

// The placeholder page's live demo: the happy-path scenario (the same one as
// test/scenarios/happy-path.json), validated and replayed by the real core in the browser.

export const HAPPY_PATH = {
  version: 1,
  protocol: 'basic',
  nodes: 3,
  seed: 7,
  title: 'Happy path',
  description: 'One client write at A; every node learns it; a read at C returns it.',
  network: { mode: 'auto' },
  steps: [
    { write: { node: 'A', value: 'X' } },
    { run: { until: 'quiet' } },
    { read: { node: 'C' } },
    { run: { until: 'quiet' } },
  ],
} as const;

export interface TraceRow {
  readonly time: number;
  readonly text: string;
  readonly kind: SimEvent['type'];
}

export type Demo =
  | {
    readonly ok: true;
    readonly title: string;
    readonly description: string;
    /** The value the safety monitor saw a majority accept (null if none). */
    readonly chosen: string | null;
    readonly chosenBallot: string | null;
    readonly learned: readonly { readonly node: string; readonly value: string | null }[];
    readonly reads: ReturnType<typeof outcome>['reads'];
    readonly violations: number;
    readonly finalTime: number;
    readonly rows: readonly TraceRow[];
    /** Set when a step could not be carried out; the trace stops there. */
    readonly stepError: string | null;
  }
  | { readonly ok: false; readonly error: string };

export function runDemo(input: unknown = HAPPY_PATH): Demo {
  const parsed = validateScenario(input);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const run: ScenarioRun = runScenario(parsed.scenario);
  const out = outcome(run);
  const first = run.world.monitor.chosen[0];
  return {
    ok: true,
    title: parsed.scenario.title ?? 'Scenario',
    description: parsed.scenario.description ?? '',
    chosen: out.chosen,
    chosenBallot: first ? formatBallot(first.ballot) : null,
    learned: Object.entries(out.learned).map(([node, value]) => ({ node, value })),
    reads: out.reads,
    violations: out.violations.length,
    finalTime: run.world.time,
    rows: run.events.map((e) => ({ time: e.time, text: describe(e), kind: e.type })),
    stepError: run.error ? `step ${run.error.step}: ${run.error.message}` : null,
  };
}
