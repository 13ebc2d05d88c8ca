import { useId, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { actionsFor, type Action, type ActionContext } from '../../actions/registry';
import {
  formatBallot, formatMessage, majority, type Message, type NodeState, type Proposal, type ProposerPhase, type Timer,
} from '../../core';
import { useSim, useSimBinding } from '../../store/react';
import './inspector.css';

// Everything about the selected node or message, and the registry's actions for it. Values are
// user text: rendered as React text only.

const NODE_ACTIONS = actionsFor('node');
const MESSAGE_ACTIONS = actionsFor('message');

const PHASE_TEXT: Record<ProposerPhase, string> = {
  idle: 'idle (not proposing)',
  preparing: 'phase 1: collecting promises',
  accepting: 'phase 2: collecting accepts',
  waiting: 'waiting to retry with a higher ballot',
  done: 'done: a majority accepted its ballot',
};

const MESSAGE_TEXT: Record<Message['type'], string> = {
  prepare: 'prepare (phase 1a): “promise to ignore lower ballots”',
  promise: 'promise (phase 1b): “I promise; here is what I accepted”',
  accept: 'accept (phase 2a): “please accept this value at this ballot”',
  accepted: 'accepted (phase 2b): “I accepted it”',
  nack: 'nack: “no — I promised a higher ballot”',
  decide: 'decide: “this value is chosen”',
  read: 'read: “what have you accepted?”',
  'read-reply': 'read reply: “this is what I accepted”',
};

const proposal = (p: Proposal | null) => (p ? <>{formatBallot(p.ballot)} <Val>{p.value}</Val></> : <span className="insp-none">nothing</span>);

function Val({ children }: { children: ReactNode }) {
  return <span className="insp-value">{children}</span>;
}

export function Inspector() {
  const selection = useSim((s) => s.selection);
  const node = useSim((s) => (s.selection?.kind === 'node' ? s.frame?.world.nodes.find((n) => n.id === s.selection!.id) : undefined));
  const message = useSim((s) => (s.selection?.kind === 'message' ? s.frame?.world.inflight.find((m) => m.id === s.selection!.id) : undefined));
  const titleId = useId();

  return (
    <section className="insp" aria-labelledby={titleId}>
      <h2 className="insp-title" id={titleId}>
        {node ? <>Node {node.id}</> : message ? <>Message #{message.id}</> : 'Inspector'}
      </h2>
      {node ? <NodeView node={node} />
        : message ? <MessageView message={message} />
          : (
            <p className="insp-hint">
              {selection ? 'That is no longer there. ' : ''}Click a node or a message to inspect it; right-click for actions.
            </p>
          )}
    </section>
  );
}

function Field({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="insp-field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function NodeView({ node }: { node: NodeState }) {
  const { actions } = useSimBinding();
  const timers = useSim(useShallow((s) => s.frame?.world.timers.filter((t) => t.node === node.id) ?? []));
  const messages = useSim(useShallow((s) => s.frame?.world.inflight.filter((m) => m.from === node.id || m.to === node.id) ?? []));
  const time = useSim((s) => s.frame?.world.time ?? 0);
  const n = useSim((s) => s.frame?.world.nodes.length ?? 0);
  const cutOffFrom = useSim(useShallow((s) => {
    const w = s.frame?.world;
    if (!w) return [];
    const i = w.nodes.findIndex((x) => x.id === node.id);
    return w.nodes.filter((_, j) => w.partition[j] !== w.partition[i]).map((x) => x.id);
  }));
  const p = node.proposer;
  const promises = Object.entries(p.promises).sort(([a], [b]) => a.localeCompare(b));
  const need = majority(Math.max(n, 1));

  return (
    <div className="insp-body">
      <p className={`insp-status ${node.up ? 'insp-up' : 'insp-down'}`}>
        <span aria-hidden="true">{node.up ? '● ' : '✕ '}</span>
        {node.up ? 'Up' : 'Crashed: only what is on disk survives; restart it to continue.'}
        {cutOffFrom.length > 0 && <span className="insp-cut"> Cut off from {cutOffFrom.join(', ')} by a partition.</span>}
      </p>

      <ActionBar scopeActions={NODE_ACTIONS} ctx={(s) => ({ state: s, sim: actions, node })} subject={`node ${node.id}`} />

      <h3 className="insp-subtitle">On disk <span className="insp-sub-note">(acceptor; survives a crash)</span></h3>
      <dl className="insp-fields">
        <Field label="Promised">{node.durable.promised ? formatBallot(node.durable.promised) : <span className="insp-none">nothing yet</span>}</Field>
        <Field label="Accepted">{proposal(node.durable.accepted)}</Field>
        <Field label="Last round used">{node.durable.maxRoundUsed}</Field>
      </dl>

      <h3 className="insp-subtitle">In memory <span className="insp-sub-note">(lost on a crash)</span></h3>
      <dl className="insp-fields">
        <Field label="Proposer">{PHASE_TEXT[p.phase]}</Field>
        <Field label="Ballot">
          {p.ballot ? formatBallot(p.ballot) : <span className="insp-none">none</span>}
          {p.attempt > 0 && <span className="insp-soft"> (retry {p.attempt} for this value; each retry backs off longer)</span>}
        </Field>
        <Field label="Client value">{p.clientValue !== null ? <Val>{p.clientValue}</Val> : <span className="insp-none">none</span>}</Field>
        {p.proposal !== null && <Field label="Proposing"><Val>{p.proposal}</Val></Field>}
        {(p.phase === 'preparing' || promises.length > 0) && (
          <Field label={`Promises (${promises.length} of ${need} needed)`}>
            {promises.length === 0 ? <span className="insp-none">none yet</span> : (
              <ul className="insp-list">
                {promises.map(([from, acc]) => <li key={from}><strong>{from}</strong>: {acc ? <>had accepted {proposal(acc)}</> : 'had accepted nothing'}</li>)}
              </ul>
            )}
          </Field>
        )}
        {(p.phase === 'accepting' || p.phase === 'done' || p.acceptedBy.length > 0) && (
          <Field label={`Accepted by (${p.acceptedBy.length} of ${need} needed)`}>
            {p.acceptedBy.length ? p.acceptedBy.join(', ') : <span className="insp-none">nobody yet</span>}
          </Field>
        )}
        <Field label="Highest round seen">{node.maxRoundSeen}</Field>
        <Field label="Learned">{node.learned ? <>{proposal(node.learned)} is chosen</> : <span className="insp-none">nothing yet</span>}</Field>
        <Field label="Pending reads">
          {node.reads.length === 0 ? <span className="insp-none">none</span> : (
            <ul className="insp-list">
              {node.reads.map((r) => {
                const replies = Object.entries(r.replies);
                return <li key={r.readId}>#{r.readId} (started t={r.startedAt}): {replies.length} of {n} answered{replies.length ? ` — ${replies.map(([k, v]) => `${k}: ${v ? `${formatBallot(v.ballot)} “${v.value}”` : 'nothing'}`).join(', ')}` : ''}</li>;
              })}
            </ul>
          )}
        </Field>
      </dl>

      <h3 className="insp-subtitle">Timers</h3>
      {timers.length === 0 ? <p className="insp-none">No timer set.</p> : (
        <ul className="insp-list">
          {timers.map((t) => <li key={t.id}>{timerText(t)} at t={t.at} <span className="insp-soft">({t.at > time ? `in ${t.at - time} ticks` : 'due now'})</span></li>)}
        </ul>
      )}

      <h3 className="insp-subtitle">Messages on the wire</h3>
      {messages.length === 0 ? <p className="insp-none">None to or from {node.id}.</p> : (
        <ul className="insp-msgs">
          {messages.slice(0, 12).map((m) => (
            <li key={m.id}>
              <button type="button" className="insp-link" onClick={() => actions.select({ kind: 'message', id: m.id })}>
                #{m.id} {m.from} → {m.to} {formatMessage(m)}
              </button>
            </li>
          ))}
          {messages.length > 12 && <li className="insp-soft">and {messages.length - 12} more</li>}
        </ul>
      )}
    </div>
  );
}

function timerText(t: Timer): string {
  return t.kind === 'retry' ? 'Retry (new ballot)' : `Read #${t.readId ?? '?'} timeout`;
}

function MessageView({ message: m }: { message: Message }) {
  const { actions } = useSimBinding();
  const clockTick = useSim((s) => Math.floor(s.frame?.clock ?? 0));
  const manual = useSim((s) => s.frame?.world.config.mode === 'manual');
  const receiverUp = useSim((s) => s.frame?.world.nodes.find((x) => x.id === m.to)?.up ?? true);
  const inTicks = Math.max(0, Math.ceil(m.deliverAt - clockTick));

  return (
    <div className="insp-body">
      <p className="insp-status insp-msg-type"><span className={`insp-swatch insp-swatch-${m.type}`} aria-hidden="true" />{MESSAGE_TEXT[m.type]}</p>
      <p className={`insp-eta${manual ? ' insp-eta-manual' : ''}`}>
        {manual ? <>Waiting (manual mode): deliver, drop or duplicate it.</> : inTicks === 0 ? 'Arriving now.' : <>Arrives in {inTicks} {inTicks === 1 ? 'tick' : 'ticks'}.</>}
        {m.cut && <span className="insp-warn"> Sent across a partition: it will be lost.</span>}
        {!receiverUp && <span className="insp-warn"> {m.to} is crashed: it will be lost on arrival.</span>}
      </p>

      <ActionBar scopeActions={MESSAGE_ACTIONS} ctx={(s) => ({ state: s, sim: actions, message: m })} subject={`message #${m.id}`} />

      <dl className="insp-fields">
        <Field label="Id">#{m.id}</Field>
        <Field label="Type">{m.type}</Field>
        <Field label="From → to">
          <button type="button" className="insp-link" onClick={() => actions.select({ kind: 'node', id: m.from })}>{m.from}</button>
          {' → '}
          <button type="button" className="insp-link" onClick={() => actions.select({ kind: 'node', id: m.to })}>{m.to}</button>
        </Field>
        {'ballot' in m && <Field label="Ballot">{formatBallot(m.ballot)}</Field>}
        {'value' in m && <Field label="Value"><Val>{m.value}</Val></Field>}
        {(m.type === 'promise' || m.type === 'read-reply') && <Field label="Had accepted">{proposal(m.accepted)}</Field>}
        {m.type === 'nack' && <Field label="Promised">{formatBallot(m.promised)} <span className="insp-soft">(rejects its {m.of})</span></Field>}
        {'readId' in m && <Field label="Read">#{m.readId}</Field>}
        <Field label="Sent at">t={m.sentAt}</Field>
        <Field label="Due at">t={m.deliverAt}</Field>
      </dl>
    </div>
  );
}

/**
 * The registry's actions for the subject. An unavailable action that shares its shortcut with an
 * available one (Crash / Restart) is hidden; others are shown disabled so the set stays stable.
 */
function ActionBar({ scopeActions, ctx, subject }: {
  scopeActions: readonly Action[];
  ctx: (s: ActionContext['state']) => ActionContext;
  subject: string;
}) {
  const { store } = useSimBinding();
  const available = useSim(useShallow((s) => scopeActions.map((a) => a.available(ctx(s)))));
  const visible = scopeActions.filter((a, i) => available[i] || !scopeActions.some((o, j) => j !== i && available[j] && o.shortcut === a.shortcut));
  return (
    <div className="insp-actions" role="group" aria-label={`Actions on ${subject}`}>
      {visible.map((a) => {
        const on = available[scopeActions.indexOf(a)] ?? false;
        return (
          <button key={a.id} type="button" className="insp-btn" disabled={!on} data-action={a.id}
            title={`${a.description}${a.shortcut ? ` (${a.shortcut})` : ''}`}
            onClick={() => {
              const c = ctx(store.getState());
              if (a.available(c)) a.run(c);
            }}>
            {a.label}
            {a.shortcut && <kbd className="insp-kbd" aria-hidden="true">{a.shortcut.split(' ')[0]}</kbd>}
          </button>
        );
      })}
    </div>
  );
}
