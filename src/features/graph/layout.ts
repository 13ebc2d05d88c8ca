import { pointRadial, polygonHull, scaleLinear } from 'd3';
import { nodeIds, type Message, type NodeId } from '../../core';
import { messageProgress, PARKED_PROGRESS, pointAlong, type Edge, type Point, type Size } from '../../ui/wireLayout';

// The wire and pill geometry shared with the Multi-Paxos graph lives in src/ui/wireLayout.ts;
// re-exported here so this module stays the basic graph's one place for its geometry.
export {
  assignLanes, clamp01, DIRECTION_OFFSET, edgeBetween, messageEdge, messageProgress, PARKED_PROGRESS, pillOffset, pointAlong,
  type Edge, type Lane, type Point, type Size,
} from '../../ui/wireLayout';

// Pure geometry of the cluster graph, in CSS pixels (no React, no DOM): where the nodes and their
// cards go for a given width, where a message is at a given clock, and the outlines of partition
// groups. Working in pixels rather than a scaled viewBox keeps text the same size on a phone and
// on a desktop; the layout instead chooses how much detail fits.

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** How much a node card says: everything, a compact version, or nothing (the circle only). */
export type CardDetail = 'full' | 'compact' | 'none';
export type CardSide = 'left' | 'right' | 'above' | 'below';
/** Cards beside side nodes (wide screens) or all above/below their node (narrow screens). */
export type CardPlacement = 'side' | 'vertical';

export interface CardMetrics {
  readonly width: number;
  readonly fontPx: number;
  readonly lineHeight: number;
  readonly maxLines: number;
  readonly padX: number;
  readonly padY: number;
}

export const CARD_METRICS: Readonly<Record<Exclude<CardDetail, 'none'>, CardMetrics>> = {
  full: { width: 172, fontPx: 12, lineHeight: 15, maxLines: 5, padX: 8, padY: 5 },
  compact: { width: 118, fontPx: 10.5, lineHeight: 13, maxLines: 4, padX: 6, padY: 4 },
};

/** Space reserved for a card: its line count may vary, its box never grows past this. */
export function cardHeight(m: CardMetrics, lines = m.maxLines): number {
  return lines * m.lineHeight + 2 * m.padY;
}

export interface NodeSlot {
  readonly id: NodeId;
  readonly index: number;
  readonly x: number;
  readonly y: number;
  /** Radians clockwise from 12 o'clock. */
  readonly angle: number;
  /** The card's reserved box (absolute coordinates) and on which side of the node it sits. */
  readonly card: (Rect & { readonly side: CardSide }) | null;
}

export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  readonly center: Point;
  /** Radius of the circle the nodes sit on. */
  readonly radius: number;
  readonly nodeRadius: number;
  readonly detail: CardDetail;
  readonly placement: CardPlacement;
  readonly nodes: readonly NodeSlot[];
}

export const MIN_WIDTH = 280;
export const MAX_WIDTH = 1200;
const PAD = 10;
/** Gap between a node circle and its card. */
const CARD_GAP = 8;
/** Room the ✓ / timer badges take around a node circle. */
const BADGE_REACH = 9;

export function nodeRadiusFor(width: number): number {
  return Math.round(Math.min(26, Math.max(17, width * 0.03)));
}

/** Angles of `count` nodes: the first at 12 o'clock, then clockwise, evenly spaced. */
export function nodeAngles(count: number): number[] {
  const angle = scaleLinear().domain([0, count]).range([0, 2 * Math.PI]);
  return Array.from({ length: count }, (_, i) => angle(i));
}

/** Node centres on a circle of `radius` around `center` (first at the top, clockwise). */
export function circlePositions(count: number, radius: number, center: Point = { x: 0, y: 0 }): Point[] {
  return nodeAngles(count).map((a) => {
    const [x, y] = pointRadial(a, radius);
    return { x: center.x + x, y: center.y + y };
  });
}

