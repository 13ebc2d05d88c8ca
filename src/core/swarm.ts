import { nextFloat, nextInt, seedRng } from './rng';
import { runUntilQuiet } from './run';
import { apply, createWorld, nextDue } from './sim';
import type { Command, SimConfig, SimEvent, World } from './types';

// A seeded fault swarm (TigerBeetle's VOPR, FoundationDB's simulator): a random scheduler that picks
// the next command for a world. Mostly it lets the network run (`next`), but now and then it injects
// a client request or a fault. Its PRNG state lives outside the world — the swarm is the "user", not
// part of the simulation — so a run is still just `config + commands` and replays without the swarm.
//
// One seed drives everything: the world's seed, the swarm's choices, and (via randomKnobs) how
// often each fault happens. Every command it picks is valid for the world it was picked for.

/** How often the swarm injects each kind of command, as a probability per step (0 = never). */
export interface SwarmKnobs {
  /** A client write of the next value "v1", "v2", … at a random live node. */
  readonly write: number;
  /** A client read at a random live node. */
  readonly read: number;
  /** Lose a random in-flight message. */
  readonly drop: number;
  /** Put a copy of a random in-flight message on the wire. */
  readonly duplicate: number;
  /** Postpone a random in-flight message by 1…delayTicksMax ticks. */
  readonly delay: number;
  /** Deliver a random in-flight message now, ahead of its turn (reordering). */
  readonly reorder: number;
  /** Fire a random pending timer now, before it is due. */
  readonly fireEarly: number;
  /** Crash a random live node (any number may be down at once). */
  readonly crash: number;
  /** Restart a random crashed node. */
  readonly restart: number;
  /** Split the nodes into 2–3 random groups. */
  readonly partition: number;
  /** Heal the partition (only picked while partitioned). */
  readonly heal: number;
  /** Let time pass without processing anything (never past the next due message or timer). */
  readonly idle: number;
}

export type SwarmKnob = keyof SwarmKnobs;

/** Knob order is part of the replay contract: changing it changes what a seed does. */
export const SWARM_KNOBS: readonly SwarmKnob[] = [
  'write', 'read', 'drop', 'duplicate', 'delay', 'reorder', 'fireEarly', 'crash', 'restart', 'partition', 'heal', 'idle',
];

export const DEFAULT_KNOBS: SwarmKnobs = {
  write: 0.02, read: 0.01, drop: 0.03, duplicate: 0.02, delay: 0.03, reorder: 0.05, fireEarly: 0.01,
  crash: 0.01, restart: 0.02, partition: 0.01, heal: 0.02, idle: 0.01,
};

/** Every knob scaled by `factor` (0 = no faults: only `next`, plus whatever keeps the run going). */
export function scaleKnobs(knobs: SwarmKnobs, factor: number): SwarmKnobs {
  return Object.fromEntries(SWARM_KNOBS.map((k) => [k, knobs[k] * factor])) as unknown as SwarmKnobs;
}

export const NO_FAULTS: SwarmKnobs = scaleKnobs(DEFAULT_KNOBS, 0);

export interface SwarmOptions {
  readonly knobs: SwarmKnobs;
  /** Longest postponement a `delay` fault picks. */
  readonly delayTicksMax: number;
  /** Longest stretch of time an `idle` step lets pass when nothing is pending. */
  readonly idleTicksMax: number;
}

export const DEFAULT_SWARM_OPTIONS: SwarmOptions = { knobs: DEFAULT_KNOBS, delayTicksMax: 100, idleTicksMax: 200 };

/** The swarm's own state: its PRNG and how many values it has written (the next is `v${writes + 1}`). */
export interface SwarmState {
  readonly rng: number;
  readonly writes: number;
}

/** A swarm PRNG stream for `seed`, distinct from the world's own stream for the same seed. */
export function swarmState(seed: number): SwarmState {
  return { rng: seedRng((seed ^ 0x5eed5eed) >>> 0), writes: 0 };
}

/**
 * Swarm testing (Groce et al.): instead of one fixed mix of faults, each seed draws its own, and some
 * kinds are switched off entirely, so some runs are drop-heavy, some crash-heavy, some fault-free.
 */
