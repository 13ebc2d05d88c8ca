import { ballotEquals, ballotKey, compareBallots, majority, type Ballot, type NodeId, type SimEvent, type Value, type World } from '../../core';

// The vote grid as plain data: one row per ballot used so far (in ballot order), one cell per
// acceptor. Votes and chosen values come from the safety monitor (the whole history: acceptors
// overwrite their own vote, the monitor does not); promises and refusals come from the event log
// up to the moment in view, so the grid follows time travel like every other panel.

export interface GridCell {
  readonly node: NodeId;
  /** The acceptor promised this ballot (a promise reply to its prepare). */
  readonly promised: boolean;
  /** The acceptor refused this ballot's prepare or accept (it had promised a higher one). */
  readonly refused: boolean;
  /** Values it voted for (accepted) at this ballot; more than one only under a broken rule. */
  readonly votes: readonly Value[];
  /** Part of the majority that chose a value at this ballot. */
  readonly inQuorum: boolean;
}

/** A value became chosen at this ballot: a majority accepted it. */
export interface GridLock {
  readonly value: Value;
  /** The majority whose votes made it chosen, in the order they voted. */
  readonly quorum: readonly NodeId[];
  /** Live nodes that know a value is chosen and know this one. */
  readonly learnedBy: readonly NodeId[];
  /** A different value than the first one chosen: agreement is broken. */
  readonly conflict: boolean;
  /** The same value chosen again at a later ballot (safe: Paxos keeps choosing it). */
  readonly again: boolean;
}

export interface GridRow {
  readonly key: string;
  readonly ballot: Ballot;
  /** What the ballot's proposer proposes (phase 2), or the client value it started with; null when unknown. */
  readonly value: Value | null;
  readonly cells: readonly GridCell[];
  readonly locks: readonly GridLock[];
}

export interface GridModel {
  readonly nodes: readonly { readonly id: NodeId; readonly up: boolean }[];
  readonly rows: readonly GridRow[];
  /** Votes needed to choose a value (a real majority: the monitor's rule). */
  readonly majority: number;
  /** The log up to the view starts after the run's first events: older promises come from the nodes' durable state. */
  readonly partialLog: boolean;
}

interface LogLike { readonly index: number; readonly event: SimEvent }

interface RowDraft {
  ballot: Ballot;
  value: Value | null;
  promised: Set<NodeId>;
  refused: Set<NodeId>;
  votes: Map<NodeId, Value[]>;
}

export function buildGrid(world: World, log: readonly LogLike[]): GridModel {
  const rows = new Map<string, RowDraft>();
  const row = (ballot: Ballot): RowDraft => {
    const key = ballotKey(ballot);
    let r = rows.get(key);
    if (!r) {
      r = { ballot, value: null, promised: new Set(), refused: new Set(), votes: new Map() };
      rows.set(key, r);
    }
    return r;
  };

  for (const { event: e } of log) {
    switch (e.type) {
      case 'ballot-start': {
        const r = row(e.ballot);
        r.value ??= e.value;
        break;
      }
      case 'propose': row(e.ballot).value = e.value; break;
      case 'promise': row(e.ballot).promised.add(e.node); break;
      case 'reject': row(e.ballot).refused.add(e.node); break;
      default: break;
    }
  }
  const partialLog = (log[0]?.index ?? 0) > 0;
  for (const node of world.nodes) {
    // Ballots in progress (e.g. a prepare still on the wire) have a row already.
    const p = node.proposer;
    if (p.ballot) {
      const r = row(p.ballot);
      r.value = p.proposal ?? r.value ?? p.clientValue;
    }
    // The log no longer reaches back to the start: at least show each acceptor's current promise.
    if (partialLog && node.durable.promised) row(node.durable.promised).promised.add(node.id);
  }
  for (const v of Object.values(world.monitor.votes)) {
    const r = row(v.ballot);
    r.value ??= v.value;
    for (const voter of v.voters) {
      const list = r.votes.get(voter) ?? [];
      if (!list.includes(v.value)) list.push(v.value);
      r.votes.set(voter, list);
    }
  }

  const n = world.nodes.length;
  const need = majority(Math.max(n, 1));
  const first = world.monitor.chosen[0];
  const locksByRow = new Map<string, GridLock[]>();
  world.monitor.chosen.forEach((c, i) => {
    const voters = Object.values(world.monitor.votes).find((v) => ballotEquals(v.ballot, c.ballot) && v.value === c.value)?.voters ?? [];
    const key = ballotKey(c.ballot);
    row(c.ballot);
    const lock: GridLock = {
      value: c.value,
      quorum: voters.slice(0, need),
      learnedBy: world.nodes.filter((x) => x.up && x.learned?.value === c.value).map((x) => x.id),
      conflict: first !== undefined && c.value !== first.value,
      again: i > 0 && first !== undefined && c.value === first.value,
    };
    locksByRow.set(key, [...(locksByRow.get(key) ?? []), lock]);
  });

  const sorted = [...rows.entries()].sort(([, a], [, b]) => compareBallots(a.ballot, b.ballot));
  return {
    nodes: world.nodes.map((x) => ({ id: x.id, up: x.up })),
    majority: need,
    partialLog,
    rows: sorted.map(([key, r]) => {
      const locks = locksByRow.get(key) ?? [];
      const quorum = new Set(locks.flatMap((l) => l.quorum));
      return {
        key,
        ballot: r.ballot,
        value: r.value,
        locks,
        cells: world.nodes.map((x) => ({
          node: x.id,
          promised: r.promised.has(x.id),
          refused: r.refused.has(x.id),
          votes: r.votes.get(x.id) ?? [],
          inQuorum: quorum.has(x.id),
        })),
      };
    }),
  };
}
