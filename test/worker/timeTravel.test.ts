import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, createWorld, type Command, type SimConfig, type SimEvent, type World } from '../../src/core';
import { runSwarm, swarmConfig, type SwarmSpec } from '../../src/core/swarm';
import { CHECKPOINT_INTERVAL, Engine, LOG_LIMIT, type Frame } from '../../src/worker/engine';

/** A fresh replay of the first `p` commands: what seek(p) must show. */
function replay(config: Partial<SimConfig>, commands: readonly Command[], p: number): { world: World; events: SimEvent[] } {
  let world = createWorld(config);
  const events: SimEvent[] = [];
  for (const cmd of commands.slice(0, p)) {
    const r = apply(world, cmd);
    world = r.world;
    events.push(...r.events);
  }
  return { world, events };
}

/** An engine fed a swarm run's commands, as if the user and the auto-player had issued them. */
function engineWithSwarm(spec: SwarmSpec) {
  const frames: Frame[] = [];
  const config = swarmConfig(spec);
  const engine = new Engine(config, (f) => frames.push(f));
  const { commands } = runSwarm(spec);
  for (const cmd of commands) expect(engine.dispatch(cmd)).toEqual({ ok: true });
  return { engine, frames, config, commands, last: () => frames.at(-1)! };
}

const types = (events: readonly { event: SimEvent }[] | readonly SimEvent[]) =>
  events.map((e) => ('event' in e ? e.event : e));

describe('time travel: seek', () => {
  it('seeks back and forward to worlds identical to a fresh replay, with the log up to there', () => {
    const spec = { seed: 7, nodes: 5, steps: 3 * CHECKPOINT_INTERVAL + 17 };
    const { engine, config, commands, last } = engineWithSwarm(spec);
    const length = commands.length;
    for (const p of [0, 1, CHECKPOINT_INTERVAL - 1, CHECKPOINT_INTERVAL, 2 * CHECKPOINT_INTERVAL + 5, length - 1, 3, length]) {
      engine.seek(p);
      const expected = replay(config, commands, p);
      const f = last();
      expect(f.world).toEqual(expected.world);
      expect(engine.current).toEqual(expected.world);
      expect(f.position).toBe(p);
      expect(f.commandCount).toBe(p);
      expect(f.length).toBe(length);
      expect(f.time).toBe(expected.world.time);
      expect(f.clock).toBe(expected.world.time);
      expect(f.playing).toBe(false);
      expect(f.resetLog).toBe(true);
      expect(f.forked).toBe(false);
      expect(f.totalEvents).toBe(expected.events.length);
      expect(f.historyEvents).toBeGreaterThanOrEqual(expected.events.length);
      // The whole log up to p (the history is short enough to fit under the cap).
      expect(expected.events.length).toBeLessThan(LOG_LIMIT);
      expect(types(f.newEvents)).toEqual(expected.events);
      expect(f.newEvents.map((e) => e.index)).toEqual(expected.events.map((_, i) => i));
      expect(engine.viewEvents).toEqual(expected.events);
    }
    // Seeking changed nothing in the history.
    expect(engine.commands.map((c) => c.cmd)).toEqual(commands);
  });

  it('caps the rebuilt log at the last LOG_LIMIT events', () => {
    const { engine, config, commands, last } = engineWithSwarm({ seed: 11, nodes: 5, steps: 2500 });
    const p = commands.length - 3;
    const expected = replay(config, commands, p).events;
    expect(expected.length).toBeGreaterThan(LOG_LIMIT);
    engine.seek(p);
    const f = last();
    expect(f.newEvents).toHaveLength(LOG_LIMIT);
    expect(types(f.newEvents)).toEqual(expected.slice(-LOG_LIMIT));
    expect(f.newEvents[0]!.index).toBe(expected.length - LOG_LIMIT);
    expect(f.totalEvents).toBe(expected.length);
  });

  it('clamps positions beyond the history, and stepBack at 0 is a no-op', () => {
    const { engine, config, commands, last } = engineWithSwarm({ seed: 3, nodes: 3, steps: 40 });
    engine.seek(commands.length + 100);
    expect(last().position).toBe(commands.length);
    expect(engine.current).toEqual(replay(config, commands, commands.length).world);
    engine.seek(-5);
    expect(last().position).toBe(0);
    expect(engine.current).toEqual(createWorld(config));
    const before = last().seq;
    expect(engine.stepBack()).toBe(false);
    expect(last().seq).toBe(before);
    expect(engine.current).toEqual(createWorld(config));
    expect(engine.commands).toHaveLength(commands.length);
  });

  it('steps back one command at a time', () => {
    const { engine, config, commands, last } = engineWithSwarm({ seed: 5, nodes: 3, steps: 30 });
    for (let p = commands.length - 1; p >= commands.length - 5; p--) {
      expect(engine.stepBack()).toBe(true);
      expect(last().position).toBe(p);
      expect(engine.current).toEqual(replay(config, commands, p).world);
    }
  });

  it('seeks to the last position at or before a simulated time', () => {
    const { engine, commands, last } = engineWithSwarm({ seed: 2, nodes: 5, steps: 600 });
    const times = [0, ...engine.commands.map((c) => c.time)];
    const end = times.at(-1)!;
    for (const t of [-1, 0, 1, Math.floor(end / 3), Math.floor(end / 2) + 0.5, end, end + 1000]) {
      engine.seekToTime(t);
      let want = 0;
      for (let p = 0; p <= commands.length; p++) if (times[p]! <= t) want = p;
      expect(last().position).toBe(want);
      expect(last().time).toBe(times[want]);
      expect(last().endTime).toBe(end);
    }
  });

  it('pauses when seeking', () => {
    const engine = new Engine({ seed: 1 }, () => {});
    engine.dispatch({ type: 'write', node: 'A', value: 'X' });
    engine.play();
    engine.advanceWall(1000);
    expect(engine.isPlaying).toBe(true);
    engine.seek(1);
    expect(engine.isPlaying).toBe(false);
  });
});

