import * as acceptor from './acceptor';
import type { Effects, RoleContext } from './effects';
import { initialMonitor, observe } from './invariants';
import * as learner from './learner';
import * as proposer from './proposer';
import { nodeIds, nodeIndex } from './quorum';
import * as reader from './reader';
import { nextInt, seedRng } from './rng';
import { brokenRules } from './variants';
import type {
  Command, Message, MonitorState, NodeId, NodeState, Payload, SimConfig, SimEvent, StepResult, Timer, World,
} from './types';

// The simulated world's single door: apply(world, command) → { world, events }. Deliveries, drops,
// timer firings, crashes and client requests are all commands, so user clicks, the auto-player and
// a replayed share link take the same path, and the same commands always give the same trace.

export const DEFAULT_CONFIG: SimConfig = {
  nodes: 3, seed: 1, mode: 'auto',
  latencyTicksMin: 10, latencyTicksMax: 30,
  retryTicksMin: 150, retryTicksMax: 300,
  backoffTicksMax: 60,
  readTimeoutTicks: 100,
};

/** A command the world cannot carry out (unknown message, crashed node, …). The world is unchanged. */
export class SimError extends Error {
  override name = 'SimError';
}

export function createWorld(overrides: Partial<SimConfig> = {}): World {
  const config = { ...DEFAULT_CONFIG, ...overrides };
  const ids = nodeIds(config.nodes);
  return {
    config, time: 0, rng: seedRng(config.seed),
    nodes: ids.map(freshNode),
    inflight: [], timers: [],
    partition: ids.map(() => 0),
    nextMessageId: 1, nextTimerId: 1, nextReadId: 1,
    reads: [],
    monitor: initialMonitor(ids),
  };
}

function freshNode(id: NodeId): NodeState {
  return {
    id, up: true,
    durable: { promised: null, accepted: null, maxRoundUsed: 0 },
    proposer: proposer.IDLE_PROPOSER,
    maxRoundSeen: 0, learned: null, reads: [],
  };
}

/** The earliest message or timer that is due, as the command that processes it; null when none. */
export function nextDue(world: World): { at: number; kind: 'message' | 'timer'; id: number } | null {
  return earliestDue(world.inflight, world.timers);
}

