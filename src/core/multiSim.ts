import { INITIAL_MULTI_MONITOR, observeMulti } from './multiInvariants';
import * as roles from './multiRoles';
import type { MultiContext, MultiEffects, MultiTimerOp } from './multiRoles';
import type {
  MultiCommand, MultiConfig, MultiEvent, MultiMessage, MultiMonitor, MultiNode, MultiPayload, MultiStepResult, MultiTimer,
  MultiWorld,
} from './multiTypes';
import { nodeIds, nodeIndex } from './quorum';
import { nextInt, seedRng } from './rng';
import { DEFAULT_CONFIG, partitionGroups, SimError } from './sim';
import type { NodeId, SimConfig } from './types';

// The Multi-Paxos world's single door: applyMulti(world, command) → { world, events }. The same
// network as the basic world (seeded latency, drops, duplicates, delays, partitions checked at send
// and at arrival, crashes that keep only the disk), with the Multi-Paxos roles of multiRoles.ts.

export const DEFAULT_MULTI_CONFIG: MultiConfig = { ...DEFAULT_CONFIG, heartbeatTicks: 50, pipelineWindow: 3 };

export function createMultiWorld(overrides: Partial<MultiConfig> = {}): MultiWorld {
  const config: MultiConfig = { ...DEFAULT_MULTI_CONFIG, ...overrides };
  const ids = nodeIds(config.nodes);
  const d: Draft = {
    ctx: null, time: 0, rng: seedRng(config.seed), nodes: ids.map((id) => roles.freshMultiNode(id)),
    inflight: [], timers: [], partition: ids.map(() => 0), nextMessageId: 1, nextTimerId: 1, nextRequestId: 1,
    monitor: INITIAL_MULTI_MONITOR, events: [],
  };
  // Every node starts as a follower waiting for a leader's heartbeat (an election timer each).
  for (let i = 0; i < ids.length; i++) run(d, config, ids, i, roles.onStart(d.nodes[i]!, ctxOf(d, config, ids)));
  return finish(d, config).world;
}

export function nextDueMulti(world: MultiWorld): { at: number; kind: 'message' | 'timer'; id: number } | null {
  let best: { at: number; kind: 'message' | 'timer'; id: number } | null = null;
  for (const m of world.inflight) if (best === null || m.deliverAt < best.at) best = { at: m.deliverAt, kind: 'message', id: m.id };
  for (const t of world.timers) if (best === null || t.at < best.at) best = { at: t.at, kind: 'timer', id: t.id };
  return best;
}

interface Draft {
  ctx: MultiContext | null;
  time: number;
  rng: number;
  nodes: MultiNode[];
  inflight: MultiMessage[];
  timers: MultiTimer[];
  partition: readonly number[];
  nextMessageId: number;
  nextTimerId: number;
  nextRequestId: number;
  monitor: MultiMonitor;
  events: MultiEvent[];
}

