import { ballotEquals, compareBallots, formatBallot, makeBallot } from './ballot';
import {
  entryCommand, entryId, NOOP, type Entry, type MultiDurable, type MultiEvent, type MultiMessage, type MultiNode, type MultiPayload,
  type MultiTimerKind, type OpenSlot, type SlotProposal, type SlotValue,
} from './multiTypes';
import { isMajority } from './quorum';
import type { Ballot, NodeId } from './types';

// The Multi-Paxos roles, as pure handlers: (node, message) → { node, send, events, timers }. Every
// node is an acceptor and a replica; one at a time (ideally) is the leader, the distinguished
// proposer. Each handler opens with early returns that say why a message is ignored.
//
//  - Election: a follower that hears no heartbeat for a while campaigns: it runs phase 1 once, for
//    every slot from its first slot not known chosen, with a ballot above any it has seen.
//  - A majority of promises makes it leader. Per slot it re-proposes the value of the
//    highest-ballot proposal reported (Paxos' rule, per slot), and fills every remaining gap below
//    the highest reported slot with a no-op, so the log has no holes that could block execution.
//  - Phase 2 per slot, pipelined: up to `window` slots may be open at once.
//  - Chosen slots are sent to everyone (`commit`); heartbeats carry the leader's chosen prefix so a
//    lagging or restarted node asks to catch up. Replicas apply slots strictly in order.
//  - A higher ballot anywhere (a nack, a prepare, a heartbeat) makes a leader step down.

type Msg<T extends MultiMessage['type']> = Extract<MultiMessage, { type: T }>;

export interface MultiOutgoing {
  readonly to: NodeId;
  readonly payload: MultiPayload;
}

export type MultiTimerOp =
  | { readonly op: 'set'; readonly kind: MultiTimerKind; readonly minTicks: number; readonly maxTicks: number }
  | { readonly op: 'cancel'; readonly kind: MultiTimerKind };

export interface MultiEffects {
  readonly node: MultiNode;
  readonly send: readonly MultiOutgoing[];
  readonly events: readonly MultiEvent[];
  readonly timers: readonly MultiTimerOp[];
}

export interface MultiContext {
  readonly now: number;
  readonly ids: readonly NodeId[];
  readonly electionTicksMin: number;
  readonly electionTicksMax: number;
  readonly heartbeatTicks: number;
  readonly window: number;
}

/** Collects a handler's effects; handlers read like the protocol description. */
class Out {
  readonly send: MultiOutgoing[] = [];
  readonly events: MultiEvent[] = [];
  readonly timers: MultiTimerOp[] = [];
  constructor(public node: MultiNode, readonly ctx: MultiContext) {}
  to(to: NodeId, payload: MultiPayload): void {
    this.send.push({ to, payload });
  }
  toAll(payload: MultiPayload): void {
    for (const id of this.ctx.ids) this.send.push({ to: id, payload });
  }
  toOthers(payload: MultiPayload): void {
    for (const id of this.ctx.ids) if (id !== this.node.id) this.send.push({ to: id, payload });
  }
  event(e: MultiEvent): void {
    this.events.push(e);
  }
  electionTimer(): void {
    this.timers.push({ op: 'set', kind: 'election', minTicks: this.ctx.electionTicksMin, maxTicks: this.ctx.electionTicksMax });
  }
  heartbeatTimer(): void {
    this.timers.push({ op: 'set', kind: 'heartbeat', minTicks: this.ctx.heartbeatTicks, maxTicks: this.ctx.heartbeatTicks });
  }
  done(): MultiEffects {
    return { node: this.node, send: this.send, events: this.events, timers: this.timers };
  }
}

function ignore(node: MultiNode, msg: MultiMessage, why: string, ctx: MultiContext): MultiEffects {
  return { node, send: [], events: [{ type: 'ignore', time: ctx.now, node: node.id, msg, why }], timers: [] };
}

