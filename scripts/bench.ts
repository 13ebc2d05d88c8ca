// npm run bench [-- --json] [--runs N] [--seeds N] [--steps N] [--nodes N]
//
// How fast the pure core delivers messages: a 5-node, auto-mode cluster under the fault swarm
// (client writes and reads, drops, duplicates, delays, reordering, crashes, partitions).
// The swarm's command logs are recorded first (untimed); each timed run replays all of them through
// apply() and counts `deliver` events, so the number measures the core alone. A second figure,
// "with scheduler", times the swarm picking commands and the core applying them together.
import { apply, createWorld, type Command, type SimConfig, type SimEvent } from '../src/core';
import { DEFAULT_SWARM_OPTIONS, runSwarm, swarmConfig } from '../src/core/swarm';

interface Args { json: boolean; runs: number; seeds: number; steps: number; nodes: number; warmup: number }

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { json: false, runs: 9, seeds: 40, steps: 2500, nodes: 5, warmup: 2 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') args.json = true;
    else if (a === '--runs' || a === '--seeds' || a === '--steps' || a === '--nodes' || a === '--warmup') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < (a === '--warmup' ? 0 : 1)) throw new Error(`${a} needs a positive whole number`);
      args[a.slice(2) as 'runs' | 'seeds' | 'steps' | 'nodes' | 'warmup'] = n;
    } else {
      throw new Error(`unknown option ${a}\nusage: npm run bench -- [--json] [--runs N] [--seeds N] [--steps N] [--nodes N] [--warmup N]`);
    }
  }
  if (args.runs < 7) throw new Error('--runs must be at least 7');
  return args;
}

interface Log { config: SimConfig; commands: Command[] }

function countDeliveries(events: readonly SimEvent[]): number {
  let n = 0;
  for (const e of events) if (e.type === 'deliver') n++;
  return n;
}

/** Replay every log through apply(); returns deliveries and elapsed milliseconds. */
function replayAll(logs: readonly Log[]): { deliveries: number; ms: number } {
  let deliveries = 0;
  const t0 = performance.now();
  for (const log of logs) {
    let world = createWorld(log.config);
    for (const cmd of log.commands) {
      const r = apply(world, cmd);
      deliveries += countDeliveries(r.events);
      world = r.world;
    }
  }
  return { deliveries, ms: performance.now() - t0 };
}

/** Run the swarm live (scheduler + core). */
function swarmAll(args: Args): { deliveries: number; ms: number } {
  let deliveries = 0;
  const t0 = performance.now();
  for (let seed = 1; seed <= args.seeds; seed++) {
    runSwarm({ seed, nodes: args.nodes, steps: args.steps, knobs: DEFAULT_SWARM_OPTIONS.knobs }, (events) => {
      deliveries += countDeliveries(events);
    });
  }
  return { deliveries, ms: performance.now() - t0 };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const human = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)} k` : x.toFixed(0));

function main(argv: readonly string[]): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }

  // Record the workload: fixed seeds with the default fault knobs, so every run does the same work.
  const logs: Log[] = [];
  let commands = 0;
  for (let seed = 1; seed <= args.seeds; seed++) {
    const spec = { seed, nodes: args.nodes, steps: args.steps, knobs: DEFAULT_SWARM_OPTIONS.knobs };
    const run = runSwarm(spec);
    logs.push({ config: createWorld(swarmConfig(spec)).config, commands: run.commands });
    commands += run.commands.length;
  }

  for (let i = 0; i < args.warmup; i++) replayAll(logs);
  const rates: number[] = [];
  let deliveries = 0;
  for (let i = 0; i < args.runs; i++) {
    const r = replayAll(logs);
    deliveries = r.deliveries;
    rates.push(r.deliveries / (r.ms / 1000));
  }
  const live: number[] = [];
  for (let i = 0; i < Math.max(3, Math.ceil(args.runs / 3)); i++) {
    const r = swarmAll(args);
    live.push(r.deliveries / (r.ms / 1000));
  }

  const result = {
    benchmark: 'core-deliveries',
    nodes: args.nodes,
    deliveriesPerSecond: Math.round(median(rates)),
    min: Math.round(Math.min(...rates)),
    max: Math.round(Math.max(...rates)),
    runs: args.runs,
    deliveriesPerRun: deliveries,
    commandsPerRun: commands,
    withSchedulerDeliveriesPerSecond: Math.round(median(live)),
    node: process.version,
  };
  if (args.json) {
    console.log(JSON.stringify(result));
  } else {
    console.log(`core deliveries: ${args.nodes} nodes, auto mode, fault swarm (${args.seeds} seeds × ${args.steps} commands = ${commands} commands, ${deliveries} deliveries per run)`);
    console.log(`  median ${human(result.deliveriesPerSecond)} deliveries/s   min ${human(result.min)}   max ${human(result.max)}   (${args.runs} runs after ${args.warmup} warm-up)`);
    console.log(`  with the swarm scheduler picking commands live: median ${human(result.withSchedulerDeliveriesPerSecond)} deliveries/s`);
    console.log(`  target 1.00 M deliveries/s: ${result.deliveriesPerSecond >= 1e6 ? 'met' : `not met (${(result.deliveriesPerSecond / 1e6 * 100).toFixed(0)}% of it)`}`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
