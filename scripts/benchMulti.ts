// Multi-Paxos throughput for `npm run bench`: a 5-node cluster elects a leader, then clients send
// COMMANDS requests to random nodes, a few per tick-burst, while the network runs (auto mode, no
// faults). The timed part is the core applying the commands (applyMulti, recorded first, replayed
// timed), and the figure is commands chosen per second of wall-clock time. Also reported: how much
// simulated time the cluster needed (its throughput in simulated seconds at 1×, 40 ticks a second).
import { applyMulti, createMultiWorld, nextDueMulti, type MultiCommand, type MultiConfig, type MultiWorld } from '../src/core';
import { TICKS_PER_SECOND } from '../src/worker/engine';

const COMMANDS = Number(process.env.MULTI_COMMANDS ?? 2_000);

export interface MultiLog {
  readonly config: MultiConfig;
  readonly commands: readonly MultiCommand[];
  readonly chosen: number;
  readonly ticks: number;
}

/** Record one workload's command log (untimed). */
export function recordMultiWorkload(nodes: number, seed: number): MultiLog {
  let w: MultiWorld = createMultiWorld({ nodes, seed, pipelineWindow: 8 });
  const commands: MultiCommand[] = [];
  const exec = (cmd: MultiCommand) => {
    commands.push(cmd);
    w = applyMulti(w, cmd).world;
  };
  const runFor = (ticks: number) => {
    const until = w.time + ticks;
    for (let d = nextDueMulti(w); d && d.at <= until; d = nextDueMulti(w)) exec({ type: 'next' });
  };
  exec({ type: 'fire', node: 'A', kind: 'election' });
  runFor(100);
  const start = w.time;
  const ids = w.nodes.map((n) => n.id);
  for (let i = 0; i < COMMANDS; i++) {
    exec({ type: 'request', node: ids[i % ids.length]!, command: `c${i}` });
    if (i % 4 === 3) runFor(5);
  }
  for (let i = 0; i < 1_000 && Object.keys(w.monitor.chosen).length < COMMANDS; i++) runFor(50);
  return { config: w.config, commands, chosen: Object.keys(w.monitor.chosen).length, ticks: w.time - start };
}

/** Replay a recorded workload through applyMulti; milliseconds. */
export function replayMulti(log: MultiLog): number {
  const t0 = performance.now();
  let w = createMultiWorld(log.config);
  for (const cmd of log.commands) w = applyMulti(w, cmd).world;
  return performance.now() - t0;
}

export function simulatedSeconds(ticks: number): number {
  return ticks / TICKS_PER_SECOND;
}
