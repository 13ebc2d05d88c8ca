import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_CONFIG, type MultiEvent, type MultiWorld, type NodeId, type SimConfig, type World } from '../core';
import type { Scenario } from '../scenario';
import type { ExportResult, LoadResult } from '../worker/api';
import type { DispatchResult, ExportedRun, Frame, LogEntry } from '../worker/engine';
import { LOG_LIMIT } from '../worker/limits';
import type { EngineClient } from '../worker/client';
import type { AnyCommand, ProtocolName, RunConfig } from '../worker/protocol';

// The UI's single source of truth: the latest frame from the worker, the event log, and what the
// user has selected. A vanilla store (usable without React); components read it through narrow
// selectors, and the animation loop reads it with getState() instead of re-rendering.

export type Selection =
  | { readonly kind: 'node'; readonly id: NodeId }
  | { readonly kind: 'message'; readonly id: number }
  | null;

export interface SimState {
  readonly status: 'starting' | 'ready' | 'error';
  /** The worker itself failed: shown with a reset button. */
  readonly fatal: string | null;
  /** The last action that could not be carried out (e.g. "A is not crashed"). */
  readonly notice: string | null;
  readonly frame: Frame | null;
  readonly log: readonly LogEntry[];
  /** The event log of a Multi-Paxos run (the basic `log` is then empty). */
  readonly multiLog: readonly LogEntry<MultiEvent>[];
  readonly selection: Selection;
  /** A message the pointer is over (in the graph, the space-time diagram or the log): highlighted everywhere. */
  readonly hover: number | null;
  /** A message about the run as a whole (e.g. a share link that could not be opened). */
  readonly banner: Banner | null;
  /** The configuration of the current run (for reset with the same seed); `protocol: 'multi'` for Multi-Paxos. */
  readonly config: StoreConfig;
  /** What a lesson step talks about: rings around these nodes, these in-flight message types emphasised (null: none). */
  readonly spotlight: Spotlight | null;
}

/** A lesson's spotlight: node ids and in-flight message types (basic or Multi-Paxos type names). */
export interface Spotlight {
  readonly nodes: readonly string[];
  readonly messages: readonly string[];
}

/** A run's configuration as the store keeps it: the basic settings, plus the Multi-Paxos ones and the protocol when set. */
export type StoreConfig = SimConfig & RunConfig;

/** The protocol of the run on screen (of the configuration before the first frame). */
export function protocolOf(s: SimState): ProtocolName {
  return s.frame?.protocol ?? s.config.protocol ?? 'basic';
}

export interface Banner {
  readonly tone: 'error' | 'info';
  readonly text: string;
}

export type SimStore = StoreApi<SimState>;

/** Set (or clear, with null) the lesson spotlight. Not an engine action: it is view state only. */
export function setSpotlight(store: SimStore, spotlight: Spotlight | null): void {
  if (store.getState().spotlight !== spotlight) store.setState({ spotlight });
}

export { LOG_LIMIT } from '../worker/limits';

export function createSimStore(config: StoreConfig = DEFAULT_CONFIG): SimStore {
  return createStore<SimState>()(() => ({
    status: 'starting', fatal: null, notice: null, frame: null, log: [], multiLog: [], selection: null, hover: null, banner: null, config, spotlight: null,
  }));
}

/** Fold a frame from the worker into the store. Pure with respect to the store's previous state. */
export function receiveFrame(store: SimStore, frame: Frame): void {
  const s = store.getState();
  if (s.frame && frame.seq <= s.frame.seq) return;
  const fold = <T>(old: readonly T[], fresh: readonly T[]): readonly T[] =>
    fresh.length === 0 && !frame.resetLog ? old : [...(frame.resetLog ? [] : old), ...fresh].slice(-LOG_LIMIT);
  const log = fold(s.log, frame.newEvents);
  const multiLog = fold(s.multiLog, frame.newMultiEvents);
  const sameProtocol = s.frame?.protocol === frame.protocol;
  const shared = s.frame && sameProtocol
    ? {
      // After a load or a seek (resetLog) the same message id may be another run's message.
      ...frame, world: reconcileWorld(s.frame.world, frame.world, frame.resetLog),
      multi: s.frame.multi && frame.multi ? reconcileWorld(s.frame.multi, frame.multi, frame.resetLog) : frame.multi,
      marks: sameMarks(s.frame.marks, frame.marks) ? s.frame.marks : frame.marks,
    }
    : frame;
  const selection = sameProtocol && stillThere(s.selection, shared) ? s.selection : null;
  store.setState({ frame: shared, log, multiLog, selection, status: 'ready' });
}

/**
 * Frames are copied on their way out of the worker, so every node and message arrives as a new
 * object. Give back the previous object wherever nothing changed, so that narrow selectors (and
 * memoised components) see "unchanged" and skip their re-render.
 */
export function reconcile(prev: World, next: World): World {
  return reconcileWorld(prev, next);
}

/** reconcile() for a Multi-Paxos world: unchanged nodes and messages keep their identity. */
export function reconcileMulti(prev: MultiWorld, next: MultiWorld): MultiWorld {
  return reconcileWorld(prev, next);
}

/** What reconciling needs of a world: basic and Multi-Paxos worlds both have it. */
interface Reconcilable {
  readonly nodes: readonly object[];
  readonly inflight: readonly { readonly id: number; readonly deliverAt: number }[];
}

