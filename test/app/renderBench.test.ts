import { describe, expect, it } from 'vitest';
import { benchMessages, RENDER_BENCH_CONFIG, RENDER_BENCH_MESSAGES, startRenderBench } from '../../src/app/renderBench';
import { DEFAULT_CONFIG } from '../../src/core';
import { createSimActions, createSimStore, receiveFrame } from '../../src/store/simStore';
import type { EngineClient } from '../../src/worker/client';
import { Engine, type Frame } from '../../src/worker/engine';

// ?bench=render must put about RENDER_BENCH_MESSAGES messages on the wire of a 7-node cluster —
// not three times as many because the first frames still showed the default 3-node world.

// Frames reach the store on their own channel, later than the replies to commands: here they wait
// in a queue until pump() delivers them.
function setup() {
  const store = createSimStore({ ...DEFAULT_CONFIG, ...RENDER_BENCH_CONFIG });
  const queue: Frame[] = [];
  const engine = new Engine(DEFAULT_CONFIG, (f) => queue.push(f));
  engine.publish(); // the worker's first frame: its default (3-node) world
  const deliver = () => { for (const f of queue.splice(0)) receiveFrame(store, f); };
  deliver();
  const client = {
    dispatch: async (cmd: Parameters<Engine['dispatch']>[0]) => engine.dispatch(cmd),
    play: async () => engine.play(),
  } as unknown as EngineClient;
  const actions = createSimActions(store, () => client);
  /** Let replies and frames flow until nothing moves. */
  const pump = async () => {
    for (let i = 0; i < 400; i++) {
      deliver();
      await Promise.resolve();
    }
  };
  return { store, engine, actions, pump };
}

describe('render bench', () => {
  it('waits for the bench world, then fills the wire to about 100 messages', async () => {
    const { store, engine, actions, pump } = setup();
    // As the app does: reset the engine to the bench's configuration, then start the bench while
    // the store still shows the worker's first (3-node) world.
    engine.reset(store.getState().config);
    const stop = startRenderBench(store, actions);
    await Promise.resolve();
    expect(engine.current.inflight.length).toBe(0);
    await pump();
    const n = engine.current.inflight.length;
    expect(engine.current.config.nodes).toBe(7);
    expect(n).toBeGreaterThanOrEqual(RENDER_BENCH_MESSAGES - 6);
    expect(n).toBeLessThanOrEqual(RENDER_BENCH_MESSAGES + 6);
    expect(engine.isPlaying).toBe(true);
    // Messages arrive; the bench tops the wire up again.
    engine.advanceWall(5_000);
    await pump();
    expect(engine.current.inflight.length).toBeGreaterThanOrEqual(RENDER_BENCH_MESSAGES - 6);
    expect(engine.current.inflight.length).toBeLessThanOrEqual(RENDER_BENCH_MESSAGES + 6);
    stop();
  });

  it('reads the number of messages from the URL, within limits', () => {
    expect(benchMessages(new URLSearchParams('bench=render'))).toBe(RENDER_BENCH_MESSAGES);
    expect(benchMessages(new URLSearchParams('bench=render&messages=300'))).toBe(300);
    expect(benchMessages(new URLSearchParams('messages=-1'))).toBe(RENDER_BENCH_MESSAGES);
    expect(benchMessages(new URLSearchParams('messages=1e9'))).toBe(RENDER_BENCH_MESSAGES);
  });
});