function cardSide(angle: number, placement: CardPlacement): CardSide {
  const sin = Math.sin(angle);
  if (placement === 'side' && Math.abs(sin) >= 0.5) return sin > 0 ? 'right' : 'left';
  // y grows downwards: cos > 0 is the upper half. Nodes exactly level go below.
  return Math.cos(angle) > 1e-9 ? 'above' : 'below';
}

function cardRect(p: Point, side: CardSide, r: number, m: CardMetrics): Rect {
  const h = cardHeight(m);
  switch (side) {
    case 'right': return { x: p.x + r + CARD_GAP, y: p.y - h / 2, width: m.width, height: h };
    case 'left': return { x: p.x - r - CARD_GAP - m.width, y: p.y - h / 2, width: m.width, height: h };
    case 'above': return { x: p.x - m.width / 2, y: p.y - r - CARD_GAP - h, width: m.width, height: h };
    case 'below': return { x: p.x - m.width / 2, y: p.y + r + CARD_GAP, width: m.width, height: h };
  }
}

function nodeBox(p: Point, r: number): Rect {
  const reach = r + BADGE_REACH;
  return { x: p.x - reach, y: p.y - reach, width: 2 * reach, height: 2 * reach };
}

export function rectsOverlap(a: Rect, b: Rect, margin = 0): boolean {
  return a.x < b.x + b.width + margin && b.x < a.x + a.width + margin && a.y < b.y + b.height + margin && b.y < a.y + a.height + margin;
}

interface Candidate {
  readonly positions: Point[];
  readonly cards: ((Rect & { side: CardSide }) | null)[];
  readonly bounds: Rect;
}

/** Nodes and cards around (0, 0) at `radius`. */
function arrange(count: number, radius: number, r: number, detail: CardDetail, placement: CardPlacement): Candidate {
  const angles = nodeAngles(count);
  const positions = circlePositions(count, radius);
  const m = detail === 'none' ? null : CARD_METRICS[detail];
  const cards = positions.map((p, i) => {
    if (!m) return null;
    const side = cardSide(angles[i]!, placement);
    return { ...cardRect(p, side, r, m), side };
  });
  const boxes = [...positions.map((p) => nodeBox(p, r)), ...cards.filter((c): c is Rect & { side: CardSide } => c !== null)];
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.width));
  const y1 = Math.max(...boxes.map((b) => b.y + b.height));
  return { positions, cards, bounds: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } };
}

/** Whether any card overlaps another card or a node (with its badges). */
function crowded(c: Candidate, r: number): boolean {
  const nodes = c.positions.map((p) => nodeBox(p, r));
  for (let i = 0; i < c.cards.length; i++) {
    const card = c.cards[i];
    if (!card) continue;
    for (let j = i + 1; j < c.cards.length; j++) if (c.cards[j] && rectsOverlap(card, c.cards[j]!, 4)) return true;
    // Its own node's badges may reach towards the card; every other node must stay clear.
    for (let j = 0; j < nodes.length; j++) if (j !== i && rectsOverlap(card, nodes[j]!, 2)) return true;
  }
  // Neighbouring nodes must not touch either.
  for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) if (rectsOverlap(nodes[i]!, nodes[j]!)) return true;
  return false;
}

/**
 * The tallest the graph may get for a width: a little taller than wide on phones (the page scrolls
 * anyway), wider than tall on desktops (it sits beside other panels), and smooth in between.
 */
export function maxHeightFor(width: number): number {
  const t = (Math.min(760, Math.max(420, width)) - 420) / 340;
  return width * (1.2 - 0.42 * t);
}

/** How much larger a circle must be to choose cards above/below nodes over cards beside them. */
const SIDE_PREFERENCE = 1.2;

/** Below this circle radius the messages in the middle get too cramped to read: show less detail. */
function comfortableRadius(width: number): number {
  return width * 0.24;
}

