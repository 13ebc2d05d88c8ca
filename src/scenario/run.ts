import {
  createWorld, DEFAULT_CONFIG, findInflight, formatBallot, hashLines, runUntilQuiet, runUntilTime, SimError, step,
  traceLine, type Command, type EventSink, type MessageMatcher, type SimEvent, type TimerKind, type World,
} from '../core';
import { MAX_SCENARIO_STEPS } from './limits';
import { scenarioConfig } from './config';
import type { Scenario, Step } from './schema';

// Replays a scenario: each step becomes one or more core commands. Matchers (`deliver`, `drop`, …)
// are resolved here against the current world to the oldest matching in-flight message.

export const DEFAULT_QUIET_STEPS = 10_000;
export { MAX_SCENARIO_STEPS } from './limits';

export interface ScenarioRun {
  readonly world: World;
  readonly events: readonly SimEvent[];
  /** The exact command log: replaying it from the initial world gives the same events. */
  readonly commands: readonly Command[];
  /** Trace lines (one per event) with notes for steps that did not finish as asked. */
  readonly lines: readonly string[];
  /** The step that could not be carried out, if any; the run stops there. */
  readonly error: { readonly step: number; readonly message: string } | null;
  /**
   * Commands applied after each scenario step: `stepEnds[k]` is the command position right after
   * step k (so the moment "after the first k+1 steps" of a scenario is that position).
   */
  readonly stepEnds: readonly number[];
}

export class StepError extends Error {
  override name = 'StepError';
}

export function runScenario(s: Scenario): ScenarioRun {
  let world = createWorld(scenarioConfig(s, DEFAULT_CONFIG));
  if (s.protocol !== 'basic') {
    // Multi-Paxos scenarios have their own world and runner (runMulti.ts).
    return { world, events: [], commands: [], lines: [], stepEnds: [], error: { step: 0, message: 'this is a Multi-Paxos scenario; it replays with runMultiScenario (npm run scenario handles both)' } };
  }
  const events: SimEvent[] = [];
  const commands: Command[] = [];
  const lines: string[] = [];
  const stepEnds: number[] = [];
  const sink: EventSink = (evs, cmd) => {
    commands.push(cmd);
    for (const e of evs) {
      events.push(e);
      lines.push(traceLine(e));
    }
  };
  for (const [index, st] of s.steps.entries()) {
    try {
      const r = runStep(world, st, sink, MAX_SCENARIO_STEPS - commands.length);
      world = r.world;
      stepEnds.push(commands.length);
      if (r.note) lines.push(`      note: step ${index}: ${r.note}`);
    } catch (e) {
      if (e instanceof SimError || e instanceof StepError) {
        return { world, events, commands, lines, stepEnds, error: { step: index, message: e.message } };
      }
      throw e;
    }
  }
  return { world, events, commands, lines, stepEnds, error: null };
}

export function describeMatcher(m: MessageMatcher): string {
  const parts = [m.type ?? 'message', m.from && `from ${m.from}`, m.to && `to ${m.to}`,
    m.ballot && `ballot ${m.ballot}`, m.slot !== undefined && `slot ${m.slot}`, m.id !== undefined && `#${m.id}`].filter(Boolean);
  return parts.join(' ');
}

function resolve(world: World, m: MessageMatcher): number {
  const msg = findInflight(world, m);
  if (!msg) {
    const onWire = world.inflight.length === 0 ? 'nothing is in flight'
      : `in flight: ${world.inflight.slice(0, 6).map((x) => `#${x.id} ${x.type} ${x.from}→${x.to}${'ballot' in x ? ` ${formatBallot(x.ballot)}` : ''}`).join(', ')}${world.inflight.length > 6 ? ', …' : ''}`;
    throw new StepError(`no in-flight ${describeMatcher(m)} (${onWire})`);
  }
  return msg.id;
}

export function runStep(world: World, st: Step, sink: EventSink, budget = MAX_SCENARIO_STEPS): { world: World; note?: string } {
  if ('write' in st) return { world: step(world, { type: 'write', ...st.write }, sink) };
  if ('read' in st) return { world: step(world, { type: 'read', node: st.read.node }, sink) };
  if ('crash' in st) return { world: step(world, { type: 'crash', node: st.crash }, sink) };
  if ('restart' in st) return { world: step(world, { type: 'restart', node: st.restart }, sink) };
  if ('partition' in st) return { world: step(world, { type: 'partition', groups: st.partition }, sink) };
  if ('heal' in st) return { world: step(world, { type: 'heal' }, sink) };
  if ('next' in st) return { world: step(world, { type: 'next' }, sink) };
  if ('deliver' in st) return { world: step(world, { type: 'deliver', id: resolve(world, st.deliver) }, sink) };
  if ('drop' in st) return { world: step(world, { type: 'drop', id: resolve(world, st.drop) }, sink) };
  if ('duplicate' in st) return { world: step(world, { type: 'duplicate', id: resolve(world, st.duplicate) }, sink) };
  if ('delay' in st) {
    const { ticks, ...m } = st.delay;
    return { world: step(world, { type: 'delay', id: resolve(world, m), ticks }, sink) };
  }
  if ('timeout' in st) {
    const t = st.timeout;
    // validateScenario allows only this protocol's timer kinds.
    return { world: step(world, typeof t === 'string' ? { type: 'fire', node: t } : { type: 'fire', node: t.node, kind: t.kind as TimerKind }, sink) };
  }
  if ('request' in st) throw new StepError('request is a Multi-Paxos step; basic Paxos has write and read');
  const r = st.run;
  const tooLong = () => new StepError(`stopped: the scenario needs more than ${MAX_SCENARIO_STEPS} simulation steps (deliveries, timers and other commands) in all`);
  if ('ticks' in r || 'to' in r) {
    const target = 'ticks' in r ? world.time + r.ticks : r.to;
    if (target < world.time) throw new StepError(`cannot run to tick ${target}: it is already tick ${world.time}`);
    const w = runUntilTime(world, target, sink, budget);
    if (w.time < target) throw tooLong();
    return { world: w };
  }
  const maxSteps = r.maxSteps ?? DEFAULT_QUIET_STEPS;
  const q = runUntilQuiet(world, Math.min(maxSteps, budget), sink);
  if (!q.quiet && budget < maxSteps) throw tooLong();
  return q.quiet ? { world: q.world } : { world: q.world, note: `still busy after ${maxSteps} deliveries/timers; stopped there` };
}

/** The summary `npm run scenario -- --json` prints. */
export function outcome(run: ScenarioRun) {
  const w = run.world;
  return {
    chosen: w.monitor.chosen[0]?.value ?? null,
    learned: Object.fromEntries(w.nodes.map((n) => [n.id, n.learned?.value ?? null])),
    reads: w.reads.map((r) => (r.result === 'ok'
      ? { node: r.node, result: 'ok' as const, value: r.value }
      : { node: r.node, result: 'fail' as const, reason: r.reason })),
    violations: w.monitor.violations.map((v) => ({ invariant: v.invariant, time: v.time, explanation: v.explanation })),
    traceHash: hashLines(run.lines),
    events: run.events.length,
    // Only when the run broke rules on purpose, so the summary of a correct run is unchanged.
    ...(w.config.variants !== undefined && w.config.variants.length > 0 ? { variants: [...w.config.variants] } : {}),
  };
}
