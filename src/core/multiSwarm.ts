import { applyMulti, createMultiWorld, nextDueMulti } from './multiSim';
import type { MultiCommand, MultiConfig, MultiEvent, MultiWorld } from './multiTypes';
import { nodeIds } from './quorum';
import { nextFloat, nextInt, seedRng } from './rng';

// The fault swarm for Multi-Paxos (see swarm.ts for the idea): a seeded scheduler that mostly lets
// the network run and now and then sends a client request (sometimes a retry of an earlier one) or
// injects a fault — drop, duplicate, delay, reorder, an early timer, a crash, a restart, a
// partition, a heal. Then a liveness phase: faults off, everyone up and connected, fresh requests.

export interface MultiSwarmKnobs {
  readonly request: number;
  readonly retry: number;
  readonly drop: number;
  readonly duplicate: number;
  readonly delay: number;
  readonly reorder: number;
  readonly fireEarly: number;
  readonly crash: number;
  readonly restart: number;
  readonly partition: number;
  readonly heal: number;
}

const KNOBS: readonly (keyof MultiSwarmKnobs)[] = [
  'request', 'retry', 'drop', 'duplicate', 'delay', 'reorder', 'fireEarly', 'crash', 'restart', 'partition', 'heal',
];

export const DEFAULT_MULTI_KNOBS: MultiSwarmKnobs = {
  request: 0.03, retry: 0.01, drop: 0.03, duplicate: 0.02, delay: 0.03, reorder: 0.04, fireEarly: 0.01,
  crash: 0.01, restart: 0.02, partition: 0.01, heal: 0.02,
};

export interface MultiSwarmSpec {
  readonly seed: number;
  readonly nodes: number;
  /** Commands in the fault phase. */
  readonly steps: number;
  readonly knobs?: MultiSwarmKnobs;
  readonly config?: Partial<MultiConfig>;
}

export type MultiSink = (events: readonly MultiEvent[], cmd: MultiCommand) => void;

interface Runner {
  world: MultiWorld;
  rng: number;
  readonly sink: MultiSink | undefined;
}

function exec(r: Runner, cmd: MultiCommand): void {
  const out = applyMulti(r.world, cmd);
  r.world = out.world;
  r.sink?.(out.events, cmd);
}

function float(r: Runner): number {
  const [s, f] = nextFloat(r.rng);
  r.rng = s;
  return f;
}

function int(r: Runner, min: number, max: number): number {
  const [s, i] = nextInt(r.rng, min, max);
  r.rng = s;
  return i;
}

function pick<T>(r: Runner, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[int(r, 0, items.length - 1)];
}

/** One swarm move: a fault or a request with its knob's probability, otherwise `next`. */
function move(r: Runner, knobs: MultiSwarmKnobs): void {
  const w = r.world;
  const up = w.nodes.filter((n) => n.up).map((n) => n.id);
  const down = w.nodes.filter((n) => !n.up).map((n) => n.id);
  for (const k of KNOBS) {
    if (float(r) >= knobs[k]) continue;
    const msg = pick(r, w.inflight);
    switch (k) {
      case 'request': {
        const node = pick(r, up);
        if (node) return exec(r, { type: 'request', node, command: `c${w.nextRequestId}` });
        break;
      }
      case 'retry': {
        const node = pick(r, up);
        if (node && w.nextRequestId > 1) {
          const id = int(r, 1, w.nextRequestId - 1);
          return exec(r, { type: 'request', node, command: `c${id}`, id });
        }
        break;
      }
      case 'drop': if (msg) return exec(r, { type: 'drop', id: msg.id }); break;
      case 'duplicate': if (msg) return exec(r, { type: 'duplicate', id: msg.id }); break;
      case 'delay': if (msg) return exec(r, { type: 'delay', id: msg.id, ticks: int(r, 1, 60) }); break;
      case 'reorder': if (msg) return exec(r, { type: 'deliver', id: msg.id }); break;
      case 'fireEarly': {
        const t = pick(r, w.timers);
        if (t) return exec(r, { type: 'fire', node: t.node, kind: t.kind });
        break;
      }
      case 'crash': { const n = pick(r, up); if (n) return exec(r, { type: 'crash', node: n }); break; }
      case 'restart': { const n = pick(r, down); if (n) return exec(r, { type: 'restart', node: n }); break; }
      case 'partition': {
        const ids = nodeIds(w.config.nodes);
        const groups: string[][] = [[], []];
        for (const id of ids) groups[int(r, 0, 1)]!.push(id);
        const nonEmpty = groups.filter((g) => g.length > 0);
        if (nonEmpty.length > 1) return exec(r, { type: 'partition', groups: nonEmpty });
        break;
      }
      case 'heal': if (w.partition.some((g) => g !== 0)) return exec(r, { type: 'heal' }); break;
    }
  }
  if (nextDueMulti(w)) exec(r, { type: 'next' });
}

function runUntil(r: Runner, time: number): void {
  for (let due = nextDueMulti(r.world); due && due.at <= time; due = nextDueMulti(r.world)) exec(r, { type: 'next' });
  if (time > r.world.time) exec(r, { type: 'advance', time });
}

export interface MultiSwarmResult {
  readonly initial: MultiWorld;
  /** After the fault phase. */
  readonly faulty: MultiWorld;
  /** After the liveness phase. */
  readonly world: MultiWorld;
  /** The fresh requests sent in the liveness phase (their entries, e.g. `#12 fresh0`). */
  readonly fresh: readonly string[];
  /** Every request id used, 1…requests: each must end up applied exactly once on every node. */
  readonly requests: number;
}

/**
 * Fault phase (`steps` swarm moves), then the liveness phase: heal, restart every node, let a
 * leader emerge, retry every earlier request, send three fresh ones at random nodes and let them run.
 */
export function runMultiSwarm(spec: MultiSwarmSpec, sink?: MultiSink): MultiSwarmResult {
  const initial = createMultiWorld({ nodes: spec.nodes, seed: spec.seed, ...spec.config });
  const r: Runner = { world: initial, rng: seedRng(spec.seed ^ 0x5bd1e995), sink };
  const knobs = spec.knobs ?? DEFAULT_MULTI_KNOBS;
  for (let i = 0; i < spec.steps; i++) move(r, knobs);
  const faulty = r.world;
  if (r.world.partition.some((g) => g !== 0)) exec(r, { type: 'heal' });
  for (const n of r.world.nodes) if (!n.up) exec(r, { type: 'restart', node: n.id });
  runUntil(r, r.world.time + 1_000);
  // Clients retry every earlier request (same id: a request lost with a crashed node is chosen now,
  // one already chosen is not applied twice) and send three fresh ones.
  const earlier = r.world.nextRequestId;
  for (let id = 1; id < earlier; id++) {
    exec(r, { type: 'request', node: pick(r, r.world.nodes.map((n) => n.id))!, command: `c${id}`, id });
  }
  const fresh: string[] = [];
  for (let i = 0; i < 3; i++) {
    const node = pick(r, r.world.nodes.map((n) => n.id))!;
    fresh.push(`#${r.world.nextRequestId} fresh${i}`);
    exec(r, { type: 'request', node, command: `fresh${i}` });
  }
  runUntil(r, r.world.time + 1_500 + 40 * earlier);
  return { initial, faulty, world: r.world, fresh, requests: r.world.nextRequestId - 1 };
}
