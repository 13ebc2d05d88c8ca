import { compareBallots, formatBallot, NOOP, entryCommand, type Entry, type MultiNode, type MultiWorld, type NodeId } from '../../core';

// Pure view model of the Multi-Paxos panels: what each log cell shows, who leads, where the gaps are.

export type CellState = 'empty' | 'accepted' | 'chosen' | 'applied';

export interface Cell {
  readonly slot: number;
  readonly state: CellState;
  /** The command (without its request id), "no-op", or null when empty. */
  readonly text: string | null;
  readonly noop: boolean;
  /** The ballot it was accepted at (accepted cells; chosen/applied ones when this node accepted it). */
  readonly ballot: string | null;
  /** Not known chosen here, while a later slot is: the node cannot apply past it. */
  readonly gap: boolean;
}

export interface Row {
  readonly id: NodeId;
  readonly up: boolean;
  readonly role: MultiNode['role'];
  readonly leading: boolean;
  readonly applied: number;
  readonly items: readonly string[];
  readonly cells: readonly Cell[];
}

export const entryText = (e: Entry) => (e === NOOP ? 'no-op' : entryCommand(e));

/** The highest slot anyone knows anything about (accepted, chosen, open at a leader). */
export function lastSlot(w: MultiWorld): number {
  let max = 0;
  const see = (k: string | number) => { max = Math.max(max, Number(k)); };
  for (const k of Object.keys(w.monitor.chosen)) see(k);
  for (const n of w.nodes) {
    for (const k of Object.keys(n.chosen)) see(k);
    for (const k of Object.keys(n.durable.accepted)) see(k);
    for (const k of Object.keys(n.open)) see(k);
  }
  return max;
}

/** The node that leads: up, in the leader role, with the highest ballot (two may believe they lead). */
export function currentLeader(w: MultiWorld): MultiNode | null {
  let best: MultiNode | null = null;
  for (const n of w.nodes) {
    if (!n.up || n.role !== 'leader' || !n.ballot) continue;
    if (!best || compareBallots(n.ballot, best.ballot) > 0) best = n;
  }
  return best;
}

export function rowOf(n: MultiNode, slots: number, leader: NodeId | null): Row {
  let lastKnown = 0;
  for (const k of Object.keys(n.chosen)) lastKnown = Math.max(lastKnown, Number(k));
  const cells: Cell[] = [];
  for (let s = 1; s <= slots; s++) {
    const acc = n.durable.accepted[s];
    const chosen = n.chosen[s];
    const ballot = acc ? formatBallot(acc.ballot) : null;
    if (s <= n.applied && chosen !== undefined) {
      cells.push({ slot: s, state: 'applied', text: entryText(chosen), noop: chosen === NOOP, ballot, gap: false });
    } else if (chosen !== undefined) {
      cells.push({ slot: s, state: 'chosen', text: entryText(chosen), noop: chosen === NOOP, ballot, gap: false });
    } else if (acc) {
      cells.push({ slot: s, state: 'accepted', text: entryText(acc.value), noop: acc.value === NOOP, ballot, gap: s < lastKnown });
    } else {
      cells.push({ slot: s, state: 'empty', text: null, noop: false, ballot: null, gap: s < lastKnown });
    }
  }
  return { id: n.id, up: n.up, role: n.role, leading: n.id === leader, applied: n.applied, items: n.items, cells };
}

export function rowsOf(w: MultiWorld): { rows: Row[]; slots: number; leader: NodeId | null } {
  const slots = lastSlot(w);
  const leader = currentLeader(w)?.id ?? null;
  return { rows: w.nodes.map((n) => rowOf(n, slots, leader)), slots, leader };
}

/** Are the state machines of every live node the same list (and has anything been applied)? */
export function converged(w: MultiWorld): boolean {
  const live = w.nodes.filter((n) => n.up);
  const first = live[0];
  if (!first) return false;
  return live.every((n) => n.applied === first.applied && n.items.join('\u0000') === first.items.join('\u0000'));
}
