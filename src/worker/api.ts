import { DEFAULT_CONFIG, SimError } from '../core';
import type { Scenario } from '../scenario';
import { Engine, type DispatchResult, type ExportedRun, type Frame } from './engine';
import type { AnyCommand, RunConfig } from './protocol';
import { exportScenario, loadScenario, type ExportResult, type LoadResult } from './scenarioIO';

export type { ExportResult, LoadResult } from './scenarioIO';

// The RPC surface the UI talks to (through comlink). One callback carries every frame, rather than
// many small calls; commands go the other way.

export interface EngineApi {
  /** Register the frame callback; the current frame is sent at once. */
  subscribe(onFrame: (frame: Frame) => void): void;
  /** Start over; `protocol: 'multi'` switches to Multi-Paxos (basic when absent). */
  reset(config: RunConfig): void;
  dispatch(cmd: AnyCommand): DispatchResult;
  play(): void;
  pause(): void;
  setSpeed(speed: number): void;
  step(): boolean;
  stepPhase(): boolean;
  /**
   * Time travel: show the world after `position` commands of the history (clamped to 0…length) and
   * pause. Acting from there (dispatch, step, play) discards the old future; that frame has `forked`.
   */
  seek(position: number): void;
  /** Seek to the last position whose simulated time is ≤ `time`. */
  seekToTime(time: number): void;
  /** Seek one command back; false (a no-op) at position 0. */
  stepBack(): boolean;
  /**
   * Replace the run with `commands` from a fresh world (a scenario opened from a link or a file) and
   * show the world after `position` of them (the end when null). On error nothing changes.
   */
  load(config: RunConfig, commands: readonly AnyCommand[], position: number | null): DispatchResult;
  /** The run so far (protocol, configuration, every command, the view's position), to share or save. */
  exportRun(): ExportedRun;
  /** Fingerprint of the trace up to the view. */
  traceHash(): string;
  /**
   * Replay a (validated) scenario and show it after `position` commands (the end when null; clamped
   * to the run). A step that cannot be carried out is an error, and the current run stays.
   */
  loadScenario(scenario: Scenario, position: number | null): LoadResult;
  /** The run so far as a scenario (whole history) plus the view's position and trace hash. */
  exportScenario(): ExportResult;
}


export interface Clock {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** How often the play clock advances the simulation and sends a frame while playing. */
export const FRAME_INTERVAL_MS = 1000 / 30;

export function createEngineApi(clock: Clock, initial: RunConfig = DEFAULT_CONFIG): EngineApi {
  let listener: ((f: Frame) => void) | null = null;
  const engine = new Engine(initial, (f) => listener?.(f));
  let timer: unknown = null;
  let last = 0;

  // The interval runs only while playing, so an idle or paused tab costs nothing.
  const sync = () => {
    if (engine.isPlaying && timer === null) {
      last = clock.now();
      timer = clock.setInterval(() => {
        const now = clock.now();
        engine.advanceWall(now - last);
        last = now;
      }, FRAME_INTERVAL_MS);
    } else if (!engine.isPlaying && timer !== null) {
      clock.clearInterval(timer);
      timer = null;
    }
  };
  const then = <T>(result: T): T => {
    sync();
    return result;
  };

  return {
    subscribe(onFrame) {
      listener = onFrame;
      engine.publish();
    },
    reset: (config) => then(engine.reset(config)),
    dispatch: (cmd) => then(engine.dispatch(cmd)),
    play: () => then(engine.play()),
    pause: () => then(engine.pause()),
    setSpeed: (speed) => then(engine.setSpeed(speed)),
    step: () => then(engine.step()),
    stepPhase: () => then(engine.stepPhase()),
    seek: (position) => then(engine.seek(position)),
    seekToTime: (time) => then(engine.seekToTime(time)),
    stepBack: () => then(engine.stepBack()),
    load(config, commands, position) {
      try {
        engine.load(config, commands, position);
      } catch (e) {
        if (e instanceof SimError) return then({ ok: false, error: e.message });
        throw e;
      }
      return then({ ok: true });
    },
    exportRun: () => then(engine.exportRun()),
    traceHash: () => engine.traceHash(),
    loadScenario: (scenario, position) => then(loadScenario(engine, scenario, position)),
    exportScenario: () => then(exportScenario(engine)),
  };
}
