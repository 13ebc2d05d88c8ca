// Pure geometry of messages on the wires between nodes (no React, no DOM), shared by the basic
// Paxos graph and the Multi-Paxos graph: where a message is at a given clock, where it waits in
// manual mode, and how pills that share a wire keep out of each other's way.

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** What the wire geometry needs to know about a message (both protocols' messages have it). */
export interface WireMessage {
  readonly id: number;
  readonly from: string;
  readonly to: string;
  readonly sentAt: number;
  readonly deliverAt: number;
}

/** A directed edge between two node rims, with its unit tangent `u` and right-hand normal `n`. */
export interface Edge {
  readonly from: Point;
  readonly to: Point;
  readonly length: number;
  readonly ux: number;
  readonly uy: number;
  /** Right-hand side of the direction of travel (y grows downwards): A→B and B→A get opposite sides. */
  readonly nx: number;
  readonly ny: number;
}

/** The edge from `a` to `b`, trimmed by `trim` at both ends so messages leave and arrive at the rims. */
export function edgeBetween(a: Point, b: Point, trim = 0): Edge {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const d = Math.hypot(dx, dy) || 1;
  const ux = dx / d;
  const uy = dy / d;
  const t = Math.min(trim, d / 2);
  return {
    from: { x: a.x + ux * t, y: a.y + uy * t },
    to: { x: b.x - ux * t, y: b.y - uy * t },
    length: Math.max(0, d - 2 * t), ux, uy, nx: -uy, ny: ux,
  };
}

/**
 * The path a pill's centre follows from `a` to `b`: trimmed so that the pill just touches the
 * sender's rim when it leaves and the receiver's when it arrives, never covering either node.
 */
export function messageEdge(a: Point, b: Point, nodeRadius: number, size: Size): Edge {
  const raw = edgeBetween(a, b);
  const along = Math.abs(raw.ux) * size.width + Math.abs(raw.uy) * size.height;
  return edgeBetween(a, b, nodeRadius + 3 + along / 2);
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : Number.isFinite(x) ? x : 0;
}

/**
 * Where messages wait in manual mode: they do not move until the user acts. A little past the
 * middle, towards the receiver ("waiting at the door"): A→B and B→A then wait at different points,
 * and messages on chords that cross at the centre do not all pile up there.
 */
export const PARKED_PROGRESS = 0.62;

/** How far along its edge a message is: (clock − sentAt) / (deliverAt − sentAt), clamped to [0, 1]. */
export function messageProgress(m: Pick<WireMessage, 'sentAt' | 'deliverAt'>, clock: number): number {
  const span = m.deliverAt - m.sentAt;
  if (span <= 0) return clock >= m.deliverAt ? 1 : 0;
  return clamp01((clock - m.sentAt) / span);
}

export function pointAlong(e: Edge, progress: number): Point {
  const d = e.length * clamp01(progress);
  return { x: e.from.x + e.ux * d, y: e.from.y + e.uy * d };
}

/** Gap between the wire and the near side of a parked pill. */
const WIRE_GAP = 5;
const LANE_GAP = 3;
/** A moving pill rides this far to the right of its wire, so A→B and B→A pass side by side. */
export const DIRECTION_OFFSET = 7;
/** Two messages on one edge whose send and arrival ticks differ by at most this much in total travel together. */
const TOGETHER_TICKS = 4;

export interface Lane {
  /** Parked: position among the messages on the same directed edge (by id). Moving: lane index. */
  readonly rank: number;
  /** How many messages share the directed edge. */
  readonly count: number;
}

/**
 * How close (in fractions of the trip) two messages on one edge come while both are on the wire:
 * their progress differs linearly in time between when both are sent and the first arrives.
 * Infinity if they are never on the wire together.
 */
function closestApart(a: Pick<WireMessage, 'sentAt' | 'deliverAt'>, b: Pick<WireMessage, 'sentAt' | 'deliverAt'>): number {
  const t0 = Math.max(a.sentAt, b.sentAt);
  const t1 = Math.min(a.deliverAt, b.deliverAt);
  if (t1 < t0) return Infinity;
  const f0 = messageProgress(a, t0) - messageProgress(b, t0);
  const f1 = messageProgress(a, t1) - messageProgress(b, t1);
  return f0 * f1 <= 0 ? 0 : Math.min(Math.abs(f0), Math.abs(f1));
}

/**
 * Lanes for the messages on each directed edge, deterministic (by id). Parked messages (manual
 * mode) all wait in the middle, so each gets its own slot in a stack. Moving messages are already
 * apart in time; only those that travel together (sent and due within a few ticks of each other,
 * e.g. a burst of reads) would hide each other for the whole trip, so only they get separate lanes.
 * With `nearFraction` (the fraction of a wire's trip a pill takes up along it, per edge), so do
 * those that pass or catch up with each other on the way, however far apart they were sent.
 */
export function assignLanes(
  messages: readonly Pick<WireMessage, 'id' | 'from' | 'to' | 'sentAt' | 'deliverAt'>[], parked: boolean, nearFraction?: (from: string, to: string) => number,
): Map<number, Lane> {
  const groups = new Map<string, Pick<WireMessage, 'id' | 'sentAt' | 'deliverAt'>[]>();
  for (const m of messages) {
    const key = `${m.from}>${m.to}`;
    const g = groups.get(key);
    if (g) g.push(m);
    else groups.set(key, [m]);
  }
  const lanes = new Map<number, Lane>();
  for (const [key, g] of groups) {
    const [from, to] = key.split('>') as [string, string];
    const near = nearFraction ? nearFraction(from, to) : 0;
    g.sort((a, b) => a.id - b.id);
    g.forEach((m, rank) => {
      if (parked) {
        lanes.set(m.id, { rank, count: g.length });
        return;
      }
      const taken = new Set<number>();
      for (let i = 0; i < rank; i++) {
        const o = g[i]!;
        if (Math.abs(o.sentAt - m.sentAt) + Math.abs(o.deliverAt - m.deliverAt) <= TOGETHER_TICKS || closestApart(o, m) < near) taken.add(lanes.get(o.id)!.rank);
      }
      let lane = 0;
      while (taken.has(lane)) lane++;
      lanes.set(m.id, { rank: lane, count: g.length });
    });
  }
  return lanes;
}

/**
 * Where a pill's centre sits relative to its point on the wire. Moving: just right of the wire in
 * its direction of travel, so A→B and B→A pass side by side, and one pill-width further per lane.
 * Parked (manual mode): clear of the wire on its direction's side, stacked compactly around the
 * middle — across the wire or along it, whichever way the pill is thinner (along it, in rows that
 * stay between the two nodes). A stack assumes its pills are the same size: a caller whose labels
 * differ in length passes the largest size for all of them.
 */
export function pillOffset(e: Edge, size: Size, lane: Lane, parked: boolean): Point {
  const across = Math.abs(e.nx) * size.width + Math.abs(e.ny) * size.height;
  const along = Math.abs(e.ux) * size.width + Math.abs(e.uy) * size.height;
  if (!parked) {
    const d = Math.min(DIRECTION_OFFSET, across / 2) + lane.rank * (across + LANE_GAP);
    return { x: e.nx * d, y: e.ny * d };
  }
  const side = WIRE_GAP + across / 2;
  if (across <= along) {
    const d = side + lane.rank * (across + LANE_GAP);
    return { x: e.nx * d, y: e.ny * d };
  }
  // Along the wire, as many as fit between the two nodes (the parked point is PARKED_PROGRESS of the
  // way, so the row is slid to stay on the wire), then further rows, each a pill further out.
  const step = along + LANE_GAP;
  const perRow = Math.max(1, Math.floor(e.length / step) + 1);
  const row = Math.floor(lane.rank / perRow);
  const inRow = Math.min(perRow, Math.max(1, lane.count - row * perRow));
  const span = (inRow - 1) * step;
  const start = PARKED_PROGRESS * e.length - span / 2;
  const slide = start < 0 ? -start : start + span > e.length ? Math.max(e.length - start - span, -start) : 0;
  const t = (lane.rank % perRow) * step - span / 2 + slide;
  const d = side + row * (across + LANE_GAP);
  return { x: e.nx * d + e.ux * t, y: e.ny * d + e.uy * t };
}

/**
 * The shift that brings boxes (centre and size each) inside `[0, width] × [0, height]` together,
 * keeping their places relative to each other (a stack stays a stack). Where they cannot all fit,
 * the first edge (left, top) wins.
 */
export function shiftInside(boxes: readonly (Point & Size)[], width: number, height: number): Point {
  if (boxes.length === 0) return { x: 0, y: 0 };
  const x0 = Math.min(...boxes.map((b) => b.x - b.width / 2));
  const x1 = Math.max(...boxes.map((b) => b.x + b.width / 2));
  const y0 = Math.min(...boxes.map((b) => b.y - b.height / 2));
  const y1 = Math.max(...boxes.map((b) => b.y + b.height / 2));
  const fit = (lo: number, hi: number, max: number) => (lo < 0 ? -lo : hi > max ? Math.max(max - hi, -lo) : 0);
  return { x: fit(x0, x1, width), y: fit(y0, y1, height) };
}
