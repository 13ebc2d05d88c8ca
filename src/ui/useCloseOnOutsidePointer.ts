import { useEffect, type RefObject } from 'react';

/** While `open`, a click or tap outside `root` calls `close` (the header's drop-down menus). */
export function useCloseOnOutsidePointer(open: boolean, root: RefObject<HTMLElement | null>, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) close();
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open, root, close]);
}
