import { useEffect, useId, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { ACTIONS, type Scope } from '../../actions/registry';
import { closeShortcutHelp, useShortcutHelpOpen } from './helpState';
import './controls.css';

// The keyboard help, generated from the action registry so it can never list a shortcut that does
// not exist. An accessible modal: focus moves in, Tab stays in, Escape closes, focus goes back.

const GROUPS: { scope: Scope; title: string; note: string }[] = [
  { scope: 'global', title: 'Run', note: 'Anytime.' },
  { scope: 'node', title: 'Selected node', note: 'Select a node first (click it, or press 1–9).' },
  { scope: 'message', title: 'Selected message', note: 'Select a message first (click it on the graph or in the log).' },
];

const SELECTION_KEYS: { keys: string; label: string; description: string }[] = [
  { keys: '1 … 9', label: 'Select node', description: 'Select node A … I.' },
  { keys: 'Esc', label: 'Clear selection', description: 'Deselect the node or message.' },
  { keys: '?', label: 'Shortcuts', description: 'Show this list.' },
];

export interface ShortcutHelpProps {
  /** Controlled mode. Leave both unset to use the built-in state ('?' and the toolbar's button open it). */
  readonly open?: boolean;
  readonly onClose?: () => void;
}

export function ShortcutHelp({ open: openProp, onClose }: ShortcutHelpProps) {
  const internalOpen = useShortcutHelpOpen();
  const open = openProp ?? internalOpen;
  const close = onClose ?? closeShortcutHelp;
  if (!open || typeof document === 'undefined') return null;
  return createPortal(<HelpDialog onClose={close} />, document.body);
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function HelpDialog({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeButton.current?.focus();
    return () => before?.focus();
  }, []);

  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'Tab' || !dialog.current) return;
    const items = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="ctl-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) onClose(); }}>
      <div ref={dialog} className="ctl-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown}>
        <header className="ctl-dialog-head">
          <h2 id={titleId} className="ctl-title">Keyboard shortcuts</h2>
          <button ref={closeButton} type="button" className="ctl-btn ctl-btn-plain" onClick={onClose}>
            <span aria-hidden="true">✕ </span>Close
          </button>
        </header>
        <div className="ctl-dialog-body" tabIndex={0} aria-label="Shortcut list">
          {GROUPS.map((g) => (
            <section key={g.scope} className="ctl-keys-group">
              <h3 className="ctl-subtitle">{g.title}</h3>
              <p className="ctl-hint">{g.note}</p>
              <dl className="ctl-keys">
                {ACTIONS.filter((a) => a.scope === g.scope).map((a) => (
                  <div key={a.id} className="ctl-key-row">
                    <dt><kbd>{a.shortcut ?? '—'}</kbd></dt>
                    <dd><strong>{a.label}</strong> <span className="ctl-key-desc">{a.description}</span></dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
          <section className="ctl-keys-group">
            <h3 className="ctl-subtitle">Selection and help</h3>
            <dl className="ctl-keys">
              {SELECTION_KEYS.map((k) => (
                <div key={k.keys} className="ctl-key-row">
                  <dt><kbd>{k.keys}</kbd></dt>
                  <dd><strong>{k.label}</strong> <span className="ctl-key-desc">{k.description}</span></dd>
                </div>
              ))}
            </dl>
          </section>
        </div>
      </div>
    </div>
  );
}