describe('time travel: acting in the past forks', () => {
  it('a command in the past discards the future and appends; the new history replays deterministically', () => {
    const { engine, frames, config, commands, last } = engineWithSwarm({ seed: 9, nodes: 5, steps: 700 });
    const p = CHECKPOINT_INTERVAL + 40;
    engine.seek(p);
    const write: Command = { type: 'write', node: engine.current.nodes.find((n) => n.up)!.id, value: 'fork' };
    expect(engine.dispatch(write)).toEqual({ ok: true });
    let f = last();
    expect(f.forked).toBe(true);
    expect(f.resetLog).toBe(false);
    expect(f.position).toBe(p + 1);
    expect(f.length).toBe(p + 1);
    const newHistory = [...commands.slice(0, p), write];
    expect(engine.commands.map((c) => c.cmd)).toEqual(newHistory);
    const expected = replay(config, newHistory, p + 1);
    expect(engine.current).toEqual(expected.world);
    // The frame appends exactly the new command's events to the log the seek rebuilt.
    const seekFrame = frames.at(-2)!;
    expect([...types(seekFrame.newEvents), ...types(f.newEvents)]).toEqual(expected.events);
    expect(f.totalEvents).toBe(expected.events.length);
    expect(f.historyEvents).toBe(expected.events.length);

    // Only once: the next action is an ordinary one.
    engine.step();
    f = last();
    expect(f.forked).toBe(false);
    // Carry on, then travel within the new history: checkpoints from the old future are gone.
    for (let i = 0; i < 2 * CHECKPOINT_INTERVAL && engine.step(); i++);
    const all = engine.commands.map((c) => c.cmd);
    for (const q of [p, p + 1, CHECKPOINT_INTERVAL * 2 + 3, all.length - 1, all.length]) {
      if (q > all.length) continue;
      engine.seek(q);
      expect(engine.current).toEqual(replay(config, all, q).world);
      expect(types(last().newEvents)).toEqual(replay(config, all, q).events.slice(-LOG_LIMIT));
    }
    expect(engine.commands.map((c) => c.cmd).slice(0, p)).toEqual(commands.slice(0, p));
  });

  it('a failed command in the past keeps the future', () => {
    const { engine, commands } = engineWithSwarm({ seed: 4, nodes: 3, steps: 50 });
    engine.seek(10);
    const up = engine.current.nodes.find((n) => n.up)!.id;
    expect(engine.dispatch({ type: 'restart', node: up }).ok).toBe(false);
    expect(engine.commands.map((c) => c.cmd)).toEqual(commands);
  });

  it('stepping from the past moves through the recorded future without discarding it', () => {
    const frames: Frame[] = [];
    const config = { seed: 6, nodes: 3 };
    const engine = new Engine(config, (f) => frames.push(f));
    const last = () => frames.at(-1)!;
    engine.dispatch({ type: 'write', node: 'A', value: 'X' });
    for (let i = 0; i < 8; i++) expect(engine.step()).toBe(true);
    const commands = engine.commands.map((c) => c.cmd);
    expect(commands).toHaveLength(9);
    engine.seek(4);
    const eventsAt4 = last().totalEvents;
    expect(engine.step()).toBe(true);
    expect(last().forked).toBe(false);
    expect(last().position).toBe(5);
    expect(last().length).toBe(9);
    // The step's events arrive as new log entries, continuing the rebuilt log.
    expect(last().resetLog).toBe(false);
    expect(last().newEvents[0]?.index).toBe(eventsAt4);
    expect(engine.commands.map((c) => c.cmd)).toEqual(commands);
    expect(engine.current).toEqual(replay(config, commands, 5).world);
    // Stepping on to the end and beyond goes live: new commands are appended.
    for (let i = 5; i < 9; i++) engine.step();
    expect(last().position).toBe(9);
    expect(engine.step()).toBe(true);
    expect(last().length).toBe(10);
    expect(engine.commands.map((c) => c.cmd).slice(0, 9)).toEqual(commands);
  });

  it('next phase from the past stops at the next recorded milestone', () => {
    const config = { seed: 6, nodes: 3 };
    const frames: Frame[] = [];
    const engine = new Engine(config, (f) => frames.push(f));
    engine.dispatch({ type: 'write', node: 'A', value: 'X' });
    while (engine.step()) { /* run to quiet */ }
    const n = engine.commands.length;
    engine.seek(1);
    expect(engine.stepPhase()).toBe(true);
    const f = frames.at(-1)!;
    expect(f.position).toBeGreaterThan(1);
    expect(f.position).toBeLessThan(n);
    expect(f.length).toBe(n);
    expect(f.newEvents.some((e) => ['ballot-start', 'propose', 'chosen', 'learn'].includes(e.event.type))).toBe(true);
  });

  it('playing from the past replays the recorded future, user actions included, then goes live', () => {
    const frames: Frame[] = [];
    const config = { seed: 6, nodes: 3 };
    const engine = new Engine(config, (f) => frames.push(f));
    const last = () => frames.at(-1)!;
    engine.dispatch({ type: 'write', node: 'A', value: 'X' });
    engine.play();
    for (let i = 0; i < 10; i++) engine.advanceWall(50);
    engine.dispatch({ type: 'crash', node: 'C' });
    for (let i = 0; i < 10; i++) engine.advanceWall(50);
    engine.pause();
    const commands = engine.commands.map((c) => c.cmd);
    const crashAt = commands.findIndex((c) => c.type === 'crash');
    engine.seek(2);
    engine.play();
    expect(last().forked).toBe(false);
    for (let i = 0; i < 400 && last().position < commands.length; i++) engine.advanceWall(50);
    expect(frames.some((f) => f.forked)).toBe(false);
    expect(engine.commands.slice(0, commands.length).map((c) => c.cmd)).toEqual(commands);
    expect(engine.commands[crashAt]!.cmd).toEqual({ type: 'crash', node: 'C' });
    // Gone live: more time passes and the history grows from its old end.
    engine.advanceWall(5000);
    engine.pause();
    expect(engine.commands.length).toBeGreaterThanOrEqual(commands.length);
    const all = engine.commands.map((c) => c.cmd);
    expect(engine.current).toEqual(replay(config, all, all.length).world);
    // Play records world times that match a replay (seekToTime relies on them).
    let w = createWorld(config);
    for (const c of engine.commands) {
      w = apply(w, c.cmd).world;
      expect(c.time).toBe(w.time);
    }
  });

  it('acting while replaying forks at the moment in view', () => {
    const frames: Frame[] = [];
    const engine = new Engine({ seed: 6, nodes: 3 }, (f) => frames.push(f));
    engine.dispatch({ type: 'write', node: 'A', value: 'X' });
    for (let i = 0; i < 8; i++) engine.step();
    engine.seek(3);
    engine.step();
    engine.dispatch({ type: 'crash', node: 'B' });
    expect(frames.at(-1)!.forked).toBe(true);
    expect(frames.at(-1)!.length).toBe(5);
  });

  it('seeking to now and acting does not fork', () => {
    const { engine, commands, last } = engineWithSwarm({ seed: 8, nodes: 3, steps: 20 });
    engine.seek(3);
    engine.seek(commands.length);
    engine.dispatch({ type: 'write', node: engine.current.nodes.find((n) => n.up)!.id, value: 'Z' });
    expect(last().forked).toBe(false);
    expect(engine.commands).toHaveLength(commands.length + 1);
  });
});

