import { createWorld, hashLines, SimError, type Command, type MultiConfig, type MultiEvent, type MultiWorld, type SimConfig, type SimEvent, type World } from '../core';
import { LOG_LIMIT } from './limits';
import {
  protocolOf, type AnyCommand, type AnyEvent, type AnyWorld, type MarkKind, type ProtocolAdapter, type ProtocolName, type RunConfig,
} from './protocol';

// The engine owns the command log and the play clock. It is plain TypeScript (no `self`, no
// timers): the worker entry drives it with wall-clock deltas, tests drive it directly or through a
// MessageChannel. Everything the UI sees leaves through `onFrame`.
//
// Time travel. The engine keeps the whole history: every command applied (the user's and the
// auto-player's `next`/`advance`), every event, and a checkpoint — simply a reference to the
// immutable world — every CHECKPOINT_INTERVAL commands. The *view* is a position in that history
// (0 = the initial world, length = now). seek(p) replays at most CHECKPOINT_INTERVAL − 1 commands from
// the nearest checkpoint at or before p, and rebuilds the log from the stored events, never from 0.
// From the past, Step, Next phase and Play move forward through the *recorded* future (a student
// steps back and forth through what happened, and Play replays it at the recorded times, going
// live at the end). Acting in the past (a write, a crash, a drop …) forks: the future after the
// view is discarded and the new command becomes the next one in history; the next frame says
// `forked`.
//
// Playing records only what happens: the `next` of each delivery or timer as it falls due. The
// clock runs ahead of the world between events, and an `advance` to the clock is recorded lazily —
// just before a user's command (so a write lands at the moment the user sees), and on pause. That
// keeps the history to the commands that matter, so a share link holds "the user's actions with
// their times" and not thirty clock ticks a second.
//
// Protocols. The engine runs either basic Paxos or Multi-Paxos through a ProtocolAdapter
// (protocol.ts); `reset({ protocol: 'multi' })` switches. A frame says which (`protocol`); in
// Multi-Paxos mode `multi` holds the world and `world` is a stand-in basic world that carries only
// what the shared controls read (configuration, time, partition, which nodes are up), so every
// basic feature keeps its `World` type and the app shows the Multi-Paxos panels instead.

/** Simulated ticks per wall-clock second at 1× speed: a 10–30 tick message takes ¼–¾ s. */
export const TICKS_PER_SECOND = 40;
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 10;
/** Manual mode replays a recorded future at this many steps per second at 1× (Play on a manual preset). */
export const MANUAL_REPLAY_STEPS_PER_SECOND = 2;
/** Safety cap for "step to next phase" so a livelocked run cannot hang the worker. */
const PHASE_STEP_CAP = 5_000;
/**
 * A checkpoint every this many commands. Replaying 255 commands costs well under a millisecond, and
 * a checkpoint shares structure with its neighbours, so a long history costs little memory.
 */
export const CHECKPOINT_INTERVAL = 256;
export { LOG_LIMIT } from './limits';

export interface LogEntry<E = SimEvent> {
  /** Position in the whole run's event list. */
  readonly index: number;
  readonly event: E;
  /** The core's one-line description. */
  readonly text: string;
}

export interface Frame {
  /** Increases with every frame, so the UI can drop stale ones. */
  readonly seq: number;
  readonly protocol: ProtocolName;
  /** Basic Paxos: the world in view. Multi-Paxos: a stand-in (configuration, time, partition, nodes up or down). */
  readonly world: World;
  /** Multi-Paxos: the world in view; null in basic mode. */
  readonly multi: MultiWorld | null;
  /** The play clock in (fractional) ticks; ≥ world.time. The view interpolates messages with it. */
  readonly clock: number;
  readonly playing: boolean;
  readonly speed: number;
  /** Events since the previous frame. When `resetLog` is true they replace the log. */
  readonly newEvents: readonly LogEntry[];
  /** The same for a Multi-Paxos run (then `newEvents` is empty). */
  readonly newMultiEvents: readonly LogEntry<MultiEvent>[];
  readonly resetLog: boolean;
  /** Events up to the view (the next entry's index); the whole history may hold more (historyEvents). */
  readonly totalEvents: number;
  /** Commands applied to reach the view (= position). */
  readonly commandCount: number;
  /** Time travel: commands applied so far in the view (0 = initial world; `length` = now). */
  readonly position: number;
  /** Commands in the whole history, including any after the view. */
  readonly length: number;
  /** Simulated time of the view (= world.time). */
  readonly time: number;
  /** Simulated time at the end of the history (a timeline's right edge; the clock while playing). */
  readonly endTime: number;
  /** Events in the whole history. */
  readonly historyEvents: number;
  /** True once, on the first frame after acting in the past discarded the old future. */
  readonly forked: boolean;
  /** Tick marks for the timeline over the whole history (the same array until it changes). */
  readonly marks: readonly TimelineMark[];
}

