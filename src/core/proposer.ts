import { ballotAbove, ballotEquals, compareBallots, formatBallot } from './ballot';
import { effects, ignore, toAll, type Effects, type RoleContext } from './effects';
import { isMajority } from './quorum';
import type { Message, NodeState, Proposal, ProposerState, Value } from './types';

type Msg<T extends Message['type']> = Extract<Message, { type: T }>;

export const IDLE_PROPOSER: ProposerState = {
  phase: 'idle', ballot: null, clientValue: null, promises: {}, proposal: null, acceptedBy: [], attempt: 0,
};

/** Exponential backoff: each failed ballot doubles the wait, up to 32×. */
export function backoffScale(attempt: number): number {
  return 2 ** Math.min(attempt, 5);
}

/**
 * Start phase 1 with a fresh ballot above every round this node has used (durable, so a restarted
 * node never reuses a ballot) or seen (so it can overtake a competitor that nacked it).
 */
export function startBallot(node: NodeState, ctx: RoleContext, clientValue: Value | null, attempt = 0): Effects {
  const round = Math.max(node.durable.maxRoundUsed, node.maxRoundSeen) + 1;
  const ballot = { round, node: node.id };
  const next: NodeState = {
    ...node,
    durable: { ...node.durable, maxRoundUsed: round },
    proposer: { ...IDLE_PROPOSER, phase: 'preparing', ballot, clientValue, attempt },
  };
  const scale = backoffScale(attempt);
  return effects(next, {
    events: [{ type: 'ballot-start', time: ctx.now, node: node.id, ballot, value: clientValue }],
    send: toAll(ctx.ids, { type: 'prepare', ballot }),
    timers: [{ op: 'set', kind: 'retry', minTicks: ctx.retryTicksMin * scale, maxTicks: ctx.retryTicksMax * scale }],
  });
}

/** A client asks this node to write `value`. */
export function onClientWrite(node: NodeState, value: Value, ctx: RoleContext): Effects {
  const write = { type: 'write', time: ctx.now, node: node.id, value } as const;
  if (node.learned) {
    // Single-decree: the decision is final. Tell the client, and re-announce the decision so that
    // nodes which missed it (crashed, partitioned) catch up.
    const { ballot, value: chosen } = node.learned;
    return effects(node, {
      events: [write, { type: 'write-known', time: ctx.now, node: node.id, value, chosen }],
      send: toAll(ctx.ids.filter((id) => id !== node.id), { type: 'decide', ballot, value: chosen }),
    });
  }
  const started = startBallot(node, ctx, value);
  return { ...started, events: [write, ...started.events] };
}

/** The proposal to make once a majority promised: the highest-ballot accepted value, else our own. */
export function highestAccepted(promises: ProposerState['promises']): Proposal | null {
  let best: Proposal | null = null;
  for (const reported of Object.values(promises)) {
    if (reported && (best === null || compareBallots(reported.ballot, best.ballot) > 0)) best = reported;
  }
  return best;
}

export function onPromise(node: NodeState, msg: Msg<'promise'>, ctx: RoleContext): Effects {
  const p = node.proposer;
  if (!ballotEquals(msg.ballot, p.ballot)) {
    return ignore(node, msg, `promise for ${formatBallot(msg.ballot)}, but its ballot is ${formatBallot(p.ballot)}`, ctx.now);
  }
  if (p.phase !== 'preparing') return ignore(node, msg, 'no longer collecting promises', ctx.now);
  if (msg.from in p.promises) return ignore(node, msg, `already counted ${msg.from}'s promise`, ctx.now);

  const promises = { ...p.promises, [msg.from]: msg.accepted };
  if (!isMajority(Object.keys(promises).length, ctx.ids.length)) {
    return effects({ ...node, proposer: { ...p, promises } });
  }
  const ballot = p.ballot!;
  const adopted = highestAccepted(promises);
  const value = adopted ? adopted.value : p.clientValue;
  if (value === null) {
    // Defensive: today every ballot carries a client value (a restart clears the retry timer), but
    // a proposer without one must not invent a value; it stops instead.
    return effects({ ...node, proposer: { ...p, promises, phase: 'idle' } }, {
      events: [{ type: 'nothing-to-propose', time: ctx.now, node: node.id, ballot }],
      timers: [{ op: 'cancel', kind: 'retry' }],
    });
  }
  return effects({ ...node, proposer: { ...p, promises, phase: 'accepting', proposal: value } }, {
    events: [{ type: 'propose', time: ctx.now, node: node.id, ballot, value, adoptedFrom: adopted }],
    send: toAll(ctx.ids, { type: 'accept', ballot, value }),
  });
}

export function onAccepted(node: NodeState, msg: Msg<'accepted'>, ctx: RoleContext): Effects {
  const p = node.proposer;
  if (!ballotEquals(msg.ballot, p.ballot)) {
    return ignore(node, msg, `accepted for ${formatBallot(msg.ballot)}, but its ballot is ${formatBallot(p.ballot)}`, ctx.now);
  }
  if (p.phase !== 'accepting') return ignore(node, msg, 'no longer collecting votes', ctx.now);
  if (p.acceptedBy.includes(msg.from)) return ignore(node, msg, `already counted ${msg.from}'s vote`, ctx.now);

  const acceptedBy = [...p.acceptedBy, msg.from];
  if (!isMajority(acceptedBy.length, ctx.ids.length)) {
    return effects({ ...node, proposer: { ...p, acceptedBy } });
  }
  // This node is the ballot's distinguished learner: it now knows a majority accepted one ballot.
  const learned = { ballot: msg.ballot, value: msg.value };
  return effects({ ...node, proposer: { ...p, acceptedBy, phase: 'done' }, learned: node.learned ?? learned }, {
    events: node.learned ? [] : [{ type: 'learn', time: ctx.now, node: node.id, ballot: msg.ballot, value: msg.value }],
    send: toAll(ctx.ids.filter((id) => id !== node.id), { type: 'decide', ballot: msg.ballot, value: msg.value }),
    timers: [{ op: 'cancel', kind: 'retry' }],
  });
}

export function onNack(node: NodeState, msg: Msg<'nack'>, ctx: RoleContext): Effects {
  const p = node.proposer;
  const seen: NodeState = { ...node, maxRoundSeen: Math.max(node.maxRoundSeen, msg.promised.round) };
  if (!ballotEquals(msg.ballot, p.ballot) || (p.phase !== 'preparing' && p.phase !== 'accepting')) {
    return ignore(seen, msg, `rejection of ${formatBallot(msg.ballot)}, which it is not running`, ctx.now);
  }
  if (!ballotAbove(msg.promised, p.ballot)) return ignore(seen, msg, 'rejection does not name a higher ballot', ctx.now);
  // Preempted: give up this ballot and retry soon, after a random backoff so duelling proposers
  // are unlikely to preempt each other forever.
  return effects({ ...seen, proposer: { ...p, phase: 'waiting' } }, {
    events: [{ type: 'preempted', time: ctx.now, node: node.id, ballot: p.ballot!, by: msg.promised }],
    timers: [{ op: 'set', kind: 'retry', minTicks: 1, maxTicks: ctx.backoffTicksMax * backoffScale(p.attempt) }],
  });
}

export function onRetryTimer(node: NodeState, ctx: RoleContext): Effects {
  if (node.learned) return effects(node);
  return startBallot(node, ctx, node.proposer.clientValue, node.proposer.attempt + 1);
}
