import { runMultiScenario, runScenario, validateScenario } from '../scenario';
import type { ChallengeView, ScenarioData } from './model';

// Replays a lesson's scenario (or a challenge's setup) headless and builds the view a challenge's
// check judges: the basic world and events, or the Multi-Paxos world and events. Pure: the same
// scenario always gives the same view. Used by the content tests; the lesson UI may use it too.

export interface LessonRun {
  /** The world and events after the steps that ran. */
  readonly view: ChallengeView;
  /** Command position right after each scenario step (see runScenario's `stepEnds`). */
  readonly stepEnds: readonly number[];
  /** Why the scenario is invalid or a step could not be carried out; null when all ran. */
  readonly error: string | null;
}

/**
 * Runs `data` up to and including its first `steps` steps (all of them by default): the moment a
 * lesson step with `at: steps` shows. A scenario step is deterministic, so a prefix of the steps
 * replays exactly the prefix of the full run.
 */
export function runLessonScenario(data: ScenarioData, steps?: number): LessonRun {
  const all = Array.isArray(data.steps) ? (data.steps as unknown[]) : [];
  const parsed = validateScenario(steps === undefined ? data : { ...data, steps: all.slice(0, steps) });
  if (!parsed.ok) {
    return { view: { world: null, multi: null, events: [], multiEvents: [] }, stepEnds: [], error: parsed.error };
  }
  const s = parsed.scenario;
  if (s.protocol === 'multi') {
    const r = runMultiScenario(s);
    return {
      view: { world: null, multi: r.world, events: [], multiEvents: r.events },
      stepEnds: r.stepEnds,
      error: r.error && `step ${r.error.step}: ${r.error.message}`,
    };
  }
  const r = runScenario(s);
  return {
    view: { world: r.world, multi: null, events: r.events, multiEvents: [] },
    stepEnds: r.stepEnds,
    error: r.error && `step ${r.error.step}: ${r.error.message}`,
  };
}

/** A challenge's setup with extra steps appended (e.g. its solution), as one scenario. */
export function withSteps(setup: ScenarioData, extra: readonly Readonly<Record<string, unknown>>[]): ScenarioData {
  const steps = Array.isArray(setup.steps) ? (setup.steps as unknown[]) : [];
  return { ...setup, steps: [...steps, ...extra] };
}
