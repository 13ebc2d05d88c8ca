import {
  createWorld, DEFAULT_CONFIG, describe, formatBallot, formatProposal, SimError, type NodeState, type SimEvent,
} from '../core';
import { scenarioConfig } from './config';
import { MAX_SCENARIO_STEPS } from './limits';
import { describeMatcher, runStep, StepError } from './run';
import type { Scenario, Step } from './schema';

// Side by side (issue 6): the same scenario steps run with a broken rule and with the correct rules.
// Pure helpers: replay a scenario step by step keeping each command's events, map a position of one
// run to the matching position of the other (scenario step k, the same command within the step), and
// find the first moment the two runs' events differ.

/** A basic scenario replayed step by step (what runScenario does, keeping each command's events). */
export interface SteppedRun {
  /** `stepEnds[k]`: the command position right after scenario step k (as runScenario's). */
  readonly stepEnds: readonly number[];
  /** The events of each command, by command position − 1 (`commandEvents[p]` is what command p+1 did). */
  readonly commandEvents: readonly (readonly SimEvent[])[];
  /** The step that could not be carried out (the run stops before it), or null. */
  readonly stoppedAt: number | null;
}

/** Replay a basic scenario step by step, as runScenario does, stopping at a step that cannot be carried out. */
export function replaySteps(s: Scenario): SteppedRun {
  let world = createWorld(scenarioConfig(s, DEFAULT_CONFIG));
  const commandEvents: (readonly SimEvent[])[] = [];
  const stepEnds: number[] = [];
  const sink = (evs: readonly SimEvent[]) => { commandEvents.push([...evs]); };
  for (const [index, st] of s.steps.entries()) {
    try {
      world = runStep(world, st, sink, MAX_SCENARIO_STEPS - commandEvents.length).world;
    } catch (e) {
      if (e instanceof SimError || e instanceof StepError) return { stepEnds, commandEvents, stoppedAt: index };
      throw e;
    }
    stepEnds.push(commandEvents.length);
  }
  return { stepEnds, commandEvents, stoppedAt: null };
}

/** Where a command position falls in a scenario: step `step` (0-based) is under way, `offset` commands into it. */
export interface StepPlace {
  /** Steps finished (= the index of the step under way); `stepEnds.length` once all are done. */
  readonly step: number;
  /** Commands into that step (past the end of the last step, commands after it). */
  readonly offset: number;
}

const stepStart = (stepEnds: readonly number[], k: number): number => (k === 0 ? 0 : stepEnds[k - 1] ?? stepEnds.at(-1) ?? 0);

/** Where `position` falls among the scenario's steps. */
export function placeOf(stepEnds: readonly number[], position: number): StepPlace {
  // The first step that ends after `position` is under way (a step of no commands ends where it starts).
  let step = 0;
  while (step < stepEnds.length && stepEnds[step]! <= position) step++;
  return { step, offset: position - stepStart(stepEnds, step) };
}

/** The other run's position matching a position of this one. */
export interface Follow {
  readonly position: number;
  readonly place: StepPlace;
  /**
   * The other run cannot get there: it stopped before this step (the step acts on a message that
   * only the broken rule sends), so it is held at its end.
   */
  readonly held: boolean;
}

/**
 * The position in `other` that matches `position` in `run`: the same scenario step, the same number
 * of commands into it (but not past the step's end), or `other`'s end when it has no such step.
 */
export function followPosition(run: readonly number[], other: SteppedRun, position: number): Follow {
  const place = placeOf(run, position);
  const end = other.stepEnds.at(-1) ?? 0;
  if (place.step >= other.stepEnds.length) {
    // Held when the other run stopped early; past the last step of two complete runs, both simply ended.
    return { position: end, place, held: other.stoppedAt !== null };
  }
  const start = stepStart(other.stepEnds, place.step);
  return { position: Math.min(start + place.offset, other.stepEnds[place.step]!), place, held: false };
}

/** The first moment the two runs differ. */
export interface Divergence {
  /** The scenario step (0-based) in which they first differ. */
  readonly step: number;
  /** The first event that differs, in each run (null: that run has no event there). */
  readonly broken: SimEvent | null;
  readonly correct: SimEvent | null;
  /** Their descriptions (core `describe`). */
  readonly brokenLine: string | null;
  readonly correctLine: string | null;
  /** The broken run's position right after the command that did it (the moment to show). */
  readonly brokenPosition: number;
  /** The correct run stopped before this step: the broken step acts on something only the broken rule sends. */
  readonly correctStopped: boolean;
}