export function freshMultiNode(id: NodeId, durable: MultiDurable = { promised: null, accepted: {}, maxRoundUsed: 0 }): MultiNode {
  return {
    id, up: true, durable, role: 'follower', ballot: null, leader: null, fromSlot: 1, promises: {}, open: {},
    nextSlot: 1, queue: [], chosen: {}, applied: 0, items: [], appliedIds: [],
    maxRoundSeen: Math.max(durable.promised?.round ?? 0, durable.maxRoundUsed),
  };
}

/** The first slot this node does not know to be chosen. */
export function firstUnchosen(chosen: Readonly<Record<number, Entry>>): number {
  let s = 1;
  while (chosen[s] !== undefined) s++;
  return s;
}

const seeRound = (node: MultiNode, b: Ballot): MultiNode => (b.round > node.maxRoundSeen ? { ...node, maxRoundSeen: b.round } : node);

// ---------------------------------------------------------------------------------------------
// Start-up, timers, clients

/** Every node starts as a follower with an election timer. */
export function onStart(node: MultiNode, ctx: MultiContext): MultiEffects {
  const o = new Out(node, ctx);
  o.electionTimer();
  return o.done();
}

/** No heartbeat for a while (or the user fired the timer): campaign with a higher ballot. */
export function onElectionTimer(node: MultiNode, ctx: MultiContext): MultiEffects {
  const o = new Out(node, ctx);
  const round = Math.max(node.maxRoundSeen, node.durable.maxRoundUsed) + 1;
  const ballot = makeBallot(round, node.id);
  const fromSlot = firstUnchosen(node.chosen);
  o.node = {
    ...node, role: 'candidate', ballot, leader: null, fromSlot, promises: {}, open: {}, maxRoundSeen: round,
    durable: { ...node.durable, maxRoundUsed: round },
  };
  o.event({ type: 'election', time: ctx.now, node: node.id, ballot, fromSlot });
  o.toAll({ type: 'prepare', ballot, fromSlot });
  o.electionTimer(); // try again if this ballot fails
  return o.done();
}

/** The leader's beat: heartbeats, and accepts re-sent to acceptors that have not answered (lost messages). */
export function onHeartbeatTimer(node: MultiNode, ctx: MultiContext): MultiEffects {
  if (node.role !== 'leader' || !node.ballot) return { node, send: [], events: [], timers: [] };
  const o = new Out(node, ctx);
  o.toOthers({ type: 'heartbeat', ballot: node.ballot, chosenUpTo: firstUnchosen(node.chosen) - 1 });
  // Accepts unanswered for a whole heartbeat were probably lost: send them again.
  const open = { ...node.open };
  for (const [slot, s] of Object.entries(node.open)) {
    if (ctx.now - s.sentAt < ctx.heartbeatTicks) continue;
    for (const id of ctx.ids) {
      if (!s.acceptedBy.includes(id)) o.to(id, { type: 'accept', ballot: node.ballot, slot: Number(slot), value: s.value });
    }
    open[Number(slot)] = { ...s, sentAt: ctx.now };
  }
  o.node = { ...node, open };
  o.heartbeatTimer();
  return o.done();
}

/** A client's command at this node: the leader proposes it, a follower forwards it to the leader it knows. */
export function onRequest(node: MultiNode, entry: Entry, ctx: MultiContext): MultiEffects {
  const o = new Out(node, ctx);
  o.event({ type: 'request', time: ctx.now, node: node.id, entry });
  take(o, entry, null);
  return o.done();
}

/**
 * A command arrives (from a client or forwarded). The leader proposes it. Anyone else keeps it until
 * it sees it chosen, and forwards it to the leader it knows — now, and again to each new leader it
 * hears from (the old one may have crashed before proposing it; a leader ignores repeats). A lost
 * forward is the client's to retry.
 */
