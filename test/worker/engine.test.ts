import { proxy, wrap } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngineApi, type Clock, type EngineApi } from '../../src/worker/api';
import { Engine, TICKS_PER_SECOND, type Frame } from '../../src/worker/engine';

/** A clock the test moves by hand. */
function fakeClock() {
  let now = 0;
  let fn: (() => void) | null = null;
  const clock: Clock = {
    now: () => now,
    setInterval: (f) => { fn = f; return 1; },
    clearInterval: () => { fn = null; },
  };
  return { clock, tick(ms: number) { now += ms; fn?.(); }, get running() { return fn !== null; } };
}

/** Frames arrive asynchronously through the channel: wait until `ok` holds. */
async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(ok()).toBe(true);
}

const channels: MessageChannel[] = [];
afterEach(() => { for (const c of channels.splice(0)) { c.port1.close(); c.port2.close(); } });

/** The engine behind a real MessageChannel, exactly as the UI sees it (minus the Worker). */
function connect(clock: Clock) {
  const channel = new MessageChannel();
  channels.push(channel);
  // comlink's expose is imported lazily to keep the module graph identical to the worker's.
  return import('comlink').then(({ expose }) => {
    expose(createEngineApi(clock), channel.port1);
    return wrap<EngineApi>(channel.port2);
  });
}

describe('engine over a MessageChannel', () => {
  it('streams frames: commands in, events out', async () => {
    const frames: Frame[] = [];
    const { clock } = fakeClock();
    const api = await connect(clock);
    await api.subscribe(proxy((f: Frame) => { frames.push(f); }));
    await until(() => frames.length === 1);
    expect(frames[0]!.world.nodes.map((n) => n.id)).toEqual(['A', 'B', 'C']);
    expect(frames[0]!.resetLog).toBe(true);
    expect(await api.dispatch({ type: 'write', node: 'A', value: 'X' })).toEqual({ ok: true });
    await until(() => frames.length === 2);
    const last = frames.at(-1)!;
    expect(last.newEvents.map((e) => e.text)).toContain('A → B  prepare 1.A');
    expect(last.world.inflight).toHaveLength(2);
  });

  it('reports impossible commands as errors instead of throwing', async () => {
    const api = await connect(fakeClock().clock);
    expect(await api.dispatch({ type: 'restart', node: 'A' })).toEqual({ ok: false, error: 'A is not crashed' });
  });

  it('plays on the clock only while playing, at the chosen speed', async () => {
    const frames: Frame[] = [];
    const fc = fakeClock();
    const api = await connect(fc.clock);
    await api.subscribe(proxy((f: Frame) => { frames.push(f); }));
    await api.dispatch({ type: 'write', node: 'A', value: 'X' });
    expect(fc.running).toBe(false);
    await api.setSpeed(2);
    await api.play();
    expect(fc.running).toBe(true);
    fc.tick(500);
    await until(() => frames.at(-1)!.clock > 1);
    expect(frames.at(-1)!.clock).toBeCloseTo(0.5 * TICKS_PER_SECOND * 2);
    await api.pause();
    expect(fc.running).toBe(false);
  });
  it('travels in time: seek pauses the clock, stepBack and seekToTime move the view', async () => {
    const frames: Frame[] = [];
    const fc = fakeClock();
    const api = await connect(fc.clock);
    await api.subscribe(proxy((f: Frame) => { frames.push(f); }));
    await api.dispatch({ type: 'write', node: 'A', value: 'X' });
    await api.play();
    fc.tick(1000);
    await until(() => frames.at(-1)!.length > 3);
    const length = frames.at(-1)!.length;
    await api.seek(2);
    expect(fc.running).toBe(false);
    await until(() => frames.at(-1)!.position === 2);
    expect(frames.at(-1)!).toMatchObject({ playing: false, resetLog: true, length });
    expect(await api.stepBack()).toBe(true);
    await until(() => frames.at(-1)!.position === 1);
    await api.seekToTime(1e9);
    await until(() => frames.at(-1)!.position === length);
  });
});

describe('engine', () => {
  it('steps one event at a time and to the next phase', () => {
    const frames: Frame[] = [];
    const engine = new Engine({ seed: 3 }, (f) => frames.push(f));
    engine.dispatch({ type: 'write', node: 'A', value: 'X' });
    expect(engine.step()).toBe(true);
    expect(frames.at(-1)!.newEvents[0]!.event.type).toBe('deliver');
    // Phase steps: … → A proposes (majority of promises) → … → chosen → …
    const milestones: string[] = [];
    while (engine.stepPhase()) milestones.push(...frames.at(-1)!.newEvents.map((e) => e.event.type).filter((t) => ['propose', 'chosen', 'learn'].includes(t)));
    expect(milestones.slice(0, 3)).toEqual(['propose', 'chosen', 'learn']);
    expect(engine.current.nodes.every((n) => n.learned?.value === 'X')).toBe(true);
  });

  it('keeps a command log that replays to the same world', async () => {
    const { apply, createWorld } = await import('../../src/core');
    const engine = new Engine({ seed: 9, nodes: 5 }, () => {});
    engine.dispatch({ type: 'write', node: 'B', value: 'X' });
    engine.play();
    for (let i = 0; i < 40; i++) engine.advanceWall(100);
    engine.dispatch({ type: 'crash', node: 'C' });
    let w = createWorld({ seed: 9, nodes: 5 });
    for (const { cmd } of engine.commands) w = apply(w, cmd).world;
    expect(w).toEqual(engine.current);
  });

  it('does not play in manual mode: the user chooses every delivery', () => {
    const engine = new Engine({ mode: 'manual' }, () => {});
    engine.dispatch({ type: 'write', node: 'A', value: 'X' });
    engine.play();
    engine.advanceWall(5000);
    expect(engine.isPlaying).toBe(false);
    expect(engine.current.inflight).toHaveLength(2);
  });
});
