// One exploration run in slices: what the explorer worker runs, and what tests and the CLI can run
// headless. It never reads a clock of its own (one is passed in), so it stays pure and testable.
//
// Slicing: Explorer.step(n) with n adapted so that a slice takes about SLICE_MS; between slices the
// session yields (so a cancel can arrive) and, every PROGRESS_MS, reports progress.
import type { Command, World } from '../core';
import { Explorer, describeCounterexample, type ExploreProgress, type StopReason } from './bfs';
import { LamportModel, type LamportVariant } from './lamport';
import { SimModel, describeSchedule, type SimExploreOptions } from './simModel';

export const PROGRESS_MS = 100;
const SLICE_MS = 25;

export interface ExploreBounds {
  maxStates: number;
  maxDepth: number;
  /** Bytes for the visited set and parent pointers (default 512 MiB). */
  maxBytes?: number;
}

export type ExploreRequest =
  | { readonly model: 'sim'; readonly world: World; readonly options: SimExploreOptions; readonly bounds: ExploreBounds }
  | {
    readonly model: 'lamport'; readonly acceptors: number; readonly values: number; readonly ballots: number;
    readonly variant: LamportVariant; readonly symmetry: boolean; readonly bounds: ExploreBounds;
  };

export interface ExploreStatus extends ExploreProgress {
  seconds: number;
  statesPerSecond: number;
}

export interface Stats extends ExploreStatus {
  stoppedBy: StopReason;
}

/** A way to reach an outcome: the schedule from the explored world, as commands and in words. */
export interface Schedule {
  readonly commands: readonly Command[];
  readonly lines: readonly string[];
}

export interface SimAnswer {
  readonly model: 'sim';
  readonly stats: Stats;
  /** Violations that had happened before the exploration started. */
  readonly earlierViolations: readonly { invariant: string; explanation: string }[];
  /** The shallowest new violation found, with a shortest schedule to it. */
  readonly violation: (Schedule & { invariant: string; explanation: string }) | null;
  /** Every invariant found breakable, each with a shortest schedule to its first violation, shortest first. */
  readonly violations: readonly (Schedule & { invariant: string; explanation: string })[];
  /** Every value found choosable, with a shortest schedule (0 steps when already chosen), fewest steps first. */
  readonly outcomes: readonly (Schedule & { value: string; alreadyChosen: boolean })[];
  /** Values a client asked to write that were never found chosen. */
  readonly notChosen: readonly string[];
}

export interface LamportAnswer {
  readonly model: 'lamport';
  readonly stats: Stats;
  readonly counterexample: { invariant: string; lines: readonly string[] } | null;
  readonly bytesPerState: number;
}

export type ExploreAnswer = SimAnswer | LamportAnswer;

export interface SessionClock {
  now(): number;
  /** Let other work (a cancel message) run. */
  pause(): Promise<void>;
}

export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

export class ExploreSession {
  readonly explorer: Explorer;
  private readonly sim: SimModel | null;
  private readonly lamport: LamportModel | null;
  private readonly request: ExploreRequest;
  private started = 0;
  private seconds = 0;

  constructor(request: ExploreRequest) {
    this.request = request;
    const { bounds } = request;
    const options = { maxStates: bounds.maxStates, maxDepth: bounds.maxDepth, maxBytes: bounds.maxBytes ?? DEFAULT_MAX_BYTES };
    if (request.model === 'sim') {
      this.sim = new SimModel(request.world, request.options);
      this.lamport = null;
      this.explorer = new Explorer(this.sim, { ...options, stopAtFirstViolation: false });
    } else {
      this.sim = null;
      this.lamport = new LamportModel({ acceptors: request.acceptors, values: request.values, ballots: request.ballots, variant: request.variant });
      this.explorer = new Explorer(this.lamport, { ...options, symmetry: request.symmetry });
    }
  }

  cancel(): void {
    this.explorer.cancel();
  }

  status(now: number): ExploreStatus {
    const p = this.explorer.progress();
    const seconds = this.explorer.done ? this.seconds : Math.max(0, now - this.started) / 1000;
    return { ...p, seconds, statesPerSecond: seconds > 0 ? Math.round(p.distinctStates / seconds) : 0 };
  }

  /** Runs to the end in slices, reporting progress about every PROGRESS_MS. */
  async run(clock: SessionClock, onProgress: (s: ExploreStatus) => void): Promise<ExploreAnswer> {
    this.started = clock.now();
    let lastReport = this.started;
    let batch = 64;
    onProgress(this.status(this.started));
    for (;;) {
      const t0 = clock.now();
      const done = this.explorer.step(batch);
      const t1 = clock.now();
      if (done) break;
      const took = t1 - t0;
      if (took < SLICE_MS / 2 && batch < 1 << 20) batch *= 2;
      else if (took > SLICE_MS * 2 && batch > 1) batch = Math.max(1, batch >> 1);
      if (t1 - lastReport >= PROGRESS_MS) {
        lastReport = t1;
        onProgress(this.status(t1));
      }
      await clock.pause();
    }
    this.seconds = Math.max(0, clock.now() - this.started) / 1000;
    const answer = this.answer();
    onProgress(answer.stats);
    return answer;
  }

  /** Runs to the end synchronously (Node, tests). */
  runSync(now: () => number = () => 0): ExploreAnswer {
    this.started = now();
    this.explorer.step();
    this.seconds = Math.max(0, now() - this.started) / 1000;
    return this.answer();
  }

  answer(): ExploreAnswer {
    const result = this.explorer.result();
    const stats: Stats = { ...this.status(0), stoppedBy: result.stoppedBy };
    if (this.lamport) {
      const ce = describeCounterexample(this.explorer);
      return {
        model: 'lamport', stats, bytesPerState: this.lamport.stateWords * 4,
        counterexample: ce && {
          invariant: ce.invariant,
          lines: ce.steps.map((s, i) => `${String(i).padStart(3)}  ${s.action}${s.change ? `  — ${s.change}` : ''}`),
        },
      };
    }
    const sim = this.sim!;
    const world = sim.initial;
    const scheduleTo = (index: number): Schedule => {
      const commands = sim.schedule(index);
      return { commands, lines: describeSchedule(world, commands) };
    };
    const outcomes = [...sim.chosenAt.entries()]
      .map(([value, index]) => ({ value, alreadyChosen: sim.initiallyChosen.includes(value), ...scheduleTo(index) }))
      .sort((a, b) => a.commands.length - b.commands.length || a.value.localeCompare(b.value));
    const v = sim.firstViolation;
    return {
      model: 'sim', stats,
      earlierViolations: sim.earlierViolations.map((e) => ({ invariant: e.invariant, explanation: e.explanation })),
      violation: v && { invariant: v.invariant, explanation: v.explanation, ...scheduleTo(v.index) },
      violations: [...sim.violationAt.entries()]
        .map(([invariant, x]) => ({ invariant, explanation: x.explanation, ...scheduleTo(x.index) }))
        .sort((a, b) => a.commands.length - b.commands.length),
      outcomes,
      notChosen: world.monitor.proposed.filter((p) => !sim.chosenAt.has(p)),
    };
  }
}

/** Runs one request to the end synchronously: the headless path (Node, tests). */
export function exploreNow(request: ExploreRequest, now?: () => number): ExploreAnswer {
  return new ExploreSession(request).runSync(now);
}