function earliestDue(inflight: readonly Message[], timers: readonly Timer[]): { at: number; kind: 'message' | 'timer'; id: number } | null {
  let best: { at: number; kind: 'message' | 'timer'; id: number } | null = null;
  for (const m of inflight) {
    if (best === null || m.deliverAt < best.at) best = { at: m.deliverAt, kind: 'message', id: m.id };
  }
  // Timers after messages due at the same tick: a reply that arrives "just in time" still counts.
  for (const t of timers) {
    if (best === null || t.at < best.at) best = { at: t.at, kind: 'timer', id: t.id };
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// A draft of the next world, built by one apply(). Arrays are copied once at the start; the input
// world is never mutated.

interface Draft {
  /** Role context for this step; made once, after the command has set the time. */
  ctx: RoleContext | null;
  time: number;
  rng: number;
  nodes: NodeState[];
  inflight: Message[];
  timers: Timer[];
  /** Shared with the input world until a partition/heal replaces it. */
  partition: readonly number[];
  nextMessageId: number;
  nextTimerId: number;
  nextReadId: number;
  /** Shared with the input world until a read finishes (copy on write). */
  reads: World['reads'];
  monitor: MonitorState;
  events: SimEvent[];
}

export function apply(world: World, cmd: Command): StepResult {
  const d: Draft = {
    ctx: null, time: world.time, rng: world.rng,
    nodes: world.nodes.slice(), inflight: world.inflight.slice(), timers: world.timers.slice(),
    partition: world.partition,
    nextMessageId: world.nextMessageId, nextTimerId: world.nextTimerId, nextReadId: world.nextReadId,
    reads: world.reads, monitor: world.monitor, events: [],
  };
  const cfg = world.config;
  const ids = nodeIds(cfg.nodes);
  const manualTick = () => { if (cfg.mode === 'manual') d.time += 1; };

  switch (cmd.type) {
    case 'write': {
      const i = liveNode(d, cmd.node, 'write');
      run(d, cfg, ids, i, proposer.onClientWrite(d.nodes[i]!, cmd.value, ctxOf(d, cfg, ids)));
      break;
    }
    case 'read': {
      const i = liveNode(d, cmd.node, 'read');
      const readId = d.nextReadId++;
      run(d, cfg, ids, i, reader.onClientRead(d.nodes[i]!, readId, ctxOf(d, cfg, ids)));
      break;
    }
    case 'deliver':
      manualTick();
      deliver(d, cfg, ids, takeMessage(d, cmd.id));
      break;
    case 'drop': {
      const msg = takeMessage(d, cmd.id);
      emit(d, cfg, { type: 'drop', time: d.time, msg, reason: 'user' });
      break;
    }
    case 'duplicate': {
      const msg = findMessage(d, cmd.id);
      const { cut: _wasCut, ...original } = msg;
      const copy = { ...original, id: d.nextMessageId++, sentAt: d.time, deliverAt: d.time + drawLatency(d, cfg) } as Message;
      if (d.partition[nodeIndex(copy.from)] !== d.partition[nodeIndex(copy.to)]) (copy as { cut?: true }).cut = true;
      d.inflight.push(copy);
      emit(d, cfg, { type: 'duplicate', time: d.time, msg, copy });
      break;
    }
    case 'delay': {
      if (!Number.isInteger(cmd.ticks) || cmd.ticks < 1) throw new SimError(`delay must be a whole number of ticks ≥ 1, got ${cmd.ticks}`);
      const msg = findMessage(d, cmd.id);
      d.inflight[d.inflight.indexOf(msg)] = { ...msg, deliverAt: Math.max(msg.deliverAt, d.time) + cmd.ticks };
      emit(d, cfg, { type: 'delay', time: d.time, msg, ticks: cmd.ticks });
      break;
    }
    case 'fire': {
      const timer = d.timers.filter((t) => t.node === cmd.node && (cmd.kind === undefined || t.kind === cmd.kind))
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!timer) throw new SimError(`${cmd.node} has no pending ${cmd.kind ?? ''} timer`.replace('  ', ' '));
      manualTick();
      fire(d, cfg, ids, timer);
      break;
    }
    case 'next': {
      const due = earliestDue(d.inflight, d.timers);
      if (!due) throw new SimError('nothing is pending: no message in flight and no timer set');
      d.time = Math.max(d.time, due.at);
      if (due.kind === 'message') deliver(d, cfg, ids, takeMessage(d, due.id));
      else fire(d, cfg, ids, d.timers.find((t) => t.id === due.id)!);
      break;
    }
    case 'advance':
      if (!(cmd.time >= d.time)) throw new SimError(`cannot advance to tick ${cmd.time}: it is already tick ${d.time}`);
      d.time = cmd.time;
      break;
    case 'crash': {
      const i = indexOf(d, cmd.node);
      if (!d.nodes[i]!.up) throw new SimError(`${cmd.node} is already crashed`);
      crash(d, cfg, i);
      break;
    }
    case 'restart': {
      const i = indexOf(d, cmd.node);
      if (d.nodes[i]!.up) throw new SimError(`${cmd.node} is not crashed`);
      const before = d.nodes[i]!;
      if (brokenRules(cfg.variants)?.amnesia) {
        // BROKEN (amnesia): the acceptor's promise and accepted proposal were not durable after all.
        // Only those: the highest round it used survives, so this variant breaks the promise alone.
        const durable = { promised: null, accepted: null, maxRoundUsed: before.durable.maxRoundUsed };
        d.nodes[i] = { ...before, up: true, durable, maxRoundSeen: 0 };
        emit(d, cfg, { type: 'restart', time: d.time, node: cmd.node, durable, forgotten: before.durable });
        break;
      }
      // Its next ballot must go above what it promised before the crash: start from the disk.
      d.nodes[i] = { ...before, up: true, maxRoundSeen: before.durable.promised?.round ?? 0 };
      emit(d, cfg, { type: 'restart', time: d.time, node: cmd.node, durable: d.nodes[i]!.durable });
      break;
    }
    case 'partition': {
      const seen = new Set<NodeId>();
      const partition = d.partition.map(() => 0);
      cmd.groups.forEach((group, g) => {
        for (const id of group) {
          const i = indexOf(d, id);
          if (seen.has(id)) throw new SimError(`${id} is listed twice in the partition`);
          seen.add(id);
          partition[i] = g + 1;
        }
      });
      d.partition = partition;
      emit(d, cfg, { type: 'partition', time: d.time, groups: partitionGroups(ids, partition) });
      break;
    }
    case 'heal':
      d.partition = d.partition.map(() => 0);
      emit(d, cfg, { type: 'heal', time: d.time });
      break;
    default: {
      const never: never = cmd;
      throw new SimError(`unknown command ${JSON.stringify(never)}`);
    }
  }

  return {
    world: {
      config: cfg, time: d.time, rng: d.rng, nodes: d.nodes, inflight: d.inflight, timers: d.timers,
      partition: d.partition, nextMessageId: d.nextMessageId, nextTimerId: d.nextTimerId,
      nextReadId: d.nextReadId, reads: d.reads, monitor: d.monitor,
    },
    events: d.events,
  };
}

/** The groups of a partition as lists of node ids (group 0, the unlisted nodes, last if non-empty). */
export function partitionGroups(ids: readonly NodeId[], partition: readonly number[]): NodeId[][] {
  const groups = new Map<number, NodeId[]>();
  ids.forEach((id, i) => {
    const g = partition[i]!;
    groups.set(g, [...(groups.get(g) ?? []), id]);
  });
  return [...groups.entries()].sort(([a], [b]) => (a === 0 ? 1 : b === 0 ? -1 : a - b)).map(([, g]) => g);
}

// ---------------------------------------------------------------------------------------------

function ctxOf(d: Draft, cfg: SimConfig, ids: readonly NodeId[]): RoleContext {
  return d.ctx ??= {
    now: d.time, ids,
    retryTicksMin: cfg.retryTicksMin, retryTicksMax: cfg.retryTicksMax,
    backoffTicksMax: cfg.backoffTicksMax, readTimeoutTicks: cfg.readTimeoutTicks,
    broken: brokenRules(cfg.variants),
  };
}

function indexOf(d: Draft, id: NodeId): number {
  const i = nodeIndex(id);
  if (!(i >= 0 && i < d.nodes.length) || d.nodes[i]!.id !== id) throw new SimError(`there is no node ${id}`);
  return i;
}

function liveNode(d: Draft, id: NodeId, what: string): number {
  const i = indexOf(d, id);
  if (!d.nodes[i]!.up) throw new SimError(`cannot ${what} at ${id}: it is crashed`);
  return i;
}

function findMessage(d: Draft, id: number): Message {
  const msg = d.inflight.find((m) => m.id === id);
  if (!msg) throw new SimError(`message #${id} is not in flight`);
  return msg;
}

function takeMessage(d: Draft, id: number): Message {
  const msg = findMessage(d, id);
  d.inflight.splice(d.inflight.indexOf(msg), 1);
  return msg;
}

function drawLatency(d: Draft, cfg: SimConfig): number {
  const [rng, ticks] = nextInt(d.rng, cfg.latencyTicksMin, cfg.latencyTicksMax);
  d.rng = rng;
  return ticks;
}

/** Record an event, and let the safety monitor react to it right away. */
function emit(d: Draft, cfg: SimConfig, e: SimEvent): void {
  d.events.push(e);
  if (e.type === 'read-done') d.reads = [...d.reads, { ...e.outcome, node: e.node, readId: e.readId }];
  const seen = observe(d.monitor, e, cfg.nodes);
  if (seen === null) return;
  d.monitor = seen.monitor;
  for (const a of seen.added) d.events.push(a);
}

function deliver(d: Draft, cfg: SimConfig, ids: readonly NodeId[], msg: Message): void {
  const to = indexOf(d, msg.to);
  if (!d.nodes[to]!.up) return emit(d, cfg, { type: 'drop', time: d.time, msg, reason: 'receiver-down' });
  if (msg.cut || d.partition[to] !== d.partition[nodeIndex(msg.from)]) {
    return emit(d, cfg, { type: 'drop', time: d.time, msg, reason: 'partition' });
  }
  emit(d, cfg, { type: 'deliver', time: d.time, msg });
  run(d, cfg, ids, to, dispatch(d.nodes[to]!, msg, ctxOf(d, cfg, ids)));
}

function dispatch(node: NodeState, msg: Message, ctx: RoleContext): Effects {
  switch (msg.type) {
    case 'prepare': return acceptor.onPrepare(node, msg, ctx);
    case 'accept': return acceptor.onAccept(node, msg, ctx);
    case 'read': return acceptor.onRead(node, msg, ctx);
    case 'promise': return proposer.onPromise(node, msg, ctx);
    case 'accepted': return proposer.onAccepted(node, msg, ctx);
    case 'nack': return proposer.onNack(node, msg, ctx);
    case 'decide': return learner.onDecide(node, msg, ctx);
    case 'read-reply': return reader.onReadReply(node, msg, ctx);
  }
}

function fire(d: Draft, cfg: SimConfig, ids: readonly NodeId[], timer: Timer): void {
  d.timers.splice(d.timers.indexOf(timer), 1);
  emit(d, cfg, { type: 'timer-fire', time: d.time, timer });
  const i = indexOf(d, timer.node);
  const ctx = ctxOf(d, cfg, ids);
  const fx = timer.kind === 'retry'
    ? proposer.onRetryTimer(d.nodes[i]!, ctx)
    : reader.onReadTimeout(d.nodes[i]!, timer.readId!, ctx);
  run(d, cfg, ids, i, fx);
}

/**
 * Carry out a handler's effects for node `i`. Messages a node sends to itself are handled locally,
 * at once and in order (no wire, so they cannot be lost or intercepted), like a local function call.
 */
function run(d: Draft, cfg: SimConfig, ids: readonly NodeId[], i: number, first: Effects): void {
  const local: Message[] = [];
  let fx: Effects | null = first;
  let at = i;
  for (;;) {
    d.nodes[at] = fx.node;
    for (const e of fx.events) emit(d, cfg, e);
    for (const op of fx.timers) setTimer(d, cfg, fx.node.id, op);
    for (const out of fx.send) {
      if (out.to === fx.node.id) local.push(localMessage(d, fx.node.id, out.payload));
      else send(d, cfg, fx.node.id, out.to, out.payload);
    }
    const msg = local.shift();
    if (!msg) return;
    at = nodeIndex(msg.to);
    fx = dispatch(d.nodes[at]!, msg, ctxOf(d, cfg, ids));
  }
}

function localMessage(d: Draft, node: NodeId, payload: Payload): Message {
  return envelope(payload, 0, node, node, d.time, d.time);
}

function send(d: Draft, cfg: SimConfig, from: NodeId, to: NodeId, payload: Payload): void {
  const msg = envelope(payload, d.nextMessageId++, from, to, d.time, d.time + drawLatency(d, cfg));
  // A message sent across a partition is lost even if the network heals before it would arrive.
  if (d.partition[nodeIndex(from)] !== d.partition[nodeIndex(to)]) (msg as { cut?: true }).cut = true;
  d.inflight.push(msg);
  emit(d, cfg, { type: 'send', time: d.time, msg });
}

/**
 * Put a payload in an envelope. One object literal per message type (rather than a spread) keeps
 * every message of a type the same shape, which is what makes the simulation fast.
 */
function envelope(p: Payload, id: number, from: NodeId, to: NodeId, sentAt: number, deliverAt: number): Message {
  switch (p.type) {
    case 'prepare': return { type: p.type, ballot: p.ballot, id, from, to, sentAt, deliverAt };
    case 'promise': return { type: p.type, ballot: p.ballot, accepted: p.accepted, id, from, to, sentAt, deliverAt };
    case 'accept': return { type: p.type, ballot: p.ballot, value: p.value, id, from, to, sentAt, deliverAt };
    case 'accepted': return { type: p.type, ballot: p.ballot, value: p.value, id, from, to, sentAt, deliverAt };
    case 'nack': return { type: p.type, ballot: p.ballot, promised: p.promised, of: p.of, id, from, to, sentAt, deliverAt };
    case 'decide': return { type: p.type, ballot: p.ballot, value: p.value, id, from, to, sentAt, deliverAt };
    case 'read': return { type: p.type, readId: p.readId, id, from, to, sentAt, deliverAt };
    case 'read-reply': return { type: p.type, readId: p.readId, accepted: p.accepted, id, from, to, sentAt, deliverAt };
  }
}

function setTimer(d: Draft, cfg: SimConfig, node: NodeId, op: Effects['timers'][number]): void {
  const same = (t: Timer) => t.node === node && t.kind === op.kind && t.readId === op.readId;
  d.timers = d.timers.filter((t) => !same(t));
  if (op.op === 'cancel') return;
  const [rng, delay] = nextInt(d.rng, op.minTicks, op.maxTicks);
  d.rng = rng;
  const timer: Timer = { id: d.nextTimerId++, node, kind: op.kind, at: d.time + delay, ...(op.readId !== undefined ? { readId: op.readId } : {}) };
  d.timers.push(timer);
  emit(d, cfg, { type: 'timer-set', time: d.time, timer });
}

function crash(d: Draft, cfg: SimConfig, i: number): void {
  const node = d.nodes[i]!;
  // Volatile state is gone; `durable` (promise, accepted proposal, highest round used) survives.
  d.nodes[i] = { ...node, up: false, proposer: proposer.IDLE_PROPOSER, maxRoundSeen: 0, learned: null, reads: [] };
  d.timers = d.timers.filter((t) => t.node !== node.id);
  emit(d, cfg, { type: 'crash', time: d.time, node: node.id });
  for (const read of node.reads) {
    emit(d, cfg, { type: 'read-done', time: d.time, node: node.id, readId: read.readId, outcome: { result: 'fail', reason: 'node-crashed' } });
  }
}
