import { mkdirSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { apply, createWorld, type Command, type SimConfig, type World } from '../../src/core';
import {
  pickCommand, settle, swarmConfig, swarmState, DEFAULT_SWARM_OPTIONS, type SwarmKnobs, type SwarmOptions,
} from '../../src/core/swarm';
import { commandStep, formatScenario, outcome, runScenario, scenarioFromCommands, type Scenario } from '../../src/scenario';

// One seeded swarm run checked end to end: a safety phase with faults, then a liveness phase
// without (heal, restart everyone, one client write if needed, run until quiet).

export interface SwarmCase {
  readonly seed: number;
  readonly nodes: number;
  /** Commands the swarm picks in the safety phase. */
  readonly steps: number;
  readonly knobs: SwarmKnobs;
  readonly latencyTicksMin: number;
  readonly latencyTicksMax: number;
}

/** Budget for the liveness phase's run until quiet. */
export const SETTLE_STEPS = 20_000;

export type CaseResult =
  | { readonly ok: true; readonly world: World; readonly commands: readonly Command[] }
  | {
    readonly ok: false; readonly reason: string; readonly config: SimConfig; readonly commands: readonly Command[];
    /** The command that threw (it is the last one in `commands`), if one did. */
    readonly threw: boolean;
  };

export function caseConfig(c: SwarmCase): SimConfig {
  return createWorld(swarmConfig({
    seed: c.seed, steps: c.steps, nodes: c.nodes,
    config: { latencyTicksMin: c.latencyTicksMin, latencyTicksMax: c.latencyTicksMax },
  })).config;
}

export function runCase(c: SwarmCase): CaseResult {
  const config = caseConfig(c);
  const options: SwarmOptions = { ...DEFAULT_SWARM_OPTIONS, knobs: c.knobs };
  const commands: Command[] = [];
  let world = createWorld(config);
  let state = swarmState(c.seed);
  const fail = (reason: string, threw = false): CaseResult => ({ ok: false, reason, config, commands, threw });

  for (let i = 0; i < c.steps; i++) {
    const picked = pickCommand(world, state, options);
    state = picked.state;
    commands.push(picked.command);
    try {
      world = apply(world, picked.command).world;
    } catch (e) {
      return fail(`safety phase, command ${i} ${JSON.stringify(picked.command)} threw ${String(e)}`, true);
    }
  }
  const afterSafety = world.monitor.violations;
  if (afterSafety.length > 0) return fail(`safety phase: ${violationText(world)}`);

  let settled;
  try {
    settled = settle(world, state, SETTLE_STEPS, (_events, command) => { commands.push(command); });
  } catch (e) {
    return fail(`liveness phase threw ${String(e)}`, true);
  }
  world = settled.world;
  if (world.monitor.violations.length > 0) return fail(`liveness phase: ${violationText(world)}`);
  if (!settled.quiet) return fail(`liveness phase: still busy after ${SETTLE_STEPS} deliveries/timers with faults off`);
  const chosen = [...new Set(world.monitor.chosen.map((p) => p.value))];
  if (chosen.length !== 1) return fail(`liveness phase: ${chosen.length} values chosen (${JSON.stringify(chosen)}), expected exactly one`);
  const unlearned = world.nodes.filter((n) => n.learned?.value !== chosen[0]);
  if (unlearned.length > 0) {
    return fail(`liveness phase: "${chosen[0]}" is chosen but ${unlearned.map((n) => `${n.id} learned ${n.learned ? JSON.stringify(n.learned.value) : 'nothing'}`).join(', ')}`);
  }
  return { ok: true, world, commands };
}

function violationText(world: World): string {
  return world.monitor.violations.map((v) => `${v.invariant} at t=${v.time}: ${v.explanation}`).join('; ');
}

/** A scenario that replays a failed case exactly (up to and including a command that threw). */
export function failureScenario(c: SwarmCase, failure: Extract<CaseResult, { ok: false }>): Scenario {
  const replayable = failure.threw ? failure.commands.slice(0, -1) : failure.commands;
  const scenario = scenarioFromCommands(failure.config, replayable, {
    title: `Swarm failure: seed ${c.seed}`,
    description: `${failure.reason.slice(0, 1500)} | case ${JSON.stringify(c)}`.slice(0, 2000),
  });
  return failure.threw ? { ...scenario, steps: [...scenario.steps, commandStep(failure.commands.at(-1)!)] } : scenario;
}

/** Write the reproduction under test-results/ and return the message a failing test prints. */
export function reportFailure(c: SwarmCase, failure: Extract<CaseResult, { ok: false }>, extra = ''): string {
  const dir = resolve(process.cwd(), 'test-results');
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, `swarm-seed-${c.seed}.json`);
  let scenarioText: string;
  let replayed = '';
  try {
    const scenario = failureScenario(c, failure);
    scenarioText = formatScenario(scenario);
    const run = runScenario(scenario);
    const o = outcome(run);
    replayed = `replaying it gives: chosen ${JSON.stringify(o.chosen)}, learned ${JSON.stringify(o.learned)}, ${o.violations.length} violation(s)${run.error ? `, stops at step ${run.error.step}: ${run.error.message}` : ''}`;
  } catch (e) {
    scenarioText = `(could not build a scenario: ${String(e)}); commands: ${JSON.stringify(failure.commands)}`;
  }
  writeFileSync(file, scenarioText.endsWith('\n') ? scenarioText : `${scenarioText}\n`);
  const rel = relative(process.cwd(), file);
  return [
    `Swarm run failed — seed ${c.seed}: ${failure.reason}`,
    `case: ${JSON.stringify(c)}`,
    `reproduction scenario written to ${rel}; replay it with:`,
    `  npm run scenario -- ${rel}`,
    replayed,
    `or rerun just this case with:`,
    `  SWARM_CASE='${JSON.stringify(c)}' npx vitest run test/property/safety.test.ts`,
    extra,
    'scenario JSON:',
    scenarioText,
  ].filter((l) => l !== '').join('\n');
}
