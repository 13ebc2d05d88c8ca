import { describe, expect, it } from 'vitest';
import { MessageAnimator, PILL_FADE_MS, STEP_GLIDE_MS, type AnimatorEnv } from '../../../src/features/graph/animator';
import { edgeBetween, PARKED_PROGRESS, pointAlong } from '../../../src/features/graph/layout';
import { createSimStore, receiveFrame } from '../../../src/store/simStore';
import { Engine, TICKS_PER_SECOND } from '../../../src/worker/engine';

// The animation loop without React or a browser: a hand-driven clock and frame scheduler, a real
// engine and store, and fake elements that record what was written to them.

function setup(mode: 'auto' | 'manual' = 'auto') {
  const store = createSimStore();
  const engine = new Engine({ nodes: 3, seed: 3, mode }, (f) => receiveFrame(store, f));
  engine.publish();
  let now = 0;
  let pending: (() => void) | null = null;
  const env: AnimatorEnv = {
    now: () => now,
    requestFrame: (cb) => { pending = cb; return 1; },
    cancelFrame: () => { pending = null; },
  };
  const animator = new MessageAnimator(store, TICKS_PER_SECOND, env);
  /** Let `ms` pass and run one animation frame. */
  const frame = (ms = 16) => { now += ms; const cb = pending; pending = null; cb?.(); };
  const el = () => {
    const writes: string[] = [];
    return { writes, setAttribute: (name: string, value: string) => { if (name === 'transform') writes.push(value); } };
  };
  const edge = edgeBetween({ x: 0, y: 0 }, { x: 200, y: 0 });
  const xOf = (t: string) => Number(/translate\(([-\d.]+)/.exec(t)![1]);
  return { store, engine, animator, frame, el, edge, xOf, advance: (ms: number) => { now += ms; } };
}

describe('message animator', () => {
  it('places a pill as soon as it is tracked, then leaves it alone while paused', () => {
    const { engine, animator, frame, el, edge } = setup();
    engine.dispatch({ type: 'write', node: 'A', value: 'X' });
    animator.start();
    const msg = engine.current.inflight[0]!;
    const e = el();
    animator.track(msg.id, { el: e, msg, edge, parked: false });
    expect(e.writes).toEqual(['translate(0.0 0.0)']);
    for (let i = 0; i < 10; i++) frame();
    expect(e.writes).toHaveLength(1);
    animator.stop();
  });

  it('moves an HTML pill with its translate property', () => {
    const { engine, animator, frame, edge } = setup();
    engine.dispatch({ type: 'write', node: 'A', value: 'X' });
    engine.play();
    animator.start();
    const msg = engine.current.inflight[0]!;
    const writes: string[] = [];
    const el = { style: { set translate(v: string) { writes.push(v); }, get translate() { return writes.at(-1) ?? ''; }, scale: '', opacity: '' } };
    animator.track(msg.id, { el, msg, edge, parked: false });
    frame(16);
    frame(16);
    expect(writes[0]).toBe('0.0px 0.0px');
    const xs = writes.map((w) => Number(/^([-\d.]+)px/.exec(w)![1]));
    expect(xs.at(-1)!).toBeGreaterThan(0);
    animator.stop();
  });

  it('fades an HTML pill in when it appears and out when it leaves, even while paused', () => {
    const { engine, animator, frame, edge } = setup();
    engine.dispatch({ type: 'write', node: 'A', value: 'X' });
    animator.start();
    const msg = engine.current.inflight[0]!;
    const el = { style: { translate: '', scale: '', opacity: '' } };
    animator.track(msg.id, { el, msg, edge, parked: false });
    animator.appear(msg.id);
    expect(el.style).toMatchObject({ scale: '0.500', opacity: '0.000' });
    frame(PILL_FADE_MS / 2);
    expect(Number(el.style.opacity)).toBeGreaterThan(0.5);
    expect(Number(el.style.opacity)).toBeLessThan(1);
    frame(PILL_FADE_MS);
    // Done: nothing is left in the element's style.
    expect(el.style).toMatchObject({ scale: '', opacity: '' });
    animator.leave(msg.id);
    frame(PILL_FADE_MS / 2);
    expect(Number(el.style.opacity)).toBeLessThan(0.5);
    expect(Number(el.style.scale)).toBeLessThan(1);
    frame(PILL_FADE_MS);
    expect(el.style).toMatchObject({ opacity: '0.000', scale: '0.600' });
    animator.stop();
  });

  it('fades out from where it is when a pill leaves while still fading in', () => {
    const { engine, animator, frame, edge } = setup();
    engine.dispatch({ type: 'write', node: 'A', value: 'X' });
    animator.start();
    const msg = engine.current.inflight[0]!;
    const el = { style: { translate: '', scale: '', opacity: '' } };
    animator.track(msg.id, { el, msg, edge, parked: false });
    animator.appear(msg.id);
    frame(PILL_FADE_MS / 4);
    const reached = Number(el.style.opacity);
    animator.leave(msg.id);
    expect(Number(el.style.opacity)).toBeCloseTo(reached, 2);
    frame(16);
    expect(Number(el.style.opacity)).toBeLessThan(reached);
    animator.stop();
  });

  it('does not fade with reduced motion', () => {
    const { engine, animator, edge } = setup();
    animator.reducedMotion = true;
    engine.dispatch({ type: 'write', node: 'A', value: 'X' });
    animator.start();
    const msg = engine.current.inflight[0]!;
    const el = { style: { translate: '', scale: '', opacity: '' } };
    animator.track(msg.id, { el, msg, edge, parked: false });
    animator.appear(msg.id);
    animator.leave(msg.id);
    expect(el.style).toMatchObject({ scale: '', opacity: '' });
    animator.stop();
  });

  it('moves pills between worker frames while playing, without new frames', () => {
    const { engine, animator, frame, el, edge, xOf } = setup();
    engine.dispatch({ type: 'write', node: 'A', value: 'X' });
    engine.play();
    animator.start();
    const msg = engine.current.inflight[0]!;
    const e = el();
    animator.track(msg.id, { el: e, msg, edge, parked: false });
    frame(16);
    frame(16);
    frame(16);
    const xs = e.writes.map(xOf);
    expect(xs.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < xs.length; i++) expect(xs[i]!).toBeGreaterThan(xs[i - 1]!);
    // It never runs past the receiver, however long the worker is silent.
    frame(60_000);
    expect(xOf(e.writes.at(-1)!)).toBeLessThanOrEqual(200);
    animator.stop();
  });

  it('glides to the new clock after a step while paused', () => {
    const { engine, animator, frame, el, edge, xOf } = setup();
    engine.dispatch({ type: 'write', node: 'A', value: 'X' });
    animator.start();
    frame();
    const msg = engine.current.inflight.at(-1)!;
    const e = el();
    animator.track(msg.id, { el: e, msg, edge, parked: false });
    engine.step(); // delivers the earliest message: the clock jumps ahead
    const target = pointAlong(edge, Math.min(1, (engine.current.time - msg.sentAt) / (msg.deliverAt - msg.sentAt))).x;
    frame(STEP_GLIDE_MS / 4);
    const mid = xOf(e.writes.at(-1)!);
    expect(mid).toBeGreaterThan(0);
    expect(mid).toBeLessThan(target);
    frame(STEP_GLIDE_MS);
    expect(xOf(e.writes.at(-1)!)).toBeCloseTo(target, 0);
    animator.stop();
  });

  it('jumps without gliding when the user prefers reduced motion', () => {
    const { engine, animator, frame, el, edge, xOf } = setup();
    animator.reducedMotion = true;
    engine.dispatch({ type: 'write', node: 'A', value: 'X' });
    animator.start();
    frame();
    const msg = engine.current.inflight.at(-1)!;
    const e = el();
    animator.track(msg.id, { el: e, msg, edge, parked: false });
    engine.step();
    frame(1);
    const target = pointAlong(edge, Math.min(1, (engine.current.time - msg.sentAt) / (msg.deliverAt - msg.sentAt))).x;
    expect(xOf(e.writes.at(-1)!)).toBeCloseTo(target, 0);
    animator.stop();
  });

  it('keeps parked messages still in manual mode', () => {
    const { engine, animator, frame, el, edge, xOf } = setup('manual');
    engine.dispatch({ type: 'write', node: 'A', value: 'X' });
    animator.start();
    const msg = engine.current.inflight[0]!;
    const e = el();
    animator.track(msg.id, { el: e, msg, edge, parked: true });
    engine.dispatch({ type: 'deliver', id: engine.current.inflight[1]!.id });
    frame(500);
    expect(new Set(e.writes.map(xOf))).toEqual(new Set([pointAlong(edge, PARKED_PROGRESS).x]));
    animator.stop();
  });

  it('leaves a message the user dropped where it was lost', () => {
    const { engine, animator, frame, el, edge } = setup();
    engine.dispatch({ type: 'write', node: 'A', value: 'X' });
    engine.play();
    animator.start();
    const msg = engine.current.inflight[0]!;
    const e = el();
    animator.track(msg.id, { el: e, msg, edge, parked: false });
    frame(16);
    engine.dispatch({ type: 'drop', id: msg.id });
    const at = e.writes.length;
    frame(16);
    frame(200);
    expect(e.writes).toHaveLength(at);
    animator.stop();
  });

  it('stops touching elements once untracked and stops its loop', () => {
    const { engine, animator, frame, el, edge } = setup();
    engine.dispatch({ type: 'write', node: 'A', value: 'X' });
    engine.play();
    animator.start();
    const msg = engine.current.inflight[0]!;
    const e = el();
    animator.track(msg.id, { el: e, msg, edge, parked: false });
    animator.untrack(msg.id);
    const at = e.writes.length;
    frame(16);
    animator.stop();
    frame(16);
    expect(e.writes).toHaveLength(at);
  });
});