export function randomKnobs(seed: number): SwarmKnobs {
  let rng = seedRng((seed ^ 0x6b6e6f62) >>> 0);
  const knobs: Partial<Record<SwarmKnob, number>> = {};
  for (const k of SWARM_KNOBS) {
    const [r1, off] = nextFloat(rng);
    const [r2, p] = nextFloat(r1);
    rng = r2;
    knobs[k] = off < 0.25 ? 0 : Math.round(p * 2 * DEFAULT_KNOBS[k] * 1000) / 1000;
  }
  return knobs as SwarmKnobs;
}

/**
 * The next command for `world`, and the swarm's next state. Always valid for `world`: when the
 * drawn fault does not apply (no message in flight, no crashed node, …) it falls back to `next`;
 * when nothing is pending it restarts a crashed node, or else issues a client write.
 */
export function pickCommand(world: World, state: SwarmState, options: SwarmOptions = DEFAULT_SWARM_OPTIONS): { command: Command; state: SwarmState } {
  const { knobs } = options;
  let rng = state.rng;
  let writes = state.writes;
  const draw = (min: number, max: number): number => {
    const [r, x] = nextInt(rng, min, max);
    rng = r;
    return x;
  };

  const [r0, f] = nextFloat(rng);
  rng = r0;
  let kind: SwarmKnob | 'next' = 'next';
  let total = 0;
  for (const k of SWARM_KNOBS) total += knobs[k];
  // When the knobs add up to more than 1 they are weights, and `next` only happens as a fallback.
  let x = f * Math.max(1, total);
  for (const k of SWARM_KNOBS) {
    if (x < knobs[k]) {
      kind = k;
      break;
    }
    x -= knobs[k];
  }

  const command = chooseCommand(world, kind, options, draw, () => `v${++writes}`);
  return { command, state: { rng, writes } };
}

function chooseCommand(
  world: World, kind: SwarmKnob | 'next', options: SwarmOptions,
  draw: (min: number, max: number) => number, nextValue: () => string,
): Command {
  const inflight = world.inflight;
  const pending = inflight.length > 0 || world.timers.length > 0;
  const randomLive = (): string | null => {
    const live = world.nodes.filter((n) => n.up);
    return live.length === 0 ? null : live[draw(0, live.length - 1)]!.id;
  };
  const randomMessage = (): number | null => (inflight.length === 0 ? null : inflight[draw(0, inflight.length - 1)]!.id);

  switch (kind) {
    case 'write': {
      const node = randomLive();
      if (node !== null) return { type: 'write', node, value: nextValue() };
      break;
    }
    case 'read': {
      const node = randomLive();
      if (node !== null) return { type: 'read', node };
      break;
    }
    case 'drop': {
      const id = randomMessage();
      if (id !== null) return { type: 'drop', id };
      break;
    }
    case 'duplicate': {
      const id = randomMessage();
      if (id !== null) return { type: 'duplicate', id };
      break;
    }
    case 'delay': {
      const id = randomMessage();
      if (id !== null) return { type: 'delay', id, ticks: draw(1, options.delayTicksMax) };
      break;
    }
    case 'reorder': {
      const id = randomMessage();
      if (id !== null) return { type: 'deliver', id };
      break;
    }
    case 'fireEarly': {
      if (world.timers.length === 0) break;
      const timer = world.timers[draw(0, world.timers.length - 1)]!;
      return { type: 'fire', node: timer.node, kind: timer.kind };
    }
    case 'crash': {
      const node = randomLive();
      if (node !== null) return { type: 'crash', node };
      break;
    }
    case 'restart': {
      const down = world.nodes.filter((n) => !n.up);
      if (down.length > 0) return { type: 'restart', node: down[draw(0, down.length - 1)]!.id };
      break;
    }
    case 'partition': {
      const count = draw(2, Math.min(3, world.nodes.length));
      const groups: string[][] = Array.from({ length: count }, () => []);
      for (const n of world.nodes) groups[draw(0, count - 1)]!.push(n.id);
      return { type: 'partition', groups: groups.filter((g) => g.length > 0) };
    }
    case 'heal':
      if (world.partition.some((g) => g !== 0)) return { type: 'heal' };
      break;
    case 'idle': {
      // Never past the next due item: in auto mode that item would have been processed first.
      const due = nextDue(world);
      if (due === null) return { type: 'advance', time: world.time + draw(1, options.idleTicksMax) };
      if (due.at > world.time + 1) return { type: 'advance', time: draw(world.time + 1, due.at - 1) };
      break;
    }
    case 'next':
      break;
  }
  if (pending) return { type: 'next' };
  const down = world.nodes.filter((n) => !n.up);
  if (down.length > 0) return { type: 'restart', node: down[draw(0, down.length - 1)]!.id };
  return { type: 'write', node: randomLive()!, value: nextValue() };
}

