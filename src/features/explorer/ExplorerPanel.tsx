import { useEffect, useId, useRef, useState } from 'react';
import { apply, createWorld, type Command, type SimConfig, type World } from '../../core';
import { LAMPORT_VARIANTS, LAMPORT_VARIANT_HELP, type LamportVariant } from '../../explorer/lamport';
import type { ExploreAnswer, ExploreRequest, ExploreStatus, LamportAnswer, SimAnswer } from '../../explorer/session';
import type { SimExploreOptions } from '../../explorer/simModel';
import { scenarioFromCommands } from '../../scenario/fromCommands';
import { useSim, useSimActions, useSimBinding } from '../../store/react';
import type { ExplorerService } from '../../worker/explorerClient';
import './explorer.css';

// "What can happen from here?": explores every interleaving of the simulation from the moment on
// screen (in the explorer worker), says in plain words whether safety can break and which values
// can still be chosen, and loads the shortest schedule to any outcome into the main view. A second
// tab runs Lamport's abstract model of Paxos. Values are user text: rendered as React text only.

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const quote = (v: string) => `“${v}”`;
const steps = (n: number) => `${n} step${n === 1 ? '' : 's'}`;

const STOP_TEXT: Record<string, string> = {
  exhausted: 'every reachable state was explored',
  violation: 'stopped at the first violation',
  maxStates: 'stopped by the state bound',
  maxDepth: 'stopped by the depth bound',
  maxBytes: 'stopped by the memory bound',
  cancelled: 'cancelled',
};

const INVARIANT_WORDS: Record<string, string> = {
  agreement: 'two different values chosen',
  validity: 'a value no client wrote is chosen',
  'learned-is-chosen': 'a node learns a value that is not chosen',
  'read-is-chosen': 'a read returns a value that is not chosen',
  'promise-monotonic': 'an acceptor goes back on a promise',
};

/** The run the exploration started from: replaying `prefix` gives `world`. */
interface Origin {
  readonly config: SimConfig;
  readonly prefix: readonly Command[];
  readonly world: World;
}

type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly status: ExploreStatus | null; readonly maxStates: number }
  | { readonly kind: 'done'; readonly answer: ExploreAnswer; readonly origin: Origin | null }
  | { readonly kind: 'error'; readonly message: string };

export function ExplorerPanel({ service }: { service: ExplorerService }) {
  const [tab, setTab] = useState<'here' | 'lamport'>('here');
  const titleId = useId();
  return (
    <section className="explorer" aria-labelledby={titleId}>
      <h2 className="explorer-title" id={titleId}>Explorer</h2>
      <div className="explorer-tabs" role="tablist" aria-label="Explorer models">
        <button type="button" role="tab" aria-selected={tab === 'here'} className="explorer-tab" onClick={() => setTab('here')}>From here</button>
        <button type="button" role="tab" aria-selected={tab === 'lamport'} className="explorer-tab" onClick={() => setTab('lamport')}>Lamport’s model</button>
      </div>
      {tab === 'here' ? <FromHere service={service} /> : <Lamport service={service} />}
    </section>
  );
}