/** A step's events in order, each with the position right after the command that did it. */
function stepEvents(run: SteppedRun, k: number): { event: SimEvent; after: number }[] {
  const out: { event: SimEvent; after: number }[] = [];
  for (let p = stepStart(run.stepEnds, k); p < run.stepEnds[k]!; p++) {
    for (const event of run.commandEvents[p]!) out.push({ event, after: p + 1 });
  }
  return out;
}

/**
 * The first event (by scenario step, then order within the step) where the two runs differ: by
 * description and time, so the same thing happening at the same moment counts as the same. Null
 * when every step both runs carried out did the same things and neither has steps the other lacks.
 */
export function findDivergence(broken: SteppedRun, correct: SteppedRun): Divergence | null {
  for (let k = 0; k < broken.stepEnds.length; k++) {
    const b = stepEvents(broken, k);
    if (k >= correct.stepEnds.length) {
      const first = b[0];
      return {
        step: k, broken: first?.event ?? null, correct: null, brokenLine: first ? describe(first.event) : null, correctLine: null,
        brokenPosition: first?.after ?? broken.stepEnds[k]!, correctStopped: correct.stoppedAt !== null,
      };
    }
    const c = stepEvents(correct, k);
    const n = Math.max(b.length, c.length);
    for (let i = 0; i < n; i++) {
      const x = b[i];
      const y = c[i];
      if (x && y && x.event.time === y.event.time && describe(x.event) === describe(y.event)) continue;
      return {
        step: k, broken: x?.event ?? null, correct: y?.event ?? null,
        brokenLine: x ? describe(x.event) : null, correctLine: y ? describe(y.event) : null,
        // No broken event here (the correct run did more): show the end of the broken step.
        brokenPosition: x?.after ?? broken.stepEnds[k]!, correctStopped: false,
      };
    }
  }
  return null;
}

/**
 * Whether `actual` (a run's whole command history) is the scenario's run `expected`, possibly with
 * more commands after it (Step at its end): anything else means the student changed the run.
 */
export function extendsRun(expected: readonly unknown[], actual: readonly unknown[]): boolean {
  return actual.length >= expected.length && expected.every((c, i) => JSON.stringify(c) === JSON.stringify(actual[i]));
}

/** A scenario step in a few words, for "step 12 delivers accepted from B to A". */
export function describeStep(st: Step): string {
  if ('deliver' in st) return `delivers ${describeMatcher(st.deliver)}`;
  if ('drop' in st) return `drops ${describeMatcher(st.drop)}`;
  if ('duplicate' in st) return `duplicates ${describeMatcher(st.duplicate)}`;
  if ('delay' in st) return `delays ${describeMatcher(st.delay)}`;
  if ('write' in st) return `asks ${st.write.node} to write "${st.write.value}"`;
  if ('read' in st) return `asks ${st.read.node} for a read`;
  if ('crash' in st) return `crashes ${st.crash}`;
  if ('restart' in st) return `restarts ${st.restart}`;
  if ('timeout' in st) return `fires ${typeof st.timeout === 'string' ? st.timeout : st.timeout.node}'s timer`;
  return `does ${Object.keys(st)[0]}`;
}

/** What an acceptor/learner remembers, in words: `promised 1.C, accepted 1.A = "X", learned "X"`. */
export function nodeSummary(n: NodeState): string {
  const parts = [
    n.up ? null : 'crashed',
    n.durable.promised ? `promised ${formatBallot(n.durable.promised)}` : 'no promise',
    `accepted ${formatProposal(n.durable.accepted)}`,
    n.learned ? `learned ${JSON.stringify(n.learned.value)}` : null,
  ];
  return parts.filter((p) => p !== null).join(', ');
}

/** The nodes whose state (as nodeSummary says it) differs between two runs of the same cluster. */
export function differingNodes(a: readonly NodeState[], b: readonly NodeState[]): { id: string; a: string; b: string }[] {
  const out: { id: string; a: string; b: string }[] = [];
  a.forEach((n, i) => {
    const m = b[i];
    if (!m) return;
    const x = nodeSummary(n);
    const y = nodeSummary(m);
    if (x !== y) out.push({ id: n.id, a: x, b: y });
  });
  return out;
}