/** A moment worth a tick mark on the timeline: a user's action, a value chosen, a violation. */
export interface TimelineMark {
  /** The position right after it happened (seek here to see its effect). */
  readonly position: number;
  readonly time: number;
  readonly kind: MarkKind;
  /** Plain words, e.g. "C crashed" or "“X” chosen". */
  readonly label: string;
}

/** Most marks a frame carries (the newest); a run with more user actions than this is rare. */
export const MARK_LIMIT = 400;

export interface LoggedCommand<C = Command> {
  readonly cmd: C;
  /** Simulated time right after it was applied. */
  readonly time: number;
}

export type DispatchResult = { ok: true } | { ok: false; error: string };

/** The whole run, to share or save. */
export interface ExportedRun {
  readonly protocol: ProtocolName;
  readonly config: SimConfig | MultiConfig;
  readonly commands: AnyCommand[];
  readonly position: number;
}

export class Engine {
  /** The world in view: the head of history, or a past one after a seek. */
  private world: AnyWorld;
  private protocol: ProtocolAdapter;
  /** Multi-Paxos: the stand-in basic world the frames carry (see the top of this file). */
  private standIn: World | null = null;
  private clock = 0;
  private playing = false;
  private speed = 1;
  private seq = 0;
  /** The whole history. */
  private log: LoggedCommand<AnyCommand>[] = [];
  /** Every event of the history, in order; an event's index here is its LogEntry.index. */
  private events: AnyEvent[] = [];
  /** eventEnds[i] = events.length after command i was applied, so command i's events start at eventEnds[i − 1]. */
  private eventEnds: number[] = [];
  /** checkpoints[k] = the world after k × CHECKPOINT_INTERVAL commands; checkpoints[0] is the initial world. */
  private checkpoints: AnyWorld[] = [];
  /** The world after the whole history (the view when position = length). */
  private head: AnyWorld;
  private position = 0;
  private pending: LogEntry<AnyEvent>[] = [];
  private resetPending = true;
  private forkPending = false;
  private marks: TimelineMark[] = [];
  /** Fractional steps owed to a manual-mode replay (see advanceWall). */
  private manualReplay = 0;

  constructor(config: RunConfig, private readonly onFrame: (f: Frame) => void) {
    this.protocol = protocolOf(config.protocol);
    this.world = this.protocol.create(config);
    this.head = this.world;
    this.checkpoints = [this.world];
  }

  /** The basic world in view; throws in a Multi-Paxos run (use currentWorld or currentMulti). */
  get current(): World {
    if (this.protocol.name !== 'basic') throw new Error('this run is Multi-Paxos: use currentMulti');
    return this.world as World;
  }

  /** The Multi-Paxos world in view; null in a basic run. */
  get currentMulti(): MultiWorld | null {
    return this.protocol.name === 'multi' ? this.world as MultiWorld : null;
  }

  get protocolName(): ProtocolName {
    return this.protocol.name;
  }

  /** The whole history of a basic run, including commands after the view; throws in a Multi-Paxos run (use history). */
  get commands(): readonly LoggedCommand[] {
    if (this.protocol.name !== 'basic') throw new Error('this run is Multi-Paxos: use history');
    return this.log as LoggedCommand[];
  }

  /** The whole history of either protocol, including commands after the view. */
  get history(): readonly LoggedCommand<AnyCommand>[] {
    return this.log;
  }

  /** Commands applied to reach the view. */
  get viewPosition(): number {
    return this.position;
  }

  /** Every event up to the view (not capped: the frames carry at most LOG_LIMIT of them). */
  get viewEvents(): readonly AnyEvent[] {
    return this.events.slice(0, this.eventStart(this.position));
  }

  get isPlaying(): boolean {
    return this.playing;
  }

  /** Send a frame with the current state (e.g. to a newly connected view). */
  publish(): void {
    this.emit();
  }

