// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LessonCard, LessonMenu } from '../../../src/features/lessons';
import { LESSONS } from '../../../src/lessons/content';
import { LESSONS_KEY } from '../../../src/lessons/progress';
import { lessonSession, showLessonStep } from '../../../src/lessons/session';
import type { Scenario } from '../../../src/scenario';
import { createHarness } from '../../helpers/harness';

afterEach(cleanup);
beforeEach(() => {
  window.localStorage.clear();
  window.history.replaceState(null, '', '/');
});

/**
 * The harness with the app's loadScenario behaviour: a successful load replaces the store's config
 * object (that is how the lessons recognise their own run). Every load is recorded.
 */
function setup() {
  const h = createHarness();
  const loads: { scenario: Scenario; position: number | null }[] = [];
  const original = h.sim.loadScenario;
  h.sim.loadScenario = async (scenario, position, source) => {
    loads.push({ scenario, position });
    const ok = await original(scenario, position, source);
    if (ok) h.store.setState({ config: { ...h.store.getState().config } });
    return ok;
  };
  render(<><LessonMenu /><LessonCard /></>, { wrapper: h.wrapper });
  const seeks = () => h.calls.filter((c) => c.startsWith('seek:'));
  return { ...h, loads, seeks, binding: { store: h.store, actions: h.sim } };
}

const card = () => screen.getByRole('region', { name: /^Lesson \d$/ });
const progress = () => within(card()).getByText(/^Step \d+ of \d+$/).textContent;
const button = (name: string | RegExp) => within(card()).getByRole('button', { name });

async function openFromMenu(n: number) {
  fireEvent.click(screen.getByRole('button', { name: 'Lessons ▾' }));
  const menu = screen.getByRole('group', { name: /^Lessons/ });
  fireEvent.click(within(menu).getAllByRole('button').find((b) => b.dataset.lesson === String(n))!);
  await waitFor(() => {
    const st = lessonSession(screenStore!).getState();
    expect(st.run?.lesson === n && !st.busy).toBe(true);
  });
}
let screenStore: ReturnType<typeof createHarness>['store'] | null = null;

describe('the lessons menu', () => {
  it('lists the eight lessons in order, with their summaries and a ✓ for solved ones (stored data untrusted)', () => {
    window.localStorage.setItem(LESSONS_KEY, JSON.stringify({ solved: [3, 'x', 99, 1.5, 3, -1] }));
    setup();
    fireEvent.click(screen.getByRole('button', { name: 'Lessons ▾' }));
    const menu = screen.getByRole('group', { name: /^Lessons/ });
    const items = within(menu).getAllByRole('listitem');
    expect(items).toHaveLength(8);
    LESSONS.forEach((l, i) => {
      expect(items[i]!.textContent).toContain(`Lesson ${l.number}: ${l.title}`);
      expect(items[i]!.textContent).toContain(l.summary);
    });
    expect(within(items[2]!).queryByLabelText('challenge solved')).not.toBeNull();
    expect(items.filter((it) => within(it).queryByLabelText('challenge solved'))).toHaveLength(1);
    // Escape closes it.
    fireEvent.keyDown(within(menu).getAllByRole('button')[0]!, { key: 'Escape' });
    expect(screen.queryByRole('group', { name: /^Lessons/ })).toBeNull();
  });

  it('ignores a damaged progress record', () => {
    window.localStorage.setItem(LESSONS_KEY, '{"solved": [[[[');
    setup();
    fireEvent.click(screen.getByRole('button', { name: 'Lessons ▾' }));
    expect(screen.queryAllByLabelText('challenge solved')).toHaveLength(0);
  });
});

