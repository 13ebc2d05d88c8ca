import {
  applyMulti, createMultiWorld, DEFAULT_MULTI_CONFIG, entryCommand, findInflight, formatBallot, hashLines,
  multiTraceLine, nextDueMulti, NOOP, SimError, type MessageMatcher, type MultiCommand, type MultiEvent, type MultiTimerKind,
  type MultiWorld,
} from '../core';
import { scenarioMultiConfig } from './config';
import { DEFAULT_QUIET_STEPS, describeMatcher, MAX_SCENARIO_STEPS, StepError } from './run';
import type { Scenario, Step } from './schema';

// Replays a Multi-Paxos scenario ("protocol": "multi"): the same steps as basic Paxos, except that
// clients send `request`s instead of writes and reads. A Multi-Paxos cluster never goes quiet (the
// leader keeps sending heartbeats), so `run: { until: "quiet" }` stops once nothing but heartbeats
// and their timers is left (and after maxSteps at most).

export interface MultiScenarioRun {
  readonly world: MultiWorld;
  readonly events: readonly MultiEvent[];
  readonly commands: readonly MultiCommand[];
  readonly lines: readonly string[];
  readonly error: { readonly step: number; readonly message: string } | null;
  /**
   * Commands applied after each scenario step: `stepEnds[k]` is the command position right after
   * step k (so the moment "after the first k+1 steps" of a scenario is that position).
   */
  readonly stepEnds: readonly number[];
}

type Sink = (events: readonly MultiEvent[], cmd: MultiCommand) => void;

export function runMultiScenario(s: Scenario): MultiScenarioRun {
  let world = createMultiWorld(scenarioMultiConfig(s, DEFAULT_MULTI_CONFIG));
  const events: MultiEvent[] = [];
  const commands: MultiCommand[] = [];
  const lines: string[] = [];
  const stepEnds: number[] = [];
  const sink: Sink = (evs, cmd) => {
    commands.push(cmd);
    for (const e of evs) {
      events.push(e);
      lines.push(multiTraceLine(e));
    }
  };
  for (const [index, st] of s.steps.entries()) {
    try {
      const r = runMultiStep(world, st, sink, MAX_SCENARIO_STEPS - commands.length);
      world = r.world;
      stepEnds.push(commands.length);
      if (r.note) lines.push(`      note: step ${index}: ${r.note}`);
    } catch (e) {
      if (e instanceof SimError || e instanceof StepError) return { world, events, commands, lines, stepEnds, error: { step: index, message: e.message } };
      throw e;
    }
  }
  return { world, events, commands, lines, stepEnds, error: null };
}

function exec(world: MultiWorld, cmd: MultiCommand, sink: Sink): MultiWorld {
  const r = applyMulti(world, cmd);
  sink(r.events, cmd);
  return r.world;
}

function resolve(world: MultiWorld, m: MessageMatcher): number {
  const msg = findInflight(world, m);
  if (!msg) {
    const onWire = world.inflight.length === 0 ? 'nothing is in flight'
      : `in flight: ${world.inflight.slice(0, 6).map((x) => `#${x.id} ${x.type} ${x.from}→${x.to}${'slot' in x ? ` slot ${x.slot}` : ''}`).join(', ')}${world.inflight.length > 6 ? ', …' : ''}`;
    throw new StepError(`no in-flight ${describeMatcher(m)} (${onWire})`);
  }
  return msg.id;
}

/** Only heartbeats (and the timers that send them or wait for them) are left: the cluster is idle. */
function idle(world: MultiWorld): boolean {
  return world.inflight.every((m) => m.type === 'heartbeat') && world.nodes.every((n) => n.queue.length === 0)
    && world.nodes.every((n) => n.role !== 'candidate' && Object.keys(n.open).length === 0);
}