/** `deep`: compare messages whole (the previous frame may be of another run: a load, a seek). */
function reconcileWorld<W extends Reconcilable>(prev: W, next: W, deep = false): W {
  const nodes = next.nodes.map((n, i) => {
    const old = prev.nodes[i];
    return old && JSON.stringify(old) === JSON.stringify(n) ? old : n;
  });
  const before = new Map(prev.inflight.map((m) => [m.id, m]));
  const inflight = next.inflight.map((m) => {
    const old = before.get(m.id);
    // A message never changes after it is sent, except its arrival time (delay).
    return old && old.deliverAt === m.deliverAt && (!deep || JSON.stringify(old) === JSON.stringify(m)) ? old : m;
  });
  const sameList = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  return {
    ...next,
    nodes: sameList(nodes, prev.nodes) ? prev.nodes : nodes,
    inflight: sameList(inflight, prev.inflight) ? prev.inflight : inflight,
  };
}

/** Marks only ever grow at the end or shrink on a fork, so equal length and last mark means unchanged. */
function sameMarks(a: Frame['marks'], b: Frame['marks']): boolean {
  const x = a.at(-1);
  const y = b.at(-1);
  return a.length === b.length && x?.position === y?.position && x?.label === y?.label;
}

function stillThere(sel: Selection, frame: Frame): boolean {
  if (sel?.kind !== 'message') return true;
  return (frame.multi ?? frame.world).inflight.some((m) => m.id === sel.id);
}

/** What the UI can ask of the simulation. Errors of single commands become a notice, not a crash. */
export interface SimActions {
  /** A command of the run's protocol (a basic one in a basic run, a Multi-Paxos one in a Multi-Paxos run). */
  dispatch(cmd: AnyCommand): Promise<boolean>;
  play(): void;
  pause(): void;
  togglePlay(): void;
  setSpeed(speed: number): void;
  step(): void;
  stepPhase(): void;
  /** Start over with these settings on top of the current ones; `protocol` switches between basic and Multi-Paxos. */
  reset(config: RunConfig): void;
  select(sel: Selection): void;
  dismissNotice(): void;
  /** Time travel: show the world after `position` commands (pauses). */
  seek(position: number): void;
  seekToTime(time: number): void;
  stepBack(): void;
  hover(id: number | null): void;
  /** Replace the run with a validated scenario, at `position` (the end when null). False (and a banner) on error. */
  loadScenario(scenario: Scenario, position: number | null, source: string): Promise<boolean>;
  /** The run so far as a scenario, with the view's position and trace hash. */
  exportScenario(): Promise<ExportResult>;
  /** The run so far (configuration, every command, the view's position); null when the worker is not there. */
  exportRun(): Promise<ExportedRun | null>;
  showBanner(banner: Banner | null): void;
}

export function createSimActions(store: SimStore, engine: () => EngineClient | null): SimActions {
  const call = async <T>(f: (e: EngineClient) => Promise<T>): Promise<T | undefined> => {
    const e = engine();
    if (!e) return undefined;
    try {
      return await f(e);
    } catch (err) {
      store.setState({ status: 'error', fatal: err instanceof Error ? err.message : String(err) });
      return undefined;
    }
  };
  const actions: SimActions = {
    async dispatch(cmd) {
      const r = await call<DispatchResult>((e) => e.dispatch(cmd));
      if (r && !r.ok) store.setState({ notice: r.error });
      else if (r) store.setState({ notice: null });
      return r?.ok ?? false;
    },
    play: () => void call((e) => e.play()),
    pause: () => void call((e) => e.pause()),
    togglePlay: () => (store.getState().frame?.playing ? actions.pause() : actions.play()),
    setSpeed: (speed) => void call((e) => e.setSpeed(speed)),
    step: () => void call((e) => e.step()),
    stepPhase: () => void call((e) => e.stepPhase()),
    reset(config) {
      const next = { ...store.getState().config, ...config };
      store.setState({ config: next, selection: null, notice: null });
      void call((e) => e.reset(next));
    },
    select: (selection) => store.setState({ selection }),
    dismissNotice: () => store.setState({ notice: null }),
    seek: (position) => void call((e) => e.seek(position)),
    seekToTime: (time) => void call((e) => e.seekToTime(time)),
    stepBack: () => void call((e) => e.stepBack()),
    hover: (hover) => {
      if (store.getState().hover !== hover) store.setState({ hover });
    },
    async loadScenario(scenario, position, source) {
      const r = await call<LoadResult>((e) => e.loadScenario(scenario, position));
      if (!r) return false;
      if (!r.ok) {
        store.setState({ banner: { tone: 'error', text: `${source} could not be replayed: ${r.error}. Your current run is unchanged.` } });
        return false;
      }
      // "Restart run" then replays the scenario's cluster and seed.
      store.setState({ config: r.config, selection: null, notice: null, hover: null });
      return true;
    },
    async exportScenario() {
      return (await call<ExportResult>((e) => e.exportScenario())) ?? { ok: false, error: 'the simulation is not running' };
    },
    exportRun: async () => (await call<ExportedRun>((e) => e.exportRun())) ?? null,
    showBanner: (banner) => store.setState({ banner }),
  };
  return actions;
}

/**
 * The first frame in the store (now or later) that satisfies `ok`, or null after `timeoutMs`.
 * Frames and RPC replies travel on different channels, so a reply can overtake the frame it caused.
 */
export function waitForFrame(store: SimStore, ok: (f: Frame) => boolean, timeoutMs = 2_000): Promise<Frame | null> {
  const now = store.getState().frame;
  if (now && ok(now)) return Promise.resolve(now);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      unsubscribe();
      resolve(null);
    }, timeoutMs);
    const unsubscribe = store.subscribe((s) => {
      if (s.frame && ok(s.frame)) {
        clearTimeout(timer);
        unsubscribe();
        resolve(s.frame);
      }
    });
  });
}