  /** Start over with a new configuration (e.g. another seed or node count, or the other protocol). */
  reset(config: RunConfig): void {
    this.protocol = protocolOf(config.protocol);
    this.standIn = null;
    this.world = this.protocol.create(config);
    this.head = this.world;
    this.checkpoints = [this.world];
    this.clock = 0;
    this.log = [];
    this.events = [];
    this.eventEnds = [];
    this.position = 0;
    this.pending = [];
    this.resetPending = true;
    this.forkPending = false;
    this.playing = false;
    this.marks = [];
    this.emit();
  }

  /**
   * A user action (write, crash, drop …). Recorded in the command log when it succeeds; in the past
   * it forks (the future after the view is discarded). A failed command changes nothing, not even
   * the future.
   */
  dispatch(cmd: AnyCommand): DispatchResult {
    this.catchUp();
    let r: ReturnType<ProtocolAdapter['apply']>;
    try {
      r = this.protocol.apply(this.world, cmd);
    } catch (e) {
      if (e instanceof SimError) return { ok: false, error: e.message };
      throw e;
    }
    this.fork();
    this.world = r.world;
    this.record(cmd, r.events);
    this.clock = Math.max(this.clock, this.world.time);
    this.emit();
    return { ok: true };
  }

  /**
   * Play on from the view. From the past this replays the recorded future at its recorded times
   * (the user's later actions included) and goes live at its end.
   */
  play(): void {
    // In manual mode nothing moves by itself, but a recorded future (a preset, a shared link, a
    // scrubbed-back run) can still be replayed, step by step, at MANUAL_REPLAY_STEPS_PER_SECOND.
    if (this.world.config.mode !== 'auto' && !this.inPast) return;
    this.manualReplay = 0;
    this.playing = true;
    this.emit();
  }

  pause(): void {
    this.catchUp();
    this.playing = false;
    this.emit();
  }

