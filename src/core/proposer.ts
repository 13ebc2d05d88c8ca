import { ballotEquals, compareForProtocol, formatBallot } from './ballot';
import { effects, ignore, toAll, type Effects, type RoleContext } from './effects';
import { protocolQuorum } from './quorum';
import type { Ballot, Message, NodeId, NodeState, Proposal, ProposerState, SimEvent, Value } from './types';

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

/**
 * The proposal to make once a majority promised: the highest-ballot accepted value, else our own.
 * With `noTiebreak` (the broken variant) ballots compare by round only; of two in the same round,
 * the first reported wins.
 */
export function highestAccepted(promises: ProposerState['promises'], noTiebreak = false): Proposal | null {
  let best: Proposal | null = null;
  for (const reported of Object.values(promises)) {
    if (reported && (best === null || compareForProtocol(reported.ballot, best.ballot, noTiebreak) > 0)) best = reported;
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

  const broken = ctx.broken;
  const promises = { ...p.promises, [msg.from]: msg.accepted };
  // BROKEN (small-quorum): ⌊N/2⌋ promises are enough.
  if (Object.keys(promises).length < protocolQuorum(ctx.ids.length, broken?.smallQuorum)) {
    return effects({ ...node, proposer: { ...p, promises } });
  }
  const ballot = p.ballot!;
  const highest = highestAccepted(promises, broken?.noTiebreak);
  // BROKEN (ignore-accepted): propose the client's value even when a promise reported an accepted
  // proposal, which may be a value that is already chosen.
  const ignored = broken?.ignoreAccepted && highest !== null && p.clientValue !== null ? highest : null;
  const adopted = ignored ? null : highest;
  const value = adopted ? adopted.value : p.clientValue;
  if (value === null) {
    // Defensive: today every ballot carries a client value (a restart clears the retry timer), but
    // a proposer without one must not invent a value; it stops instead.
    return effects({ ...node, proposer: { ...p, promises, phase: 'idle' } }, {
      events: [{ type: 'nothing-to-propose', time: ctx.now, node: node.id, ballot }],
      timers: [{ op: 'cancel', kind: 'retry' }],
    });
  }
  const propose: SimEvent = ignored
    ? { type: 'propose', time: ctx.now, node: node.id, ballot, value, adoptedFrom: null, ignored }
    : { type: 'propose', time: ctx.now, node: node.id, ballot, value, adoptedFrom: adopted };
  return effects({ ...node, proposer: { ...p, promises, phase: 'accepting', proposal: value } }, {
    events: [propose],
    send: toAll(ctx.ids, { type: 'accept', ballot, value }),
  });
}

export function onAccepted(node: NodeState, msg: Msg<'accepted'>, ctx: RoleContext): Effects {
  const p = node.proposer;
  const broken = ctx.broken;
  // BROKEN (learner-mixes-ballots): a vote for one of this node's earlier ballots counts toward the
  // current one when the value is the same — as if "chosen" were about values, not ballots.
  const current = ballotEquals(msg.ballot, p.ballot);
  const borrowed = !current && broken?.learnerMixesBallots === true
    && p.phase === 'accepting' && msg.ballot.node === node.id && msg.value === p.proposal;
  if (!current && !borrowed) {
    return ignore(node, msg, `accepted for ${formatBallot(msg.ballot)}, but its ballot is ${formatBallot(p.ballot)}`, ctx.now);
  }
  if (p.phase !== 'accepting') return ignore(node, msg, 'no longer collecting votes', ctx.now);
  if (p.acceptedBy.includes(msg.from)) return ignore(node, msg, `already counted ${msg.from}'s vote`, ctx.now);

  const acceptedBy = [...p.acceptedBy, msg.from];
  const borrowedVotes = borrowed ? { ...p.borrowedVotes, [msg.from]: msg.ballot } : p.borrowedVotes;
  const counted: ProposerState = borrowedVotes === undefined ? { ...p, acceptedBy } : { ...p, acceptedBy, borrowedVotes };
  // BROKEN (small-quorum): ⌊N/2⌋ votes are enough.
  if (acceptedBy.length < protocolQuorum(ctx.ids.length, broken?.smallQuorum)) {
    return effects({ ...node, proposer: counted });
  }
  // This node is the ballot's distinguished learner: it now knows a majority accepted one ballot.
  const ballot = p.ballot!;
  const learned = { ballot, value: msg.value };
  const learn: SimEvent = borrowedVotes === undefined
    ? { type: 'learn', time: ctx.now, node: node.id, ballot, value: msg.value }
    : { type: 'learn', time: ctx.now, node: node.id, ballot, value: msg.value, mixed: votesWithBallots(acceptedBy, ballot, borrowedVotes) };
  return effects({ ...node, proposer: { ...counted, phase: 'done' }, learned: node.learned ?? learned }, {
    events: node.learned ? [] : [learn],
    send: toAll(ctx.ids.filter((id) => id !== node.id), { type: 'decide', ballot, value: msg.value }),
    timers: [{ op: 'cancel', kind: 'retry' }],
  });
}

function votesWithBallots(voters: readonly NodeId[], current: Ballot, borrowed: Readonly<Record<NodeId, Ballot>>) {
  return voters.map((voter) => ({ node: voter, ballot: borrowed[voter] ?? current }));
}

export function onNack(node: NodeState, msg: Msg<'nack'>, ctx: RoleContext): Effects {
  const p = node.proposer;
  const seen: NodeState = { ...node, maxRoundSeen: Math.max(node.maxRoundSeen, msg.promised.round) };
  if (!ballotEquals(msg.ballot, p.ballot) || (p.phase !== 'preparing' && p.phase !== 'accepting')) {
    return ignore(seen, msg, `rejection of ${formatBallot(msg.ballot)}, which it is not running`, ctx.now);
  }
  // BROKEN (no-tiebreak): "higher" means a higher round only.
  if (!(compareForProtocol(msg.promised, p.ballot, ctx.broken?.noTiebreak) > 0)) {
    return ignore(seen, msg, 'rejection does not name a higher ballot', ctx.now);
  }
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