describe('lesson navigation', () => {
  it('opens a lesson from the menu at its first step, with progress, narration, spotlight and URL', async () => {
    const h = setup();
    screenStore = h.store;
    expect(screen.queryByRole('region', { name: /^Lesson/ })).toBeNull();
    await openFromMenu(2);
    expect(h.loads).toHaveLength(1);
    expect(h.loads[0]!.scenario.title).toMatch(/^Lesson 2/);
    expect(h.loads[0]!.position).toBe(0);
    expect(card().textContent).toContain('Lesson 2 of 8 · Phase 1: prepare, promises and ballot numbers');
    expect(progress()).toBe(`Step 1 of ${LESSONS[1]!.steps.length + 1}`);
    expect(within(card()).getByRole('heading').textContent).toBe(LESSONS[1]!.steps[0]!.title);
    expect(button('← Back')).toHaveProperty('disabled', true);
    expect(h.store.getState().spotlight).toEqual({ nodes: ['A', 'B', 'C'], messages: [] });
    expect(window.location.search).toBe('?lesson=2&step=1');
  });

  it('Next and Back travel in time in the lesson\'s own run (seek, no reload)', async () => {
    const h = setup();
    screenStore = h.store;
    await openFromMenu(2);
    const length = h.store.getState().frame!.length;
    fireEvent.click(button('Next →'));
    await waitFor(() => expect(progress()).toBe('Step 2 of 9'));
    expect(h.seeks()).toEqual(['seek:1']);
    expect(h.store.getState().frame!.position).toBe(1);
    expect(h.store.getState().frame!.length).toBe(length);
    expect(within(card()).getByRole('heading').textContent).toBe('A prepares ballot 1.A');
    expect(h.store.getState().spotlight).toEqual({ nodes: ['A'], messages: ['prepare'] });
    expect(window.location.search).toBe('?lesson=2&step=2');

    fireEvent.click(button('Next →'));
    fireEvent.click(button('Next →'));
    await waitFor(() => expect(progress()).toBe('Step 4 of 9'));
    expect(h.store.getState().frame!.position).toBe(3);

    fireEvent.click(button('← Back'));
    await waitFor(() => expect(progress()).toBe('Step 3 of 9'));
    expect(h.seeks().at(-1)).toBe('seek:2');
    expect(h.store.getState().frame!.position).toBe(2);
    expect(h.loads).toHaveLength(1);

    // A dot jumps straight to its step.
    fireEvent.click(within(card()).getByRole('button', { name: /^Step 7:/ }));
    await waitFor(() => expect(progress()).toBe('Step 7 of 9'));
    expect(h.store.getState().frame!.position).toBe(6);
    expect(h.loads).toHaveLength(1);
  });

  it('after the student acts (a fork), Back reloads the lesson run at the step', async () => {
    const h = setup();
    screenStore = h.store;
    await openFromMenu(2);
    fireEvent.click(button('Next →'));
    fireEvent.click(button('Next →'));
    await waitFor(() => expect(progress()).toBe('Step 3 of 9'));
    // The student crashes C here, in the past: a new future.
    await act(async () => { await h.sim.dispatch({ type: 'crash', node: 'C' }); });
    expect(lessonSession(h.store).getState().run!.diverged).toBe(true);
    fireEvent.click(button('← Back'));
    await waitFor(() => expect(h.loads).toHaveLength(2));
    await waitFor(() => expect(progress()).toBe('Step 2 of 9'));
    expect(h.loads[1]!.position).toBe(1);
    expect(h.store.getState().frame!.world.nodes.every((n) => n.up)).toBe(true);
    // The reloaded run is the lesson's again: Next is a seek.
    const seeksBefore = h.seeks().length;
    fireEvent.click(button('Next →'));
    await waitFor(() => expect(progress()).toBe('Step 3 of 9'));
    expect(h.seeks().length).toBe(seeksBefore + 1);
    expect(h.loads).toHaveLength(2);
  });

  it('a run opened by something else is not the lesson\'s: Next reloads the lesson', async () => {
    const h = setup();
    screenStore = h.store;
    await openFromMenu(1);
    await act(async () => { h.sim.reset({ seed: 9 }); });
    fireEvent.click(button('Next →'));
    await waitFor(() => expect(h.loads).toHaveLength(2));
    await waitFor(() => expect(h.store.getState().frame!.length).toBeGreaterThan(0));
    expect(h.loads[1]!.position).toBe(0);
  });

  it('Exit lesson closes the card, clears the spotlight and the URL, and keeps the run', async () => {
    const h = setup();
    screenStore = h.store;
    window.history.replaceState(null, '', '/?embed=0');
    await act(async () => { await showLessonStep(h.binding, 3, 2); });
    expect(window.location.search).toBe('?embed=0&lesson=3&step=3');
    const frame = h.store.getState().frame;
    fireEvent.click(button('Exit lesson'));
    expect(screen.queryByRole('region', { name: /^Lesson/ })).toBeNull();
    expect(h.store.getState().spotlight).toBeNull();
    expect(window.location.search).toBe('?embed=0');
    expect(h.store.getState().frame).toBe(frame);
  });
});

describe('the run a lesson replaced', () => {
  it('"Exit to my run" gives back the student\'s own run; without one there is no such button', async () => {
    const h = setup();
    screenStore = h.store;
    await act(async () => { await h.sim.dispatch({ type: 'write', node: 'B', value: 'mine' }); });
    await openFromMenu(1);
    expect(h.store.getState().frame!.world.monitor.proposed).toEqual([]);
    // Navigating and acting inside the lesson does not replace what is kept.
    fireEvent.click(button('Next →'));
    fireEvent.click(button('Next →'));
    await waitFor(() => expect(progress()).toBe('Step 3 of 9'));
    fireEvent.click(button('Exit to my run'));
    await waitFor(() => expect(h.store.getState().frame!.world.monitor.proposed).toEqual(['mine']));
    expect(screen.queryByRole('region', { name: /^Lesson/ })).toBeNull();
    expect(h.store.getState().banner?.text).toBe('The lesson is closed and your previous run is back.');
    // Opened again: nothing of the student's to go back to (the run on screen is theirs again, and kept again).
    await openFromMenu(2);
    expect(button('Exit to my run')).toBeTruthy();
  });

  it('an empty run is not worth keeping', async () => {
    const h = setup();
    screenStore = h.store;
    await openFromMenu(1);
    expect(within(card()).queryByRole('button', { name: 'Exit to my run' })).toBeNull();
  });
});