/** The largest circle radius whose nodes and cards fit `width` × `maxHeight` (binary search). */
function largestRadius(count: number, width: number, r: number, detail: CardDetail, placement: CardPlacement): number {
  const maxH = maxHeightFor(width);
  const fits = (radius: number) => {
    const b = arrange(count, radius, r, detail, placement).bounds;
    // Symmetric about the centre line: the widest side decides.
    const half = Math.max(-b.x, b.x + b.width);
    return 2 * half + 2 * PAD <= width && b.height + 2 * PAD <= maxH;
  };
  let lo = 0;
  let hi = width / 2;
  if (!fits(lo)) return 0;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return Math.floor(lo);
}

/**
 * Place `count` nodes (3–9) for a graph `width` pixels wide: on a circle, the first at the top,
 * clockwise, each with a card beside it. Picks the most detailed cards that fit without overlapping
 * anything while leaving the middle roomy for messages, then the height that holds it all.
 */
export function clusterLayout(count: number, width: number): GraphLayout {
  const w = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.floor(width)));
  const n = Math.max(1, Math.floor(count));
  const r = nodeRadiusFor(w);
  let pick: { detail: CardDetail; placement: CardPlacement; radius: number } | null = null;
  for (const detail of ['full', 'compact'] as const) {
    for (const placement of ['side', 'vertical'] as const) {
      const radius = largestRadius(n, w, r, detail, placement);
      if (radius < comfortableRadius(w) || crowded(arrange(n, radius, r, detail, placement), r)) continue;
      // Side cards keep the graph lower: take them unless cards above/below allow a circle 20% larger.
      if (!pick || radius > pick.radius * SIDE_PREFERENCE) pick = { detail, placement, radius };
    }
    if (pick) break;
  }
  pick ??= { detail: 'none', placement: 'vertical', radius: largestRadius(n, w, r, 'none', 'vertical') };

  const c = arrange(n, pick.radius, r, pick.detail, pick.placement);
  const minHeight = Math.min(maxHeightFor(w), w * 0.62);
  const height = Math.ceil(Math.max(c.bounds.height + 2 * PAD, minHeight));
  const center = { x: w / 2, y: (height - c.bounds.height) / 2 - c.bounds.y };
  const angles = nodeAngles(n);
  const ids = nodeIds(n);
  const nodes: NodeSlot[] = c.positions.map((p, i) => {
    const card = c.cards[i];
    return {
      id: ids[i]!, index: i, x: center.x + p.x, y: center.y + p.y, angle: angles[i]!,
      card: card ? { ...card, x: card.x + center.x, y: card.y + center.y } : null,
    };
  });
  return { width: w, height, center, radius: pick.radius, nodeRadius: r, detail: pick.detail, placement: pick.placement, nodes };
}

/**
 * The widest layout at most `width` wide whose height fits `maxHeight` (null: no limit), so that the
 * timeline under the graph stays on screen on a laptop. Never narrower than MIN_WIDTH.
 */
export function fitLayout(count: number, width: number, maxHeight: number | null): GraphLayout {
  const full = clusterLayout(count, width);
  if (maxHeight === null || full.height <= maxHeight) return full;
  let lo = MIN_WIDTH;
  let hi = Math.max(MIN_WIDTH, Math.floor(width));
  // Height grows with width (a larger circle); bisect for the widest width that fits.
  while (hi - lo > 2) {
    const mid = (lo + hi) >> 1;
    if (clusterLayout(count, mid).height <= maxHeight) lo = mid;
    else hi = mid;
  }
  return clusterLayout(count, lo);
}

// ---------------------------------------------------------------------------------------------
// Messages

/** How a pill is drawn: the full label, a short one, or a bare shape when the wire is crowded. */
export type LabelMode = 'full' | 'short' | 'dot';

/** More messages than fit with full labels get short ones; many more get bare shapes. */
export function labelModeFor(count: number, width: number): LabelMode {
  if (count <= Math.max(4, Math.round(width / 65))) return 'full';
  if (count <= Math.max(10, Math.round(width / 20))) return 'short';
  return 'dot';
}

