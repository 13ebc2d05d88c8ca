import { createStore, type StoreApi } from 'zustand/vanilla';
import { loadScenarioCodec } from '../scenario/lazy';
import type { Scenario } from '../scenario';
import type { SimBinding } from '../store/react';
import { setSpotlight, waitForFrame, type SimStore, type StoreConfig } from '../store/simStore';
import { loadedLesson, loadLessons } from './load';
import type { Lesson, ScenarioData } from './model';
import { positionAt } from './positions';

// The open lesson (which lesson, which step) and the run it loaded, kept next to the simulation
// store (one session per SimStore, so tests and the app never share one). Showing a step is a
// seek while the run on screen is still the lesson's own run — Back is time travel — and a reload
// of the lesson's scenario at that step once the student acted (forked it) or opened another run.
//
// "The lesson's own run" is recognised by identity: loadScenario replaces the store's `config`
// object, so the config right after our load names our run until anything else is loaded or the
// run is restarted; a frame of that run whose length differs from the loaded run's (or that
// forked) means the student acted in it.

export interface LessonOpen {
  /** 1-based lesson number. */
  readonly lesson: number;
  /** 0-based; `lesson.steps.length` is the challenge. */
  readonly step: number;
}

export type LessonRunKind = 'lesson' | 'challenge' | 'solution';

export interface LessonRun {
  readonly kind: LessonRunKind;
  readonly lesson: number;
  /** The store's config right after the load: identifies this run. */
  readonly config: StoreConfig;
  /** Commands in the loaded run. */
  readonly length: number;
  /** Command position after each scenario step. */
  readonly stepEnds: readonly number[];
  /** Frames up to this one belong to earlier runs. */
  readonly seq: number;
  /** The student acted in it (the history changed). */
  readonly diverged: boolean;
}

export interface LessonSessionState {
  readonly open: LessonOpen | null;
  readonly run: LessonRun | null;
  /** A load is under way. */
  readonly busy: boolean;
  /**
   * The student's own run that the first lesson load replaced (kept in memory, so that Exit can
   * give it back even after autosave has stored the lesson's run over it).
   */
  readonly previous: PreviousRun | null;
}

export interface PreviousRun {
  readonly scenario: Scenario;
  /** The command position it was viewed at (the end when null). */
  readonly position: number | null;
}

export type LessonSession = StoreApi<LessonSessionState>;

const sessions = new WeakMap<SimStore, LessonSession>();

/** The lesson session of this simulation store (created on first use). */
export function lessonSession(store: SimStore): LessonSession {
  let session = sessions.get(store);
  if (session) return session;
  const created = createStore<LessonSessionState>()(() => ({ open: null, run: null, busy: false, previous: null }));
  store.subscribe((s, prev) => {
    if (s.frame === prev.frame || !s.frame) return;
    const run = created.getState().run;
    if (!run || run.diverged || s.config !== run.config || s.frame.seq <= run.seq) return;
    if (s.frame.forked || s.frame.length !== run.length) created.setState({ run: { ...run, diverged: true } });
  });
  sessions.set(store, created);
  session = created;
  return session;
}

/** Lesson `n`, once its content has loaded (showLessonStep loads it before it opens a lesson). */
export function lessonByNumber(n: number): Lesson | null {
  return loadedLesson(n);
}

/** True while the run on screen is `kind` of lesson `n`, loaded by the lesson (acted in or not). */
export function isLessonRun(store: SimStore, run: LessonRun | null, kind: LessonRunKind, n: number): run is LessonRun {
  return !!run && run.kind === kind && run.lesson === n && store.getState().config === run.config;
}

/** Bumped by every navigation: an older one that is still loading does not record its run. */
let navigation = 0;

/**
 * Replace the run with `data` viewed after `at` of its steps (the end when null), and remember it
 * as the session's run. False (with the store's error banner) when it cannot be loaded.
 */
async function loadRun(binding: SimBinding, data: ScenarioData, at: number | null, kind: LessonRunKind, lesson: Lesson, nav: number): Promise<boolean> {
  const { store, actions } = binding;
  const session = lessonSession(store);
  const codec = await loadScenarioCodec();
  const source = kind === 'lesson' ? `Lesson ${lesson.number}` : `The challenge of lesson ${lesson.number}`;
  const parsed = codec.validateScenario(data);
  if (!parsed.ok) {
    actions.showBanner({ tone: 'error', text: `${source} is broken: ${parsed.error}` });
    return false;
  }
  const scenario = parsed.scenario;
  const replay = scenario.protocol === 'multi' ? codec.runMultiScenario(scenario) : codec.runScenario(scenario);
  const length = replay.commands.length;
  const position = at === null ? length : positionAt(replay.stepEnds, at);
  // Keep the student's own run (not a lesson's, nor an empty one) the first time a lesson replaces it.
  const current = session.getState().run;
  if (!session.getState().previous && !(current && store.getState().config === current.config)) {
    const before = await actions.exportScenario();
    if (before.ok && before.scenario.steps.length > 0) session.setState({ previous: { scenario: before.scenario, position: before.position } });
  }
  const seqBefore = store.getState().frame?.seq ?? 0;
  session.setState({ busy: true });
  const ok = await actions.loadScenario(scenario, position, source);
  if (!ok || nav !== navigation) {
    session.setState({ busy: false });
    return ok;
  }
  const config = store.getState().config;
  // The reply can overtake the frame: wait for the loaded run's frame, so that frames of the run
  // it replaced are never taken for the student acting in this one.
  const frame = await waitForFrame(store, (f) => f.seq > seqBefore && f.length === length && f.position === position, 3_000);
  if (nav !== navigation) {
    session.setState({ busy: false });
    return true;
  }
  session.setState({
    busy: false,
    run: { kind, lesson: lesson.number, config, length, stepEnds: replay.stepEnds, seq: frame?.seq ?? seqBefore, diverged: false },
  });
  return true;
}