function take(o: Out, entry: Entry, from: NodeId | null): void {
  const node = o.node;
  if (node.role === 'leader') {
    if (!alreadyHas(node, entry)) o.node = { ...node, queue: [...node.queue, entry] };
    pump(o);
    return;
  }
  if (isChosen(node, entry)) return;
  if (!node.queue.includes(entry)) o.node = { ...node, queue: [...node.queue, entry] };
  if (node.leader !== null && node.leader !== node.id && node.leader !== from) {
    o.event({ type: 'forward', time: o.ctx.now, node: node.id, to: node.leader, entry });
    o.to(node.leader, { type: 'forward', entry });
  } else if (!node.queue.includes(entry)) {
    o.event({ type: 'queue', time: o.ctx.now, node: node.id, entry, why: node.role === 'candidate' ? 'it is campaigning to lead' : 'it knows no leader yet' });
  }
}

/** `e` is the request `id` (or exactly `entry` when it has no id). Cheap: a prefix test, no regex. */
function sameRequest(e: Entry, entry: Entry, id: string | null): boolean {
  return e === entry || (id !== null && e.startsWith(`#${id} `));
}

/** Same request (by id) already known chosen: applied, or chosen beyond a gap. */
function isChosen(node: MultiNode, entry: Entry): boolean {
  const id = entryId(entry);
  if (id !== null && node.appliedIds.includes(id)) return true;
  for (const slot in node.chosen) {
    if (Number(slot) > node.applied && sameRequest(node.chosen[slot]!, entry, id)) return true;
  }
  return false;
}

/** The leader has this command already: chosen, open, or queued (a client retry is proposed once). */
function alreadyHas(node: MultiNode, entry: Entry): boolean {
  const id = entryId(entry);
  return node.queue.some((e) => sameRequest(e, entry, id)) || Object.values(node.open).some((s) => sameRequest(s.value, entry, id)) || isChosen(node, entry);
}

/** Leader: propose queued commands while the pipeline window has room. */
function pump(o: Out): void {
  let node = o.node;
  const ballot = node.ballot!;
  const limit = firstUnchosen(node.chosen) + o.ctx.window;
  const queue = [...node.queue];
  let nextSlot = node.nextSlot;
  const open = { ...node.open };
  while (queue.length > 0 && nextSlot < limit) {
    const value = queue.shift()!;
    const slot = nextSlot++;
    open[slot] = { value, acceptedBy: [], sentAt: o.ctx.now };
    o.event({ type: 'propose', time: o.ctx.now, node: node.id, ballot, slot, value });
    o.toAll({ type: 'accept', ballot, slot, value });
  }
  node = { ...node, queue, nextSlot, open };
  o.node = node;
}

// ---------------------------------------------------------------------------------------------
// Acceptor

export function onPrepare(node: MultiNode, msg: Msg<'prepare'>, ctx: MultiContext): MultiEffects {
  const seen = seeRound(node, msg.ballot);
  const { promised } = node.durable;
  if (ballotEquals(msg.ballot, promised)) return ignore(seen, msg, `already promised ${formatBallot(promised)}; no second answer`, ctx);
  if (compareBallots(msg.ballot, promised) < 0) {
    const o = new Out(seen, ctx);
    o.to(msg.from, { type: 'nack', ballot: msg.ballot, promised: promised! });
    o.event({ type: 'reject', time: ctx.now, node: node.id, ballot: msg.ballot, promised: promised! });
    return o.done();
  }
  // Promise (on disk first), for every slot from fromSlot on, reporting what it accepted there.
  const accepted: SlotProposal[] = Object.entries(node.durable.accepted)
    .map(([slot, p]) => ({ slot: Number(slot), ballot: p.ballot, value: p.value }))
    .filter((p) => p.slot >= msg.fromSlot)
    .sort((a, b) => a.slot - b.slot);
  const o = new Out({ ...seen, durable: { ...node.durable, promised: msg.ballot } }, ctx);
  stepDownIfOutranked(o, msg.ballot, msg.from);
  o.to(msg.from, { type: 'promise', ballot: msg.ballot, fromSlot: msg.fromSlot, accepted });
  o.event({ type: 'promise', time: ctx.now, node: node.id, ballot: msg.ballot, fromSlot: msg.fromSlot, accepted });
  return o.done();
}

