// npm run bench [-- --json] [--runs N] [--seeds N] [--steps N] [--nodes N]
//
// How fast the pure core delivers messages: a 5-node, auto-mode cluster under the fault swarm
// (client writes and reads, drops, duplicates, delays, reordering, crashes, partitions).
// The swarm's command logs are recorded first (untimed); each timed run replays all of them through
// apply() and counts `deliver` events, so the number measures the core alone. A second figure,
// "with scheduler", times the swarm picking commands and the core applying them together.
// A third, "seek", builds a 10,000-event history in the worker engine (a 5-node swarm run fed to
// Engine.dispatch) and times Engine.seek to 200 random positions: checkpoint + replay + log rebuild.
// "multi-paxos" replays a recorded Multi-Paxos workload (scripts/benchMulti.ts): commands chosen per
// second of wall time, and per simulated second.
// A fourth, "explore", runs the state-space explorer (src/explorer) over Lamport's abstract Paxos
// model, 3 acceptors and 2 values: ballots 2 and 3, ballots 4 with symmetry reduction and ballots 4
// without (8.2 M states). BENCH_ONLY=explore npm run bench [-- --json] runs only this section.
import { explore } from '../src/explorer/bfs';
import { LamportModel } from '../src/explorer/lamport';
import { apply, createWorld, type Command, type SimConfig, type SimEvent } from '../src/core';
import { DEFAULT_SWARM_OPTIONS, pickCommand, runSwarm, swarmConfig, swarmState } from '../src/core/swarm';
import { CHECKPOINT_INTERVAL, Engine } from '../src/worker/engine';
import { recordMultiWorkload, replayMulti, simulatedSeconds } from './benchMulti';

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

const SEEK_HISTORY_EVENTS = 10_000;
const SEEK_SAMPLES = 200;

/** Time Engine.seek to random positions in a history of at least SEEK_HISTORY_EVENTS events. */
function seekBench(nodes: number): { commands: number; events: number; samplesMs: number[] } {
  const spec = { seed: 1, nodes, steps: 0, knobs: DEFAULT_SWARM_OPTIONS.knobs };
  let frames = 0;
  let events = 0;
  const engine = new Engine(swarmConfig(spec), (f) => { frames++; events = f.historyEvents; });
  let state = swarmState(spec.seed);
  while (events < SEEK_HISTORY_EVENTS) {
    const picked = pickCommand(engine.current, state, DEFAULT_SWARM_OPTIONS);
    state = picked.state;
    engine.dispatch(picked.command);
  }
  const length = engine.commands.length;
  // A fixed LCG, so every run seeks to the same positions.
  let x = 12345;
  const rand = () => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return x / 2 ** 32; };
  for (let i = 0; i < 20; i++) engine.seek(Math.floor(rand() * (length + 1))); // warm-up
  const samplesMs: number[] = [];
  for (let i = 0; i < SEEK_SAMPLES; i++) {
    const p = Math.floor(rand() * (length + 1));
    const t0 = performance.now();
    engine.seek(p);
    samplesMs.push(performance.now() - t0);
  }
  if (frames === 0) throw new Error('the engine sent no frames');
  return { commands: length, events, samplesMs };
}

interface ExploreBench { label: string; distinctStates: number; statesGenerated: number; depth: number; seconds: number; statesPerSecond: number; generatedPerSecond: number; runs: number }

/** Median distinct and generated states per second of full explorations (after one warm-up). */
function exploreBench(ballots: number, symmetry: boolean, runs: number): ExploreBench {
  const once = () => {
    const t0 = performance.now();
    const { result } = explore(new LamportModel({ acceptors: 3, values: 2, ballots }), { symmetry });
    return { result, seconds: (performance.now() - t0) / 1000 };
  };
  once();
  const samples = Array.from({ length: runs }, once);
  const r = samples[0]!.result;
  return {
    label: `ballots ${ballots}${symmetry ? ' with symmetry' : ''}`,
    distinctStates: r.distinctStates,
    statesGenerated: r.statesGenerated,
    depth: r.depth,
    seconds: Math.round(median(samples.map((x) => x.seconds)) * 1000) / 1000,
    statesPerSecond: Math.round(median(samples.map((x) => r.distinctStates / x.seconds))),
    generatedPerSecond: Math.round(median(samples.map((x) => r.statesGenerated / x.seconds))),
    runs,
  };
}

const exploreBenches = () => [exploreBench(2, false, 9), exploreBench(3, false, 5), exploreBench(4, true, 3), exploreBench(4, false, 3)];

