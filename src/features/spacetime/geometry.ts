import { scaleLinear } from 'd3';
import type { Arrow, Diagram } from './model';

// Where things go: time runs left to right, one lane per node. Pure, so it is unit-tested; d3
// supplies the scale and its "nice" ticks, React draws.

export type WindowMode =
  /** The whole run so far, fitted to the width. */
  | 'all'
  /** The last RECENT_TICKS ticks, following the current moment. */
  | 'recent';

export const LANE_PX = 32;
export const MARGIN = { left: 34, right: 14, top: 34, bottom: 26 } as const;
/** Smallest time span shown, so the first few ticks do not stretch across the whole width. */
export const MIN_SPAN_TICKS = 120;
/** The "recent" window. */
export const RECENT_TICKS = 200;
/**
 * The right edge moves in steps of this many ticks, not with every frame: arrows that have
 * finished keep their pixels between steps, so their memoised elements do not re-render.
 */
export const EDGE_STEP_TICKS = 20;

export interface Geometry {
  readonly width: number;
  readonly height: number;
  readonly t0: number;
  readonly t1: number;
  /** Pixels of time `t` across the SVG. */
  readonly x: (t: number) => number;
  /**
   * Arrows are drawn in a frame that moves with the window: `x(t) = shift + t × pxPerTick`. When the
   * recent window slides (the scale stays), only the frame's translate changes, so arrows that
   * have finished keep their attributes and their memoised elements skip re-rendering.
   */
  readonly pxPerTick: number;
  readonly shift: number;
  readonly laneY: ReadonlyMap<string, number>;
  readonly ticks: readonly number[];
  readonly plotLeft: number;
  readonly plotRight: number;
  readonly plotTop: number;
  readonly plotBottom: number;
}

/** The visible time span [t0, t1] for a diagram. */
export function timeWindow(d: Pick<Diagram, 'start' | 'clock' | 'maxTime'>, mode: WindowMode): [number, number] {
  const step = (t: number) => Math.ceil(t / EDGE_STEP_TICKS) * EDGE_STEP_TICKS;
  if (mode === 'recent') {
    // Keep the present about four fifths of the way across, with room for arrivals just ahead.
    const t1 = Math.max(d.start + RECENT_TICKS, step(d.clock + RECENT_TICKS / 5));
    return [t1 - RECENT_TICKS, t1];
  }
  // The whole run grows in "nice" steps (120, 150, 200, 250, 300, 400 …): a rescale redraws every
  // arrow, so it should happen rarely, and round ends read well on the axis.
  const t1 = d.start + niceAtLeast(Math.max(MIN_SPAN_TICKS, Math.max(d.clock, d.maxTime) + 5 - d.start));
  return [d.start, t1];
}

const NICE = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8];

/** The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k that is ≥ n. */
export function niceAtLeast(n: number): number {
  const p = 10 ** Math.floor(Math.log10(Math.max(n, 1)));
  for (const m of NICE) if (m * p >= n) return m * p;
  return 10 * p;
}

export function layoutDiagram(d: Diagram, width: number, mode: WindowMode): Geometry {
  const [t0, t1] = timeWindow(d, mode);
  const plotLeft = MARGIN.left;
  const plotRight = Math.max(plotLeft + 40, width - MARGIN.right);
  const scale = scaleLinear().domain([t0, t1]).range([plotLeft, plotRight]);
  const laneY = new Map(d.lanes.map((id, i) => [id, MARGIN.top + (i + 0.5) * LANE_PX]));
  const plotTop = MARGIN.top;
  const plotBottom = MARGIN.top + d.lanes.length * LANE_PX;
  const ticks = scale.ticks(Math.max(2, Math.floor((plotRight - plotLeft) / 70)));
  const pxPerTick = (plotRight - plotLeft) / (t1 - t0);
  return {
    width, height: plotBottom + MARGIN.bottom, t0, t1, x: (t) => scale(t), pxPerTick, shift: plotLeft - t0 * pxPerTick,
    laneY, ticks, plotLeft, plotRight, plotTop, plotBottom,
  };
}

export interface ArrowPoints {
  readonly x1: number;
  readonly y1: number;
  /** Where the drawn line ends. */
  readonly x2: number;
  readonly y2: number;
  /** Where an in-flight message will arrive (its dotted continuation), else the same as x2/y2. */
  readonly x3: number;
  readonly y3: number;
}

/** An arrow's points in the arrows' frame (add `g.shift` to x for SVG pixels). */
export function arrowPoints(a: Arrow, g: Pick<Geometry, 'laneY' | 'pxPerTick'>): ArrowPoints | null {
  const ya = g.laneY.get(a.from);
  const yb = g.laneY.get(a.to);
  if (ya === undefined || yb === undefined) return null;
  const x = (t: number) => t * g.pxPerTick;
  const x1 = x(a.sentAt);
  const y2 = ya + (yb - ya) * a.progress;
  const x2 = x(a.end);
  const live = a.outcome === 'in-flight';
  return { x1, y1: ya, x2, y2, x3: live ? x(Math.max(a.deliverAt, a.end)) : x2, y3: live ? yb : y2 };
}

/** Whether any part of an arrow lies inside [t0, t1] (the others are not drawn). */
export function arrowVisible(a: Arrow, g: Pick<Geometry, 't0' | 't1'>): boolean {
  const last = a.outcome === 'in-flight' ? Math.max(a.end, a.deliverAt) : a.end;
  return last >= g.t0 && a.sentAt <= g.t1;
}

/** An arrowhead (a triangle) at (x2, y2) pointing along the line from (x1, y1). */
export function arrowHead(x1: number, y1: number, x2: number, y2: number, length = 7, halfWidth = 3.5): string {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const bx = x2 - ux * length;
  const by = y2 - uy * length;
  const f = (n: number) => n.toFixed(1);
  return `M${f(x2)},${f(y2)}L${f(bx - uy * halfWidth)},${f(by + ux * halfWidth)}L${f(bx + uy * halfWidth)},${f(by - ux * halfWidth)}Z`;
}

/** A × centred on (x, y). */
export function crossPath(x: number, y: number, r = 4.5): string {
  const f = (n: number) => n.toFixed(1);
  return `M${f(x - r)},${f(y - r)}L${f(x + r)},${f(y + r)}M${f(x + r)},${f(y - r)}L${f(x - r)},${f(y + r)}`;
}
