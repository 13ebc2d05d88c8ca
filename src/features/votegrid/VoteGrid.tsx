import { Fragment, useId, useMemo } from 'react';
import { formatBallot } from '../../core';
import { useThrottledSim } from '../../store/react';
import type { SimState } from '../../store/simStore';
import { buildGrid, type GridCell, type GridLock, type GridModel, type GridRow } from './model';
import './votegrid.css';

// The vote grid (issue 6): ballots × acceptors, what each acceptor promised and voted for at each
// ballot, and the moment a value is locked in — a majority voted for it at one ballot — which is
// when it is chosen, before any learner knows. It reads the moment in view, like the graph and the
// timeline. Values are user text: React text only.

const playing = (s: SimState) => s.frame?.playing ?? false;
const selectWorld = (s: SimState) => (s.frame && s.frame.protocol === 'basic' ? s.frame.world : null);
const selectLog = (s: SimState) => s.log;

const quote = (v: string) => `“${v}”`;

export function VoteGrid() {
  const world = useThrottledSim(selectWorld, playing);
  const log = useThrottledSim(selectLog, playing);
  const model = useMemo(() => (world ? buildGrid(world, log) : null), [world, log]);
  const titleId = useId();
  const helpId = useId();
  if (!model) return null;
  return (
    <section className="votegrid" aria-labelledby={titleId}>
      <h2 className="votegrid-title" id={titleId}>Vote grid</h2>
      <p className="votegrid-help" id={helpId}>
        One row per ballot, one column per acceptor: <span className="votegrid-p">P</span> promised,
        {' '}<span className="votegrid-vote">value</span> voted for it, <span className="votegrid-x">✕</span> refused.
        A value is chosen — <strong>locked</strong> — the moment {model.majority} of {model.nodes.length} vote for it at the same ballot.
      </p>
      {model.rows.length === 0
        ? <p className="votegrid-empty">No ballot yet: a row appears when a proposer starts one.</p>
        : <Table model={model} helpId={helpId} />}
    </section>
  );
}

function Table({ model, helpId }: { model: GridModel; helpId: string }) {
  const cols = model.nodes.length + 1;
  return (
    // Scrolls inside itself (wide clusters on phones, long runs), so the page does not.
    <div className="votegrid-scroll" role="region" aria-label="Votes by ballot and acceptor" tabIndex={0}>
      <table className="votegrid-table" aria-describedby={helpId}>
        <thead>
          <tr>
            <th scope="col" className="votegrid-corner">Ballot</th>
            {model.nodes.map((x) => (
              <th key={x.id} scope="col" className={x.up ? undefined : 'is-down'} title={x.up ? `Acceptor ${x.id}` : `Acceptor ${x.id} (crashed)`}>
                {x.id}{!x.up && <span className="votegrid-down" aria-label=" (crashed)"> ✕</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.rows.map((row) => (
            <Fragment key={row.key}>
              <Row row={row} />
              {row.locks.map((lock, i) => <LockRow key={i} row={row} lock={lock} cols={cols} />)}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Row({ row }: { row: GridRow }) {
  const b = formatBallot(row.ballot);
  const locked = row.locks.length > 0;
  const conflict = row.locks.some((l) => l.conflict);
  return (
    <tr data-ballot={b} className={`votegrid-row${locked ? ' is-locked' : ''}${conflict ? ' is-conflict' : ''}`}>
      <th scope="row" className="votegrid-ballot">
        <span className="votegrid-ballot-id">{b}</span>
        {row.value !== null && <span className="votegrid-ballot-value" title={row.value}>{quote(row.value)}</span>}
      </th>
      {row.cells.map((c) => <Cell key={c.node} cell={c} ballot={b} conflict={conflict} />)}
    </tr>
  );
}

function cellLabel(cell: GridCell, ballot: string): string {
  const parts: string[] = [];
  if (cell.promised) parts.push('promised');
  if (cell.votes.length) parts.push(`voted for ${cell.votes.map(quote).join(' and ')}`);
  if (cell.refused) parts.push('refused');
  if (cell.inQuorum) parts.push('in the majority that chose it');
  return `${cell.node} at ballot ${ballot}: ${parts.length ? parts.join(', ') : 'nothing'}`;
}

function Cell({ cell, ballot, conflict }: { cell: GridCell; ballot: string; conflict: boolean }) {
  const cls = ['votegrid-cell'];
  if (cell.inQuorum) cls.push(conflict ? 'is-quorum is-conflict' : 'is-quorum');
  const label = cellLabel(cell, ballot);
  return (
    <td className={cls.join(' ')} data-node={cell.node} aria-label={label} title={label}>
      {cell.promised && <span className="votegrid-p" aria-hidden="true">P</span>}
      {cell.votes.map((v, i) => <span key={i} className="votegrid-vote" aria-hidden="true">{v}</span>)}
      {cell.refused && <span className="votegrid-x" aria-hidden="true">✕</span>}
    </td>
  );
}

function LockRow({ row, lock, cols }: { row: GridRow; lock: GridLock; cols: number }) {
  const b = formatBallot(row.ballot);
  const known = lock.learnedBy.length === 0
    ? 'no node knows yet'
    : `learned by ${lock.learnedBy.join(', ')}`;
  return (
    <tr className={`votegrid-lock${lock.conflict ? ' is-conflict' : ''}`} data-lock={b}>
      <td colSpan={cols}>
        <span aria-hidden="true">{lock.conflict ? '✕ ' : '★ '}</span>
        {lock.conflict && <strong>A second value! </strong>}
        <span className="votegrid-lock-value">{quote(lock.value)}</span> locked at ballot <strong>{b}</strong>
        {' '}by {lock.quorum.join(', ')}{lock.again ? ' (the same value again, as Paxos guarantees)' : ''} — {known}.
      </td>
    </tr>
  );
}