export function onAccept(node: MultiNode, msg: Msg<'accept'>, ctx: MultiContext): MultiEffects {
  const seen = seeRound(node, msg.ballot);
  const { promised } = node.durable;
  if (compareBallots(msg.ballot, promised) < 0) {
    const o = new Out(seen, ctx);
    o.to(msg.from, { type: 'nack', ballot: msg.ballot, promised: promised! });
    o.event({ type: 'reject', time: ctx.now, node: node.id, ballot: msg.ballot, promised: promised! });
    return o.done();
  }
  // Accepting raises the promise too (as in basic Paxos), and is on disk before the reply.
  const durable = { ...node.durable, promised: msg.ballot, accepted: { ...node.durable.accepted, [msg.slot]: { ballot: msg.ballot, value: msg.value } } };
  const o = new Out({ ...seen, durable }, ctx);
  stepDownIfOutranked(o, msg.ballot, msg.from);
  o.to(msg.from, { type: 'accepted', ballot: msg.ballot, slot: msg.slot, value: msg.value });
  o.event({ type: 'accept', time: ctx.now, node: node.id, ballot: msg.ballot, slot: msg.slot, value: msg.value });
  return o.done();
}

/** A leader or candidate that sees a higher ballot in use gives way to it. */
function stepDownIfOutranked(o: Out, ballot: Ballot, from: NodeId): void {
  const node = o.node;
  if (node.role === 'follower' || compareBallots(ballot, node.ballot) <= 0) return;
  o.event({ type: 'step-down', time: o.ctx.now, node: node.id, ballot: node.ballot!, by: ballot });
  o.node = { ...node, role: 'follower', ballot: null, leader: from === node.id ? null : from, promises: {}, open: {}, queue: requeue(node) };
  o.timers.push({ op: 'cancel', kind: 'heartbeat' });
  o.electionTimer();
}

/** Commands a deposed leader had not seen chosen: kept, to forward to the next leader. */
function requeue(node: MultiNode): Entry[] {
  const open = Object.values(node.open).map((s) => s.value).filter((v) => v !== NOOP);
  return [...open, ...node.queue];
}

// ---------------------------------------------------------------------------------------------
// Candidate and leader

export function onPromise(node: MultiNode, msg: Msg<'promise'>, ctx: MultiContext): MultiEffects {
  if (node.role !== 'candidate') return ignore(node, msg, 'not campaigning', ctx);
  if (!ballotEquals(msg.ballot, node.ballot)) return ignore(node, msg, `for ballot ${formatBallot(msg.ballot)}, not its current ${formatBallot(node.ballot)}`, ctx);
  if (node.promises[msg.from] !== undefined) return ignore(node, msg, `already counted ${msg.from}'s promise`, ctx);
  const promises = { ...node.promises, [msg.from]: msg.accepted };
  const o = new Out({ ...node, promises }, ctx);
  if (isMajority(Object.keys(promises).length, ctx.ids.length)) becomeLeader(o);
  return o.done();
}

/**
 * A majority promised for every slot from fromSlot on. Per slot, the value of the highest-ballot
 * proposal any of them accepted must be proposed again (it may have been chosen); slots below the
 * highest reported one that nobody reported are filled with a no-op.
 */