export type SwarmSink = (events: readonly SimEvent[], command: Command) => void;

export interface SwarmRun {
  readonly world: World;
  readonly state: SwarmState;
  /** Every command applied, in order: replaying them from the initial world gives the same run. */
  readonly commands: Command[];
}

/** Let the swarm drive `world` for `steps` commands. */
export function runSwarmSteps(
  world: World, state: SwarmState, steps: number, options: SwarmOptions = DEFAULT_SWARM_OPTIONS, sink?: SwarmSink,
): SwarmRun {
  let w = world;
  let s = state;
  const commands: Command[] = [];
  for (let i = 0; i < steps; i++) {
    const picked = pickCommand(w, s, options);
    s = picked.state;
    const r = apply(w, picked.command);
    commands.push(picked.command);
    sink?.(r.events, picked.command);
    w = r.world;
  }
  return { world: w, state: s, commands };
}

export interface SwarmSpec {
  readonly seed: number;
  readonly steps: number;
  readonly nodes?: number;
  /** Defaults to randomKnobs(seed). */
  readonly knobs?: SwarmKnobs;
  readonly delayTicksMax?: number;
  readonly idleTicksMax?: number;
  /** Other world settings (latencies, timers, mode); the world's seed is `seed`. */
  readonly config?: Partial<Omit<SimConfig, 'seed' | 'nodes'>>;
}

/** The world a swarm run starts from. */
export function swarmConfig(spec: SwarmSpec): Partial<SimConfig> {
  return { ...spec.config, nodes: spec.nodes ?? 5, seed: spec.seed >>> 0 };
}

/** A whole swarm run from a fresh world: one seed drives the world, the scheduler and the knobs. */
export function runSwarm(spec: SwarmSpec, sink?: SwarmSink): SwarmRun & { readonly initial: World; readonly options: SwarmOptions } {
  const initial = createWorld(swarmConfig(spec));
  const options: SwarmOptions = {
    knobs: spec.knobs ?? randomKnobs(spec.seed),
    delayTicksMax: spec.delayTicksMax ?? DEFAULT_SWARM_OPTIONS.delayTicksMax,
    idleTicksMax: spec.idleTicksMax ?? DEFAULT_SWARM_OPTIONS.idleTicksMax,
  };
  const run = runSwarmSteps(initial, swarmState(spec.seed), spec.steps, options, sink);
  return { ...run, initial, options };
}

export interface SettleResult extends SwarmRun {
  /** Whether the world went quiet (nothing in flight, no timer) within the step budget. */
  readonly quiet: boolean;
}

/**
 * The liveness phase: faults off. Heal the network, restart every crashed node, and if no value is
 * chosen yet or some node has not learned it, ask a node that has not learned (else A) to write;
 * then let the network run until nothing is pending, at most `maxSteps` deliveries/timers.
 * Afterwards a correct core has chosen exactly one value and every node has learned it.
 */
export function settle(world: World, state: SwarmState, maxSteps: number, sink?: SwarmSink): SettleResult {
  let w = world;
  let writes = state.writes;
  const commands: Command[] = [];
  const run = (command: Command) => {
    const r = apply(w, command);
    commands.push(command);
    sink?.(r.events, command);
    w = r.world;
  };
  if (w.partition.some((g) => g !== 0)) run({ type: 'heal' });
  for (const n of w.nodes) if (!n.up) run({ type: 'restart', node: n.id });
  const unlearned = w.nodes.find((n) => n.learned === null);
  if (w.monitor.chosen.length === 0 || unlearned) {
    run({ type: 'write', node: (unlearned ?? w.nodes[0]!).id, value: `v${++writes}` });
  }
  const q = runUntilQuiet(w, maxSteps, (events, command) => {
    commands.push(command);
    sink?.(events, command);
  });
  return { world: q.world, state: { ...state, writes }, commands, quiet: q.quiet };
}
