import { memo, useId, useState, type FormEvent } from 'react';
import { actionById, SPEEDS } from '../../actions/registry';
import { useSim, useSimActions, useSimBinding, useThrottledSim } from '../../store/react';
import { protocolOf, type SimState } from '../../store/simStore';
import { ActionButton } from './ActionButton';
import { useAvailable } from './availability';
import { openShortcutHelp } from './helpState';
import { Icon } from './icons';
import { TipButton } from './TipButton';
import './controls.css';

// The run controls above the graph: play clock, stepping, speed, network mode, cluster size, seed.
// Every button comes from the action registry, so its label, tooltip, shortcut and availability
// match the keyboard handler and the help dialog.

const PLAY = actionById('play-pause');
const STEP = actionById('step');
const PHASE = actionById('step-phase');
const SLOWER = actionById('slower');
const FASTER = actionById('faster');
const MODE = actionById('toggle-mode');
const RESTART = actionById('reset-same');
const NEW_SEED = actionById('reset-new');
const HEAL = actionById('heal');
const SPLIT = actionById('split');
const TOOLBAR_ACTIONS = [PLAY, STEP, PHASE, SLOWER, FASTER, MODE, RESTART, NEW_SEED, HEAL, SPLIT];

const MIN_SPEED = SPEEDS[0]!;
const MAX_SPEED = SPEEDS[SPEEDS.length - 1]!;
const NODE_COUNTS = [3, 4, 5, 6, 7, 8, 9];
export const MAX_SEED = 0xffffffff;

/** Parse a typed seed: a whole number 0…2³²−1, or an error message in plain words. */
export function parseSeed(text: string): { ok: true; seed: number } | { ok: false; error: string } {
  const t = text.trim();
  if (t === '') return { ok: false, error: 'Type a seed: a whole number from 0 to 4294967295.' };
  if (!/^\d+$/.test(t)) return { ok: false, error: 'A seed is a whole number (digits only), from 0 to 4294967295.' };
  const seed = Number(t);
  if (!Number.isSafeInteger(seed) || seed > MAX_SEED) return { ok: false, error: 'That seed is too large: the largest is 4294967295.' };
  return { ok: true, seed };
}

const formatSpeed = (s: number) => `${Number(s.toFixed(2))}×`;

export function Toolbar() {
  const sim = useSimActions();
  const [play, step, phase, slower, faster, mode, restart, newSeed, heal, split] = useAvailable(TOOLBAR_ACTIONS);
  const playing = useSim((s) => s.frame?.playing ?? false);
  const speed = useSim((s) => s.frame?.speed ?? 1);
  const netMode = useSim((s) => s.frame?.world.config.mode ?? s.config.mode);
  const nodes = useSim((s) => s.frame?.world.config.nodes ?? s.config.nodes);
  const seed = useSim((s) => s.frame?.world.config.seed ?? s.config.seed);
  const ready = useSim((s) => s.status === 'ready' && s.frame !== null);
  const [seedError, setSeedError] = useState<string | null>(null);
  const ids = { speed: useId(), nodes: useId(), seed: useId(), seedError: useId(), modeHint: useId() };

  const speeds = SPEEDS.some((s) => Math.abs(s - speed) < 1e-9) ? SPEEDS : [...SPEEDS, speed].sort((a, b) => a - b);

  return (
    <div className="ctl-toolbar" role="region" aria-label="Simulation controls">
      <ProtocolSwitch available={ready} />
      <div className="ctl-group" role="group" aria-label="Play and step">
        <ActionButton action={PLAY} available={!!play} icon={playing ? 'pause' : 'play'} label={playing ? 'Pause' : 'Play'}
          variant="primary" whyDisabled={netMode === 'manual' ? 'In manual mode you move messages yourself: use Step or the message buttons.' : undefined} />
        <ActionButton action={STEP} available={!!step} icon="step" whyDisabled="Nothing is pending: no message on the wire and no timer set." />
        <ActionButton action={PHASE} available={!!phase} icon="phase" whyDisabled="Nothing is pending: no message on the wire and no timer set." />
      </div>

      <div className="ctl-group ctl-speed" role="group" aria-label="Playback speed">
        <label className="ctl-label" htmlFor={ids.speed}>Speed</label>
        <ActionButton action={SLOWER} available={!!slower && speed > MIN_SPEED + 1e-9} icon="slower" compact />
        <select id={ids.speed} className="ctl-select" value={String(speed)} disabled={!ready}
          onChange={(e) => sim.setSpeed(Number(e.target.value))}>
          {speeds.map((s) => <option key={s} value={String(s)}>{formatSpeed(s)}</option>)}
        </select>
        <ActionButton action={FASTER} available={!!faster && speed < MAX_SPEED - 1e-9} icon="faster" compact />
      </div>

      <ModeToggle mode={netMode} available={!!mode} hintId={ids.modeHint} />

      <div className="ctl-group ctl-run" role="group" aria-label="Run setup">
        <label className="ctl-label" htmlFor={ids.nodes}>Nodes</label>
        <select id={ids.nodes} className="ctl-select" value={String(nodes)} disabled={!ready}
          onChange={(e) => sim.reset({ nodes: Number(e.target.value) })}>
          {NODE_COUNTS.map((n) => <option key={n} value={String(n)}>{n}</option>)}
        </select>
        <SeedField seed={seed} disabled={!ready} inputId={ids.seed} errorId={ids.seedError} error={seedError} setError={setSeedError} />
      </div>

      <div className="ctl-group" role="group" aria-label="Start over">
        <ActionButton action={RESTART} available={!!restart} icon="restart" />
        <ActionButton action={NEW_SEED} available={!!newSeed} icon="dice" />
        {heal
          ? <ActionButton action={HEAL} available icon="heal" variant="primary" />
          : <ActionButton action={SPLIT} available={!!split} icon="split" />}
      </div>

      <div className="ctl-group ctl-end">
        <SimClock />
        <TipButton className="ctl-btn ctl-btn-plain" aria-keyshortcuts="?" aria-haspopup="dialog" onClick={openShortcutHelp}
          tip="List every keyboard shortcut." shortcut="?">
          <Icon name="keyboard" /><span className="ctl-btn-label">Shortcuts</span>
        </TipButton>
      </div>

      {/* A full-width row of its own, so an error does not reflow the controls around the seed. */}
      {seedError && <p id={ids.seedError} className="ctl-error" role="alert"><span aria-hidden="true">✕ </span>{seedError}</p>}
    </div>
  );
}

