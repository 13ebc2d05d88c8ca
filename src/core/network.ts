import { compareBallots, parseBallot } from './ballot';
import type { Ballot } from './types';
import { nodeIndex } from './quorum';
import type { NodeId, World } from './types';

/** Picks in-flight messages by any subset of type/from/to/ballot/slot, or by id. */
export interface MessageMatcher {
  readonly id?: number;
  /** A message type of the world's protocol (`prepare`, `accept`, `heartbeat` …). */
  readonly type?: string;
  readonly from?: NodeId;
  readonly to?: NodeId;
  /** `round.node`, e.g. `2.A`. */
  readonly ballot?: string;
  /** Multi-Paxos: the slot of an accept/accepted. */
  readonly slot?: number;
}

/** What matching needs of a message: basic and Multi-Paxos messages both have it. */
interface Matchable {
  readonly id: number;
  readonly type: string;
  readonly from: NodeId;
  readonly to: NodeId;
}

export function matches(m: Matchable, q: MessageMatcher): boolean {
  if (q.id !== undefined && m.id !== q.id) return false;
  if (q.type !== undefined && m.type !== q.type) return false;
  if (q.from !== undefined && m.from !== q.from) return false;
  if (q.to !== undefined && m.to !== q.to) return false;
  if (q.ballot !== undefined) {
    const b = parseBallot(q.ballot);
    if (!b || !('ballot' in m) || compareBallots((m as { ballot: Ballot }).ballot, b) !== 0) return false;
  }
  if (q.slot !== undefined && (m as { slot?: number }).slot !== q.slot) return false;
  return true;
}

/** The oldest in-flight message (lowest id: the first sent) that matches, or undefined. */
export function findInflight<M extends Matchable>(world: { readonly inflight: readonly M[] }, q: MessageMatcher): M | undefined {
  let best: M | undefined;
  for (const m of world.inflight) if (matches(m, q) && (!best || m.id < best.id)) best = m;
  return best;
}

/** Whether a message from `a` to `b` would cross the current partition. */
export function isCutOff(world: World, a: NodeId, b: NodeId): boolean {
  return world.partition[nodeIndex(a)] !== world.partition[nodeIndex(b)];
}
