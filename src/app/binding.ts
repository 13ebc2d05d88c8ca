import { DEFAULT_CONFIG, type SimConfig } from '../core';
import type { SimBinding } from '../store/react';
import { createSimActions, createSimStore, receiveFrame } from '../store/simStore';
import { startWorker, type WorkerHandle } from '../worker/client';
import type { ExplorerService } from '../worker/explorerClient';
import { isEmbed } from './embed';
import { browserEnv, createRunKeeper, type PageEnv } from './linkOpening';
import { loadWork } from './persistence';
import { benchMessages, startRenderBench, RENDER_BENCH_CONFIG } from './renderBench';
import { writeLessonUrl } from '../features/lessons';
import { LESSON_CATALOG } from '../lessons/catalog';
import { rememberPreviousRun, showLessonStep } from '../lessons/session';
import { parseLessonParams } from '../lessons/url';

// Wires the store to the simulation worker. Owns the worker's lifetime: start() returns the cleanup,
// restart() replaces a crashed worker with a fresh one (same configuration). What the first run
// shows — a share link, the user's saved work, or the default opening — and autosaving are the
// run keeper's job (linkOpening.ts).

export interface AppBinding extends SimBinding {
  start(): () => void;
  restart(): void;
  /** The explorer (tests give a fake; the app starts its worker on the first exploration). */
  readonly explorer?: ExplorerService;
}

export function createApp(search: string, env: PageEnv = browserEnv()): AppBinding {
  const params = new URLSearchParams(search);
  const bench = params.get('bench') === 'render';
  const config: SimConfig = bench ? { ...DEFAULT_CONFIG, ...RENDER_BENCH_CONFIG } : DEFAULT_CONFIG;
  const store = createSimStore(config);
  let handle: WorkerHandle | null = null;
  const actions = createSimActions(store, () => handle?.engine ?? null);
  // An embed (an iframe on someone's slide) opens its link but never touches the user's saved work:
  // it neither restores it nor saves over it.
  const keeper = bench ? null : createRunKeeper({ store, actions }, isEmbed(search) ? { ...env, storage: null } : env);
  let stopBench: (() => void) | null = null;
  /** Bumped by every launch: a start sequence of a replaced worker stops where it is. */
  let generation = 0;
  /** The link in the address bar is opened by the first launch only; a restart restores the saved run. */
  let linkHandled = false;
  /**
   * `?lesson=N&step=K` (not in an embed or the bench): that lesson step opens instead of the saved
   * run or the default opening. A share link in the same address wins for the run — it is what
   * its sender saw, e.g. their attempt at a challenge — and the lesson card opens at the step over it.
   */
  const lesson = bench || isEmbed(search) ? { kind: 'none' as const } : parseLessonParams(search, LESSON_CATALOG);

  /** The lesson step in the address, instead of the saved run — which "Exit to my run" then gives back. */
  const openLesson = async (n: number, step: number) => {
    const saved = await loadWork(isEmbed(search) ? null : env.storage);
    if (saved?.ok) rememberPreviousRun(store, saved.snap);
    return showLessonStep({ store, actions }, n, step);
  };

  const launch = () => {
    const gen = ++generation;
    const alive = () => gen === generation;
    keeper?.suspend();
    handle?.terminate();
    store.setState({ status: 'starting', fatal: null, frame: null, log: [] });
    handle = startWorker(
      (frame) => receiveFrame(store, frame),
      (message) => store.setState({ status: 'error', fatal: message }),
    );
    const engine = handle.engine;
    void engine.reset(store.getState().config).then(async () => {
      if (!alive()) return;
      if (bench) {
        stopBench?.();
        stopBench = startRenderBench(store, actions, benchMessages(params));
        return;
      }
      // A share link opens instead of the opening move (never after it); without one, the saved
      // run is restored; without that, a client has asked A to write "X" and the prepares are on
      // the wire, paused, so the first thing a student does is press Play or Step.
      const link = !linkHandled;
      linkHandled = true;
      const binding = { store, actions };
      const request = link ? lesson : { kind: 'none' as const };
      const outcome = await keeper?.start({
        link, alive, instead: request.kind === 'ok' ? () => openLesson(request.lesson, request.step) : undefined,
      });
      if (!alive()) return;
      if (request.kind === 'ok' && outcome === 'link') await showLessonStep(binding, request.lesson, request.step, { load: false });
      if (request.kind === 'error') {
        actions.showBanner({ tone: 'error', text: request.text });
        writeLessonUrl(null);
      }
    });
  };

  return {
    store,
    actions,
    start() {
      const detach = keeper?.attach();
      launch();
      return () => {
        detach?.();
        stopBench?.();
        handle?.terminate();
        handle = null;
      };
    },
    restart: launch,
  };
}
