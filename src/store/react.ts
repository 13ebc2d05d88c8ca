import { createContext, useCallback, useContext, useRef, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import type { SimActions, SimState, SimStore } from './simStore';

// Thin React bindings over the vanilla store. Components pick the smallest slice they need, so a
// frame re-renders only what changed (the core keeps unchanged node objects identical).

export interface SimBinding {
  readonly store: SimStore;
  readonly actions: SimActions;
}

export const SimContext = createContext<SimBinding | null>(null);

export function useSimBinding(): SimBinding {
  const b = useContext(SimContext);
  if (!b) throw new Error('useSim* must be used inside <SimContext.Provider>');
  return b;
}

export function useSim<T>(selector: (s: SimState) => T): T {
  return useStore(useSimBinding().store, selector);
}

export function useSimActions(): SimActions {
  return useSimBinding().actions;
}

/** While playing, panels that need not follow every frame update at most this often (10 a second). */
export const PANEL_INTERVAL_MS = 100;

// One shared clock for the throttled panels, so that those due update in the same animation
// frame: one style, layout and paint pass for all of them rather than one each.
const due = new Set<() => void>();
let panelTimer: ReturnType<typeof setTimeout> | null = null;
let lastPanelTick = -Infinity;

function runPanelTick(): void {
  panelTimer = null;
  lastPanelTick = Date.now();
  const flushes = [...due];
  due.clear();
  for (const f of flushes) f();
}

function schedulePanelTick(flush: () => void): void {
  due.add(flush);
  if (panelTimer !== null) return;
  panelTimer = setTimeout(runPanelTick, Math.max(0, lastPanelTick + PANEL_INTERVAL_MS - Date.now()));
}

/**
 * useSim for panels that need not follow every frame: while `throttleWhile(state)` holds (the
 * simulation is playing, 30 frames a second), the component sees a new state at most every
 * PANEL_INTERVAL_MS, and always the latest one (trailing edge); otherwise (paused, stepping) it
 * sees every change at once. The selector must return the same value for the same state.
 */
export function useThrottledSim<T>(selector: (s: SimState) => T, throttleWhile: (s: SimState) => boolean): T {
  const { store } = useSimBinding();
  const shown = useRef<{ state: SimState } | null>(null);
  const subscribe = useCallback((notify: () => void) => {
    const flush = () => {
      due.delete(flush);
      if (shown.current?.state === store.getState()) return;
      shown.current = { state: store.getState() };
      notify();
    };
    const unsubscribe = store.subscribe((s) => {
      if (throttleWhile(s)) schedulePanelTick(flush);
      else flush();
    });
    // A change between the render and this subscription would otherwise wait for the next one.
    flush();
    return () => {
      unsubscribe();
      due.delete(flush);
    };
  }, [store, throttleWhile]);
  const getSnapshot = () => selector((shown.current ??= { state: store.getState() }).state);
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