/** Pill text is monospace, so its width follows from the character count. */
export const PILL_FONT_PX: Readonly<Record<LabelMode, number>> = { full: 11, short: 10.5, dot: 0 };
const MONO_EM = 0.62;

export function pillSize(label: string, mode: LabelMode): Size {
  if (mode === 'dot') return { width: 13, height: 13 };
  const font = PILL_FONT_PX[mode];
  return { width: Math.ceil([...label].length * font * MONO_EM + 14), height: mode === 'full' ? 18 : 16 };
}

/** Where the direction pointer goes: just outside the pill's box, on the side facing the receiver. */
export function pointerOffset(e: Edge, size: Size): Point {
  const tx = Math.abs(e.ux) > 1e-6 ? size.width / 2 / Math.abs(e.ux) : Infinity;
  const ty = Math.abs(e.uy) > 1e-6 ? size.height / 2 / Math.abs(e.uy) : Infinity;
  const t = Math.min(tx, ty) + 2;
  return { x: e.ux * t, y: e.uy * t };
}

/** Where a dropped message was lost: where it was (dropped by the user), else at the receiver. */
export function dropPoint(e: Edge, m: Pick<Message, 'sentAt' | 'deliverAt'>, time: number, atReceiver: boolean, parked: boolean): Point {
  if (atReceiver) return pointAlong(e, e.length > 0 ? Math.max(0, 1 - 14 / e.length) : 1);
  return pointAlong(e, parked ? PARKED_PROGRESS : messageProgress(m, time));
}

// ---------------------------------------------------------------------------------------------
// Partitions

/**
 * An SVG path tracing a partition group's nodes, meant to be stroked very wide with round joins so
 * it becomes a padded blob: a dot for one node, a capsule for two, the convex hull for more.
 */
export function groupOutline(points: readonly Point[]): string {
  if (points.length === 0) return '';
  const f = (p: Point) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`;
  if (points.length === 1) return `M${f(points[0]!)}Z`;
  if (points.length === 2) return `M${f(points[0]!)}L${f(points[1]!)}Z`;
  const hull = polygonHull(points.map((p) => [p.x, p.y] as [number, number]));
  const ring = hull ? hull.map(([x, y]) => ({ x, y })) : [...points];
  return `M${ring.map(f).join('L')}Z`;
}

/** Where the label of a group goes: beyond its nodes, away from the centre. */
export function groupLabelPoint(points: readonly Point[], center: Point, reach: number): Point {
  const mx = points.reduce((s, p) => s + p.x, 0) / Math.max(1, points.length);
  const my = points.reduce((s, p) => s + p.y, 0) / Math.max(1, points.length);
  const dx = mx - center.x;
  const dy = my - center.y;
  const d = Math.hypot(dx, dy);
  if (d < 1) return { x: center.x, y: center.y - reach };
  return { x: mx + (dx / d) * reach, y: my + (dy / d) * reach };
}

// ---------------------------------------------------------------------------------------------
// The view's clock

/** Never extrapolate further ahead of the worker than this: a stalled worker freezes the view. */
export const EXTRAPOLATE_MS_MAX = 120;

/**
 * The clock the view draws with. Between worker frames, while playing, it runs on at the frame's
 * speed from when the frame arrived (at most EXTRAPOLATE_MS_MAX ahead; messages also stop at their
 * receiver, progress ≤ 1). Paused, it is the frame's clock.
 */
export function extrapolateClock(
  frame: { readonly clock: number; readonly playing: boolean; readonly speed: number },
  elapsedMs: number,
  ticksPerSecond: number,
): number {
  if (!frame.playing) return frame.clock;
  const ms = Math.min(EXTRAPOLATE_MS_MAX, Math.max(0, elapsedMs));
  return frame.clock + (ms / 1000) * ticksPerSecond * frame.speed;
}