  setSpeed(speed: number): void {
    this.speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, Number.isFinite(speed) ? speed : 1));
    this.emit();
  }

  /** Process exactly one due message or timer (in the past: the next recorded command). False when nothing is pending. */
  step(): boolean {
    if (this.inPast) {
      this.replayForward(Infinity, 1);
      this.clock = this.world.time;
      this.emit();
      return true;
    }
    if (!this.protocol.nextDue(this.world)) return false;
    this.applyRecorded({ type: 'next' });
    this.clock = this.world.time;
    this.emit();
    return true;
  }

  /** Process due messages and timers until the next milestone (a ballot starts, a value is chosen, …). */
  stepPhase(): boolean {
    let moved = false;
    let milestone = false;
    // In the past: through the recorded future first.
    while (this.inPast && !milestone) {
      const start = this.eventStart(this.position);
      this.replayForward(Infinity, 1);
      moved = true;
      milestone = this.events.slice(start, this.eventStart(this.position)).some((e) => this.protocol.isMilestone(e));
    }
    for (let i = 0; i < PHASE_STEP_CAP && !milestone && this.protocol.nextDue(this.world); i++) {
      const events = this.applyRecorded({ type: 'next' });
      moved = true;
      milestone = events.some((e) => this.protocol.isMilestone(e));
    }
    this.clock = this.world.time;
    if (moved) this.emit();
    return moved;
  }

  /** The play clock: let `ms` of wall time pass at the current speed. */
  advanceWall(ms: number): void {
    if (!this.playing || ms <= 0) return;
    if (this.world.config.mode !== 'auto') {
      // Manual mode: replay recorded steps at a watchable pace, and stop at the end of the record.
      this.manualReplay += (ms / 1000) * MANUAL_REPLAY_STEPS_PER_SECOND * this.speed;
      const n = Math.floor(this.manualReplay);
      this.manualReplay -= n;
      if (n > 0) this.replayForward(Infinity, n);
      this.clock = this.world.time;
      if (!this.inPast) this.playing = false;
      this.emit();
      return;
    }
    this.clock += (ms / 1000) * TICKS_PER_SECOND * this.speed;
    const target = Math.floor(this.clock);
    // Replaying the recorded future: follow it at its recorded times; go live at its end.
    if (this.inPast) this.replayForward(target, Infinity);
    if (!this.inPast && target > this.world.time) {
      // core/run's runUntilTime, one recorded command at a time (each needs its own world time).
      if (this.world.config.mode === 'auto') {
        for (let due = this.protocol.nextDue(this.world); due && due.at <= target; due = this.protocol.nextDue(this.world)) this.applyRecorded({ type: 'next' });
      }
      // No `advance` here: see catchUp().
    }
    this.emit();
  }

  /**
   * While playing, the world's time stays at its last event and the clock runs ahead. Bring the
   * world up to the clock (one recorded `advance`) before anything that must happen "now".
   */
  private catchUp(): void {
    if (!this.playing || this.position !== this.log.length) return;
    const target = Math.floor(this.clock);
    if (this.world.config.mode === 'auto') {
      for (let due = this.protocol.nextDue(this.world); due && due.at <= target; due = this.protocol.nextDue(this.world)) this.applyRecorded({ type: 'next' });
    }
    if (target > this.world.time) this.applyRecorded({ type: 'advance', time: target });
  }

  /**
   * Replace the history with `commands` from a fresh world of `config` (a scenario from a link or a
   * file, already expanded to commands), then show the world after `position` of them (the end when
   * null). Throws SimError when a command cannot be applied; the engine is then unchanged.
   */
  load(config: RunConfig, commands: readonly AnyCommand[], position: number | null): void {
    const fresh = new Engine(config, () => {});
    for (const cmd of commands) fresh.applyRecorded(cmd); // SimError escapes before anything here changes
    if (fresh.protocol !== this.protocol) this.standIn = null;
    this.protocol = fresh.protocol;
    this.world = fresh.world;
    this.head = fresh.head;
    this.checkpoints = fresh.checkpoints;
    this.log = fresh.log;
    this.events = fresh.events;
    this.eventEnds = fresh.eventEnds;
    this.position = fresh.position;
    this.marks = fresh.marks;
    this.clock = this.world.time;
    this.playing = false;
    this.forkPending = false;
    this.seek(position ?? this.log.length);
  }

  /** The whole run so far, to share or save: the configuration, every command, and the view's position. */
  exportRun(): ExportedRun {
    this.catchUp();
    return {
      protocol: this.protocol.name, config: this.protocol.config(this.checkpoints[0]!), commands: this.log.map((c) => c.cmd),
      position: this.position,
    };
  }

  /** Fingerprint of the trace up to the view: equal hashes mean the same run to this moment. */
  traceHash(): string {
    const end = this.eventStart(this.position);
    const lines: string[] = [];
    for (let i = 0; i < end; i++) lines.push(this.protocol.traceLine(this.events[i]!));
    return hashLines(lines);
  }

  /**
   * Time travel: show the world after `position` commands (clamped to 0…length), pause, and send a
   * frame whose log is rebuilt to end at that position. Nothing is discarded until the user acts.
   */
  seek(position: number): void {
    const p = Math.min(this.log.length, Math.max(0, Number.isFinite(position) ? Math.floor(position) : this.position));
    this.world = this.worldAt(p);
    this.position = p;
    this.playing = false;
    this.clock = this.world.time;
    const end = this.eventStart(p);
    this.pending = this.entries(Math.max(0, end - LOG_LIMIT), end);
    this.resetPending = true;
    this.emit();
  }

  /** Seek to the last position whose world time is ≤ `time` (0 when even the initial world is later). */
  seekToTime(time: number): void {
    if (Number.isNaN(time)) return this.seek(this.position);
    // World time never decreases along the history, so binary search for the first position after `time`.
    let lo = 0;
    let hi = this.log.length + 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.timeAt(mid) <= time) lo = mid + 1;
      else hi = mid;
    }
    this.seek(Math.max(0, lo - 1));
  }

  /** One command back (a no-op at 0, apart from pausing). */
  stepBack(): boolean {
    if (this.position === 0) {
      if (this.playing) this.pause();
      return false;
    }
    this.seek(this.position - 1);
    return true;
  }

  /** Viewing a moment before the end of the history. */
  private get inPast(): boolean {
    return this.position < this.log.length;
  }

  /**
   * Move the view forward through the recorded future, one command at a time while the command's
   * recorded time is ≤ `until`, at most `max` commands; its events go out with the next frame.
   */
  private replayForward(until: number, max: number): void {
    for (let n = 0; n < max && this.inPast && this.log[this.position]!.time <= until; n++) {
      const from = this.eventStart(this.position);
      this.position += 1;
      this.world = this.position === this.log.length ? this.head : this.protocol.apply(this.world, this.log[this.position - 1]!.cmd).world;
      this.pending.push(...this.entries(from, this.eventStart(this.position)));
    }
  }

  /** The world after `p` commands: the nearest checkpoint at or before p, then replay. */
  private worldAt(p: number): AnyWorld {
    if (p === this.log.length) return this.head;
    const k = Math.floor(p / CHECKPOINT_INTERVAL);
    let w = this.checkpoints[k]!;
    for (let i = k * CHECKPOINT_INTERVAL; i < p; i++) w = this.protocol.apply(w, this.log[i]!.cmd).world;
    return w;
  }

  private timeAt(p: number): number {
    return p === 0 ? this.checkpoints[0]!.time : this.log[p - 1]!.time;
  }

  private eventStart(p: number): number {
    return p === 0 ? 0 : this.eventEnds[p - 1]!;
  }

  private entries(from: number, to: number): LogEntry<AnyEvent>[] {
    const out: LogEntry<AnyEvent>[] = [];
    for (let i = from; i < to; i++) out.push({ index: i, event: this.events[i]!, text: this.protocol.describe(this.events[i]!) });
    return out;
  }

  /** Before appending: if the view is in the past, discard the history after it. */
  private fork(): void {
    const p = this.position;
    if (p === this.log.length) return;
    this.log.length = p;
    this.events.length = this.eventStart(p);
    this.eventEnds.length = p;
    this.checkpoints.length = Math.floor(p / CHECKPOINT_INTERVAL) + 1;
    this.head = this.world;
    this.forkPending = true;
    this.marks = this.marks.filter((m) => m.position <= p);
  }

  private applyRecorded(cmd: AnyCommand): readonly AnyEvent[] {
    const r = this.protocol.apply(this.world, cmd);
    this.world = r.world;
    this.record(cmd, r.events);
    return r.events;
  }

  /** Append to history; `this.world` is already the world after `cmd`, and the view is at the head. */
  private record(cmd: AnyCommand, events: readonly AnyEvent[]): void {
    this.log.push({ cmd, time: this.world.time });
    const position = this.log.length;
    const time = this.world.time;
    const marks = this.protocol.marks(cmd, events).map((m) => ({ position, time, ...m }));
    if (marks.length > 0) this.marks = [...this.marks, ...marks].slice(-MARK_LIMIT);
    for (const event of events) {
      this.pending.push({ index: this.events.length, event, text: this.protocol.describe(event) });
      this.events.push(event);
    }
    this.eventEnds.push(this.events.length);
    if (this.log.length % CHECKPOINT_INTERVAL === 0) this.checkpoints[this.log.length / CHECKPOINT_INTERVAL] = this.world;
    this.head = this.world;
    this.position = this.log.length;
  }

  /** Multi-Paxos: the stand-in basic world for the frame (see the top of this file). */
  private basicView(): World {
    if (this.protocol.name === 'basic') return this.world as World;
    const w = this.world as MultiWorld;
    const base = this.standIn ??= { ...createWorld(w.config), inflight: [], timers: [] };
    const nodes = base.nodes.every((n, i) => n.up === w.nodes[i]?.up) ? base.nodes : base.nodes.map((n, i) => ({ ...n, up: w.nodes[i]?.up ?? n.up }));
    return { ...base, config: w.config, time: w.time, partition: w.partition, nodes };
  }

  private emit(): void {
    const multi = this.protocol.name === 'multi';
    const frame: Frame = {
      seq: ++this.seq, protocol: this.protocol.name, world: this.basicView(), multi: multi ? this.world as MultiWorld : null,
      clock: Math.max(this.clock, this.world.time),
      playing: this.playing, speed: this.speed,
      newEvents: multi ? [] : this.pending as LogEntry[], newMultiEvents: multi ? this.pending as LogEntry<MultiEvent>[] : [],
      resetLog: this.resetPending,
      totalEvents: this.eventStart(this.position), commandCount: this.position,
      position: this.position, length: this.log.length, time: this.world.time,
      endTime: this.position === this.log.length ? Math.max(this.head.time, this.clock) : this.head.time,
      historyEvents: this.events.length, forked: this.forkPending, marks: this.marks,
    };
    this.pending = [];
    this.resetPending = false;
    this.forkPending = false;
    this.onFrame(frame);
  }
}
