import { ballotKey } from './ballot';
import { effects, ignore, toAll, type Effects, type RoleContext } from './effects';
import { majority, protocolQuorum } from './quorum';
import type { Ballot, Message, NodeState, PendingRead, Proposal, ReadResult } from './types';

type Msg<T extends Message['type']> = Extract<Message, { type: T }>;

// A client read at any node: ask every node what it has accepted. The read returns a value only
// when a majority report the *same* accepted proposal (same ballot, hence same value) — then that
// value is chosen. Otherwise it fails, saying why.

export function onClientRead(node: NodeState, readId: number, ctx: RoleContext): Effects {
  const read: PendingRead = { readId, startedAt: ctx.now, replies: {} };
  return effects({ ...node, reads: [...node.reads, read] }, {
    events: [{ type: 'read-start', time: ctx.now, node: node.id, readId }],
    send: toAll(ctx.ids, { type: 'read', readId }),
    timers: [{ op: 'set', kind: 'read-timeout', readId, minTicks: ctx.readTimeoutTicks, maxTicks: ctx.readTimeoutTicks }],
  });
}

/**
 * The proposal reported by a majority of `replies`, if any. `quorum` is how many must agree (a
 * majority of `n` unless the small-quorum variant says otherwise). With `ignoreBallots` (the
 * broken read-ignores-ballots variant) replies are grouped by value alone; the answer then carries
 * the first matching proposal, and `ballots` lists every matching ballot when they differ.
 */
export function majorityProposal(
  replies: PendingRead['replies'], n: number, quorum = majority(n), ignoreBallots = false,
): (Proposal & { readonly ballots?: readonly Ballot[] }) | null {
  const counts = new Map<string, { proposal: Proposal; count: number; ballots: Ballot[] | null }>();
  for (const reported of Object.values(replies)) {
    if (!reported) continue;
    const key = ignoreBallots ? `=${reported.value}` : ballotKey(reported.ballot);
    const entry = counts.get(key) ?? { proposal: reported, count: 0, ballots: ignoreBallots ? [] : null };
    entry.count++;
    if (entry.ballots && !entry.ballots.some((b) => ballotKey(b) === ballotKey(reported.ballot))) entry.ballots.push(reported.ballot);
    counts.set(key, entry);
    if (entry.count >= quorum) return entry.ballots && entry.ballots.length > 1 ? { ...entry.proposal, ballots: entry.ballots } : entry.proposal;
  }
  return null;
}

function finish(node: NodeState, read: PendingRead, outcome: ReadResult, ctx: RoleContext, cancelTimer: boolean): Effects {
  return effects({ ...node, reads: node.reads.filter((r) => r.readId !== read.readId) }, {
    events: [{ type: 'read-done', time: ctx.now, node: node.id, readId: read.readId, outcome }],
    timers: cancelTimer ? [{ op: 'cancel', kind: 'read-timeout', readId: read.readId }] : [],
  });
}

export function onReadReply(node: NodeState, msg: Msg<'read-reply'>, ctx: RoleContext): Effects {
  const read = node.reads.find((r) => r.readId === msg.readId);
  if (!read) return ignore(node, msg, `read #${msg.readId} already finished`, ctx.now);
  if (msg.from in read.replies) return ignore(node, msg, `already counted ${msg.from}'s answer`, ctx.now);
  const replies = { ...read.replies, [msg.from]: msg.accepted };
  const updated: PendingRead = { ...read, replies };
  const n = ctx.ids.length;
  const broken = ctx.broken;
  // BROKEN (small-quorum): ⌊N/2⌋ matching replies are enough. BROKEN (read-ignores-ballots): the
  // same value at different ballots counts as agreement.
  const found = broken
    ? majorityProposal(replies, n, protocolQuorum(n, broken.smallQuorum), broken.readIgnoresBallots)
    : majorityProposal(replies, n);
  if (found) {
    const ok: ReadResult = found.ballots
      ? { result: 'ok', value: found.value, ballot: found.ballot, ballots: found.ballots }
      : { result: 'ok', value: found.value, ballot: found.ballot };
    return finish(node, updated, ok, ctx, true);
  }
  if (Object.keys(replies).length === n) return finish(node, updated, { result: 'fail', reason: 'no-majority' }, ctx, true);
  return effects({ ...node, reads: node.reads.map((r) => (r.readId === read.readId ? updated : r)) });
}

export function onReadTimeout(node: NodeState, readId: number, ctx: RoleContext): Effects {
  const read = node.reads.find((r) => r.readId === readId);
  if (!read) return effects(node);
  const answered = Object.keys(read.replies).length;
  const reason = answered < protocolQuorum(ctx.ids.length, ctx.broken?.smallQuorum) ? 'not-enough-responses' : 'no-majority';
  return finish(node, read, { result: 'fail', reason }, ctx, false);
}
