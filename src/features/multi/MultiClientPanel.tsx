import { useId, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { clusterIds, nextQuickCommand } from '../../actions/registry';
import { useSim, useSimActions } from '../../store/react';
import './multi.css';

// The client's side in Multi-Paxos: send a command to any node. The leader proposes it for its
// next slot; a follower forwards it to the leader it knows (or keeps it until it knows one).

export const MAX_COMMAND_LENGTH = 64;

export function MultiClientPanel() {
  const sim = useSimActions();
  const ids = useSim(useShallow(clusterIds));
  const nodes = useSim(useShallow((s) => s.frame?.multi?.nodes ?? []));
  const ready = useSim((s) => s.status === 'ready' && s.frame?.multi != null);
  const [chosenNode, setChosenNode] = useState<string>('A');
  const node = ids.includes(chosenNode) ? chosenNode : (ids[0] ?? 'A');
  const quick = useSim((s) => nextQuickCommand(s, node));
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const f = { title: useId(), node: useId(), cmd: useId(), error: useId() };
  const target = nodes.find((n) => n.id === node);
  const down = target ? !target.up : false;
  const command = draft ?? quick;

  const send = async (e: FormEvent) => {
    e.preventDefault();
    const c = command.trim();
    if (c === '') {
      setError('Type a command to send (up to 64 characters).');
      return;
    }
    setError(null);
    if (await sim.dispatch({ type: 'request', node, command: c.slice(0, MAX_COMMAND_LENGTH) })) {
      setDraft(null);
      setSent(`Sent “${c.slice(0, MAX_COMMAND_LENGTH)}” to ${node}.`);
    }
  };

  return (
    <section className="mp-client" aria-labelledby={f.title}>
      <h2 id={f.title} className="mp-title">Client</h2>
      <form className="mp-client-form" onSubmit={send} noValidate>
        <label htmlFor={f.cmd}>Send command</label>
        <input id={f.cmd} className="mp-input" type="text" value={command} maxLength={MAX_COMMAND_LENGTH} autoComplete="off" spellCheck={false}
          aria-invalid={error ? true : undefined} aria-describedby={error ? f.error : undefined}
          onChange={(e) => { setDraft(e.target.value); setError(null); }} />
        <label htmlFor={f.node}>to node</label>
        <select id={f.node} className="mp-select" value={node} onChange={(e) => { setChosenNode(e.target.value); setDraft(null); }}>
          {ids.map((id) => <option key={id} value={id}>{id}{nodes.find((n) => n.id === id)?.up === false ? ' (crashed)' : ''}</option>)}
        </select>
        <button type="submit" className="mp-btn mp-btn-primary" disabled={!ready || down}>Send</button>
      </form>
      {down && <p className="mp-muted">{node} is crashed: restart it or pick another node.</p>}
      {error && <p id={f.error} className="mp-error" role="alert">{error}</p>}
      <p className="mp-muted" role="status">{sent ?? 'Any node takes a command: a follower forwards it to the leader, which gives it the next free slot.'}</p>
    </section>
  );
}
