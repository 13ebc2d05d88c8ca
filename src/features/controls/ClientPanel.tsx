import { useId, useMemo, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { clusterIds, nextQuickValue } from '../../actions/registry';
import { formatBallot, type NodeState, type Proposal, type ReadFailReason } from '../../core';
import { useSim, useSimActions } from '../../store/react';
import './controls.css';

// The client's side of the system: write a value or start a read at any node, and see how reads
// ended (or how far pending ones have got). Values are user text: rendered as React text only.

export const MAX_VALUE_LENGTH = 64;

/** Why a read failed, in plain words. */
export const READ_FAIL_TEXT: Record<ReadFailReason, string> = {
  'no-majority': 'no majority reported the same accepted proposal',
  'not-enough-responses': 'too few nodes answered before the timeout',
  'node-crashed': 'the node crashed before the read finished',
};

/** How many finished reads to list (newest first). */
const READS_SHOWN = 8;

const reported = (p: Proposal | null) => (p ? `${formatBallot(p.ballot)} “${p.value}”` : 'nothing accepted');

export function ClientPanel() {
  const sim = useSimActions();
  const ids = useSim(useShallow(clusterIds));
  const quick = useSim(nextQuickValue);
  const nodes = useSim(useShallow((s) => s.frame?.world.nodes ?? []));
  const reads = useSim(useShallow((s) => s.frame?.world.reads ?? []));
  const readTimeoutTicks = useSim((s) => s.frame?.world.config.readTimeoutTicks ?? s.config.readTimeoutTicks);
  const ready = useSim((s) => s.status === 'ready' && s.frame !== null);

  const [chosenNode, setChosenNode] = useState<string>('A');
  const node = ids.includes(chosenNode) ? chosenNode : (ids[0] ?? 'A');
  const nodeState = nodes.find((n) => n.id === node);
  const down = nodeState ? !nodeState.up : false;

  // null: offer the next quick value; a string: what the user typed.
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const value = draft ?? quick;
  const f = { node: useId(), value: useId(), error: useId(), down: useId() };

  const write = async (e: FormEvent) => {
    e.preventDefault();
    const v = value.trim();
    if (v === '') {
      setError('Type a value to write (up to 64 characters).');
      return;
    }
    setError(null);
    if (await sim.dispatch({ type: 'write', node, value: v.slice(0, MAX_VALUE_LENGTH) })) setDraft(null);
  };

  const pending = useMemo(() => pendingReads(nodes), [nodes]);
  const finished = reads.slice(-READS_SHOWN).reverse();

  return (
    <section className="ctl-client" aria-labelledby={`${f.node}-title`}>
      <h2 className="ctl-title" id={`${f.node}-title`}>Client</h2>
      <form className="ctl-client-form" onSubmit={write} noValidate>
        <div className="ctl-field">
          <label className="ctl-label" htmlFor={f.node}>At node</label>
          <select id={f.node} className="ctl-select" value={node} disabled={!ready}
            aria-describedby={down ? f.down : undefined}
            onChange={(e) => setChosenNode(e.target.value)}>
            {ids.map((id) => {
              const n = nodes.find((x) => x.id === id);
              return <option key={id} value={id}>{id}{n && !n.up ? ' (crashed)' : ''}</option>;
            })}
          </select>
        </div>
        <div className="ctl-field ctl-field-grow">
          <label className="ctl-label" htmlFor={f.value}>Value</label>
          <input id={f.value} className={`ctl-input${error ? ' ctl-input-bad' : ''}`} type="text" value={value}
            maxLength={MAX_VALUE_LENGTH} autoComplete="off" spellCheck={false} disabled={!ready}
            aria-invalid={error ? true : undefined} aria-describedby={error ? f.error : undefined}
            onChange={(e) => { setDraft(e.target.value); setError(null); }} />
        </div>
        <div className="ctl-client-buttons">
          <button type="submit" className="ctl-btn ctl-btn-primary" disabled={!ready || down}>
            <span className="ctl-btn-label">Write at {node}</span>
          </button>
          <button type="button" className="ctl-btn ctl-btn-plain" disabled={!ready || down}
            onClick={() => void sim.dispatch({ type: 'read', node })}>
            <span className="ctl-btn-label">Read at {node}</span>
          </button>
        </div>
        {error && <p id={f.error} className="ctl-error" role="alert"><span aria-hidden="true">✕ </span>{error}</p>}
        {down && <p id={f.down} className="ctl-hint">{node} is crashed: restart it before a client can use it.</p>}
      </form>

      <h3 className="ctl-subtitle">Reads</h3>
      {pending.length === 0 && finished.length === 0 && <p className="ctl-hint">No reads yet. A read asks every node what it accepted; it returns a value only when a majority agree.</p>}
      <ul className="ctl-reads" aria-label="Reads">
        {pending.map((r) => (
          <li key={`p${r.readId}`} className="ctl-read ctl-read-pending">
            <span className="ctl-read-mark" aria-hidden="true">…</span>
            <span>
              <strong>Read #{r.readId} at {r.node}</strong>: waiting — {r.answered} of {ids.length} answered
              <span className="ctl-read-detail">
                {r.answered > 0 ? `${r.replies.map(([from, p]) => `${from}: ${reported(p)}`).join(', ')}. ` : ''}
                Gives up at t={r.startedAt + readTimeoutTicks}.
              </span>
            </span>
          </li>
        ))}
        {finished.map((r) => (
          <li key={r.readId} className={`ctl-read ${r.result === 'ok' ? 'ctl-read-ok' : 'ctl-read-fail'}`}>
            <span className="ctl-read-mark" aria-hidden="true">{r.result === 'ok' ? '✓' : '✕'}</span>
            {r.result === 'ok'
              ? <span><strong>Read #{r.readId} at {r.node}</strong> returned <span className="ctl-value">{r.value}</span>
                <span className="ctl-read-detail">a majority accepted ballot {formatBallot(r.ballot)}</span></span>
              : <span><strong>Read #{r.readId} at {r.node}</strong> failed: {READ_FAIL_TEXT[r.reason]}</span>}
          </li>
        ))}
      </ul>
      {reads.length > READS_SHOWN && <p className="ctl-hint">{reads.length - READS_SHOWN} earlier reads not shown.</p>}
    </section>
  );
}

function pendingReads(nodes: readonly NodeState[]) {
  return nodes.flatMap((n) => n.reads.map((r) => {
    const replies = Object.entries(r.replies).sort(([a], [b]) => a.localeCompare(b));
    return { node: n.id, readId: r.readId, startedAt: r.startedAt, answered: replies.length, replies };
  })).sort((a, b) => b.readId - a.readId);
}
