import { useEffect, useMemo, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { variantInfo, type NodeState, type SimEvent, type VariantName, type World } from '../core';
import { ClusterGraph } from '../features/graph';
import { loadScenarioCodec, type ScenarioCodec } from '../scenario/lazy';
import {
  describeStep, differingNodes, extendsRun, findDivergence, followPosition, placeOf, replaySteps, type Divergence, type SteppedRun,
} from '../scenario/compare';
import { VARIANT_PRESETS, withCorrectRules } from '../scenario/variantPresets';
import { SimContext, useSim, useSimActions, type SimBinding } from '../store/react';
import { createSimStore, receiveFrame, type SimActions, type SimStore } from '../store/simStore';
import { Engine } from '../worker/engine';
import { loadScenario } from '../worker/scenarioIO';
import './compare.css';

// Side by side (issue 6): the Break Paxos run on screen (left, the main run: the timeline, Step and
// Play drive it) next to the same scenario steps with the correct rules (right). The right graph is
// a second ClusterGraph under its own SimContext, fed by an in-page engine that only follows: when
// the main view is k commands into scenario step s, it shows the correct run k commands into step s
// (not past the step's end), held at its end once the correct rules cannot carry a step out. Below
// them, where the two runs first differ, with the two events side by side.
//
// Loaded on demand (App imports it lazily), so the in-page engine stays out of the main bundle.

/** What the comparison needs, computed once per broken rule. */
interface Model {
  readonly variant: VariantName;
  readonly title: string;
  readonly steps: number;
  /** The step the correct rules cannot carry out, in words ("delivers accepted from B to A"), or null. */
  readonly heldStep: string | null;
  readonly brokenCommands: readonly unknown[];
  readonly broken: SteppedRun;
  readonly correct: SteppedRun;
  readonly divergence: Divergence | null;
  /** The correct run's side: its store (for the graph) and engine (to follow the main view). */
  readonly binding: SimBinding;
  readonly engine: Engine;
}

function noop(): void {}

/** Actions of a follow-only graph: selecting and hovering highlight locally; nothing else acts. */
function followOnlyActions(store: SimStore): SimActions {
  return {
    dispatch: async () => false,
    play: noop, pause: noop, togglePlay: noop, setSpeed: noop, step: noop, stepPhase: noop, reset: noop,
    select: (selection) => store.setState({ selection }),
    dismissNotice: noop, seek: noop, seekToTime: noop, stepBack: noop,
    hover: (hover) => {
      if (store.getState().hover !== hover) store.setState({ hover });
    },
    loadScenario: async () => false,
    exportScenario: async () => ({ ok: false, error: 'the correct-rules side only follows the main run' }),
    exportRun: async () => null,
    showBanner: noop,
  };
}

function buildModel(codec: ScenarioCodec, variant: VariantName): Model | string {
  const parsed = codec.validateScenario(VARIANT_PRESETS[variant]);
  if (!parsed.ok) return `the preset is broken: ${parsed.error}`;
  const scenario = parsed.scenario;
  const run = codec.runScenario(scenario);
  if (run.error) return `the preset cannot be replayed: ${run.error.message}`;
  const broken = replaySteps(scenario);
  // Every step of the broken scenario, without the broken rule: it stops where only the broken rule could go on.
  const correct = replaySteps({ ...scenario, variants: undefined });
  const { scenario: correctScenario } = withCorrectRules(scenario, codec.runScenario);
  const store = createSimStore();
  const engine = new Engine({}, (f) => receiveFrame(store, f));
  const loaded = loadScenario(engine, correctScenario, 0);
  if (!loaded.ok) return `the correct-rules run cannot be replayed: ${loaded.error}`;
  store.setState({ config: loaded.config });
  return {
    variant, title: variantInfo(variant).title, steps: scenario.steps.length, brokenCommands: run.commands,
    heldStep: correct.stoppedAt === null ? null : describeStep(scenario.steps[correct.stoppedAt]!),
    broken, correct, divergence: findDivergence(broken, correct),
    binding: { store, actions: followOnlyActions(store) }, engine,
  };
}

const quote = (v: string) => `“${v}”`;
const distinctChosen = (w: World | undefined): string[] => [...new Set((w?.monitor.chosen ?? []).map((c) => c.value))];

/** What went wrong in the broken run so far, in a few words. */
function brokenStatus(w: World | undefined): { text: string; bad: boolean } {
  const chosen = distinctChosen(w);
  if (chosen.length >= 2) return { text: `two values chosen: ${chosen.map(quote).join(' and ')}`, bad: true };
  const violation = w?.monitor.violations[0];
  if (violation) return { text: `safety violated: ${violation.explanation}`, bad: true };
  if (chosen.length === 1) return { text: `so far one value chosen: ${quote(chosen[0]!)}`, bad: false };
  return { text: 'nothing chosen yet', bad: false };
}

function correctStatus(w: World | undefined): string {
  const chosen = distinctChosen(w);
  if (chosen.length === 0) return 'nothing chosen yet';
  if (chosen.length === 1) return `one value chosen: ${quote(chosen[0]!)}`;
  return `${chosen.length} values chosen: ${chosen.map(quote).join(', ')}`;
}

/** Stop the follow-only graph's context menu (right click, the menu key, Shift+F10): it has no actions. */
const blockMenu = (e: MouseEvent) => {
  e.preventDefault();
  e.stopPropagation();
};
const blockMenuKeys = (e: KeyboardEvent) => {
  if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
    e.preventDefault();
    e.stopPropagation();
  }
};

