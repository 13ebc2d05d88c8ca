import { easeCubicOut } from 'd3';
import type { Message } from '../../core';
import type { SimStore } from '../../store/simStore';
import type { Frame } from '../../worker/engine';
import { extrapolateClock, messageProgress, PARKED_PROGRESS, pointAlong, type Edge } from './layout';

// Moves the message pills without React: one requestAnimationFrame loop reads the latest frame from
// the store and writes each pill's position directly. React renders a pill once when the message
// appears and registers its element here; from then on only this loop touches it. The same loop
// fades pills in and out (scale and opacity), rather than a CSS animation: in Chromium an element
// that has ever run a CSS animation or transition costs about twice as much in every later style
// recalculation, and every pill is restyled on every frame.

/** The part of an HTML element's style the loop writes. */
export interface PillStyle {
  translate: string;
  scale: string;
  opacity: string;
}

/**
 * Where a pill's position is written: an HTML element's `translate` property (what the graph
 * uses: moving it needs no layout and no repaint), or an SVG element's `transform` attribute
 * (positions only, no fades).
 */
export type PillElement = { readonly style: PillStyle } | { setAttribute(name: string, value: string): void };

/** What the loop needs to place one message: its element, its data and its edge. */
export interface Tracked {
  readonly el: PillElement;
  readonly msg: Message;
  readonly edge: Edge;
  readonly parked: boolean;
}

/** A step while paused glides messages to their new places over this long (not with reduced motion). */
export const STEP_GLIDE_MS = 280;
/** A glide longer than this many ticks (a seek, a reset) jumps instead. */
const GLIDE_TICKS_MAX = 400;
/** A pill fades and grows in over this long when it appears, and fades and shrinks out when it leaves. */
export const PILL_FADE_MS = 220;
const ENTER_SCALE = 0.5;
const EXIT_SCALE = 0.6;

interface Fade {
  readonly start: number;
  readonly leaving: boolean;
}

export interface AnimatorEnv {
  now(): number;
  requestFrame(cb: () => void): number;
  cancelFrame(handle: number): void;
}

const browserEnv = (): AnimatorEnv => ({
  now: () => performance.now(),
  requestFrame: (cb) => requestAnimationFrame(cb),
  cancelFrame: (h) => cancelAnimationFrame(h),
});

export class MessageAnimator {
  private readonly tracked = new Map<number, Tracked>();
  private readonly written = new Map<number, string>();
  /** Messages the user dropped: while they fade out they stay where they were lost. */
  private readonly userDropped = new Set<number>();
  /** Pills fading in or out, by message id. */
  private readonly fades = new Map<number, Fade>();
  private frame: Frame | null = null;
  private receivedAt = 0;
  private shown = Number.NaN;
  private glide: { from: number; to: number; start: number } | null = null;
  private handle: number | null = null;
  private unsubscribe: (() => void) | null = null;
  private dirty = true;
  reducedMotion = false;

  constructor(
    private readonly store: SimStore,
    private readonly ticksPerSecond: number,
    private readonly env: AnimatorEnv = browserEnv(),
  ) {}

  /** The clock messages were last drawn with (NaN before the first frame). */
  get clock(): number {
    return this.shown;
  }