export function runMultiStep(world: MultiWorld, st: Step, sink: Sink, budget = MAX_SCENARIO_STEPS): { world: MultiWorld; note?: string } {
  if ('request' in st) return { world: exec(world, { type: 'request', ...st.request }, sink) };
  if ('crash' in st) return { world: exec(world, { type: 'crash', node: st.crash }, sink) };
  if ('restart' in st) return { world: exec(world, { type: 'restart', node: st.restart }, sink) };
  if ('partition' in st) return { world: exec(world, { type: 'partition', groups: st.partition }, sink) };
  if ('heal' in st) return { world: exec(world, { type: 'heal' }, sink) };
  if ('next' in st) return { world: exec(world, { type: 'next' }, sink) };
  if ('deliver' in st) return { world: exec(world, { type: 'deliver', id: resolve(world, st.deliver) }, sink) };
  if ('drop' in st) return { world: exec(world, { type: 'drop', id: resolve(world, st.drop) }, sink) };
  if ('duplicate' in st) return { world: exec(world, { type: 'duplicate', id: resolve(world, st.duplicate) }, sink) };
  if ('delay' in st) {
    const { ticks, ...m } = st.delay;
    return { world: exec(world, { type: 'delay', id: resolve(world, m), ticks }, sink) };
  }
  if ('timeout' in st) {
    const t = st.timeout;
    return { world: exec(world, typeof t === 'string' ? { type: 'fire', node: t } : { type: 'fire', node: t.node, kind: t.kind as MultiTimerKind }, sink) };
  }
  if ('write' in st || 'read' in st) throw new StepError('write and read are basic Paxos steps; in Multi-Paxos a client sends a request');
  const r = st.run;
  const tooLong = () => new StepError(`stopped: the scenario needs more than ${MAX_SCENARIO_STEPS} simulation steps in all`);
  let w = world;
  if ('ticks' in r || 'to' in r) {
    const target = 'ticks' in r ? world.time + r.ticks : r.to;
    if (target < world.time) throw new StepError(`cannot run to tick ${target}: it is already tick ${world.time}`);
    if (w.config.mode === 'auto') {
      let steps = 0;
      for (let due = nextDueMulti(w); due && due.at <= target; due = nextDueMulti(w)) {
        if (steps++ >= budget) throw tooLong();
        w = exec(w, { type: 'next' }, sink);
      }
    }
    return { world: target > w.time ? exec(w, { type: 'advance', time: target }, sink) : w };
  }
  if (w.config.mode !== 'auto') return { world: w };
  const maxSteps = Math.min(r.maxSteps ?? DEFAULT_QUIET_STEPS, budget);
  for (let i = 0; i < maxSteps; i++) {
    if (idle(w) || !nextDueMulti(w)) return { world: w };
    w = exec(w, { type: 'next' }, sink);
  }
  if (idle(w)) return { world: w };
  if (budget < (r.maxSteps ?? DEFAULT_QUIET_STEPS)) throw tooLong();
  return { world: w, note: `still busy after ${maxSteps} deliveries/timers; stopped there` };
}

/** The summary `npm run scenario -- --json` prints for a Multi-Paxos scenario. */
export function multiOutcome(run: MultiScenarioRun) {
  const w = run.world;
  const show = (v: string) => (v === NOOP ? 'no-op' : entryCommand(v));
  const leaders = w.nodes.filter((n) => n.up && n.role === 'leader');
  return {
    chosen: Object.fromEntries(Object.entries(w.monitor.chosen).map(([slot, c]) => [slot, show(c.value)])),
    leader: leaders.length === 1 ? leaders[0]!.id : leaders.length === 0 ? null : leaders.map((n) => n.id),
    nodes: Object.fromEntries(w.nodes.map((n) => [n.id, {
      up: n.up,
      role: n.role,
      log: Object.fromEntries(Object.entries(n.chosen).map(([slot, v]) => [slot, show(v)])),
      applied: n.applied,
      state: n.items,
    }])),
    violations: w.monitor.violations.map((v) => ({ invariant: v.invariant, time: v.time, explanation: v.explanation })),
    traceHash: hashLines(run.lines),
    events: run.events.length,
  };
}

/** The human-readable report: the trace, then per-slot choices and each node's log and state. */
export function formatMultiReport(run: MultiScenarioRun): string {
  const out = multiOutcome(run);
  const w = run.world;
  const slots = Object.keys(w.monitor.chosen).map(Number).sort((a, b) => a - b);
  const lines = [
    `chosen: ${slots.length === 0 ? 'nothing yet' : slots.map((s) => `${s}=${JSON.stringify(out.chosen[s])} (${formatBallot(w.monitor.chosen[s]!.ballot)})`).join('  ')}`,
    `leader: ${out.leader === null ? 'none' : Array.isArray(out.leader) ? `several (${out.leader.join(', ')})` : out.leader}`,
    ...w.nodes.map((n) => `${n.id}: ${n.up ? n.role : 'crashed'}, applied ${n.applied}: [${n.items.map((i) => JSON.stringify(i)).join(', ')}]`),
    out.violations.length === 0 ? 'safety: all invariants hold' : `safety: ${out.violations.length} VIOLATION(S)`,
    ...out.violations.map((v) => `  ${v.invariant} at t=${v.time}: ${v.explanation}`),
    `events: ${out.events}  trace hash: ${out.traceHash}`,
  ];
  return [run.lines.join('\n'), '', ...lines].join('\n');
}
