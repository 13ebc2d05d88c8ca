import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { actionsFor, type ActionContext } from '../../actions/registry';
import { formatMessage } from '../../core';
import type { SimActions, SimState } from '../../store/simStore';
import { useSim, useSimBinding } from '../../store/react';
import type { GraphTarget } from './shared';

// The right-click menu of a node or a message: the registry's actions for that scope that are
// available right now. It closes on Escape, Tab, a click elsewhere, or when its target is gone
// (a delivered message).

export interface MenuState {
  readonly target: GraphTarget;
  /** Position inside the graph's container, in CSS pixels. */
  readonly x: number;
  readonly y: number;
  /** Where focus goes back to when the menu closes. */
  readonly origin: HTMLElement | SVGElement | null;
}

/** The action context for a node or message target; null when it no longer exists. */
export function targetContext(state: SimState, sim: SimActions, target: GraphTarget): ActionContext | null {
  const w = state.frame?.world;
  if (!w) return null;
  if (target.kind === 'node') {
    const node = w.nodes.find((n) => n.id === target.id);
    return node ? { state, sim, node } : null;
  }
  const message = w.inflight.find((m) => m.id === target.id);
  return message ? { state, sim, message } : null;
}

const MENU_WIDTH = 200;

export function ContextMenu({ menu, bounds, onClose }: { menu: MenuState; bounds: { width: number; height: number }; onClose: (refocus: boolean) => void }) {
  const { actions, store } = useSimBinding();
  const state = useSim((s) => s);
  const ref = useRef<HTMLDivElement>(null);
  const ctx = targetContext(state, actions, menu.target);
  const items = ctx ? actionsFor(menu.target.kind).filter((a) => a.available(ctx)) : [];
  const gone = ctx === null;

  useEffect(() => {
    if (gone) onClose(false);
  }, [gone, onClose]);

  useLayoutEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
  }, []);

  useEffect(() => {
    const outside = (e: PointerEvent) => {
      if (ref.current && e.target instanceof Node && !ref.current.contains(e.target)) onClose(false);
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [onClose]);

  if (!ctx) return null;
  const title = ctx.node ? `Node ${ctx.node.id}${ctx.node.up ? '' : ' (crashed)'}` : ctx.message ? `${formatMessage(ctx.message)} · ${ctx.message.from} → ${ctx.message.to}` : '';
  const height = 34 + Math.max(1, items.length) * 34;
  const left = Math.max(4, Math.min(menu.x, bounds.width - MENU_WIDTH - 4));
  const top = Math.max(4, Math.min(menu.y, bounds.height - height - 4));

  const key = (e: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose(true);
    } else if (e.key === 'Tab') {
      onClose(false);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      e.stopPropagation();
      if (buttons.length === 0) return;
      const next = e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1
        : (i + (e.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length;
      buttons[next]?.focus();
    } else {
      // Keep the app's global shortcuts (Space, N, …) from firing while the menu has focus.
      e.stopPropagation();
    }
  };

  return (
    <div ref={ref} className="pg-menu" role="menu" aria-label={title} style={{ left, top, width: MENU_WIDTH }} onKeyDown={key} onContextMenu={(e) => e.preventDefault()}>
      <div className="pg-menu-title" aria-hidden="true">{title}</div>
      {items.length === 0 && <div className="pg-menu-empty">No actions available</div>}
      {items.map((a) => (
        <button
          key={a.id} type="button" role="menuitem" className="pg-menu-item" title={a.description}
          onClick={() => {
            // Run against the state of this moment, not of the last render.
            const now = targetContext(store.getState(), actions, menu.target);
            if (now && a.available(now)) a.run(now);
            onClose(true);
          }}
        >
          <span>{a.label}</span>
          {a.shortcut && <kbd>{a.shortcut}</kbd>}
        </button>
      ))}
    </div>
  );
}
