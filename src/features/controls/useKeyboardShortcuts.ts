import { useEffect, useRef } from 'react';
import { actionForKey, clusterIds, selectionContext } from '../../actions/registry';
import { useSimBinding } from '../../store/react';
import { openShortcutHelp } from './helpState';

// One keydown listener on window maps keys to registry actions for the current selection, so the
// keyboard does exactly what the buttons do.

export interface KeyboardShortcutOptions {
  /** Called for '?'. Defaults to opening <ShortcutHelp /> (uncontrolled). */
  readonly onHelp?: () => void;
  /** Turn the listener off (e.g. while another modal is open). Default true. */
  readonly enabled?: boolean;
}

/** Keys that may auto-repeat while held: stepping and speed. Toggles (play, crash …) fire once per press. */
const REPEATABLE = new Set(['step', 'step-back', 'step-phase', 'slower', 'faster']);

const TYPING_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'listbox', 'slider', 'spinbutton', 'menu', 'menuitem', 'grid']);
const ACTIVATING_ROLES = new Set(['button', 'link', 'checkbox', 'radio', 'switch', 'tab', 'option']);

/** The user is typing or choosing in a form control: keys belong to it. */
function isTypingTarget(t: EventTarget | null): boolean {
  if (!(t instanceof Element)) return false;
  const tag = t.tagName;
  if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return true;
  if (t instanceof HTMLElement && t.isContentEditable) return true;
  const role = t.getAttribute('role');
  return role !== null && TYPING_ROLES.has(role);
}

/** Space/Enter on a focused button or link activates it; a shortcut must not fire as well. */
function activatesTarget(t: EventTarget | null, key: string): boolean {
  if (key !== ' ' && key !== 'Enter') return false;
  if (!(t instanceof Element)) return false;
  const tag = t.tagName;
  if (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') return true;
  // Nodes and messages in the graph (SVG with role="button") select on Enter only, so that Space
  // keeps meaning play/pause after a student clicks a node.
  if (key === ' ' && t instanceof SVGElement) return false;
  const role = t.getAttribute('role');
  return role !== null && ACTIVATING_ROLES.has(role);
}

export function useKeyboardShortcuts(options: KeyboardShortcutOptions = {}): void {
  const { store, actions } = useSimBinding();
  const onHelp = useRef(options.onHelp);
  useEffect(() => {
    onHelp.current = options.onHelp;
  });
  const enabled = options.enabled ?? true;

  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      const target = e.target;
      if (isTypingTarget(target) || activatesTarget(target, e.key)) return;
      // A modal dialog owns the keyboard while it is open.
      if (target instanceof Element && target.closest('[aria-modal="true"]')) return;
      if (typeof document !== 'undefined' && document.querySelector('[aria-modal="true"]')) return;

      const state = store.getState();
      if (e.key === '?') {
        e.preventDefault();
        (onHelp.current ?? openShortcutHelp)();
        return;
      }
      if (e.key === 'Escape') {
        if (state.selection) {
          e.preventDefault();
          actions.select(null);
        }
        return;
      }
      if (/^[1-9]$/.test(e.key)) {
        const id = clusterIds(state)[Number(e.key) - 1];
        if (id) {
          e.preventDefault();
          actions.select({ kind: 'node', id });
        }
        return;
      }
      const ctx = selectionContext(state, actions);
      const action = actionForKey(e.key, ctx);
      if (!action) return;
      e.preventDefault();
      if (e.repeat && !REPEATABLE.has(action.id)) return;
      action.run(ctx);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, actions, enabled]);
}