function printExplores(explores: readonly ExploreBench[]): void {
  console.log('explore: Lamport\'s abstract Paxos, 3 acceptors, 2 values, every reachable state (median of runs after 1 warm-up)');
  for (const e of explores) {
    console.log(`  ${e.label.padEnd(24)} ${e.distinctStates.toLocaleString('en-US').padStart(10)} distinct  ${e.statesGenerated.toLocaleString('en-US').padStart(11)} generated  depth ${e.depth}   ${e.seconds.toFixed(3)} s  ${human(e.statesPerSecond)} distinct/s  ${human(e.generatedPerSecond)} generated/s  (${e.runs} runs)`);
  }
}

function percentile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
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
  if (process.env.BENCH_ONLY === 'explore') {
    const explores = exploreBenches();
    if (args.json) console.log(JSON.stringify({ benchmark: 'explore', explores, node: process.version }));
    else printExplores(explores);
    return 0;
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

  const seek = seekBench(args.nodes);
  const explores = exploreBenches();
  // Multi-Paxos: a recorded workload (5 nodes, 2,000 client requests) replayed through applyMulti.
  const multiLog = recordMultiWorkload(args.nodes, 1);
  replayMulti(multiLog);
  const multiMs = Array.from({ length: 5 }, () => replayMulti(multiLog));
  const ms2 = (x: number) => Math.round(x * 1000) / 1000;

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
    seekMedianMs: ms2(median(seek.samplesMs)),
    seekP95Ms: ms2(percentile(seek.samplesMs, 0.95)),
    seekMaxMs: ms2(Math.max(...seek.samplesMs)),
    seekHistoryCommands: seek.commands,
    seekHistoryEvents: seek.events,
    exploreLamportB2StatesPerSecond: explores[0]!.statesPerSecond,
    exploreLamportB3StatesPerSecond: explores[1]!.statesPerSecond,
    exploreLamportB4SymmetryStatesPerSecond: explores[2]!.statesPerSecond,
    exploreLamportB3GeneratedPerSecond: explores[1]!.generatedPerSecond,
    exploreLamportB4SymmetryGeneratedPerSecond: explores[2]!.generatedPerSecond,
    exploreLamportB4StatesPerSecond: explores[3]!.statesPerSecond,
    exploreLamportB4GeneratedPerSecond: explores[3]!.generatedPerSecond,
    multiCommandsChosen: multiLog.chosen,
    multiChosenPerSecond: Math.round(multiLog.chosen / (median(multiMs) / 1000)),
    multiChosenPerSimulatedSecond: Math.round((multiLog.chosen / simulatedSeconds(multiLog.ticks)) * 10) / 10,
    node: process.version,
  };
  if (args.json) {
    console.log(JSON.stringify(result));
  } else {
    console.log(`core deliveries: ${args.nodes} nodes, auto mode, fault swarm (${args.seeds} seeds × ${args.steps} commands = ${commands} commands, ${deliveries} deliveries per run)`);
    console.log(`  median ${human(result.deliveriesPerSecond)} deliveries/s   min ${human(result.min)}   max ${human(result.max)}   (${args.runs} runs after ${args.warmup} warm-up)`);
    console.log(`  with the swarm scheduler picking commands live: median ${human(result.withSchedulerDeliveriesPerSecond)} deliveries/s`);
    console.log(`  target 1.00 M deliveries/s: ${result.deliveriesPerSecond >= 1e6 ? 'met' : `not met (${(result.deliveriesPerSecond / 1e6 * 100).toFixed(0)}% of it)`}`);
    console.log(`seek: ${SEEK_SAMPLES} random seeks in a ${seek.events}-event history (${seek.commands} commands, checkpoint every ${CHECKPOINT_INTERVAL})`);
    console.log(`  median ${result.seekMedianMs} ms   p95 ${result.seekP95Ms} ms   max ${result.seekMaxMs} ms`);
    console.log(`  target < 50 ms per seek: ${result.seekMaxMs < 50 ? 'met' : result.seekP95Ms < 50 ? 'met at p95, not at max' : 'not met'}`);
    printExplores(explores);
    console.log(`multi-paxos: ${args.nodes} nodes, leader elected, ${multiLog.chosen} client commands chosen (${multiLog.commands.length} core commands replayed, median of 5 after 1 warm-up)`);
    console.log(`  ${human(result.multiChosenPerSecond)} commands chosen per second of wall time;  ${result.multiChosenPerSimulatedSecond} per simulated second (pipeline window 8, 10–30-tick latency)`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