function becomeLeader(o: Out): void {
  const node = o.node;
  const ballot = node.ballot!;
  const best = new Map<number, SlotProposal>();
  for (const reports of Object.values(node.promises)) {
    for (const p of reports) {
      const b = best.get(p.slot);
      if (!b || compareBallots(p.ballot, b.ballot) > 0) best.set(p.slot, p);
    }
  }
  const known = Object.keys(node.chosen).map(Number);
  const top = Math.max(node.fromSlot - 1, ...best.keys(), ...known);
  const open: Record<number, OpenSlot> = {};
  const reproposed: SlotProposal[] = [];
  const noops: number[] = [];
  for (let slot = node.fromSlot; slot <= top; slot++) {
    if (node.chosen[slot] !== undefined) continue;
    const b = best.get(slot);
    if (b) reproposed.push(b);
    else noops.push(slot);
    open[slot] = { value: b ? b.value : NOOP, acceptedBy: [], sentAt: o.ctx.now };
  }
  o.node = { ...node, role: 'leader', leader: node.id, promises: {}, open, nextSlot: top + 1 };
  o.event({ type: 'leader', time: o.ctx.now, node: node.id, ballot, fromSlot: node.fromSlot, reproposed, noops });
  o.timers.push({ op: 'cancel', kind: 'election' });
  o.toOthers({ type: 'heartbeat', ballot, chosenUpTo: firstUnchosen(node.chosen) - 1 });
  for (const [slot, s] of Object.entries(open)) {
    o.event({ type: 'propose', time: o.ctx.now, node: node.id, ballot, slot: Number(slot), value: s.value });
    o.toAll({ type: 'accept', ballot, slot: Number(slot), value: s.value });
  }
  o.heartbeatTimer();
  // Commands that waited for a leader can go now; ones already chosen or re-proposed are not repeated.
  const waiting = o.node.queue.filter((e) => !alreadyHasExceptQueue(o.node, e));
  o.node = { ...o.node, queue: [...new Set(waiting)] };
  pump(o);
}

function alreadyHasExceptQueue(node: MultiNode, entry: Entry): boolean {
  return alreadyHas({ ...node, queue: [] }, entry);
}

export function onAccepted(node: MultiNode, msg: Msg<'accepted'>, ctx: MultiContext): MultiEffects {
  if (node.role !== 'leader') return ignore(node, msg, 'not leading', ctx);
  if (!ballotEquals(msg.ballot, node.ballot)) return ignore(node, msg, `for ballot ${formatBallot(msg.ballot)}, not its current ${formatBallot(node.ballot)}`, ctx);
  const open = node.open[msg.slot];
  if (!open) return ignore(node, msg, `slot ${msg.slot} is already chosen`, ctx);
  if (open.acceptedBy.includes(msg.from)) return ignore(node, msg, `already counted ${msg.from} for slot ${msg.slot}`, ctx);
  const acceptedBy = [...open.acceptedBy, msg.from];
  const o = new Out({ ...node, open: { ...node.open, [msg.slot]: { ...open, acceptedBy } } }, ctx);
  if (isMajority(acceptedBy.length, ctx.ids.length)) {
    const { [msg.slot]: _done, ...rest } = o.node.open;
    o.node = { ...o.node, open: rest };
    learn(o, msg.slot, open.value);
    o.toOthers({ type: 'commit', entries: [{ slot: msg.slot, value: open.value }] });
    pump(o);
  }
  return o.done();
}

export function onNack(node: MultiNode, msg: Msg<'nack'>, ctx: MultiContext): MultiEffects {
  const seen = seeRound(node, msg.promised);
  if (node.role === 'follower') return ignore(seen, msg, 'not leading or campaigning', ctx);
  if (!ballotEquals(msg.ballot, node.ballot)) return ignore(seen, msg, `for ballot ${formatBallot(msg.ballot)}, not its current ${formatBallot(node.ballot)}`, ctx);
  const o = new Out(seen, ctx);
  o.event({ type: 'step-down', time: ctx.now, node: node.id, ballot: node.ballot!, by: msg.promised });
  o.node = { ...seen, role: 'follower', ballot: null, leader: null, promises: {}, open: {}, queue: requeue(node) };
  o.timers.push({ op: 'cancel', kind: 'heartbeat' });
  o.electionTimer();
  return o.done();
}

export function onForward(node: MultiNode, msg: Msg<'forward'>, ctx: MultiContext): MultiEffects {
  const o = new Out(node, ctx);
  take(o, msg.entry, msg.from);
  return o.done();
}

