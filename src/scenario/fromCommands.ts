import { apply, createWorld, nextDue, type Command, type MultiCommand, type MultiConfig, type SimConfig, type World } from '../core';
import { DEFAULT_QUIET_STEPS } from './run';
import { MAX_STEPS, SCENARIO_VERSION } from './config';
import type { Scenario, Step } from './schema';

// Turns an executed command log (e.g. a fault-swarm run) back into a scenario file that replays it
// exactly: same commands, same events, same trace. Messages are named by id (`{ "id": N }`), which
// is exact because ids are handed out deterministically.
//
// The log is replayed once here, both to check that every command is valid and to shorten it:
// a stretch of `next` commands that runs the world until quiet becomes `{ "run": { "until":
// "quiet" } }`, and one that processes exactly what is due up to some tick becomes `{ "run":
// { "to": T } }` — each of which the scenario runner expands back into the very same `next`s.

export interface FromCommandsOptions {
  readonly title?: string;
  readonly description?: string;
  /** Fold stretches of `next` into `run` steps (default true). Without it, one step per command. */
  readonly compress?: boolean;
}

/** A command log that no scenario can reproduce (an invalid command, or an unrepresentable `advance`). */
export class UnrepresentableError extends Error {
  override name = 'UnrepresentableError';
}

export function scenarioFromCommands(config: SimConfig, commands: readonly Command[], options: FromCommandsOptions = {}): Scenario {
  const compress = options.compress ?? true;
  const steps: Step[] = [];
  let world: World = createWorld(config);
  const auto = config.mode === 'auto';
  /** Index of a `run` step that folded `next`s and emitted no `advance` of its own (see below). */
  let foldedRun = -1;
  const applyOne = (cmd: Command, index: number) => {
    try {
      world = apply(world, cmd).world;
    } catch (e) {
      throw new UnrepresentableError(`command ${index} (${JSON.stringify(cmd)}) cannot be applied: ${(e as Error).message}`);
    }
  };

  for (let i = 0; i < commands.length;) {
    const cmd = commands[i]!;
    if (cmd.type === 'next') {
      // A stretch of `next`s: fold it, up to the last point where everything due by then was
      // processed (nothing else due at that tick), into one `run`; the rest stays single steps.
      let j = i;
      let cleanAt = i;
      let cleanTime = world.time;
      let quiet = false;
      while (j < commands.length && commands[j]!.type === 'next') {
        applyOne(commands[j]!, j++);
        const due = nextDue(world);
        if (due === null || due.at > world.time) {
          cleanAt = j;
          cleanTime = world.time;
          quiet = due === null;
        }
      }
      const folded = compress && auto && cleanAt - i >= 2 ? cleanAt - i : 0;
      if (folded > 0) {
        if (quiet) steps.push({ run: folded <= DEFAULT_QUIET_STEPS ? { until: 'quiet' } : { until: 'quiet', maxSteps: folded } });
        else steps.push({ run: { to: cleanTime } });
      }
      for (let k = i + folded; k < j; k++) steps.push({ next: {} });
      foldedRun = folded > 0 && i + folded === j ? steps.length - 1 : -1;
      i = j;
      continue;
    }
    if (cmd.type === 'advance') {
      // `run to T` in auto mode first processes everything due by T; the swarm never advances past
      // the next due item, but another log might.
      const due = nextDue(world);
      if (auto && due !== null && due.at <= cmd.time) {
        throw new UnrepresentableError(`command ${i} advances to tick ${cmd.time}, past a ${due.kind} due at tick ${due.at}; a scenario's "run" would process it`);
      }
    }
    const before = world.time;
    applyOne(cmd, i);
    const st = cmd.type === 'advance' && cmd.time === before ? null : commandStep(cmd);
    if (st && cmd.type === 'advance' && foldedRun >= 0 && foldedRun === steps.length - 1) {
      // The player records `next`s, then one `advance` to the clock before the user's next action.
      // The folded run processed everything due by its end and nothing more is due by this
      // advance (checked above), so `run to T` expands to exactly those `next`s plus the advance:
      // one step "until tick T" instead of two.
      steps[foldedRun] = st;
    } else if (st) steps.push(st);
    foldedRun = -1;
    i++;
  }
  if (steps.length > MAX_STEPS) {
    throw new UnrepresentableError(`the run needs ${steps.length} scenario steps; a scenario holds at most ${MAX_STEPS}`);
  }
  return {
    version: SCENARIO_VERSION,
    protocol: 'basic',
    nodes: config.nodes,
    seed: config.seed,
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(options.description !== undefined ? { description: options.description } : {}),
    // "Break Paxos" variants the run was made with: without them the log would replay differently.
    ...(config.variants !== undefined && config.variants.length > 0 ? { variants: [...config.variants] } : {}),
    network: { mode: config.mode, latencyTicksMin: config.latencyTicksMin, latencyTicksMax: config.latencyTicksMax },
    timing: {
      retryTicksMin: config.retryTicksMin, retryTicksMax: config.retryTicksMax,
      backoffTicksMax: config.backoffTicksMax, readTimeoutTicks: config.readTimeoutTicks,
    },
    steps,
  };
}

