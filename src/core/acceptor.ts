import { ballotEquals, compareForProtocol, formatBallot } from './ballot';
import { effects, ignore, type Effects, type RoleContext } from './effects';
import type { Message, NodeState } from './types';

type Msg<T extends Message['type']> = Extract<Message, { type: T }>;

// The acceptor's two rules (Paxos Made Simple, §2.2):
//  1. Promise: answer prepare(b) only if b is above every ballot promised so far.
//  2. Accept: accept (b, v) unless it promised a ballot above b; accepting also promises b.
// Its state is written to stable storage (`durable`) in the same step, before the reply is sent,
// so a crash can never make it forget a promise it gave.

export function onPrepare(node: NodeState, msg: Msg<'prepare'>, ctx: RoleContext): Effects {
  const { promised, accepted } = node.durable;
  const seen = { ...node, maxRoundSeen: Math.max(node.maxRoundSeen, msg.ballot.round) };
  if (ballotEquals(msg.ballot, promised)) {
    return ignore(seen, msg, `already promised ${formatBallot(promised)} (by a promise or by accepting it); no second answer`, ctx.now);
  }
  // BROKEN (no-tiebreak): rounds only, so a prepare from another proposer in the promised round
  // compares as equal and is promised too (≥, since "equal" is no longer "the same ballot").
  if (compareForProtocol(msg.ballot, promised, ctx.broken?.noTiebreak) < 0) {
    return effects(seen, {
      send: [{ to: msg.from, payload: { type: 'nack', ballot: msg.ballot, promised: promised!, of: 'prepare' } }],
      events: [{ type: 'reject', time: ctx.now, node: node.id, ballot: msg.ballot, promised: promised!, of: 'prepare' }],
    });
  }
  const next: NodeState = { ...seen, durable: { ...node.durable, promised: msg.ballot } };
  return effects(next, {
    send: [{ to: msg.from, payload: { type: 'promise', ballot: msg.ballot, accepted } }],
    events: [{ type: 'promise', time: ctx.now, node: node.id, ballot: msg.ballot, accepted }],
  });
}

export function onAccept(node: NodeState, msg: Msg<'accept'>, ctx: RoleContext): Effects {
  const { promised } = node.durable;
  const seen = { ...node, maxRoundSeen: Math.max(node.maxRoundSeen, msg.ballot.round) };
  const broken = ctx.broken;
  // BROKEN (no-tiebreak): an accept from another proposer in the promised round is not "below" it.
  if (compareForProtocol(msg.ballot, promised, broken?.noTiebreak) < 0) {
    return effects(seen, {
      send: [{ to: msg.from, payload: { type: 'nack', ballot: msg.ballot, promised: promised!, of: 'accept' } }],
      events: [{ type: 'reject', time: ctx.now, node: node.id, ballot: msg.ballot, promised: promised!, of: 'accept' }],
    });
  }
  const proposal = { ballot: msg.ballot, value: msg.value };
  // Accepting raises the promise to this ballot: otherwise a later prepare with a ballot between the
  // old promise and this one could be promised without learning about this vote.
  // BROKEN (accept-keeps-promise): the promise stays where it was, so an older ballot can still be
  // accepted afterwards and overwrite this vote.
  const raised = broken?.acceptKeepsPromise ? promised : msg.ballot;
  const next: NodeState = { ...seen, durable: { ...node.durable, promised: raised, accepted: proposal } };
  return effects(next, {
    send: [{ to: msg.from, payload: { type: 'accepted', ballot: msg.ballot, value: msg.value } }],
    events: [{ type: 'accept', time: ctx.now, node: node.id, ballot: msg.ballot, value: msg.value }],
  });
}

/** A client read asks every node what it has accepted. */
export function onRead(node: NodeState, msg: Msg<'read'>, _ctx: RoleContext): Effects {
  return effects(node, {
    send: [{ to: msg.from, payload: { type: 'read-reply', readId: msg.readId, accepted: node.durable.accepted } }],
  });
}