export interface CompareProps {
  readonly variant: VariantName;
  /** The main run's graph (the app's ClusterGraph), shown on the left. */
  readonly main: ReactNode;
  readonly onClose: () => void;
}

export default function Compare({ variant, main, onClose }: CompareProps) {
  const actions = useSimActions();
  const [codec, setCodec] = useState<ScenarioCodec | null>(null);
  useEffect(() => {
    let live = true;
    void loadScenarioCodec().then((c) => { if (live) setCodec(c); });
    return () => { live = false; };
  }, []);
  const model = useMemo(() => (codec ? buildModel(codec, variant) : null), [codec, variant]);
  const ready = typeof model === 'object' && model !== null ? model : null;

  // Is the main run still the preset (possibly stepped on past its end)? Acting in it changes that.
  const length = useSim((s) => s.frame?.length ?? 0);
  const config = useSim((s) => s.config);
  const [check, setCheck] = useState<{ readonly model: Model; readonly ok: boolean } | null>(null);
  useEffect(() => {
    if (!ready) return;
    let live = true;
    void actions.exportRun().then((run) => {
      if (live) setCheck({ model: ready, ok: run !== null && extendsRun(ready.brokenCommands, run.commands) });
    });
    return () => { live = false; };
  }, [actions, ready, length, config]);
  // A check of another broken rule's run says nothing about this one.
  const matches = check?.model === ready ? check.ok : null;

  const position = useSim((s) => s.frame?.position ?? 0);
  const follow = ready ? followPosition(ready.broken.stepEnds, ready.correct, position) : null;
  useEffect(() => {
    if (ready && follow) ready.engine.seek(follow.position);
  }, [ready, follow?.position]); // eslint-disable-line react-hooks/exhaustive-deps

  // Narrow selections (a string, a flag), so that playing re-renders this only when they change.
  const badText = useSim((s) => brokenStatus(s.frame?.world).text);
  const badFlag = useSim((s) => brokenStatus(s.frame?.world).bad);
  const rightText = useRightStatus(ready?.binding.store ?? null);
  // The nodes array keeps its identity while no node changes (see reconcile), so this follows steps, not frames.
  const leftNodes = useSim((s) => s.frame?.world.nodes ?? NO_NODES);
  const rightNodes = useRightNodes(ready?.binding.store ?? null);
  const differ = useMemo(() => differingNodes(leftNodes, rightNodes), [leftNodes, rightNodes]);
  /** Marks the differing nodes in both graphs (compare.css). */
  const differIds = differ.map((d) => d.id).join(' ') || undefined;
  const title = variantInfo(variant).title;

  const close = (
    <button type="button" className="cmp-close" onClick={onClose}>Close side by side</button>
  );
  if (typeof model === 'string' || (ready && matches === false)) {
    return (
      <div className="cmp cmp-off">
        <p className="cmp-note" role="status">
          {typeof model === 'string'
            ? `The side-by-side comparison cannot be shown: ${model}.`
            : 'This run is no longer the Break Paxos scenario (you acted in it), so there is nothing to compare it with step by step. Reopen the scenario from the Break Paxos menu to compare again.'}
        </p>
        {close}
        {main}
      </div>
    );
  }

  const place = ready ? placeOf(ready.broken.stepEnds, position) : null;
  const stepText = !ready || !place ? '' : place.step >= ready.steps
    ? `after the last step (${ready.steps} of ${ready.steps})`
    : place.offset > 0 ? `in step ${place.step + 1} of ${ready.steps}` : place.step === 0 ? `at the start (${ready.steps} steps)` : `after step ${place.step} of ${ready.steps}`;

  return (
    <section className="cmp" aria-label="Side by side: the broken rule and the correct rules">
      <div className="cmp-bar">
        <p className="cmp-where">Same steps, two rule books: <strong>{stepText}</strong>. The timeline drives both.</p>
        {close}
      </div>
      <div className="cmp-graphs">
        <figure className="cmp-side cmp-broken" data-side="broken" data-differ={differIds}>
          <figcaption className="cmp-caption">
            <span className="cmp-mark" aria-hidden="true">✗</span>
            <span><strong>Broken: {title}</strong> <span className={badFlag ? 'cmp-status cmp-status-bad' : 'cmp-status'}>— {badText}</span></span>
          </figcaption>
          {main}
        </figure>
        <figure className="cmp-side cmp-correct" data-side="correct" data-differ={differIds}>
          <figcaption className="cmp-caption">
            <span className="cmp-mark" aria-hidden="true">✓</span>
            <span><strong>Correct rules</strong> <span className="cmp-status">— {rightText}</span></span>
          </figcaption>
          {follow?.held && ready && (
            <p className="cmp-held" role="note">
              Held after step {ready.correct.stepEnds.length}: the correct rules never send this message — step {ready.correct.stepEnds.length + 1}{' '}
              {ready.heldStep}, which only the broken rule sends.
            </p>
          )}
          {ready ? (
            <SimContext.Provider value={ready.binding}>
              <div className="cmp-follow" aria-label="The correct-rules run (follows the timeline; read-only)" role="group"
                onContextMenuCapture={blockMenu} onKeyDownCapture={blockMenuKeys}>
                <ClusterGraph />
              </div>
            </SimContext.Provider>
          ) : <p className="cmp-loading" role="status">Replaying with the correct rules…</p>}
        </figure>
      </div>
      {ready && (
        <div className="cmp-now" aria-live="polite">
          {differ.length === 0
            ? <p className="cmp-now-same">Right now every node is in the same state on both sides.</p>
            : (
              <>
                <p className="cmp-now-head">Right now different:</p>
                <ul className="cmp-now-list">
                  {differ.map((d) => (
                    <li key={d.id} data-node={d.id}>
                      <strong>{d.id}</strong>
                      <span className="cmp-now-broken"><span aria-hidden="true">✗ </span>{d.a}</span>
                      <span className="cmp-now-correct"><span aria-hidden="true">✓ </span>{d.b}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
        </div>
      )}
      {ready && <DivergenceLine d={ready.divergence} position={position} onJump={(p) => actions.seek(p)} />}
    </section>
  );
}

const NO_NODES: readonly NodeState[] = [];

/** The correct run's nodes (updated when the follower moves). */
function useRightNodes(store: SimStore | null): readonly NodeState[] {
  const [nodes, setNodes] = useState<readonly NodeState[]>(() => store?.getState().frame?.world.nodes ?? NO_NODES);
  useEffect(() => {
    if (!store) return undefined;
    setNodes(store.getState().frame?.world.nodes ?? NO_NODES);
    return store.subscribe((s) => setNodes(s.frame?.world.nodes ?? NO_NODES));
  }, [store]);
  return nodes;
}

/** What the correct run has chosen, in words (updated when the follower moves). */
function useRightStatus(store: SimStore | null): string {
  const [text, setText] = useState(() => correctStatus(store?.getState().frame?.world));
  useEffect(() => {
    if (!store) return undefined;
    setText(correctStatus(store.getState().frame?.world));
    return store.subscribe((s) => setText(correctStatus(s.frame?.world)));
  }, [store]);
  return text;
}

const at = (e: SimEvent | null) => (e ? `t=${e.time}` : '');

function DivergenceLine({ d, position, onJump }: { d: Divergence | null; position: number; onJump: (position: number) => void }) {
  if (!d) return <p className="cmp-diverge" role="status">The two runs never differ in these steps.</p>;
  const reached = position >= d.brokenPosition;
  return (
    <div className="cmp-diverge" role="status" data-reached={reached ? '' : undefined}>
      <p className="cmp-diverge-head">
        <span>{reached ? 'They parted' : 'Identical so far; they part'} at <strong>step {d.step + 1}</strong>:</span>
        <button type="button" className="cmp-jump" onClick={() => onJump(d.brokenPosition)}>Jump to step {d.step + 1}</button>
      </p>
      <div className="cmp-lines">
        <p className="cmp-line cmp-line-broken">
          <span className="cmp-line-label"><span aria-hidden="true">✗ </span>Broken</span>
          <span className="cmp-line-time">{at(d.broken)}</span>
          <span className="cmp-line-text">{d.brokenLine ?? 'nothing more happens in this step'}</span>
        </p>
        <p className="cmp-line cmp-line-correct">
          <span className="cmp-line-label"><span aria-hidden="true">✓ </span>Correct</span>
          <span className="cmp-line-time">{at(d.correct)}</span>
          <span className="cmp-line-text">
            {d.correctLine ?? (d.correctStopped ? 'the correct rules never send this message: this step cannot happen' : 'nothing more happens in this step')}
          </span>
        </p>
      </div>
    </div>
  );
}
