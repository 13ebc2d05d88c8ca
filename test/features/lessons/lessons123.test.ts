import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../../src/lessons/content';
import type { ChallengeView, Lesson, ScenarioData } from '../../../src/lessons/model';
import { runScenario, validateScenario, type Scenario } from '../../../src/scenario';

// Lessons 1–3 (the problem and the roles; phase 1; phase 2): their runs replay, every step's
// spotlight points at something that is there, and each challenge is not done at its setup and is
// done by its solution — judged on the run, so a wrong order of the same clicks is not done.

const scenarioOf = (data: ScenarioData): Scenario => {
  const v = validateScenario(data);
  if (!v.ok) throw new Error(v.error);
  return v.scenario;
};

const viewOf = (s: Scenario): ChallengeView => {
  const run = runScenario(s);
  if (run.error) throw new Error(`step ${run.error.step}: ${run.error.message}`);
  return { world: run.world, multi: null, events: run.events, multiEvents: [] };
};

const withSteps = (s: Scenario, steps: readonly unknown[]): Scenario => scenarioOf({ ...s, steps });

describe.each(LESSONS.slice(0, 3).map((l) => [l.number, l] as [number, Lesson]))('lesson %i', (n, lesson) => {
  it('is numbered, has 5–9 narrated steps in order, a manual basic 3-node run that replays', () => {
    expect(lesson.number).toBe(n);
    expect(lesson.steps.length).toBeGreaterThanOrEqual(5);
    expect(lesson.steps.length).toBeLessThanOrEqual(9);
    const s = scenarioOf(lesson.scenario);
    expect(s.protocol).toBe('basic');
    expect(s.nodes).toBe(3);
    expect(s.network?.mode).toBe('manual');
    expect(runScenario(s).error).toBeNull();
    let at = 0;
    for (const step of lesson.steps) {
      expect(step.at).toBeGreaterThanOrEqual(at);
      expect(step.at).toBeLessThanOrEqual(s.steps.length);
      at = step.at;
      expect(step.text.length).toBeGreaterThan(0);
      for (const p of step.text) expect(p).not.toMatch(/<[a-z]/i);
    }
    // The last step shows the end of the run.
    expect(lesson.steps.at(-1)!.at).toBe(s.steps.length);
  });

  it('spotlights only nodes of the cluster and message types that are on the wire at that step', () => {
    const s = scenarioOf(lesson.scenario);
    for (const step of lesson.steps) {
      const world = viewOf(withSteps(s, s.steps.slice(0, step.at))).world!;
      for (const node of step.focus?.nodes ?? []) expect(world.nodes.map((x) => x.id)).toContain(node);
      for (const type of step.focus?.messages ?? []) {
        expect(world.inflight.some((m) => m.type === type), `${step.title}: a ${type} in flight`).toBe(true);
      }
    }
  });

  it('its challenge is not done at the setup, and done by the solution', () => {
    const setup = scenarioOf(lesson.challenge.setup);
    expect(setup.network?.mode).toBe('manual');
    const before = lesson.challenge.check(viewOf(setup));
    expect(before.done).toBe(false);
    if (!before.done) expect(before.missing.length).toBeGreaterThan(10);
    const solved = withSteps(setup, [...setup.steps, ...lesson.challenge.solution]);
    expect(lesson.challenge.check(viewOf(solved))).toEqual({ done: true });
    // Every prefix of the solution short of the whole is not yet done (the last step does it).
    for (let k = 0; k < lesson.challenge.solution.length; k++) {
      const part = withSteps(setup, [...setup.steps, ...lesson.challenge.solution.slice(0, k)]);
      expect(lesson.challenge.check(viewOf(part)).done).toBe(false);
    }
  });
});

describe('the checks judge the run, not the clicks', () => {
  it('lesson 3: a value chosen before the crash does not count, nor does a crashed node that comes back first', () => {
    const c = LESSONS[2]!.challenge;
    const setup = scenarioOf(c.setup);
    const late = withSteps(setup, [...setup.steps,
      { deliver: { type: 'prepare', from: 'A', to: 'B' } }, { deliver: { type: 'promise', from: 'B', to: 'A' } },
      { deliver: { type: 'accept', from: 'A', to: 'B' } }, { crash: 'C' }]);
    const r = c.check(viewOf(late));
    expect(r.done).toBe(false);
    if (!r.done) expect(r.missing).toMatch(/was chosen while every node was up/);
    const back = withSteps(setup, [...setup.steps, { crash: 'C' }, { restart: 'C' },
      { deliver: { type: 'prepare', from: 'A', to: 'B' } }, { deliver: { type: 'promise', from: 'B', to: 'A' } },
      { deliver: { type: 'accept', from: 'A', to: 'B' } }]);
    expect(c.check(viewOf(back)).done).toBe(false);
  });

  it('lesson 2: a refused accept is not a refused prepare', () => {
    const c = LESSONS[1]!.challenge;
    // The lesson's own run refuses an accept at step 6, a prepare only at step 7.
    const s = scenarioOf(LESSONS[1]!.scenario);
    expect(c.check(viewOf(withSteps(s, s.steps.slice(0, 6)))).done).toBe(false);
    expect(c.check(viewOf(s)).done).toBe(true);
  });
});