/** Runs one request, keeping the progress; shared by both tabs. */
function useExploration(service: ExplorerService) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const start = async (request: ExploreRequest, origin: Origin | null) => {
    setPhase({ kind: 'running', status: null, maxStates: request.bounds.maxStates });
    try {
      const answer = await service.run(request, (status) => {
        if (live.current) setPhase((p) => (p.kind === 'running' ? { ...p, status } : p));
      });
      if (live.current) setPhase({ kind: 'done', answer, origin });
    } catch (e) {
      if (live.current) setPhase({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };
  return { phase, setPhase, start };
}

function FromHere({ service }: { service: ExplorerService }) {
  const { store } = useSimBinding();
  const actions = useSimActions();
  const ready = useSim((s) => s.frame !== null && s.frame.protocol === 'basic');
  const variants = useSim((s) => s.frame?.world.config.variants ?? null);
  const { phase, setPhase, start } = useExploration(service);
  const [options, setOptions] = useState<SimExploreOptions>({ drops: false, duplicates: 0, timers: false, crashes: 0 });
  const [maxDepth, setMaxDepth] = useState(30);
  const [maxStates, setMaxStates] = useState(100_000);
  const [loadError, setLoadError] = useState<string | null>(null);
  const running = phase.kind === 'running';

  const explore = async () => {
    setLoadError(null);
    actions.pause();
    const run = await actions.exportRun();
    const frame = store.getState().frame;
    if (!run || !frame || run.protocol !== 'basic') {
      setPhase({ kind: 'error', message: 'The explorer works on basic Paxos runs only.' });
      return;
    }
    const config = run.config as SimConfig;
    const prefix = (run.commands as Command[]).slice(0, run.position);
    // The world on screen, unless the view moved between the frame and the export: then replay.
    const world = frame.position === run.position ? frame.world : prefix.reduce((w, c) => apply(w, c).world, createWorld(config));
    await start({ model: 'sim', world, options, bounds: { maxStates, maxDepth } }, { config, prefix, world });
  };

  const watch = async (origin: Origin, schedule: readonly Command[], title: string) => {
    setLoadError(null);
    try {
      const scenario = scenarioFromCommands(origin.config, [...origin.prefix, ...schedule], {
        title, description: `The explorer's schedule, ${steps(schedule.length)} from the moment it started: press Step to watch it.`,
      });
      await actions.loadScenario(scenario, origin.prefix.length, 'The explored schedule');
    } catch (e) {
      setLoadError(`This schedule could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const set = <K extends keyof SimExploreOptions>(k: K, v: SimExploreOptions[K]) => setOptions((o) => ({ ...o, [k]: v }));
  const summary = [
    'deliveries in any order',
    options.drops && 'drops',
    options.duplicates > 0 && `≤ ${options.duplicates} duplicate${options.duplicates > 1 ? 's' : ''}`,
    options.timers && 'timers',
    options.crashes > 0 && `≤ ${options.crashes} crash${options.crashes > 1 ? 'es' : ''}`,
  ].filter(Boolean).join(', ');

  return (
    <div className="explorer-body" role="tabpanel" aria-label="What can happen from here">
      <p className="explorer-lead">
        Every order in which the messages on the wire could arrive, from the moment on screen: can safety break,
        and which values can still be chosen?
        {variants && variants.length > 0 && <> Broken rules in force: <strong>{variants.join(', ')}</strong>.</>}
      </p>
      <details className="explorer-options">
        <summary>Options: {summary}; ≤ {maxDepth} steps, ≤ {fmt(maxStates)} states</summary>
        <div className="explorer-grid">
          <label><input type="checkbox" checked={options.drops} disabled={running} onChange={(e) => set('drops', e.target.checked)} /> Drops</label>
          <label><input type="checkbox" checked={options.timers} disabled={running} onChange={(e) => set('timers', e.target.checked)} /> Timers fire</label>
          <label>Duplicates <NumberSelect value={options.duplicates} choices={[0, 1, 2]} disabled={running} onChange={(v) => set('duplicates', v)} /></label>
          <label>Crashes <NumberSelect value={options.crashes} choices={[0, 1, 2]} disabled={running} onChange={(v) => set('crashes', v)} /></label>
          <label>Depth ≤ <NumberSelect value={maxDepth} choices={[10, 20, 30, 40, 60]} disabled={running} onChange={setMaxDepth} /></label>
          <label>States ≤ <NumberSelect value={maxStates} choices={[10_000, 100_000, 300_000, 1_000_000]} disabled={running} onChange={setMaxStates} /></label>
        </div>
      </details>
      <Controls running={running} disabled={!ready} label="Explore from here" onRun={() => void explore()} onCancel={() => service.cancel()} />
      <Progress phase={phase} />
      {phase.kind === 'error' && <p className="explorer-error" role="alert">{phase.message}</p>}
      {phase.kind === 'done' && phase.answer.model === 'sim' && phase.origin && (
        <SimResult answer={phase.answer} origin={phase.origin} onWatch={watch} />
      )}
      {loadError && <p className="explorer-error" role="alert">{loadError}</p>}
    </div>
  );
}

function SimResult({ answer, origin, onWatch }: {
  answer: SimAnswer; origin: Origin;
  onWatch: (origin: Origin, schedule: readonly Command[], title: string) => Promise<void>;
}) {
  const { stats, violation, outcomes } = answer;
  const complete = stats.stoppedBy === 'exhausted';
  const within = complete ? '' : ` within ${steps(stats.depth)}`;
  return (
    <div className="explorer-result" aria-live="polite" data-testid="explorer-answer">
      {answer.earlierViolations.length > 0 && (
        <p className="explorer-detail explorer-bad">
          A safety rule was already broken before this moment ({answer.earlierViolations.map((v) => v.invariant).join(', ')}).
        </p>
      )}
      {violation ? (
        <div className="explorer-verdict explorer-verdict-bad">
          <p className="explorer-verdict-text">Violation possible: {INVARIANT_WORDS[violation.invariant] ?? violation.invariant}.</p>
          <p className="explorer-detail">Shortest schedule: {steps(violation.commands.length)}. {violation.explanation}</p>
          <ScheduleView lines={violation.lines} />
          <button type="button" className="explorer-button" onClick={() => void onWatch(origin, violation.commands, `Explorer: ${violation.invariant} broken in ${steps(violation.commands.length)}`)}>
            Watch it
          </button>
        </div>
      ) : (
        <div className={`explorer-verdict ${complete ? 'explorer-verdict-ok' : 'explorer-verdict-partial'}`}>
          <p className="explorer-verdict-text">
            {complete
              ? `Safe: in all ${fmt(stats.distinctStates)} reachable states no two values are chosen.`
              : `No violation found${within} (${fmt(stats.distinctStates)} states), but the search was ${stats.stoppedBy === 'cancelled' ? 'cancelled' : 'bounded'}: this is not a proof.`}
          </p>
        </div>
      )}
      <h3 className="explorer-subtitle">Values that can still be chosen{complete ? '' : ' (at least)'}</h3>
      {outcomes.length === 0 ? (
        <p className="explorer-detail">None{within}: no schedule explored gets a value chosen.</p>
      ) : (
        <ul className="explorer-outcomes">
          {outcomes.map((o) => (
            <li key={o.value} className="explorer-outcome">
              <span className="explorer-value">{quote(o.value)}</span>{' '}
              <span className="explorer-detail">{o.alreadyChosen ? '(already chosen)' : `in ${steps(o.commands.length)}`}</span>
              {!o.alreadyChosen && (
                <button type="button" className="explorer-button explorer-watch" aria-label={`Watch ${quote(o.value)} get chosen`}
                  onClick={() => void onWatch(origin, o.commands, `Explorer: ${quote(o.value)} chosen in ${steps(o.commands.length)}`)}>
                  Watch it
                </button>
              )}
              {!o.alreadyChosen && <ScheduleView lines={o.lines} />}
            </li>
          ))}
        </ul>
      )}
      {complete && answer.notChosen.length > 0 && (
        <p className="explorer-detail">Never chosen from here: {answer.notChosen.map(quote).join(', ')}.</p>
      )}
      <Stats stats={stats} />
    </div>
  );
}

function ScheduleView({ lines }: { lines: readonly string[] }) {
  if (lines.length === 0) return null;
  return (
    <details className="explorer-schedule">
      <summary>The schedule</summary>
      <ol>{lines.map((l, i) => <li key={i}>{l}</li>)}</ol>
    </details>
  );
}

function Lamport({ service }: { service: ExplorerService }) {
  const { phase, start } = useExploration(service);
  const [acceptors, setAcceptors] = useState(3);
  const [values, setValues] = useState(2);
  const [ballots, setBallots] = useState(2);
  const [variant, setVariant] = useState<LamportVariant>('correct');
  const [symmetry, setSymmetry] = useState(false);
  const [maxStates, setMaxStates] = useState(1_000_000);
  const running = phase.kind === 'running';
  const run = () => void start({
    model: 'lamport', acceptors, values, ballots, variant, symmetry, bounds: { maxStates, maxDepth: 1000 },
  }, null);
  return (
    <div className="explorer-body" role="tabpanel" aria-label="Lamport's model">
      <p className="explorer-lead">
        Lamport’s abstract Paxos: acceptors, ballots and the set of every message ever sent. All reachable states, checked for agreement.
      </p>
      <div className="explorer-grid">
        <label>Acceptors <NumberSelect value={acceptors} choices={[1, 2, 3, 4, 5]} disabled={running} onChange={setAcceptors} /></label>
        <label>Values <NumberSelect value={values} choices={[1, 2, 3]} disabled={running} onChange={setValues} /></label>
        <label>Ballots <NumberSelect value={ballots} choices={[1, 2, 3, 4]} disabled={running} onChange={setBallots} /></label>
        <label>States ≤ <NumberSelect value={maxStates} choices={[100_000, 1_000_000, 3_000_000, 10_000_000]} disabled={running} onChange={setMaxStates} /></label>
        <label><input type="checkbox" checked={symmetry} disabled={running} onChange={(e) => setSymmetry(e.target.checked)} /> Symmetry</label>
        <label className="explorer-wide">Rules{' '}
          <select value={variant} disabled={running} onChange={(e) => setVariant(e.target.value as LamportVariant)} title={LAMPORT_VARIANT_HELP[variant]}>
            {LAMPORT_VARIANTS.map((v) => <option key={v} value={v}>{v}</option>)}
          </select>
        </label>
      </div>
      <p className="explorer-detail">{LAMPORT_VARIANT_HELP[variant]}.</p>
      <Controls running={running} disabled={false} label="Explore Lamport’s model" onRun={run} onCancel={() => service.cancel()} />
      <Progress phase={phase} />
      {phase.kind === 'error' && <p className="explorer-error" role="alert">{phase.message}</p>}
      {phase.kind === 'done' && phase.answer.model === 'lamport' && <LamportResult answer={phase.answer} />}
    </div>
  );
}

function LamportResult({ answer }: { answer: LamportAnswer }) {
  const { stats, counterexample } = answer;
  const complete = stats.stoppedBy === 'exhausted';
  return (
    <div className="explorer-result" aria-live="polite" data-testid="explorer-answer">
      {counterexample ? (
        <div className="explorer-verdict explorer-verdict-bad">
          <p className="explorer-verdict-text">Agreement violated: shortest counterexample has {steps(counterexample.lines.length - 1)}.</p>
          <pre className="explorer-trace">{counterexample.lines.join('\n')}</pre>
        </div>
      ) : (
        <div className={`explorer-verdict ${complete ? 'explorer-verdict-ok' : 'explorer-verdict-partial'}`}>
          <p className="explorer-verdict-text">
            {complete
              ? `Agreement holds in all ${fmt(stats.distinctStates)} distinct states.`
              : `No violation in ${fmt(stats.distinctStates)} states, but the search was ${stats.stoppedBy === 'cancelled' ? 'cancelled' : 'bounded'}.`}
          </p>
        </div>
      )}
      <Stats stats={stats} extra={`${answer.bytesPerState} bytes per packed state`} />
    </div>
  );
}

function Controls({ running, disabled, label, onRun, onCancel }: { running: boolean; disabled: boolean; label: string; onRun: () => void; onCancel: () => void }) {
  return (
    <div className="explorer-controls">
      <button type="button" className="explorer-button explorer-run" disabled={running || disabled} onClick={onRun}>{label}</button>
      {running && <button type="button" className="explorer-button" onClick={onCancel}>Cancel</button>}
    </div>
  );
}

function Progress({ phase }: { phase: Phase }) {
  if (phase.kind !== 'running') return null;
  const s = phase.status;
  const fraction = s ? Math.min(1, s.distinctStates / phase.maxStates) : 0;
  return (
    <div className="explorer-progress" role="status">
      <progress max={1} value={fraction} aria-label="Exploration progress (states, out of the bound)" />
      <p className="explorer-detail">
        {s ? `${fmt(s.distinctStates)} states, depth ${s.depth}, ${fmt(s.statesPerSecond)} states/s` : 'Starting…'}
      </p>
    </div>
  );
}

function Stats({ stats, extra }: { stats: ExploreAnswer['stats']; extra?: string }) {
  return (
    <p className="explorer-stats">
      {fmt(stats.distinctStates)} states, {fmt(stats.statesGenerated)} transitions, depth {stats.depth},{' '}
      {stats.seconds.toFixed(2)} s ({fmt(stats.statesPerSecond)} states/s){extra ? `, ${extra}` : ''}: {STOP_TEXT[stats.stoppedBy] ?? stats.stoppedBy}.
    </p>
  );
}

function NumberSelect({ value, choices, disabled, onChange }: { value: number; choices: readonly number[]; disabled: boolean; onChange: (v: number) => void }) {
  return (
    <select value={value} disabled={disabled} onChange={(e) => onChange(Number(e.target.value))}>
      {choices.map((c) => <option key={c} value={c}>{fmt(c)}</option>)}
    </select>
  );
}

