import { type KeyboardEvent, useCallback, useId, useRef, useState } from 'react';
import { useCloseOnOutsidePointer } from '../../ui/useCloseOnOutsidePointer';
import { loadScenarioCodec } from '../../scenario/lazy';
import type { Preset } from '../../scenario/presets';
import { useSimActions } from '../../store/react';
import './presets.css';

// The Scenarios menu (issue 6): every preset scenario, grouped (basic Paxos, Multi-Paxos), each
// with a one-line description of what the student will see. Choosing one validates it, opens it at
// its start (position 0) and says what it is in the banner, so Step or Play plays it out. The
// presets (JSON) are loaded on demand, when the menu is first opened or hovered, so that they stay
// out of the main bundle.

export interface PresetGroup {
  readonly id: 'basic' | 'multi';
  readonly title: string;
  readonly presets: readonly Preset[];
}

let loading: Promise<readonly PresetGroup[]> | null = null;

/** The preset groups, imported once (the menu shows "Loading…" meanwhile). */
export function loadPresetGroups(): Promise<readonly PresetGroup[]> {
  loading ??= import('../../scenario/presets').then((m) => [
    { id: 'basic', title: 'Basic Paxos', presets: m.BASIC_PRESETS },
    { id: 'multi', title: 'Multi-Paxos', presets: m.MULTI_PRESETS },
  ]);
  // A failed import (a flaky network) may be retried by opening the menu again.
  loading.catch(() => { loading = null; });
  return loading;
}

export function ScenarioMenu() {
  const sim = useSimActions();
  const [open, setOpen] = useState(false);
  const [groups, setGroups] = useState<readonly PresetGroup[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();

  const fetchGroups = useCallback(() => {
    if (groups) return;
    loadPresetGroups().then((g) => { setGroups(g); setFailed(null); }, (e: unknown) => setFailed(e instanceof Error ? e.message : String(e)));
  }, [groups]);

  // A click or tap outside closes the menu (focus stays where the student clicked).
  const closeQuietly = useCallback(() => setOpen(false), []);
  useCloseOnOutsidePointer(open, root, closeQuietly);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const toggle = () => {
    if (!open) fetchGroups();
    setOpen(!open);
  };

  const choose = async (p: Preset) => {
    close();
    const { validateScenario } = await loadScenarioCodec();
    const parsed = validateScenario(p.scenario);
    if (!parsed.ok) {
      sim.showBanner({ tone: 'error', text: `The scenario “${p.title}” is broken: ${parsed.error}` });
      return;
    }
    if (await sim.loadScenario(parsed.scenario, 0, `The scenario “${p.title}”`)) {
      sim.showBanner({ tone: 'info', text: `${p.title}: ${parsed.scenario.description ?? p.blurb} Press Step or Play to watch it; End jumps to the outcome.` });
    }
  };

  /** Escape closes; the arrow keys, Home and End move between the scenarios. */
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
      return;
    }
    const items = [...(panel.current?.querySelectorAll<HTMLButtonElement>('button.sc-item') ?? [])];
    if (items.length === 0) return;
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const to = e.key === 'ArrowDown' ? (at + 1) % items.length
      : e.key === 'ArrowUp' ? (at <= 0 ? items.length - 1 : at - 1)
        : e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : null;
    if (to === null) return;
    // Home and End are the timeline's shortcuts elsewhere; in the menu they move.
    e.preventDefault();
    e.stopPropagation();
    items[to]!.focus();
  };

  return (
    <div className="sc" ref={root}>
      <button
        ref={button} type="button" className="sc-btn" aria-expanded={open} aria-controls={panelId}
        onClick={toggle} onPointerEnter={fetchGroups} onFocus={fetchGroups}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) close();
          if (e.key === 'ArrowDown' && open) { e.preventDefault(); panel.current?.querySelector<HTMLButtonElement>('button.sc-item')?.focus(); }
        }}
      >
        Scenarios ▾
      </button>
      {open && (
        <div id={panelId} ref={panel} className="sc-menu" role="group" aria-label="Scenarios: open a prepared run" onKeyDown={onKeyDown}>
          <div className="sc-head">
            <p className="sc-intro">Prepared runs that open at their start: press Step or Play to watch what happens.</p>
            <button type="button" className="sc-close" aria-label="Close the Scenarios menu" onClick={close}>
              <span aria-hidden="true">✕</span>
            </button>
          </div>
          {failed !== null && <p className="sc-status" role="alert">The scenarios could not be loaded ({failed}). Close the menu and open it again to retry.</p>}
          {groups === null && failed === null && <p className="sc-status" role="status">Loading the scenarios…</p>}
          {groups?.map((g) => <Group key={g.id} group={g} onChoose={(p) => void choose(p)} />)}
          <p className="sc-foot">
            <span aria-hidden="true">⚠ </span>Broken rules on purpose: the <strong>Break Paxos</strong> menu opens runs in which one rule
            of Paxos is broken and two different values get chosen.
          </p>
        </div>
      )}
    </div>
  );
}

function Group({ group, onChoose }: { group: PresetGroup; onChoose: (p: Preset) => void }) {
  const headingId = useId();
  return (
    <section className="sc-group" aria-labelledby={headingId} data-group={group.id}>
      <h2 className="sc-group-title" id={headingId}>{group.title}</h2>
      <ul className="sc-list">
        {group.presets.map((p) => (
          <li key={p.id}>
            <button type="button" className="sc-item" data-preset={p.id} onClick={() => onChoose(p)}>
              <span className="sc-item-title">{p.title}</span>
              <span className="sc-item-blurb">{p.blurb}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
