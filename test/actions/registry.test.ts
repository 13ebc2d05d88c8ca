import { describe, expect, it, vi } from 'vitest';
import { ACTIONS, actionForKey, nextQuickValue, selectionContext } from '../../src/actions/registry';
import { createSimStore, receiveFrame, type SimActions } from '../../src/store/simStore';
import { Engine } from '../../src/worker/engine';

function fakeSim(): SimActions {
  return {
    dispatch: vi.fn(async () => true), play: vi.fn(), pause: vi.fn(), togglePlay: vi.fn(), setSpeed: vi.fn(),
    step: vi.fn(), stepPhase: vi.fn(), reset: vi.fn(), select: vi.fn(), dismissNotice: vi.fn(),
    seek: vi.fn(), seekToTime: vi.fn(), stepBack: vi.fn(), hover: vi.fn(),
    loadScenario: vi.fn(async () => true), exportScenario: vi.fn(async () => ({ ok: false as const, error: 'fake' })), exportRun: vi.fn(async () => null), showBanner: vi.fn(),
  };
}

function storeWith(drive: (e: Engine) => void) {
  const store = createSimStore();
  const engine = new Engine({ seed: 1 }, (f) => receiveFrame(store, f));
  engine.publish();
  drive(engine);
  return store;
}

describe('action registry', () => {
  it('has unique ids and every action a label and description', () => {
    expect(new Set(ACTIONS.map((a) => a.id)).size).toBe(ACTIONS.length);
    for (const a of ACTIONS) expect(a.label.length * a.description.length).toBeGreaterThan(0);
  });

  it('routes keys by selection: message actions first, then node, then global', () => {
    const store = storeWith((e) => e.dispatch({ type: 'write', node: 'A', value: 'X' }));
    const sim = fakeSim();
    const id = store.getState().frame!.world.inflight[0]!.id;
    store.setState({ selection: { kind: 'message', id } });
    actionForKey('x', selectionContext(store.getState(), sim))!.run(selectionContext(store.getState(), sim));
    expect(sim.dispatch).toHaveBeenCalledWith({ type: 'drop', id });
    store.setState({ selection: { kind: 'node', id: 'B' } });
    expect(actionForKey('c', selectionContext(store.getState(), sim))!.id).toBe('crash');
    expect(actionForKey(' ', selectionContext(store.getState(), sim))!.id).toBe('play-pause');
    expect(actionForKey('q', selectionContext(store.getState(), sim))).toBeUndefined();
  });

  it('offers restart instead of crash for a crashed node, and nothing for unavailable actions', () => {
    const store = storeWith((e) => e.dispatch({ type: 'crash', node: 'B' }));
    store.setState({ selection: { kind: 'node', id: 'B' } });
    const ctx = selectionContext(store.getState(), fakeSim());
    expect(actionForKey('c', ctx)!.id).toBe('restart');
    expect(actionForKey('w', ctx)).toBeUndefined();
  });

  it('isolates nodes one by one, keeping the partition made so far; splits off a minority', () => {
    const store = createSimStore();
    const engine = new Engine({ seed: 1, nodes: 5 }, (f) => receiveFrame(store, f));
    engine.publish();
    const sim = { ...fakeSim(), dispatch: async (cmd: Parameters<SimActions['dispatch']>[0]) => engine.dispatch(cmd).ok };
    const run = (id: string, node?: string) => {
      store.setState({ selection: node ? { kind: 'node', id: node } : null });
      const ctx = selectionContext(store.getState(), sim);
      ACTIONS.find((a) => a.id === id)!.run(ctx);
    };
    run('isolate', 'A');
    run('isolate', 'B');
    expect(engine.current.partition).toEqual([2, 3, 1, 1, 1]);
    const ctx = () => selectionContext(store.getState(), sim);
    expect(ACTIONS.find((a) => a.id === 'isolate')!.available(ctx())).toBe(false); // B is alone already
    run('split');
    expect(engine.current.partition).toEqual([1, 1, 2, 2, 2]);
  });

  it('picks a fresh quick value for each write', () => {
    const store = storeWith((e) => { e.dispatch({ type: 'write', node: 'A', value: 'X' }); e.dispatch({ type: 'write', node: 'B', value: 'Y' }); });
    expect(nextQuickValue(store.getState())).toBe('Z');
  });
});

describe('time-travel actions', () => {
  it('step back, to the start and back to now are available only where they can move; step replays the past', () => {
    const engineRef: { e: Engine | null } = { e: null };
    const store = storeWith((e) => {
      engineRef.e = e;
      e.dispatch({ type: 'write', node: 'A', value: 'X' });
      while (e.step()) { /* to quiet */ }
    });
    const sim = fakeSim();
    const avail = (id: string) => ACTIONS.find((a) => a.id === id)!.available(selectionContext(store.getState(), sim));
    expect(avail('step-back')).toBe(true);
    expect(avail('to-start')).toBe(true);
    expect(avail('to-now')).toBe(false);
    expect(avail('step')).toBe(false); // quiet: nothing pending at the end
    engineRef.e!.seek(2);
    expect(avail('to-now')).toBe(true);
    expect(avail('step')).toBe(true); // the recorded future
    expect(avail('step-phase')).toBe(true);
    engineRef.e!.seek(0);
    expect(avail('step-back')).toBe(false);
    expect(avail('to-start')).toBe(false);
    ACTIONS.find((a) => a.id === 'to-now')!.run(selectionContext(store.getState(), sim));
    expect(sim.seek).toHaveBeenCalledWith(engineRef.e!.commands.length);
  });

  it('← and , step back; Home and End jump (when they can)', () => {
    let engine: Engine | null = null;
    const store = storeWith((e) => {
      engine = e;
      e.dispatch({ type: 'write', node: 'A', value: 'X' });
      e.step();
    });
    const ctx = () => selectionContext(store.getState(), fakeSim());
    expect(actionForKey('ArrowLeft', ctx())?.id).toBe('step-back');
    expect(actionForKey(',', ctx())?.id).toBe('step-back');
    expect(actionForKey('Home', ctx())?.id).toBe('to-start');
    expect(actionForKey('End', ctx())).toBeUndefined(); // already now
    (engine as unknown as Engine).seek(1);
    expect(actionForKey('End', ctx())?.id).toBe('to-now');
  });
});
