import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useSim } from '../../store/react';
import type { LogEntry } from '../../worker/engine';
import type { SimState } from '../../store/simStore';
import type { Message, TimerKind } from '../../core';

// Small pieces shared by the graph's components: what a context menu points at, stable empty
// values for selectors, and the selectors themselves (pure functions of the store's state).

export type GraphTarget = { readonly kind: 'node'; readonly id: string } | { readonly kind: 'message'; readonly id: number };

/** Opens the context menu for a target at a point in client (viewport) coordinates. */
export type OpenMenu = (target: GraphTarget, clientX: number, clientY: number, origin: HTMLElement | SVGElement | null) => void;
export type SelectTarget = (target: GraphTarget) => void;

export const NO_MESSAGES: readonly Message[] = [];
export const NO_NUMBERS: readonly number[] = [];

/** Drops shown as a fading ✕: those within this many ticks of the clock. */
export const DROP_SHOW_TICKS = 30;

export type DropEntry = LogEntry & { readonly event: Extract<LogEntry['event'], { type: 'drop' }> };

/** Recent drop events, oldest first (the log is in time order, so the scan stops early). */
export function recentDrops(s: SimState): DropEntry[] {
  const clock = s.frame?.clock ?? 0;
  const out: DropEntry[] = [];
  for (let i = s.log.length - 1; i >= 0; i--) {
    const e = s.log[i]!;
    if (e.event.time < clock - DROP_SHOW_TICKS) break;
    if (e.event.type === 'drop' && e.event.time <= clock) out.push(e as DropEntry);
  }
  return out.reverse();
}

/** The kinds of a node's pending timers, as one string so a selector result compares by value. */
export function timerKinds(s: SimState, node: string): string {
  const timers = s.frame?.world.timers;
  if (!timers || timers.length === 0) return '';
  const kinds: TimerKind[] = [];
  for (const t of timers) if (t.node === node && !kinds.includes(t.kind)) kinds.push(t.kind);
  return kinds.sort().join(',');
}

export function parseTimerKinds(key: string): TimerKind[] {
  return key === '' ? [] : (key.split(',') as TimerKind[]);
}

export { useElementWidth } from '../../ui/useElementWidth';

/** Space kept free under the graph on wide screens: the timeline, with its "viewing the past" note. */
export const BELOW_GRAPH_PX = 190;
/** The graph never shrinks below this height to fit the window. */
export const MIN_FIT_HEIGHT_PX = 340;

/**
 * On wide screens (the three-column layout, which fits one screen) or inside an element marked
 * `data-fit-height` (an embed), the height left for the graph
 * between its top and the bottom of the window, minus room for the timeline; null elsewhere (phones
 * scroll, so the graph keeps its natural size).
 */