export function applyMulti(world: MultiWorld, cmd: MultiCommand): MultiStepResult {
  const d: Draft = {
    ctx: null, time: world.time, rng: world.rng, nodes: world.nodes.slice(), inflight: world.inflight.slice(),
    timers: world.timers.slice(), partition: world.partition, nextMessageId: world.nextMessageId,
    nextTimerId: world.nextTimerId, nextRequestId: world.nextRequestId, monitor: world.monitor, events: [],
  };
  const cfg = world.config;
  const ids = nodeIds(cfg.nodes);
  const manualTick = () => { if (cfg.mode === 'manual') d.time += 1; };

  switch (cmd.type) {
    case 'request': {
      const i = indexOf(d, cmd.node);
      if (!d.nodes[i]!.up) throw new SimError(`cannot send a request to ${cmd.node}: it is crashed`);
      const text = cmd.command.trim();
      if (text === '') throw new SimError('a request needs a command');
      let id: number;
      if (cmd.id === undefined) id = d.nextRequestId++;
      else if (Number.isInteger(cmd.id) && cmd.id >= 1 && cmd.id < d.nextRequestId) id = cmd.id;
      else throw new SimError(`request #${cmd.id} was never made: a retry repeats an earlier request's id`);
      run(d, cfg, ids, i, roles.onRequest(d.nodes[i]!, `#${id} ${text}`, ctxOf(d, cfg, ids)));
      break;
    }
    case 'deliver':
      manualTick();
      deliver(d, cfg, ids, take(d, cmd.id));
      break;
    case 'drop':
      emit(d, cfg, { type: 'drop', time: d.time, msg: take(d, cmd.id), reason: 'user' });
      break;
    case 'duplicate': {
      const msg = find(d, cmd.id);
      const { cut: _wasCut, ...original } = msg;
      const copy = { ...original, id: d.nextMessageId++, sentAt: d.time, deliverAt: d.time + latency(d, cfg) } as MultiMessage;
      if (d.partition[nodeIndex(copy.from)] !== d.partition[nodeIndex(copy.to)]) (copy as { cut?: true }).cut = true;
      d.inflight.push(copy);
      emit(d, cfg, { type: 'duplicate', time: d.time, msg, copy });
      break;
    }
    case 'delay': {
      if (!Number.isInteger(cmd.ticks) || cmd.ticks < 1) throw new SimError(`delay must be a whole number of ticks ≥ 1, got ${cmd.ticks}`);
      const msg = find(d, cmd.id);
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
      const due = nextDueMulti({ ...world, inflight: d.inflight, timers: d.timers });
      if (!due) throw new SimError('nothing is pending: no message in flight and no timer set');
      d.time = Math.max(d.time, due.at);
      if (due.kind === 'message') deliver(d, cfg, ids, take(d, due.id));
      else fire(d, cfg, ids, d.timers.find((t) => t.id === due.id)!);
      break;
    }
    case 'advance':
      if (!(cmd.time >= d.time)) throw new SimError(`cannot advance to tick ${cmd.time}: it is already tick ${d.time}`);
      d.time = cmd.time;
      break;
    case 'crash': {
      const i = indexOf(d, cmd.node);
      const node = d.nodes[i]!;
      if (!node.up) throw new SimError(`${cmd.node} is already crashed`);
      // Everything but the disk (promise, accepted proposals per slot, highest round used) is lost.
      d.nodes[i] = { ...roles.freshMultiNode(node.id, node.durable), up: false };
      d.timers = d.timers.filter((t) => t.node !== node.id);
      emit(d, cfg, { type: 'crash', time: d.time, node: node.id });
      break;
    }
    case 'restart': {
      const i = indexOf(d, cmd.node);
      const node = d.nodes[i]!;
      if (node.up) throw new SimError(`${cmd.node} is not crashed`);
      d.nodes[i] = roles.freshMultiNode(node.id, node.durable);
      emit(d, cfg, { type: 'restart', time: d.time, node: node.id, durable: node.durable });
      run(d, cfg, ids, i, roles.onStart(d.nodes[i]!, ctxOf(d, cfg, ids)));
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
  return finish(d, cfg);
}

function finish(d: Draft, cfg: MultiConfig): MultiStepResult {
  return {
    world: {
      config: cfg, time: d.time, rng: d.rng, nodes: d.nodes, inflight: d.inflight, timers: d.timers,
      partition: d.partition, nextMessageId: d.nextMessageId, nextTimerId: d.nextTimerId,
      nextRequestId: d.nextRequestId, monitor: d.monitor,
    },
    events: d.events,
  };
}

function ctxOf(d: Draft, cfg: MultiConfig, ids: readonly NodeId[]): MultiContext {
  return d.ctx ??= {
    now: d.time, ids, electionTicksMin: cfg.retryTicksMin, electionTicksMax: cfg.retryTicksMax,
    heartbeatTicks: cfg.heartbeatTicks, window: cfg.pipelineWindow,
  };
}

function indexOf(d: Draft, id: NodeId): number {
  const i = nodeIndex(id);
  if (!(i >= 0 && i < d.nodes.length) || d.nodes[i]!.id !== id) throw new SimError(`there is no node ${id}`);
  return i;
}

function find(d: Draft, id: number): MultiMessage {
  const msg = d.inflight.find((m) => m.id === id);
  if (!msg) throw new SimError(`message #${id} is not in flight`);
  return msg;
}

function take(d: Draft, id: number): MultiMessage {
  const msg = find(d, id);
  d.inflight.splice(d.inflight.indexOf(msg), 1);
  return msg;
}

function latency(d: Draft, cfg: SimConfig): number {
  const [rng, ticks] = nextInt(d.rng, cfg.latencyTicksMin, cfg.latencyTicksMax);
  d.rng = rng;
  return ticks;
}

function emit(d: Draft, cfg: MultiConfig, e: MultiEvent): void {
  d.events.push(e);
  const seen = observeMulti(d.monitor, e, cfg.nodes);
  if (seen === null) return;
  d.monitor = seen.monitor;
  for (const a of seen.added) d.events.push(a);
}

function deliver(d: Draft, cfg: MultiConfig, ids: readonly NodeId[], msg: MultiMessage): void {
  const to = indexOf(d, msg.to);
  if (!d.nodes[to]!.up) return emit(d, cfg, { type: 'drop', time: d.time, msg, reason: 'receiver-down' });
  if (msg.cut || d.partition[to] !== d.partition[nodeIndex(msg.from)]) return emit(d, cfg, { type: 'drop', time: d.time, msg, reason: 'partition' });
  emit(d, cfg, { type: 'deliver', time: d.time, msg });
  run(d, cfg, ids, to, dispatch(d.nodes[to]!, msg, ctxOf(d, cfg, ids)));
}

function dispatch(node: MultiNode, msg: MultiMessage, ctx: MultiContext): MultiEffects {
  switch (msg.type) {
    case 'prepare': return roles.onPrepare(node, msg, ctx);
    case 'promise': return roles.onPromise(node, msg, ctx);
    case 'accept': return roles.onAccept(node, msg, ctx);
    case 'accepted': return roles.onAccepted(node, msg, ctx);
    case 'nack': return roles.onNack(node, msg, ctx);
    case 'commit': return roles.onCommit(node, msg, ctx);
    case 'heartbeat': return roles.onHeartbeat(node, msg, ctx);
    case 'catch-up': return roles.onCatchUp(node, msg, ctx);
    case 'forward': return roles.onForward(node, msg, ctx);
  }
}

function fire(d: Draft, cfg: MultiConfig, ids: readonly NodeId[], timer: MultiTimer): void {
  d.timers.splice(d.timers.indexOf(timer), 1);
  emit(d, cfg, { type: 'timer-fire', time: d.time, timer });
  const i = indexOf(d, timer.node);
  const ctx = ctxOf(d, cfg, ids);
  run(d, cfg, ids, i, timer.kind === 'election' ? roles.onElectionTimer(d.nodes[i]!, ctx) : roles.onHeartbeatTimer(d.nodes[i]!, ctx));
}

/** Carry out a handler's effects; messages a node sends itself are handled at once, in order, off the wire. */
function run(d: Draft, cfg: MultiConfig, ids: readonly NodeId[], i: number, first: MultiEffects): void {
  const local: MultiMessage[] = [];
  let fx: MultiEffects = first;
  for (;;) {
    d.nodes[nodeIndex(fx.node.id)] = fx.node;
    for (const e of fx.events) emit(d, cfg, e);
    for (const op of fx.timers) setTimer(d, cfg, fx.node.id, op);
    for (const out of fx.send) {
      if (out.to === fx.node.id) local.push(envelope(out.payload, 0, fx.node.id, fx.node.id, d.time, d.time));
      else send(d, cfg, fx.node.id, out.to, out.payload);
    }
    const msg = local.shift();
    if (!msg) return;
    fx = dispatch(d.nodes[nodeIndex(msg.to)]!, msg, ctxOf(d, cfg, ids));
  }
}

function send(d: Draft, cfg: MultiConfig, from: NodeId, to: NodeId, payload: MultiPayload): void {
  const msg = envelope(payload, d.nextMessageId++, from, to, d.time, d.time + latency(d, cfg));
  if (d.partition[nodeIndex(from)] !== d.partition[nodeIndex(to)]) (msg as { cut?: true }).cut = true;
  d.inflight.push(msg);
  emit(d, cfg, { type: 'send', time: d.time, msg });
}

function envelope(p: MultiPayload, id: number, from: NodeId, to: NodeId, sentAt: number, deliverAt: number): MultiMessage {
  return { ...p, id, from, to, sentAt, deliverAt };
}

function setTimer(d: Draft, cfg: MultiConfig, node: NodeId, op: MultiTimerOp): void {
  d.timers = d.timers.filter((t) => !(t.node === node && t.kind === op.kind));
  if (op.op === 'cancel') return;
  const [rng, delay] = nextInt(d.rng, op.minTicks, op.maxTicks);
  d.rng = rng;
  const timer: MultiTimer = { id: d.nextTimerId++, node, kind: op.kind, at: d.time + delay };
  d.timers.push(timer);
  emit(d, cfg, { type: 'timer-set', time: d.time, timer });
}
