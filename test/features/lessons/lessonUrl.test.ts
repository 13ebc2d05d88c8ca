import { describe, expect, it } from 'vitest';
import { createRunKeeper, type PageEnv } from '../../../src/app/linkOpening';
import { saveWork, type StorageLike } from '../../../src/app/persistence';
import { LESSON_CATALOG } from '../../../src/lessons/catalog';
import { LESSONS } from '../../../src/lessons/content';
import { positionAt } from '../../../src/lessons/positions';
import { LESSONS_KEY, loadSolved, saveSolved } from '../../../src/lessons/progress';
import { lessonSession, showLessonStep } from '../../../src/lessons/session';
import { lessonSearch, parseLessonParams } from '../../../src/lessons/url';
import { encodeLink, type Scenario } from '../../../src/scenario';
import { exportScenario } from '../../../src/worker/scenarioIO';
import { createHarness } from '../../helpers/harness';

// `?lesson=N&step=K`: parsing (untrusted), writing, and what the app opens at start when the
// address names a lesson step (with saved work, with a share link, with neither).

describe('lesson URL parameters', () => {
  it('reads a lesson and a 1-based step; a missing step is step 1; other parameters are ignored', () => {
    expect(parseLessonParams('', LESSON_CATALOG)).toEqual({ kind: 'none' });
    expect(parseLessonParams('?embed=1', LESSON_CATALOG)).toEqual({ kind: 'none' });
    expect(parseLessonParams('?lesson=2&step=3', LESSON_CATALOG)).toEqual({ kind: 'ok', lesson: 2, step: 2 });
    expect(parseLessonParams('?step=1&lesson=5', LESSON_CATALOG)).toEqual({ kind: 'ok', lesson: 5, step: 0 });
    expect(parseLessonParams('?lesson=1', LESSON_CATALOG)).toEqual({ kind: 'ok', lesson: 1, step: 0 });
    // The challenge is the last step.
    const last = LESSONS[0]!.steps.length + 1;
    expect(parseLessonParams(`?lesson=1&step=${last}`, LESSON_CATALOG)).toEqual({ kind: 'ok', lesson: 1, step: last - 1 });
  });

  it('refuses what is not a lesson step with one plain sentence', () => {
    expect(parseLessonParams('?lesson=99', LESSON_CATALOG)).toEqual({ kind: 'error', text: 'There is no lesson 99; lessons are 1–8.' });
    expect(parseLessonParams('?lesson=0', LESSON_CATALOG)).toEqual({ kind: 'error', text: 'There is no lesson 0; lessons are 1–8.' });
    expect(parseLessonParams('?lesson=two', LESSON_CATALOG)).toEqual({ kind: 'error', text: 'There is no lesson “two”; lessons are 1–8.' });
    const count = LESSONS[1]!.steps.length + 1;
    expect(parseLessonParams('?lesson=2&step=abc', LESSON_CATALOG)).toEqual({ kind: 'error', text: `Lesson 2 has no step “abc”; its steps are 1–${count}.` });
    expect(parseLessonParams('?lesson=2&step=0', LESSON_CATALOG).kind).toBe('error');
    expect(parseLessonParams(`?lesson=2&step=${count + 1}`, LESSON_CATALOG).kind).toBe('error');
    expect(parseLessonParams('?lesson=1e1', LESSON_CATALOG).kind).toBe('error');
    // Hostile text is only ever text, and cut short.
    const r = parseLessonParams(`?lesson=${encodeURIComponent('<img src=x onerror=alert(1)>'.repeat(5))}`, LESSON_CATALOG);
    expect(r.kind === 'error' && r.text.length < 80).toBe(true);
  });

  it('writes the step 1-based and keeps the other parameters; null removes both', () => {
    expect(lessonSearch('', { lesson: 2, step: 2 })).toBe('?lesson=2&step=3');
    expect(lessonSearch('?embed=0&lesson=1&step=1', { lesson: 4, step: 0 })).toBe('?embed=0&lesson=4&step=1');
    expect(lessonSearch('?lesson=4&step=1&x=y', null)).toBe('?x=y');
    expect(lessonSearch('?lesson=4&step=1', null)).toBe('');
  });

  it('positions: a step after `at` scenario steps', () => {
    expect(positionAt([1, 2, 5], 0)).toBe(0);
    expect(positionAt([1, 2, 5], 2)).toBe(2);
    expect(positionAt([1, 2, 5], 3)).toBe(5);
    expect(positionAt([1, 2, 5], 9)).toBe(5);
    expect(positionAt([], 2)).toBe(0);
  });
});

