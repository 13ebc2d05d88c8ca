import { formatBallot, type MultiNode } from '../../core';
import { useSim, useSimActions, useThrottledSim } from '../../store/react';
import type { SimState } from '../../store/simStore';
import { currentLeader, entryText } from './model';
import './multi.css';

// One card per node: its role, the ballot it campaigns or leads with, its one promise (for every
// slot), how far it has applied, what it is holding for later, and its state machine (the list).

const playing = (s: SimState) => s.frame?.playing ?? false;
const selectWorld = (s: SimState) => s.frame?.multi ?? null;

export function MultiNodes() {
  const world = useThrottledSim(selectWorld, playing);
  const selected = useSim((s) => (s.selection?.kind === 'node' ? s.selection.id : null));
  const sim = useSimActions();
  if (!world) return null;
  const leader = currentLeader(world)?.id ?? null;
  return (
    <section className="mp-nodes" aria-labelledby="mp-nodes-title">
      <h2 id="mp-nodes-title" className="mp-title">Nodes</h2>
      <ul className="mp-cards">
        {world.nodes.map((n) => (
          <li key={n.id}>
            <button type="button" className={`mp-card${n.id === selected ? ' is-selected' : ''}${n.up ? '' : ' is-down'}${n.id === leader ? ' is-leader' : ''}`}
              data-node={n.id} aria-pressed={n.id === selected} onClick={() => sim.select({ kind: 'node', id: n.id })}>
              <NodeCard node={n} leading={n.id === leader} />
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function NodeCard({ node: n, leading }: { node: MultiNode; leading: boolean }) {
  const role = !n.up ? 'crashed' : leading ? '★ leader' : n.role;
  return (
    <>
      <span className="mp-card-head"><strong>{n.id}</strong> <span className={`mp-role mp-role-${n.up ? (leading ? 'leader' : n.role) : 'down'}`}>{role}</span></span>
      <dl className="mp-card-facts">
        <dt>ballot</dt><dd>{formatBallot(n.ballot)}</dd>
        <dt>promised</dt><dd>{formatBallot(n.durable.promised)}</dd>
        <dt>thinks leader</dt><dd>{n.leader ?? '—'}</dd>
        <dt>applied</dt><dd>{n.applied === 0 ? 'nothing yet' : n.applied === 1 ? 'slot 1' : `slots 1–${n.applied}`}</dd>
        {n.queue.length > 0 && <><dt>holding</dt><dd>{n.queue.map(entryText).join(', ')}</dd></>}
      </dl>
      <span className="mp-card-state" data-items={n.items.join(',')}>state: [{n.items.join(', ')}]</span>
    </>
  );
}
