import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ballotEquals, formatBallot, INVARIANTS, majority, type InvariantName, type MonitorState, type NodeState } from '../../core';
import { useSim } from '../../store/react';
import './safety.css';

// What the omniscient safety monitor knows: which value is chosen (by which ballot and quorum),
// who has learned it, and whether every safety rule still holds. Values are user text: React text only.

export const INVARIANT_TEXT: Record<InvariantName, { name: string; meaning: string }> = {
  agreement: { name: 'At most one value is chosen', meaning: 'Once a majority accepted a value, no other value can ever reach a majority.' },
  validity: { name: 'Only a value a client wrote can be chosen', meaning: 'Nodes never make values up.' },
  'learned-is-chosen': { name: 'Nodes learn only chosen values', meaning: 'A node is told a value is chosen only after a majority accepted it.' },
  'read-is-chosen': { name: 'Reads return only chosen values', meaning: 'A successful read never returns a value that was not chosen.' },
  'promise-monotonic': { name: 'Promises never go backwards', meaning: 'An acceptor never promises a lower ballot than before, even after a crash.' },
};

const EMPTY_MONITOR: MonitorState = { votes: {}, chosen: [], proposed: [], maxPromise: {}, violations: [] };

export function SafetyPanel() {
  const monitor = useSim((s) => s.frame?.world.monitor ?? EMPTY_MONITOR);
  const nodes = useSim(useShallow((s) => s.frame?.world.nodes ?? []));
  const titleId = useId();
  const n = nodes.length;
  const up = nodes.filter((x) => x.up).length;

  if (n === 0) {
    return (
      <section className="safety" aria-labelledby={titleId}>
        <h2 className="safety-title" id={titleId}>Safety</h2>
        <p className="safety-detail">Waiting for the simulation…</p>
      </section>
    );
  }
  return (
    <section className="safety" aria-labelledby={titleId}>
      <h2 className="safety-title" id={titleId}>Safety</h2>
      <ChosenSummary monitor={monitor} n={n} />
      {up < majority(n) && (
        <p className="safety-no-quorum" role="status">
          Only {up} of {n} nodes are up: no majority ({majority(n)}) can answer, so no new value can be chosen
          until a node restarts. Nothing unsafe can happen either.
        </p>
      )}
      <Learners nodes={nodes} chosen={monitor.chosen[0]?.value ?? null} />
      <Invariants monitor={monitor} />
    </section>
  );
}

function ChosenSummary({ monitor, n }: { monitor: MonitorState; n: number }) {
  const first = monitor.chosen[0];
  const need = majority(Math.max(n, 1));
  if (!first) {
    // Not chosen yet: show the ballot closest to a majority, to make "a majority of votes" concrete.
    const best = Object.values(monitor.votes).sort((a, b) => b.voters.length - a.voters.length || b.ballot.round - a.ballot.round)[0];
    return (
      <div className="safety-chosen safety-chosen-none" data-testid="chosen">
        <p className="safety-chosen-label">Chosen value</p>
        <p className="safety-chosen-empty">Nothing chosen yet</p>
        <p className="safety-detail">
          {best
            ? <>Closest: ballot {formatBallot(best.ballot)} <span className="safety-value-inline">{best.value}</span> accepted by {best.voters.join(', ')} — {best.voters.length} of the {need} votes needed.</>
            : <>A value is chosen once a majority ({need} of {n}) accept it at the same ballot.</>}
        </p>
      </div>
    );
  }
  // Votes are keyed by ballot and value (a broken variant may send two values in one ballot).
  const voters = Object.values(monitor.votes).find((v) => ballotEquals(v.ballot, first.ballot) && v.value === first.value)?.voters ?? [];
  const again = monitor.chosen.slice(1).filter((c) => c.value === first.value);
  const conflicting = monitor.chosen.filter((c) => c.value !== first.value);
  return (
    <div className={`safety-chosen${conflicting.length ? ' safety-chosen-conflict' : ''}`} data-testid="chosen">
      <p className="safety-chosen-label"><span aria-hidden="true">★ </span>Chosen value</p>
      <p className="safety-chosen-value">{first.value}</p>
      <p className="safety-detail">
        at ballot <strong>{formatBallot(first.ballot)}</strong>, by the majority <strong>{voters.slice(0, need).join(', ')}</strong>
        {' '}({need} of {n}){voters.length > need ? `; now accepted by ${voters.join(', ')}` : ''}.
      </p>
      {again.length > 0 && (
        <p className="safety-detail">Chosen again (the same value, as Paxos guarantees) at {again.map((c) => formatBallot(c.ballot)).join(', ')}.</p>
      )}
      {conflicting.length > 0 && (
        <p className="safety-detail safety-bad-text">
          <span aria-hidden="true">✕ </span>Also chosen: {conflicting.map((c) => `“${c.value}” at ${formatBallot(c.ballot)}`).join(', ')} — two different values!
        </p>
      )}
    </div>
  );
}

function Learners({ nodes, chosen }: { nodes: readonly NodeState[]; chosen: string | null }) {
  const learned = nodes.filter((x) => x.up && x.learned).length;
  return (
    <div className="safety-learners">
      <h3 className="safety-subtitle">Learned {chosen === null ? '' : <span className="safety-count">({learned} of {nodes.length})</span>}</h3>
      <ul className="safety-chips" aria-label="What each node has learned">
        {nodes.map((node) => {
          const state = !node.up ? 'down' : node.learned ? 'yes' : 'no';
          const label = !node.up ? `${node.id}: crashed` : node.learned ? `${node.id}: learned ${node.learned.value}` : `${node.id}: not yet`;
          return (
            <li key={node.id} className={`safety-chip safety-chip-${state}`} aria-label={label} title={label}>
              <span className="safety-chip-id">{node.id}</span>
              <span className="safety-chip-mark" aria-hidden="true">{state === 'down' ? '✕' : state === 'yes' ? '✓' : '–'}</span>
              {state === 'yes' && <span className="safety-chip-value" aria-hidden="true">{node.learned!.value}</span>}
              {state === 'down' && <span className="safety-chip-value" aria-hidden="true">crashed</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Invariants({ monitor }: { monitor: MonitorState }) {
  const [explain, setExplain] = useState(false);
  const listId = useId();
  return (
    <div className="safety-invariants">
      <div className="safety-rules-head">
        <h3 className="safety-subtitle">Safety rules</h3>
        <button type="button" className="safety-explain" aria-expanded={explain} aria-controls={listId} onClick={() => setExplain(!explain)}>
          {explain ? 'Hide explanations' : 'Explain'}
        </button>
      </div>
      <ul className="safety-rules" id={listId}>
        {INVARIANTS.map((inv) => {
          const violations = monitor.violations.filter((v) => v.invariant === inv);
          const ok = violations.length === 0;
          const text = INVARIANT_TEXT[inv];
          return (
            <li key={inv} className={`safety-rule ${ok ? 'safety-ok' : 'safety-bad'}`} data-invariant={inv}>
              <span className="safety-rule-mark" aria-hidden="true">{ok ? '✓' : '✕'}</span>
              <span className="safety-rule-body">
                <span className="safety-rule-name">{text.name}</span>
                <span className="safety-rule-status">{ok ? ' — holds' : ' — VIOLATED'}</span>
                {(explain || !ok) && <span className="safety-rule-meaning">{text.meaning}</span>}
                {violations.map((v, i) => (
                    <span key={i} className="safety-rule-why">At t={v.time}: {v.explanation}</span>
                  ))}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
