import { useMemo } from 'react';
import { useSim, useThrottledSim } from '../../store/react';
import type { SimState } from '../../store/simStore';
import { rowsOf, type Cell, type Row } from './model';
import './multi.css';

// The replicated log: one row per node, one cell per slot. A cell is empty, accepted (with the
// ballot it was accepted at), chosen (known chosen here, not yet applied) or applied; no-ops are
// drawn as such. Each row's applied prefix ends at a bold bar, and a slot the node cannot apply
// past (a later one is chosen, this one is not) is marked as a gap. Scrolls inside itself.

const playing = (s: SimState) => s.frame?.playing ?? false;
const selectWorld = (s: SimState) => s.frame?.multi ?? null;

const STATE_WORD: Record<Cell['state'], string> = { empty: 'empty', accepted: 'accepted', chosen: 'chosen', applied: 'applied' };

function cellTitle(row: Row, c: Cell): string {
  const what = c.text === null ? 'nothing accepted' : c.noop ? 'no-op (gap filler)' : `“${c.text}”`;
  const parts = [`${row.id}, slot ${c.slot}: ${STATE_WORD[c.state]}`, what];
  if (c.ballot) parts.push(`accepted at ballot ${c.ballot}`);
  if (c.gap) parts.push('a gap: a later slot is chosen, so nothing after this one can be applied yet');
  return parts.join(' · ');
}

export function MultiLogView() {
  const world = useThrottledSim(selectWorld, playing);
  const chosenTruth = useSim((s) => s.frame?.multi?.monitor.chosen);
  const model = useMemo(() => (world ? rowsOf(world) : null), [world]);
  if (!world || !model) return null;
  const { rows, slots, leader } = model;
  const slotNums = Array.from({ length: slots }, (_, i) => i + 1);
  return (
    <section className="mp-log" aria-labelledby="mp-log-title">
      <div className="mp-head">
        <h2 id="mp-log-title" className="mp-title">Replicated log</h2>
        <ul className="mp-key" aria-label="Key">
          <li><span className="mp-swatch mp-cell-accepted" aria-hidden="true" />accepted (ballot)</li>
          <li><span className="mp-swatch mp-cell-chosen" aria-hidden="true" />chosen</li>
          <li><span className="mp-swatch mp-cell-applied" aria-hidden="true" />applied</li>
          <li><span className="mp-swatch mp-cell-noop" aria-hidden="true" />no-op</li>
          <li><span className="mp-swatch mp-cell-gap" aria-hidden="true" />gap</li>
        </ul>
      </div>
      {slots === 0
        ? <p className="mp-empty">The log is empty. Send a command from the client panel: the leader proposes it for the next slot.</p>
        : (
          <div className="mp-log-scroll" tabIndex={0} role="region" aria-label="Replicated log, scrollable">
            <table className="mp-log-table">
              <thead>
                <tr>
                  <th scope="col" className="mp-log-node">Node</th>
                  {slotNums.map((s) => <th key={s} scope="col" className="mp-log-slot">{s}</th>)}
                  <th scope="col" className="mp-log-state">State machine (applied list)</th>
                </tr>
                <tr className="mp-log-truth">
                  <th scope="row" className="mp-log-node" title="What the omniscient monitor knows is chosen (a majority accepted it), whether or not any node has learned it yet">chosen</th>
                  {slotNums.map((s) => {
                    const c = chosenTruth?.[s];
                    return <td key={s} className={`mp-truth${c ? '' : ' mp-truth-none'}`} data-slot={s}>{c ? (c.value === 'no-op' ? 'no-op' : c.value.replace(/^#\d+ /, '')) : '·'}</td>;
                  })}
                  <td />
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} className={`mp-row${r.up ? '' : ' is-down'}${r.id === leader ? ' is-leader' : ''}`} data-node={r.id}>
                    <th scope="row" className="mp-log-node">
                      <span className="mp-node-id">{r.id}</span>
                      <span className={`mp-role mp-role-${r.up ? r.role : 'down'}`}>{r.up ? (r.id === leader ? '★ leader' : r.role) : 'crashed'}</span>
                    </th>
                    {r.cells.map((c) => (
                      <td key={c.slot} data-slot={c.slot} data-state={c.state} data-noop={c.noop ? '' : undefined} data-gap={c.gap ? '' : undefined}
                        className={`mp-cell mp-cell-${c.state}${c.noop ? ' mp-cell-noop' : ''}${c.gap ? ' mp-cell-gap' : ''}${c.slot === r.applied ? ' mp-cell-last-applied' : ''}`}
                        title={cellTitle(r, c)}>
                        <span className="mp-cell-text">{c.text ?? (c.gap ? 'gap' : '')}</span>
                        {c.ballot && c.state === 'accepted' && <span className="mp-cell-ballot">{c.ballot}</span>}
                      </td>
                    ))}
                    <td className="mp-log-state" data-items={r.items.join(',')}>
                      {r.items.length === 0 ? <span className="mp-muted">[ ]</span> : `[${r.items.join(', ')}]`}
                      <span className="mp-muted"> · applied {r.applied}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      <p className="mp-note">
        Each node applies slots strictly in order: the bar after a cell ends its applied prefix. A <strong>gap</strong> (a slot not known
        chosen before a later one that is) blocks everything after it. A new leader re-proposes what a majority may have accepted and
        fills the remaining gaps with <strong>no-ops</strong>, so the log can be applied again.
      </p>
    </section>
  );
}