export function onCatchUp(node: MultiNode, msg: Msg<'catch-up'>, ctx: MultiContext): MultiEffects {
  const entries: SlotValue[] = Object.entries(node.chosen)
    .map(([slot, value]) => ({ slot: Number(slot), value }))
    .filter((e) => e.slot >= msg.fromSlot)
    .sort((a, b) => a.slot - b.slot);
  if (entries.length === 0) return ignore(node, msg, `knows nothing chosen from slot ${msg.fromSlot} on`, ctx);
  const o = new Out(node, ctx);
  o.to(msg.from, { type: 'commit', entries });
  return o.done();
}

// ---------------------------------------------------------------------------------------------
// Replica

export function onHeartbeat(node: MultiNode, msg: Msg<'heartbeat'>, ctx: MultiContext): MultiEffects {
  const seen = seeRound(node, msg.ballot);
  const { promised } = node.durable;
  if (compareBallots(msg.ballot, promised) < 0) {
    // A deposed leader still beating: tell it about the higher ballot.
    const o = new Out(seen, ctx);
    o.to(msg.from, { type: 'nack', ballot: msg.ballot, promised: promised! });
    o.event({ type: 'reject', time: ctx.now, node: node.id, ballot: msg.ballot, promised: promised! });
    return o.done();
  }
  if (node.role === 'leader' && compareBallots(msg.ballot, node.ballot) <= 0) return ignore(seen, msg, 'it leads with a ballot at least as high', ctx);
  const o = new Out(seen, ctx);
  stepDownIfOutranked(o, msg.ballot, msg.from);
  const newLeader = node.leader !== msg.from;
  o.node = { ...o.node, leader: msg.from };
  o.electionTimer(); // the leader is alive: postpone any election
  // A new leader gets the commands still waiting to be seen chosen (the old one may have died with
  // them). Not on every beat: under a backlog that would resend the whole queue each time.
  if (newLeader) {
    for (const entry of o.node.queue) {
      o.event({ type: 'forward', time: ctx.now, node: node.id, to: msg.from, entry });
      o.to(msg.from, { type: 'forward', entry });
    }
  }
  const mine = firstUnchosen(o.node.chosen) - 1;
  if (msg.chosenUpTo > mine) o.to(msg.from, { type: 'catch-up', fromSlot: mine + 1 });
  return o.done();
}

export function onCommit(node: MultiNode, msg: Msg<'commit'>, ctx: MultiContext): MultiEffects {
  const fresh = msg.entries.filter((e) => node.chosen[e.slot] === undefined);
  if (fresh.length === 0) return ignore(node, msg, 'already knows these slots are chosen', ctx);
  const o = new Out(node, ctx);
  for (const e of fresh) learn(o, e.slot, e.value);
  return o.done();
}

/** Record a chosen slot, then apply every slot now gap-free, in order. */
function learn(o: Out, slot: number, value: Entry): void {
  let node = o.node;
  if (node.chosen[slot] !== undefined) return;
  const id = entryId(value);
  node = {
    ...node, chosen: { ...node.chosen, [slot]: value },
    // A command seen chosen no longer waits to be forwarded or proposed.
    queue: node.queue.some((e) => sameRequest(e, value, id)) ? node.queue.filter((e) => !sameRequest(e, value, id)) : node.queue,
  };
  o.event({ type: 'learn', time: o.ctx.now, node: node.id, slot, value });
  let { applied, items, appliedIds } = node;
  for (let s = applied + 1; node.chosen[s] !== undefined; s++) {
    const v = node.chosen[s]!;
    const vid = entryId(v);
    let skipped: 'no-op' | 'duplicate' | null = null;
    if (v === NOOP) skipped = 'no-op';
    else if (vid !== null && appliedIds.includes(vid)) skipped = 'duplicate';
    else {
      items = [...items, entryCommand(v)];
      if (vid !== null) appliedIds = [...appliedIds, vid];
    }
    applied = s;
    o.event({ type: 'apply', time: o.ctx.now, node: node.id, slot: s, value: v, skipped });
  }
  o.node = { ...node, applied, items, appliedIds };
}