  start(): void {
    if (this.unsubscribe) return;
    this.onFrame(this.store.getState().frame);
    this.unsubscribe = this.store.subscribe((s) => {
      if (s.frame !== this.frame) this.onFrame(s.frame);
    });
    const loop = () => {
      this.tick();
      this.handle = this.env.requestFrame(loop);
    };
    this.handle = this.env.requestFrame(loop);
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.handle !== null) this.env.cancelFrame(this.handle);
    this.handle = null;
  }

  /** A pill appeared (or its message changed, e.g. delayed): place it at once, before it is painted. */
  track(id: number, t: Tracked): void {
    this.tracked.set(id, t);
    this.written.delete(id);
    if (this.frame) this.place(id, t, this.currentClock());
  }

  untrack(id: number): void {
    this.tracked.delete(id);
    this.written.delete(id);
    this.fades.delete(id);
  }

  /** A pill has just appeared: fade and grow it in (call after track). */
  appear(id: number): void {
    this.startFade(id, false);
  }

  /** A pill's message is gone: fade and shrink it out where it is; React removes it after PILL_FADE_MS. */
  leave(id: number): void {
    this.startFade(id, true);
  }

  private startFade(id: number, leaving: boolean): void {
    const t = this.tracked.get(id);
    if (!t || this.reducedMotion || !('style' in t.el)) return;
    const now = this.env.now();
    const current = this.fades.get(id);
    // Leaving while still fading in (fast playback): go out from the opacity it has reached
    // instead of jumping to full. easeCubicOut(q) = 1 − (1 − q)³, so shown = 1 − ease(q) gives q.
    const shown = current && !current.leaving ? easeCubicOut(this.fadeProgress(current, now)) : 1;
    const start = leaving ? now - PILL_FADE_MS * (1 - Math.cbrt(shown)) : now;
    this.fades.set(id, { start, leaving });
    this.fade(id, t.el, now);
  }

  private fadeProgress(f: Fade, now: number): number {
    return Math.min(1, Math.max(0, (now - f.start) / PILL_FADE_MS));
  }

  /** Write one pill's fade for `now`; forget the fade once it is over. */
  private fade(id: number, el: { readonly style: PillStyle }, now: number): void {
    const f = this.fades.get(id)!;
    const k = easeCubicOut(this.fadeProgress(f, now));
    if (!f.leaving && k >= 1) {
      el.style.scale = '';
      el.style.opacity = '';
      this.fades.delete(id);
      return;
    }
    const shown = f.leaving ? 1 - k : k;
    el.style.scale = (f.leaving ? EXIT_SCALE + (1 - EXIT_SCALE) * shown : ENTER_SCALE + (1 - ENTER_SCALE) * shown).toFixed(3);
    el.style.opacity = shown.toFixed(3);
  }

  private onFrame(frame: Frame | null): void {
    const now = this.env.now();
    const prev = this.frame;
    this.frame = frame;
    this.receivedAt = now;
    this.dirty = true;
    if (!frame) return;
    for (const e of frame.newEvents) {
      if (e.event.type === 'drop' && e.event.reason === 'user') this.userDropped.add(e.event.msg.id);
    }
    if (this.userDropped.size > 500) this.userDropped.clear();
    // Glide from what is on screen now (mid-glide included) to the new frame's clock.
    const from = this.shown;
    const to = frame.clock;
    const glides = !frame.playing && !this.reducedMotion && prev !== null && Number.isFinite(from) && to > from && to - from <= GLIDE_TICKS_MAX;
    this.glide = glides ? { from, to, start: now } : null;
  }

  /** The clock to draw with now: gliding after a step, extrapolating while playing, else the frame's. */
  private currentClock(now = this.env.now()): number {
    const f = this.frame;
    if (!f) return Number.NaN;
    if (this.glide) {
      const t = (now - this.glide.start) / STEP_GLIDE_MS;
      if (t < 1) return this.glide.from + (this.glide.to - this.glide.from) * easeCubicOut(t);
    }
    const target = extrapolateClock(f, now - this.receivedAt, this.ticksPerSecond);
    // A frame that arrives a little behind the extrapolation holds the view still rather than
    // pulling messages backwards; a big jump back (reset, seek) is followed.
    if (f.playing && this.shown > target && this.shown - target < 8) return this.shown;
    return target;
  }

  /** One animation frame. Does nothing while paused once everything is in place. */
  tick(): void {
    const f = this.frame;
    if (!f) return;
    if (this.fades.size > 0) {
      const now = this.env.now();
      for (const [id] of this.fades) {
        const t = this.tracked.get(id);
        if (t && 'style' in t.el) this.fade(id, t.el, now);
        else this.fades.delete(id);
      }
    }
    const moving = f.playing || this.glide !== null;
    if (!moving && !this.dirty) return;
    const now = this.env.now();
    const clock = this.currentClock(now);
    if (this.glide && now - this.glide.start >= STEP_GLIDE_MS) this.glide = null;
    this.shown = clock;
    this.dirty = this.glide !== null;
    for (const [id, t] of this.tracked) this.place(id, t, clock);
  }

  private place(id: number, t: Tracked, clock: number): void {
    if (this.userDropped.has(id) && this.written.has(id)) return;
    const progress = t.parked ? PARKED_PROGRESS : messageProgress(t.msg, clock);
    const p = pointAlong(t.edge, progress);
    const x = p.x.toFixed(1);
    const y = p.y.toFixed(1);
    const key = `${x} ${y}`;
    if (this.written.get(id) === key) return;
    this.written.set(id, key);
    if ('style' in t.el) t.el.style.translate = `${x}px ${y}px`;
    else t.el.setAttribute('transform', `translate(${key})`);
  }
}
