import { useCallback, useState } from 'react';

// Shared by features that size themselves to their container (the cluster graph, the space-time
// diagram). Lives outside src/features because features do not import each other.

/** The width of an element in whole pixels (rounded down, so content never overflows it), kept current with a ResizeObserver. */
export function useElementWidth(fallback: number): [number, (el: HTMLElement | null) => (() => void) | undefined] {
  const [width, setWidth] = useState(fallback);
  const ref = useCallback((el: HTMLElement | null) => {
    if (!el) return undefined;
    const measure = () => {
      const w = Math.floor(el.getBoundingClientRect().width);
      if (w > 0) setWidth(w);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [width, ref];
}
