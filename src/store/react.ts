import { createContext, useContext } from 'react';
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