/**
 * The scenario step for one command, on its own (an `advance` is only exact when nothing is due by
 * then; scenarioFromCommands checks that).
 */
export function commandStep(cmd: Command | Exclude<MultiCommand, { type: 'request' | 'fire' }>): Step {
  switch (cmd.type) {
    case 'write': return { write: { node: cmd.node, value: cmd.value } };
    case 'read': return { read: { node: cmd.node } };
    case 'deliver': return { deliver: { id: cmd.id } };
    case 'drop': return { drop: { id: cmd.id } };
    case 'duplicate': return { duplicate: { id: cmd.id } };
    case 'delay': return { delay: { id: cmd.id, ticks: cmd.ticks } };
    case 'fire': return { timeout: cmd.kind === undefined ? cmd.node : { node: cmd.node, kind: cmd.kind } };
    case 'crash': return { crash: cmd.node };
    case 'restart': return { restart: cmd.node };
    case 'partition': return { partition: cmd.groups.map((g) => [...g]) };
    case 'heal': return { heal: {} };
    case 'next': return { next: {} };
    case 'advance': return { run: { to: cmd.time } };
  }
}

/** Scenario JSON text with one step per line: compact, yet diffs and reads well. */
export function formatScenario(s: Scenario): string {
  const { steps, ...head } = s;
  const header = JSON.stringify(head);
  const body = steps.map((st) => `  ${JSON.stringify(st)}`).join(',\n');
  return `${header.slice(0, -1)},\n "steps": [\n${body}${steps.length > 0 ? '\n' : ''} ]}\n`;
}

/**
 * A Multi-Paxos command log as a scenario that replays it exactly: one step per command (messages
 * by id). Used to turn a failing swarm seed into a file for `npm run scenario`.
 */
export function multiScenarioFromCommands(config: MultiConfig, commands: readonly MultiCommand[], title = 'Multi-Paxos run'): Scenario {
  const steps: Step[] = commands.map((cmd): Step => {
    switch (cmd.type) {
      case 'request': return { request: { node: cmd.node, command: cmd.command, ...(cmd.id !== undefined ? { id: cmd.id } : {}) } };
      case 'fire': return { timeout: cmd.kind === undefined ? cmd.node : { node: cmd.node, kind: cmd.kind } };
      default: return commandStep(cmd);
    }
  });
  if (steps.length > MAX_STEPS) throw new UnrepresentableError(`the run needs ${steps.length} scenario steps; a scenario holds at most ${MAX_STEPS}`);
  return {
    version: SCENARIO_VERSION, protocol: 'multi', nodes: config.nodes, seed: config.seed, title,
    network: { mode: config.mode, latencyTicksMin: config.latencyTicksMin, latencyTicksMax: config.latencyTicksMax },
    timing: { retryTicksMin: config.retryTicksMin, retryTicksMax: config.retryTicksMax, backoffTicksMax: config.backoffTicksMax, readTimeoutTicks: config.readTimeoutTicks },
    multi: { heartbeatTicks: config.heartbeatTicks, pipelineWindow: config.pipelineWindow },
    steps,
  };
}
