import {
  apply, createWorld, describe, nextDue, runUntilTime, SimError, type Command, type SimConfig, type SimEvent,
  type SimEventType, type World,
} from '../core';

// The engine owns the command log and the play clock. It is plain TypeScript (no `self`, no
// timers): the worker entry drives it with wall-clock deltas, tests drive it directly or through a
// MessageChannel. Everything the UI sees leaves through `onFrame`.

/** Simulated ticks per wall-clock second at 1× speed: a 10–30 tick message takes ¼–¾ s. */
export const TICKS_PER_SECOND = 40;
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 10;
/** Safety cap for "step to next phase" so a livelocked run cannot hang the worker. */
const PHASE_STEP_CAP = 5_000;

export interface LogEntry {
  /** Position in the whole run's event list. */
  readonly index: number;
  readonly event: SimEvent;
  /** The core's one-line description. */
  readonly text: string;
}

export interface Frame {
  /** Increases with every frame, so the UI can drop stale ones. */
  readonly seq: number;
  readonly world: World;
  /** The play clock in (fractional) ticks; ≥ world.time. The view interpolates messages with it. */
  readonly clock: number;
  readonly playing: boolean;
  readonly speed: number;
  /** Events since the previous frame. When `resetLog` is true they replace the log. */
  readonly newEvents: readonly LogEntry[];
  readonly resetLog: boolean;
  readonly totalEvents: number;
  readonly commandCount: number;
}

export interface LoggedCommand {
  readonly cmd: Command;
  /** Simulated time at which the user issued it. */
  readonly time: number;
}

export type DispatchResult = { ok: true } | { ok: false; error: string };

/** Events that end a "phase" for step-to-next-phase: a student sees one meaningful move at a time. */
const MILESTONES: ReadonlySet<SimEventType> = new Set<SimEventType>([
  'ballot-start', 'propose', 'nothing-to-propose', 'chosen', 'learn', 'preempted', 'read-done', 'violation',
]);

export class Engine {
  private world: World;
  private clock = 0;
  private playing = false;
  private speed = 1;
  private seq = 0;
  private log: LoggedCommand[] = [];
  private pending: LogEntry[] = [];
  private resetPending = true;
  private total = 0;

  constructor(config: Partial<SimConfig>, private readonly onFrame: (f: Frame) => void) {
    this.world = createWorld(config);
  }

  get current(): World {
    return this.world;
  }

  get commands(): readonly LoggedCommand[] {
    return this.log;
  }

  get isPlaying(): boolean {
    return this.playing;
  }

  /** Send a frame with the current state (e.g. to a newly connected view). */
  publish(): void {
    this.emit();
  }

  /** Start over with a new configuration (e.g. another seed or node count). */
  reset(config: Partial<SimConfig>): void {
    this.world = createWorld(config);
    this.clock = 0;
    this.log = [];
    this.pending = [];
    this.resetPending = true;
    this.total = 0;
    this.playing = false;
    this.emit();
  }

  /** A user action (write, crash, drop …). Recorded in the command log when it succeeds. */
  dispatch(cmd: Command): DispatchResult {
    try {
      this.applyRecorded(cmd);
    } catch (e) {
      if (e instanceof SimError) return { ok: false, error: e.message };
      throw e;
    }
    this.clock = Math.max(this.clock, this.world.time);
    this.emit();
    return { ok: true };
  }

  play(): void {
    if (this.world.config.mode !== 'auto') return;
    this.playing = true;
    this.emit();
  }

  pause(): void {
    this.playing = false;
    this.emit();
  }

  setSpeed(speed: number): void {
    this.speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, Number.isFinite(speed) ? speed : 1));
    this.emit();
  }

  /** Process exactly one due message or timer. Returns false when nothing is pending. */
  step(): boolean {
    if (!nextDue(this.world)) return false;
    this.applyRecorded({ type: 'next' });
    this.clock = this.world.time;
    this.emit();
    return true;
  }

  /** Process due messages and timers until the next milestone (a ballot starts, a value is chosen, …). */
  stepPhase(): boolean {
    let moved = false;
    for (let i = 0; i < PHASE_STEP_CAP && nextDue(this.world); i++) {
      const events = this.applyRecorded({ type: 'next' });
      moved = true;
      if (events.some((e) => MILESTONES.has(e.type))) break;
    }
    this.clock = this.world.time;
    if (moved) this.emit();
    return moved;
  }

  /** The play clock: let `ms` of wall time pass at the current speed. */
  advanceWall(ms: number): void {
    if (!this.playing || ms <= 0) return;
    this.clock += (ms / 1000) * TICKS_PER_SECOND * this.speed;
    const target = Math.floor(this.clock);
    if (target > this.world.time) {
      this.world = runUntilTime(this.world, target, (events, cmd) => this.record(cmd, events));
    }
    this.emit();
  }

  private applyRecorded(cmd: Command): readonly SimEvent[] {
    const r = apply(this.world, cmd);
    this.world = r.world;
    this.record(cmd, r.events);
    return r.events;
  }

  private record(cmd: Command, events: readonly SimEvent[]): void {
    this.log.push({ cmd, time: this.world.time });
    for (const event of events) this.pending.push({ index: this.total++, event, text: describe(event) });
  }

  private emit(): void {
    const frame: Frame = {
      seq: ++this.seq, world: this.world, clock: Math.max(this.clock, this.world.time),
      playing: this.playing, speed: this.speed,
      newEvents: this.pending, resetLog: this.resetPending,
      totalEvents: this.total, commandCount: this.log.length,
    };
    this.pending = [];
    this.resetPending = false;
    this.onFrame(frame);
  }
}
