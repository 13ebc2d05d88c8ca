import { useShallow } from 'zustand/react/shallow';
import type { Action } from '../../actions/registry';
import { selectionContext } from '../../actions/registry';
import { useSim, useSimBinding } from '../../store/react';

/** Whether each action is available right now (global scope: the selection does not matter). */
export function useAvailable(actions: readonly Action[]): boolean[] {
  const { actions: sim } = useSimBinding();
  return useSim(useShallow((s) => actions.map((a) => a.available(selectionContext(s, sim)))));
}

/** `aria-keyshortcuts` syntax for an action's keys: ' ' → Space, a lone capital → Shift+letter. */
export function ariaKeys(a: Action): string | undefined {
  const keys = a.keys ?? [];
  const out = keys.flatMap((k) => {
    if (k === ' ') return ['Space'];
    if (/^[A-Z]$/.test(k)) return keys.includes(k.toLowerCase()) ? [] : [`Shift+${k}`];
    return [k];
  });
  return out.length ? out.join(' ') : undefined;
}