describe('solved challenges in storage', () => {
  const memory = (text: string | null): StorageLike => {
    let v = text;
    return { getItem: () => v, setItem: (_k, x) => { v = x; }, removeItem: () => { v = null; } };
  };
  it('keeps only lesson numbers, and survives damaged or refused storage', () => {
    expect(loadSolved(memory(null), 8)).toEqual([]);
    expect(loadSolved(memory('not json'), 8)).toEqual([]);
    expect(loadSolved(memory('[1,2]'), 8)).toEqual([]);
    expect(loadSolved(memory('{"solved":"1"}'), 8)).toEqual([]);
    expect(loadSolved(memory('{"solved":[8,2,2,9,0,"3",2.5,null]}'), 8)).toEqual([2, 8]);
    expect(loadSolved(memory(`{"solved":[${'1,'.repeat(10_000)}1]}`), 8)).toEqual([]);
    const s = memory('{"solved":[5]}');
    expect(saveSolved(s, 8, 2)).toEqual([2, 5]);
    expect(s.getItem(LESSONS_KEY)).toBe('{"solved":[2,5]}');
    const refusing: StorageLike = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); }, removeItem: () => {} };
    expect(loadSolved(refusing, 8)).toEqual([]);
    expect(saveSolved(refusing, 8, 3)).toEqual([3]);
    expect(loadSolved(null, 8)).toEqual([]);
  });
});

function env(hash: string, storage: StorageLike | null): PageEnv {
  let current = hash;
  return { hash: () => current, clearHash: () => { current = ''; }, storage, on: () => () => {} };
}

function memoryStorage(): StorageLike {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

describe('opening the app on a lesson step', () => {
  const harness = () => {
    const h = createHarness();
    const original = h.sim.loadScenario;
    h.sim.loadScenario = async (scenario, position, source) => {
      const ok = await original(scenario, position, source);
      if (ok) h.store.setState({ config: { ...h.store.getState().config } });
      return ok;
    };
    return { ...h, binding: { store: h.store, actions: h.sim } };
  };

  it('the lesson step opens instead of the saved run and the default opening', async () => {
    const h = harness();
    const storage = memoryStorage();
    const other = createHarness();
    other.engine.dispatch({ type: 'write', node: 'B', value: 'mine' });
    const saved = exportScenario(other.engine);
    if (!saved.ok) throw new Error(saved.error);
    saveWork(storage, { scenario: saved.scenario, position: null });
    let opened = 0;
    const keeper = createRunKeeper(h.binding, env('', storage), { opening: async () => { opened++; } });
    const outcome = await keeper.start({ instead: () => showLessonStep(h.binding, 3, 4) });
    expect(outcome).toBe('lesson');
    expect(opened).toBe(0);
    const session = lessonSession(h.store).getState();
    expect(session.open).toEqual({ lesson: 3, step: 4 });
    expect(session.run?.kind).toBe('lesson');
    // Lesson 3, step 5 shows the world after 9 scenario steps: B has promised 1.C and reported "X".
    const frame = h.store.getState().frame!;
    expect(frame.position).toBe(positionAt(session.run!.stepEnds, LESSONS[2]!.steps[4]!.at));
    expect(frame.world.nodes[1]!.durable.promised).toEqual({ round: 1, node: 'C' });
    expect(h.store.getState().spotlight).toEqual({ nodes: ['B'], messages: ['promise'] });
  });

  it('a share link in the same address wins for the run; the lesson card opens over it', async () => {
    const h = harness();
    const other = createHarness();
    other.engine.dispatch({ type: 'write', node: 'C', value: 'linked' });
    const linked = exportScenario(other.engine);
    if (!linked.ok) throw new Error(linked.error);
    const keeper = createRunKeeper(h.binding, env(encodeLink(linked.scenario as Scenario), memoryStorage()), { opening: async () => {} });
    let lessonLoaded = 0;
    const outcome = await keeper.start({ instead: async () => { lessonLoaded++; return true; } });
    expect(outcome).toBe('link');
    expect(lessonLoaded).toBe(0);
    await showLessonStep(h.binding, 1, 2, { load: false });
    expect(lessonSession(h.store).getState().open).toEqual({ lesson: 1, step: 2 });
    expect(h.store.getState().frame!.world.monitor.proposed).toEqual(['linked']);
  });
});