export function useAvailableHeight(): [number | null, (el: HTMLElement | null) => (() => void) | undefined] {
  const [height, setHeight] = useState<number | null>(null);
  const ref = useCallback((el: HTMLElement | null) => {
    if (!el || typeof window === 'undefined' || typeof window.matchMedia !== 'function') return undefined;
    const wide = window.matchMedia('(min-width: 1000px)');
    const measure = () => {
      // A container may ask for a fitted graph at any width (the embedded app, sized by its iframe).
      if (!wide.matches && !el.closest('[data-fit-height]')) return setHeight(null);
      // The graph's top as if its scrolling column were scrolled to the top.
      let top = el.getBoundingClientRect().top;
      for (let p = el.parentElement; p; p = p.parentElement) top += p.scrollTop;
      setHeight(Math.max(MIN_FIT_HEIGHT_PX, Math.floor(window.innerHeight - top - BELOW_GRAPH_PX)));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);
  return [height, ref];
}

/** Structural equality of plain (JSON-like) data. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k) || !sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/**
 * useSim, but the result keeps its identity while it stays equal by `equal`. Frames cross the
 * worker boundary by structured clone, so every frame brings new objects even for a node or
 * message that did not change; comparing by value keeps memoised components from re-rendering.
 */
export function useSimStable<T>(selector: (s: SimState) => T, equal: (a: T, b: T) => boolean = sameData): T {
  const prev = useRef<{ value: T } | null>(null);
  return useSim((s) => {
    const next = selector(s);
    if (prev.current && equal(prev.current.value, next)) return prev.current.value;
    prev.current = { value: next };
    return next;
  });
}

/** A message is immutable on the wire except for its arrival tick (a delay moves it). */
// The same message on the same trip. The store keeps unchanged messages identical; a different
// object with the same id and times can still be another run's message (after a load), so then
// the contents decide.
const sameTrip = (a: Message, b: Message) => a === b
  || (a.id === b.id && a.deliverAt === b.deliverAt && a.sentAt === b.sentAt && JSON.stringify(a) === JSON.stringify(b));

/**
 * The in-flight messages, reconciled by id with the previous result: an unchanged message keeps
 * its object (so its memoised pill does not re-render) and the list keeps its identity until the
 * set of messages changes.
 */
export function useInflight(): readonly Message[] {
  const prev = useRef<{ list: readonly Message[]; byId: Map<number, Message> }>({ list: NO_MESSAGES, byId: new Map() });
  return useSim((s) => {
    const next = s.frame?.world.inflight ?? NO_MESSAGES;
    const old = prev.current;
    if (next === old.list) return old.list;
    if (next.length === old.list.length && next.every((m, i) => sameTrip(m, old.list[i]!))) return old.list;
    const byId = new Map<number, Message>();
    const list = next.map((m) => {
      const o = old.byId.get(m.id);
      const keep = o && sameTrip(o, m) ? o : m;
      byId.set(m.id, keep);
      return keep;
    });
    prev.current = { list, byId };
    return list;
  });
}

// ---------------------------------------------------------------------------------------------
// Presence: items that left stay a moment longer, so they can fade out

type Key = number | string;

export interface Presence<T> {
  /** What to draw: the current items and those still fading out (numeric ids: in id order). */
  readonly items: readonly T[];
  /** Ids of the items that are fading out. */
  readonly leaving: ReadonlySet<Key>;
}

export interface PresenceState<T> extends Presence<T> {
  readonly source: readonly T[];
  /** Leaving id → when its fade ends (ms, `now` clock). */
  readonly until: ReadonlyMap<Key, number>;
}

/** The next presence after `list` replaced `prev.source` at `now` (pure; exported for tests). */
export function nextPresence<T extends { readonly id: Key }>(prev: PresenceState<T>, list: readonly T[], exitMs: number, now: number): PresenceState<T> {
  const present = new Set<Key>();
  for (const x of list) present.add(x.id);
  const until = new Map<Key, number>();
  const gone: T[] = [];
  for (const x of prev.items) {
    if (present.has(x.id)) continue;
    const end = prev.until.get(x.id) ?? now + exitMs;
    if (end > now) {
      until.set(x.id, end);
      gone.push(x);
    }
  }
  if (gone.length === 0) return { source: list, items: list, leaving: new Set(), until };
  // Numeric ids (messages, log entries) are in creation order: a leaving item keeps its place
  // among the others. Otherwise leaving items go first, under the ones that replace them.
  const items = [...list, ...gone].every((x) => typeof x.id === 'number')
    ? [...list, ...gone].sort((a, b) => (a.id as number) - (b.id as number))
    : [...gone, ...list];
  return { source: list, items, leaving: new Set(until.keys()), until };
}

/** Drop the items whose fade has ended by `now`. */
export function prunePresence<T extends { readonly id: Key }>(s: PresenceState<T>, now: number): PresenceState<T> {
  let expired = false;
  for (const end of s.until.values()) if (end <= now) expired = true;
  if (!expired) return s;
  const until = new Map([...s.until].filter(([, end]) => end > now));
  return { source: s.source, items: s.items.filter((x) => !s.leaving.has(x.id) || until.has(x.id)), leaving: new Set(until.keys()), until };
}

/**
 * The items of `list` plus, for `exitMs` after they left it, the ones that left (to fade them out
 * with a CSS animation). Replaces AnimatePresence for many small children: one timer for the
 * whole layer instead of a presence context and an animation per child.
 */
export function usePresence<T extends { readonly id: Key }>(list: readonly T[], exitMs: number): Presence<T> {
  const [state, setState] = useState<PresenceState<T>>(() => ({ source: list, items: list, leaving: new Set(), until: new Map() }));
  let current = state;
  if (state.source !== list) {
    // Derived state, updated while rendering (React re-renders at once, before committing).
    current = nextPresence(state, list, exitMs, performance.now());
    setState(current);
  }
  useEffect(() => {
    if (current.until.size === 0) return undefined;
    const first = Math.min(...current.until.values());
    const timer = setTimeout(() => setState((s) => prunePresence(s, performance.now())), Math.max(0, first - performance.now()) + 1);
    return () => clearTimeout(timer);
  }, [current]);
  return current;
}

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

function subscribeReducedMotion(onChange: () => void): () => void {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return () => {};
  const q = window.matchMedia(REDUCED_MOTION);
  q.addEventListener('change', onChange);
  return () => q.removeEventListener('change', onChange);
}

/** Whether the user asked for reduced motion (kept current). */
export function useReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribeReducedMotion,
    () => typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(REDUCED_MOTION).matches,
    () => false,
  );
}
