import { describe, expect, it } from 'vitest';
import { createSimStore, LOG_LIMIT, receiveFrame } from '../../src/store/simStore';
import { Engine, type Frame } from '../../src/worker/engine';

// The store needs no React: drive it with real frames from an engine.
function frames(drive: (e: Engine) => void): Frame[] {
  const out: Frame[] = [];
  const engine = new Engine({ seed: 1 }, (f) => out.push(f));
  engine.publish();
  drive(engine);
  return out;
}

describe('sim store', () => {
  it('appends new events to the log and keeps the newest frame', () => {
    const store = createSimStore();
    for (const f of frames((e) => { e.dispatch({ type: 'write', node: 'A', value: 'X' }); e.step(); })) receiveFrame(store, f);
    const s = store.getState();
    expect(s.status).toBe('ready');
    expect(s.log.map((l) => l.index)).toEqual(s.log.map((_, i) => i));
    expect(s.log[0]!.text).toBe('client asks A to write "X"');
    expect(s.frame!.world.time).toBeGreaterThan(0);
  });

  it('ignores stale frames and starts a fresh log on reset', () => {
    const store = createSimStore();
    const fs = frames((e) => { e.dispatch({ type: 'write', node: 'A', value: 'X' }); e.reset({ seed: 2 }); });
    for (const f of fs) receiveFrame(store, f);
    receiveFrame(store, fs[1]!);
    expect(store.getState().frame!.seq).toBe(fs.at(-1)!.seq);
    expect(store.getState().log).toEqual([]);
  });

  it('keeps unchanged nodes and messages identical across frames copied from the worker', () => {
    const store = createSimStore();
    const fs = frames((e) => { e.dispatch({ type: 'write', node: 'A', value: 'X' }); e.step(); });
    const copy = (f: Frame): Frame => structuredClone(f);
    receiveFrame(store, copy(fs[1]!));
    const before = store.getState().frame!.world;
    receiveFrame(store, copy(fs[2]!)); // one delivery: a prepare reaches B or C, which promises
    const after = store.getState().frame!.world;
    expect(after.nodes[0]).toBe(before.nodes[0]);
    expect(after.nodes.filter((n, i) => n === before.nodes[i])).toHaveLength(2);
    const kept = after.inflight.filter((m) => before.inflight.includes(m));
    expect(kept.length).toBe(before.inflight.length - 1);
  });

  it('caps the log', () => {
    const store = createSimStore();
    const fs = frames((e) => {
      e.dispatch({ type: 'write', node: 'A', value: 'X' });
      for (let i = 0; i < 50; i++) { e.dispatch({ type: 'crash', node: 'B' }); e.dispatch({ type: 'restart', node: 'B' }); }
    });
    for (const f of fs) receiveFrame(store, f);
    expect(store.getState().log.length).toBeLessThanOrEqual(LOG_LIMIT);
  });

  it('clears a message selection once the message is gone', () => {
    const store = createSimStore();
    const fs = frames((e) => { e.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    receiveFrame(store, fs[1]!);
    const id = store.getState().frame!.world.inflight[0]!.id;
    store.setState({ selection: { kind: 'message', id } });
    const more = frames((e) => { e.dispatch({ type: 'write', node: 'A', value: 'X' }); for (let i = 0; i < 5; i++) e.step(); });
    receiveFrame(store, { ...more.at(-1)!, seq: 99 });
    expect(store.getState().selection).toBeNull();
  });
});
