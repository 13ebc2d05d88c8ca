import { useCallback, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useCloseOnOutsidePointer } from '../../ui/useCloseOnOutsidePointer';
import { VARIANTS, variantInfo, type VariantInfo, type VariantName } from '../../core';
import { loadScenarioCodec } from '../../scenario/lazy';
import type * as VariantPresets from '../../scenario/variantPresets';
import { useSim, useSimActions, useSimBinding } from '../../store/react';
import { protocolOf, type SimState, type StoreConfig } from '../../store/simStore';
import './breakpaxos.css';

// "Break Paxos" (issue 6): a menu of the seven deliberately broken rules, each with its paragraph
// of explanation; choosing one opens its preset (from the start, so Play or Step plays it out and
// the safety panel turns red when two values get chosen). While such a run is open a chip says
// which rule is broken, with a button that runs the same steps with the correct rules, and one that
// shows them side by side (the app composes that view: src/app/Compare.tsx). The presets (JSON) are
// loaded when one is opened, so they stay out of the main bundle.

const NO_VARIANTS: readonly VariantName[] = [];
const selectVariants = (s: SimState): readonly VariantName[] =>
  (protocolOf(s) === 'basic' ? s.frame?.world.config.variants : undefined) ?? NO_VARIANTS;

/** The correct-rules run on screen: which variant it is compared with, and the store config it was opened with. */
interface Comparison {
  readonly variant: VariantName;
  readonly config: StoreConfig;
}

/** The side-by-side view the app offers (absent: no button). */
export interface SideBySideToggle {
  readonly on: boolean;
  toggle(): void;
}

let presets: Promise<typeof VariantPresets> | null = null;
const loadPresets = () => (presets ??= import('../../scenario/variantPresets'));

/**
 * `chips`: where the chip naming the broken rule goes (the app gives a full-width strip under the
 * header, so a long rule name does not wrap the header's menus); inline next to the menu when absent.
 */
export function BreakPaxos({ sideBySide, chips }: { sideBySide?: SideBySideToggle; chips?: HTMLElement | null } = {}) {
  const sim = useSimActions();
  const { store } = useSimBinding();
  const variants = useSim(selectVariants);
  const config = useSim((s) => s.config);
  const [open, setOpen] = useState(false);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const listId = useId();

  // A click or tap outside closes the menu (focus stays where the student clicked).
  const closeQuietly = useCallback(() => setOpen(false), []);
  useCloseOnOutsidePointer(open, root, closeQuietly);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  /** Open `name`'s preset: broken (the variant on) or with the correct rules (the same steps, variant off). */
  const openPreset = async (name: VariantName, correct: boolean) => {
    const info = variantInfo(name);
    const [codec, { VARIANT_PRESETS, withCorrectRules }] = await Promise.all([loadScenarioCodec(), loadPresets()]);
    const parsed = codec.validateScenario(VARIANT_PRESETS[name]);
    if (!parsed.ok) {
      sim.showBanner({ tone: 'error', text: `The Break Paxos preset “${info.title}” is broken: ${parsed.error}` });
      return;
    }
    if (!correct) {
      if (await sim.loadScenario(parsed.scenario, 0, `The Break Paxos preset “${info.title}”`)) {
        setComparison(null);
        sim.showBanner({
          tone: 'info',
          text: `Broken rule: ${info.title}. ${parsed.scenario.description ?? ''} Press Play or Step to watch it; the safety panel turns red when it goes wrong.`,
        });
      }
      return;
    }
    const { scenario, stoppedAt } = withCorrectRules(parsed.scenario, codec.runScenario);
    if (await sim.loadScenario(scenario, 0, `The correct-rules version of “${info.title}”`)) {
      // loadScenario replaced the store's config: that object identifies this run.
      setComparison({ variant: name, config: store.getState().config });
      sim.showBanner({
        tone: 'info',
        text: `The same steps with the correct rules (no “${info.title}”). `
          + (stoppedAt === null
            ? 'Press Play or Step: this time the safety panel stays green.'
            : `It stops after step ${stoppedAt}: step ${stoppedAt + 1} delivers a message that only the broken rule sends. Press Play or Step: the safety panel stays green.`),
      });
    }
  };

  const comparing = comparison !== null && variants.length === 0 && comparison.config === config ? comparison : null;

  const broken = variants.map(variantInfo);
  const single = variants.length === 1 ? variants[0] : undefined;
  const chipsView = (
    <>
      {broken.length > 0 && (
        <div className="bp-chip" role="status" data-variants={variants.join(' ')}>
          <span className="bp-chip-mark" aria-hidden="true">⚠</span>
          <span className="bp-chip-text">Broken rule{broken.length > 1 ? 's' : ''}: <strong>{broken.map((b) => b.title).join('; ')}</strong></span>
          {single && sideBySide && (
            <button type="button" className="bp-chip-btn bp-chip-btn-compare" aria-pressed={sideBySide.on} onClick={sideBySide.toggle}>
              {sideBySide.on ? 'Hide side by side' : 'Compare side by side'}
            </button>
          )}
          {single && (
            <button type="button" className="bp-chip-btn" onClick={() => void openPreset(single, true)}>
              Run the same steps with the correct rules
            </button>
          )}
        </div>
      )}
      {comparing && (
        <div className="bp-chip bp-chip-correct" role="status">
          <span className="bp-chip-mark" aria-hidden="true">✓</span>
          <span className="bp-chip-text">Correct rules — the same steps as “{variantInfo(comparing.variant).title}”</span>
          <button type="button" className="bp-chip-btn" onClick={() => void openPreset(comparing.variant, false)}>
            Break it again
          </button>
        </div>
      )}
    </>
  );

  return (
    <div className="bp" ref={root}>
      <button ref={button} type="button" className="bp-btn" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
        Break Paxos ▾
      </button>
      {open && (
        <div id={listId} className="bp-menu" role="group" aria-label="Break Paxos: open a run with one rule broken"
          onKeyDown={(e) => { if (e.key === 'Escape') close(); }}>
          <div className="bp-menu-head">
            <p className="bp-menu-intro">
              Each rule of Paxos is there for a reason. Pick one to break: its scenario opens at the start, and playing it
              leads to two different values being chosen (or a read returning a value that never was).
            </p>
            <button type="button" className="bp-menu-close" aria-label="Close the Break Paxos menu" onClick={close}>
              <span aria-hidden="true">✕</span>
            </button>
          </div>
          <ul className="bp-list">
            {VARIANTS.map((v) => <VariantItem key={v.name} v={v} onChoose={() => { close(); void openPreset(v.name, false); }} />)}
          </ul>
        </div>
      )}
      {chips ? createPortal(chipsView, chips) : chipsView}
    </div>
  );
}

function VariantItem({ v, onChoose }: { v: VariantInfo; onChoose: () => void }) {
  const descId = useId();
  return (
    <li className="bp-item">
      <button type="button" className="bp-choose" data-variant={v.name} aria-describedby={descId} onClick={onChoose}>
        <span className="bp-choose-title">{v.title}</span>
        <span className="bp-choose-name">{v.name}</span>
      </button>
      <p className="bp-explanation" id={descId}>{v.explanation}</p>
    </li>
  );
}