describe('time travel: property', () => {
  it('seek(p) shows the same world and log as replaying the first p commands', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 3, max: 5 }),
        fc.integer({ min: 0, max: 3 * CHECKPOINT_INTERVAL }),
        fc.array(fc.double({ min: 0, max: 1.2, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (seed, nodes, steps, fractions) => {
          const spec = { seed, nodes, steps };
          const config = swarmConfig(spec);
          const { commands } = runSwarm(spec);
          let frame: Frame | null = null;
          const engine = new Engine(config, (f) => { frame = f; });
          for (const cmd of commands) engine.dispatch(cmd);
          for (const x of fractions) {
            const asked = Math.floor(x * commands.length);
            const p = Math.min(asked, commands.length);
            engine.seek(asked);
            const expected = replay(config, commands, p);
            const f = frame as unknown as Frame;
            expect(f.position).toBe(p);
            expect(f.world).toEqual(expected.world);
            expect(types(f.newEvents)).toEqual(expected.events.slice(-LOG_LIMIT));
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('time travel: manual mode', () => {
  it('Play replays a recorded manual run step by step at a watchable pace, then stops at its end without forking', () => {
    const frames: Frame[] = [];
    const engine = new Engine({ seed: 3, nodes: 3, mode: 'manual' }, (f) => frames.push(f));
    engine.dispatch({ type: 'write', node: 'A', value: 'X' });
    for (let i = 0; i < 5; i++) engine.step();
    const commands = engine.commands.map((c) => c.cmd);
    engine.play();
    expect(engine.isPlaying).toBe(false); // nothing recorded ahead: manual mode does not move by itself
    engine.seek(0);
    engine.play();
    expect(engine.isPlaying).toBe(true);
    engine.advanceWall(400); // 0.8 steps at 2 a second
    expect(engine.viewPosition).toBe(0);
    engine.advanceWall(200);
    expect(engine.viewPosition).toBe(1);
    for (let i = 0; i < 20 && engine.isPlaying; i++) engine.advanceWall(500);
    expect(engine.viewPosition).toBe(commands.length);
    expect(engine.isPlaying).toBe(false);
    expect(engine.commands.map((c) => c.cmd)).toEqual(commands);
    expect(frames.some((f) => f.forked)).toBe(false);
  });
});