const isPlaying = (s: SimState) => s.frame?.playing === true;
const selectTime = (s: SimState) => s.frame?.world.time ?? 0;

/**
 * The simulated time. Its own component, as it changes with every frame from the worker (30 a
 * second while playing): only this span follows it, not the whole toolbar. While playing it
 * updates with the other panels, 10 times a second (each update costs a repaint of the page).
 */
const SimClock = memo(function SimClock() {
  const time = useThrottledSim(selectTime, isPlaying);
  return <span className="ctl-clock" aria-label={`Simulated time: tick ${time}`}>t = {time}</span>;
});

/** Basic Paxos | Multi-Paxos: switching starts a new run of the other protocol (same cluster size and seed). */
function ProtocolSwitch({ available }: { available: boolean }) {
  const sim = useSimActions();
  const protocol = useSim(protocolOf);
  const options = [
    { value: 'basic' as const, label: 'Basic Paxos', tip: 'Single-decree Paxos: the nodes agree on one value. Switching starts a new run.' },
    { value: 'multi' as const, label: 'Multi-Paxos', tip: 'Multi-Paxos: a leader, a replicated log of commands, a state machine on every node. Switching starts a new run.' },
  ];
  return (
    <div className="ctl-group ctl-protocol" role="group" aria-label="Protocol">
      <span className="ctl-seg">
        {options.map((o) => (
          <TipButton key={o.value} className="ctl-seg-btn" aria-pressed={protocol === o.value} disabled={!available} tip={o.tip}
            data-protocol={o.value} onClick={() => { if (protocol !== o.value) sim.reset({ protocol: o.value }); }}>
            <span className="ctl-seg-mark" aria-hidden="true">{protocol === o.value ? '●' : '○'}</span>
            {o.label}
          </TipButton>
        ))}
      </span>
    </div>
  );
}

function ModeToggle({ mode, available, hintId }: { mode: 'auto' | 'manual'; available: boolean; hintId: string }) {
  return (
    <div className="ctl-group ctl-mode" role="group" aria-label="Network mode" aria-describedby={hintId}>
      <span className="ctl-label" aria-hidden="true">Network</span>
      <span className="ctl-seg">
        <ModeButton value="auto" current={mode} available={available} />
        <ModeButton value="manual" current={mode} available={available} />
      </span>
      <span id={hintId} className={`ctl-hint ctl-hint-${mode}`}>
        {mode === 'auto' ? 'Auto: messages arrive on their own.' : 'Manual: messages wait for you — deliver, drop or duplicate each one.'}
      </span>
    </div>
  );
}

function ModeButton({ value, current, available }: { value: 'auto' | 'manual'; current: 'auto' | 'manual'; available: boolean }) {
  const { store, actions } = useSimBinding();
  const on = value === current;
  return (
    <TipButton className="ctl-seg-btn" aria-pressed={on} disabled={!available} aria-keyshortcuts="M"
      tip={value === 'auto'
        ? 'Auto mode: every message arrives by itself after its latency, and Play runs the clock. Switching restarts the run with the same seed.'
        : MODE.description}
      shortcut={MODE.shortcut}
      onClick={() => {
        if (on) return;
        const ctx = { state: store.getState(), sim: actions };
        if (MODE.available(ctx)) MODE.run(ctx);
      }}>
      <span className="ctl-seg-mark" aria-hidden="true">{on ? '●' : '○'}</span>
      {value === 'auto' ? 'Auto' : 'Manual'}
    </TipButton>
  );
}

interface SeedFieldProps {
  readonly seed: number;
  readonly disabled: boolean;
  readonly inputId: string;
  readonly errorId: string;
  readonly error: string | null;
  readonly setError: (error: string | null) => void;
}

function SeedField({ seed, disabled, inputId, errorId, error, setError }: SeedFieldProps) {
  const sim = useSimActions();
  // null: show the run's seed; a string: the user is editing.
  const [draft, setDraft] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseSeed(draft ?? String(seed));
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    setDraft(null);
    sim.reset({ seed: parsed.seed });
  };
  return (
    <form className="ctl-seed" onSubmit={submit} noValidate>
      <label className="ctl-label" htmlFor={inputId}>Seed</label>
      <input id={inputId} className={`ctl-input${error ? ' ctl-input-bad' : ''}`} type="text" inputMode="numeric"
        autoComplete="off" spellCheck={false} maxLength={12} size={10}
        value={draft ?? String(seed)} disabled={disabled}
        aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined}
        onChange={(e) => { setDraft(e.target.value); setError(null); }}
        onKeyDown={(e) => { if (e.key === 'Escape') { setDraft(null); setError(null); } }} />
      <TipButton type="submit" className="ctl-btn ctl-btn-plain" disabled={disabled}
        tip="Start over with this seed: the same seed always gives the same latencies and timeouts." shortcut="Enter in the seed box">
        <span className="ctl-btn-label">Use seed</span>
      </TipButton>
    </form>
  );
}
