import { apply, nextDue } from './sim';
import type { Command, SimEvent, World } from './types';

// Helpers that drive the world the way the auto-player does: process whatever is due, in order.
// Each step is still an explicit `next`/`advance` command through apply().

export type EventSink = (events: readonly SimEvent[], cmd: Command) => void;

export function step(world: World, cmd: Command, sink?: EventSink): World {
  const r = apply(world, cmd);
  sink?.(r.events, cmd);
  return r.world;
}

/**
 * Let simulated time pass up to `time`. In auto mode everything due by then is processed; in
 * manual mode messages and timers wait for the user, so only the clock moves. Stops early, before
 * `time`, after `maxSteps` deliveries/timers (callers check `world.time`).
 */
export function runUntilTime(world: World, time: number, sink?: EventSink, maxSteps = Infinity): World {
  let w = world;
  if (w.config.mode === 'auto') {
    let steps = 0;
    for (let due = nextDue(w); due && due.at <= time; due = nextDue(w)) {
      if (steps++ >= maxSteps) return w;
      w = step(w, { type: 'next' }, sink);
    }
  }
  return time > w.time ? step(w, { type: 'advance', time }, sink) : w;
}

/**
 * Process due messages and timers until nothing is pending (auto mode), at most `maxSteps` of them.
 * Returns whether it went quiet: a partitioned proposer may keep retrying forever.
 */
export function runUntilQuiet(world: World, maxSteps: number, sink?: EventSink): { world: World; quiet: boolean } {
  let w = world;
  if (w.config.mode !== 'auto') return { world: w, quiet: true };
  for (let i = 0; i < maxSteps; i++) {
    if (!nextDue(w)) return { world: w, quiet: true };
    w = step(w, { type: 'next' }, sink);
  }
  return { world: w, quiet: nextDue(w) === null };
}
