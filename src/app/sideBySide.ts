import { useCallback, useEffect, useState } from 'react';
import type { VariantName } from '../core';
import { useSim } from '../store/react';
import type { SimState } from '../store/simStore';

// Whether the side-by-side comparison (src/app/Compare.tsx, loaded on demand) is shown. Break Paxos
// offers it while a run with exactly one broken rule is on screen; it closes by itself when that is
// no longer so (another scenario opened, Multi-Paxos, a reset).

/** The broken rule of the basic run on screen when there is exactly one, else null. */
export const selectSingleVariant = (s: SimState): VariantName | null => {
  if ((s.frame?.protocol ?? 'basic') !== 'basic') return null;
  const v = s.frame?.world.config.variants;
  return v?.length === 1 ? v[0]! : null;
};

export interface SideBySide {
  /** The variant compared, while the comparison is shown; null otherwise. */
  readonly variant: VariantName | null;
  readonly on: boolean;
  toggle(): void;
  close(): void;
}

export function useSideBySide(): SideBySide {
  const [on, setOn] = useState(false);
  const variant = useSim(selectSingleVariant);
  useEffect(() => {
    if (variant === null) setOn(false);
  }, [variant]);
  const toggle = useCallback(() => setOn((x) => !x), []);
  const close = useCallback(() => setOn(false), []);
  const shown = on && variant !== null;
  return { variant: shown ? variant : null, on: shown, toggle, close };
}