export interface ShowOptions {
  /** Load (or seek) the step's run; false only marks the step open (a share link opened the run). */
  readonly load?: boolean;
}

/**
 * Open lesson `n` at `step` (0-based; `steps.length` is the challenge): its spotlight, and its run
 * at that step — a seek (time travel) while the lesson's own run is on screen and untouched, a
 * load otherwise. The challenge opens its setup at the end; a challenge run the student is working
 * in is kept.
 */
export async function showLessonStep(binding: SimBinding, n: number, step: number, options: ShowOptions = {}): Promise<boolean> {
  const { store, actions } = binding;
  // Only the first time: once loaded, a step opens synchronously (the card changes on the click).
  if (!loadedLesson(n)) await loadLessons();
  const lesson = lessonByNumber(n);
  if (!lesson) return false;
  const session = lessonSession(store);
  const k = Math.max(0, Math.min(step, lesson.steps.length));
  const nav = ++navigation;
  session.setState({ open: { lesson: n, step: k } });
  const narrated = lesson.steps[k];
  setSpotlight(store, narrated?.focus
    ? { nodes: narrated.focus.nodes ?? [], messages: narrated.focus.messages ?? [] }
    : null);
  if (options.load === false) return true;
  const run = session.getState().run;
  if (narrated) {
    if (isLessonRun(store, run, 'lesson', n) && !run.diverged) {
      actions.seek(positionAt(run.stepEnds, narrated.at));
      return true;
    }
    return loadRun(binding, lesson.scenario, narrated.at, 'lesson', lesson, nav);
  }
  if (isLessonRun(store, run, 'challenge', n)) {
    // Untouched: back to its end; being worked on: leave the student's attempt alone.
    if (!run.diverged) actions.seek(run.length);
    return true;
  }
  return restartChallenge(binding, n, nav);
}

/** Open lesson `n`'s challenge from its setup again (a fresh attempt). */
export async function restartChallenge(binding: SimBinding, n: number, nav = ++navigation): Promise<boolean> {
  if (!loadedLesson(n)) await loadLessons();
  const lesson = lessonByNumber(n);
  if (!lesson) return false;
  return loadRun(binding, lesson.challenge.setup, null, 'challenge', lesson, nav);
}

/** "Show me": the setup plus the solution, opened where the setup ends, so Step plays the solution. */
export async function showSolution(binding: SimBinding, n: number): Promise<boolean> {
  if (!loadedLesson(n)) await loadLessons();
  const lesson = lessonByNumber(n);
  if (!lesson) return false;
  const setup = lesson.challenge.setup;
  const setupSteps = Array.isArray(setup.steps) ? (setup.steps as unknown[]) : [];
  const data: ScenarioData = {
    ...setup,
    title: `${typeof setup.title === 'string' ? setup.title : `Lesson ${n} challenge`} (solution)`,
    steps: [...setupSteps, ...lesson.challenge.solution],
  };
  return loadRun(binding, data, setupSteps.length, 'solution', lesson, ++navigation);
}

/** Close the lesson: no spotlight, no lesson step; the run on screen stays. */
export function exitLesson(store: SimStore): void {
  ++navigation;
  lessonSession(store).setState({ open: null, busy: false });
  setSpotlight(store, null);
}

/** Close the lesson and reopen the run it replaced (false, with the store's banner, when it cannot be replayed). */
export async function exitToPreviousRun(binding: SimBinding): Promise<boolean> {
  const session = lessonSession(binding.store);
  const previous = session.getState().previous;
  exitLesson(binding.store);
  if (!previous) return false;
  const ok = await binding.actions.loadScenario(previous.scenario, previous.position, 'Your previous run');
  if (ok) {
    session.setState({ previous: null, run: null });
    binding.actions.showBanner({ tone: 'info', text: 'The lesson is closed and your previous run is back.' });
  }
  return ok;
}

/** Remember `previous` as the run to go back to (the saved work a lesson opened from the address replaced). */
export function rememberPreviousRun(store: SimStore, previous: PreviousRun): void {
  lessonSession(store).setState({ previous });
}
