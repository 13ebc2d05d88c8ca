import { compareBallots, parseBallot } from './ballot';
import { nodeIndex } from './quorum';
import type { Message, MessageType, NodeId, World } from './types';

/** Picks in-flight messages by any subset of type/from/to/ballot, or by id. */
export interface MessageMatcher {
  readonly id?: number;
  readonly type?: MessageType;
  readonly from?: NodeId;
  readonly to?: NodeId;
  /** `round.node`, e.g. `2.A`. */
  readonly ballot?: string;
}

export function matches(m: Message, q: MessageMatcher): boolean {
  if (q.id !== undefined && m.id !== q.id) return false;
  if (q.type !== undefined && m.type !== q.type) return false;
  if (q.from !== undefined && m.from !== q.from) return false;
  if (q.to !== undefined && m.to !== q.to) return false;
  if (q.ballot !== undefined) {
    const b = parseBallot(q.ballot);
    if (!b || !('ballot' in m) || compareBallots(m.ballot, b) !== 0) return false;
  }
  return true;
}

/** The oldest in-flight message (lowest id: the first sent) that matches, or undefined. */
export function findInflight(world: World, q: MessageMatcher): Message | undefined {
  let best: Message | undefined;
  for (const m of world.inflight) if (matches(m, q) && (!best || m.id < best.id)) best = m;
  return best;
}

/** Whether a message from `a` to `b` would cross the current partition. */
export function isCutOff(world: World, a: NodeId, b: NodeId): boolean {
  return world.partition[nodeIndex(a)] !== world.partition[nodeIndex(b)];
}