describe('the challenge', () => {
  it('is the last step: "Next: try it yourself" opens the challenge setup at its end, and the focus goes to its heading', async () => {
    const h = setup();
    screenStore = h.store;
    const lesson = LESSONS[0]!;
    await act(async () => { await showLessonStep(h.binding, 1, lesson.steps.length - 1); });
    const next = button('Next: try it yourself →');
    next.focus();
    fireEvent.click(next);
    await waitFor(() => expect(progress()).toBe(`Step ${lesson.steps.length + 1} of ${lesson.steps.length + 1}`));
    await waitFor(() => expect(lessonSession(h.store).getState().run?.kind).toBe('challenge'));
    expect(h.loads.at(-1)!.scenario.title).toBe('Lesson 1 challenge: deliver the messages yourself');
    expect(h.store.getState().frame!.position).toBe(h.store.getState().frame!.length);
    expect(document.activeElement).toBe(within(card()).getByRole('heading'));
    expect(window.location.search).toBe(`?lesson=1&step=${lesson.steps.length + 1}`);
    // Back from the challenge: the lesson's run again, at its last step.
    fireEvent.click(button('← Back'));
    await waitFor(() => expect(lessonSession(h.store).getState().run?.kind).toBe('lesson'));
    expect(h.store.getState().frame!.world.nodes.every((n) => n.learned?.value === 'X')).toBe(true);
  });

  it('Check says what is missing, then the hint and Show me; doing it is detected, ✓ and remembered', async () => {
    const h = setup();
    screenStore = h.store;
    const lesson = LESSONS[1]!;
    await act(async () => { await showLessonStep(h.binding, 2, lesson.steps.length); });
    expect(progress()).toBe('Step 9 of 9');
    expect(h.loads.at(-1)!.scenario.title).toMatch(/challenge/);
    expect(h.loads.at(-1)!.position).toBe(1); // the setup's end: its one write
    expect(within(card()).getByRole('heading').textContent).toContain(lesson.challenge.task);
    expect(screen.queryByText(/^Hint:/)).toBeNull();
    expect(within(card()).queryByRole('button', { name: 'Show me' })).toBeNull();
    expect(within(card()).queryByRole('button', { name: 'Next →' })).toBeNull();

    fireEvent.click(button('Check'));
    expect(card().textContent).toMatch(/Not yet: no acceptor has refused a prepare/);
    expect(card().textContent).toContain(lesson.challenge.hint);
    expect(button('Show me')).toBeTruthy();

    // The student asks C to write, then delivers A's prepare to C: C refuses it.
    await act(async () => { await h.sim.dispatch({ type: 'write', node: 'C', value: 'Y' }); });
    expect(card().textContent).not.toContain('Solved!');
    const prepare = h.store.getState().frame!.world.inflight.find((m) => m.type === 'prepare' && m.from === 'A' && m.to === 'C')!;
    await act(async () => { await h.sim.dispatch({ type: 'deliver', id: prepare.id }); });
    await waitFor(() => expect(card().textContent).toContain('Solved!'));
    expect(card().textContent).toContain(lesson.challenge.success);
    expect(card().textContent).not.toContain('Not yet');
    expect(JSON.parse(window.localStorage.getItem(LESSONS_KEY)!)).toEqual({ solved: [2] });
    fireEvent.click(screen.getByRole('button', { name: 'Lessons ▾' }));
    const items = within(screen.getByRole('group', { name: /^Lessons/ })).getAllByRole('listitem');
    expect(within(items[1]!).queryByLabelText('challenge solved')).not.toBeNull();
  });

  it('Show me loads the setup plus the solution where the setup ends; watching it is not a ✓', async () => {
    const h = setup();
    screenStore = h.store;
    await act(async () => { await showLessonStep(h.binding, 3, LESSONS[2]!.steps.length); });
    fireEvent.click(button('Check'));
    expect(card().textContent).toMatch(/Not yet: no node is down yet/);
    fireEvent.click(button('Show me'));
    await waitFor(() => expect(h.loads.at(-1)!.scenario.title).toMatch(/\(solution\)$/));
    await waitFor(() => expect(lessonSession(h.store).getState().run?.kind).toBe('solution'));
    expect(h.store.getState().frame!.position).toBe(1);
    // Step plays the solution out.
    act(() => { while (h.engine.step()); });
    await waitFor(() => expect(card().textContent).toContain('That is one way to do it.'));
    expect(window.localStorage.getItem(LESSONS_KEY)).toBeNull();
    // Restart the challenge: a fresh setup.
    fireEvent.click(button('Restart the challenge'));
    await waitFor(() => expect(lessonSession(h.store).getState().run?.kind).toBe('challenge'));
    expect(card().textContent).not.toContain('That is one way to do it.');
  });

  it('Check on a run that is not the challenge\'s says so', async () => {
    const h = setup();
    screenStore = h.store;
    await act(async () => { await showLessonStep(h.binding, 1, LESSONS[0]!.steps.length); });
    await act(async () => { h.sim.reset({ seed: 5 }); });
    fireEvent.click(button('Check'));
    expect(card().textContent).toMatch(/Not yet: the run on screen is not this challenge's run/);
  });
});
