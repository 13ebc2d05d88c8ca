import { describe, expect, it } from 'vitest';
import {
  assignLanes, fitLayout, MIN_WIDTH, cardHeight, CARD_METRICS, circlePositions, clusterLayout, dropPoint, edgeBetween, EXTRAPOLATE_MS_MAX,
  extrapolateClock, groupOutline, labelModeFor, maxHeightFor, messageEdge, messageProgress, PARKED_PROGRESS, pillOffset, pillSize,
  pointAlong, pointerOffset, rectsOverlap, type Edge, type Rect, type Size,
} from '../../../src/features/graph/layout';

const close = (a: number, b: number, eps = 1e-6) => Math.abs(a - b) < eps;

describe('node positions', () => {
  it.each([3, 4, 5, 6, 7, 8, 9])('puts %i nodes on a circle, the first at the top, then clockwise', (n) => {
    const c = { x: 100, y: 100 };
    const ps = circlePositions(n, 50, c);
    expect(ps).toHaveLength(n);
    expect(ps[0]!.x).toBeCloseTo(100);
    expect(ps[0]!.y).toBeCloseTo(50);
    // Clockwise on screen (y grows downwards): the second node is to the right of the first.
    expect(ps[1]!.x).toBeGreaterThan(100);
    for (const p of ps) expect(Math.hypot(p.x - c.x, p.y - c.y)).toBeCloseTo(50);
    // Evenly spaced: every neighbouring pair is the same distance apart.
    const d = (i: number) => Math.hypot(ps[i]!.x - ps[(i + 1) % n]!.x, ps[i]!.y - ps[(i + 1) % n]!.y);
    for (let i = 1; i < n; i++) expect(d(i)).toBeCloseTo(d(0));
  });
});

describe('cluster layout', () => {
  const inside = (r: Rect, w: number, h: number) => r.x >= 0 && r.y >= 0 && r.x + r.width <= w && r.y + r.height <= h;

  for (const width of [320, 390, 480, 600, 760, 900]) {
    for (const n of [3, 5, 7, 9]) {
      it(`fits ${n} nodes in ${width}px without overlapping cards`, () => {
        const l = clusterLayout(n, width);
        expect(l.width).toBe(width);
        expect(l.nodes.map((s) => s.id)).toEqual('ABCDEFGHI'.slice(0, n).split(''));
        expect(l.height).toBeLessThanOrEqual(Math.ceil(maxHeightFor(width)));
        // Square-ish: never a letterbox, never a tower.
        expect(l.height / width).toBeGreaterThan(0.55);
        expect(l.height / width).toBeLessThan(1.25);
        const r = l.nodeRadius;
        const nodeBoxes = l.nodes.map((s) => ({ x: s.x - r, y: s.y - r, width: 2 * r, height: 2 * r }));
        for (const b of nodeBoxes) expect(inside(b, l.width, l.height)).toBe(true);
        const cards = l.nodes.map((s) => s.card);
        if (l.detail === 'none') expect(cards.every((c) => c === null)).toBe(true);
        cards.forEach((card, i) => {
          if (!card) return;
          expect(inside(card, l.width, l.height)).toBe(true);
          cards.forEach((other, j) => { if (other && j !== i) expect(rectsOverlap(card, other)).toBe(false); });
          nodeBoxes.forEach((b, j) => { if (j !== i) expect(rectsOverlap(card, b)).toBe(false); });
        });
        // Neighbouring nodes keep clear of each other, so wires between them have room.
        for (let i = 0; i < n; i++) {
          const a = l.nodes[i]!;
          const b = l.nodes[(i + 1) % n]!;
          expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(2 * r + 8);
        }
      });
    }
  }

  it('shows full cards on a desktop-sized graph and fewer words on a small phone', () => {
    expect(clusterLayout(5, 900).detail).toBe('full');
    expect(clusterLayout(7, 900).detail).toBe('full');
    expect(clusterLayout(5, 390).detail).not.toBe('full');
    expect(clusterLayout(9, 320).detail).toBe('none');
  });

  it('puts each card on the outer side of its node', () => {
    const l = clusterLayout(5, 900);
    const top = l.nodes[0]!;
    expect(top.card!.side).toBe('above');
    expect(top.card!.y + top.card!.height).toBeLessThanOrEqual(top.y - l.nodeRadius);
    for (const s of l.nodes) {
      const c = s.card!;
      if (c.side === 'right') expect(c.x).toBeGreaterThan(s.x);
      if (c.side === 'left') expect(c.x + c.width).toBeLessThan(s.x);
      if (c.side === 'below') expect(c.y).toBeGreaterThan(s.y);
    }
  });

  it('reserves room for the most lines a card can have', () => {
    const m = CARD_METRICS.full;
    expect(clusterLayout(3, 900).nodes[0]!.card!.height).toBe(cardHeight(m));
    expect(cardHeight(m, 2)).toBe(2 * m.lineHeight + 2 * m.padY);
  });
});

describe('message interpolation', () => {
  it('is the fraction of the trip done, clamped to [0, 1]', () => {
    const m = { sentAt: 10, deliverAt: 30 };
    expect(messageProgress(m, 10)).toBe(0);
    expect(messageProgress(m, 20)).toBe(0.5);
    expect(messageProgress(m, 30)).toBe(1);
    expect(messageProgress(m, 5)).toBe(0);
    expect(messageProgress(m, 99)).toBe(1);
    expect(messageProgress({ sentAt: 7, deliverAt: 7 }, 6)).toBe(0);
    expect(messageProgress({ sentAt: 7, deliverAt: 7 }, 7)).toBe(1);
  });

  it('runs from the sender rim to the receiver rim', () => {
    const e = edgeBetween({ x: 0, y: 0 }, { x: 100, y: 0 }, 10);
    expect(pointAlong(e, 0)).toEqual({ x: 10, y: 0 });
    expect(pointAlong(e, 1)).toEqual({ x: 90, y: 0 });
    expect(pointAlong(e, 0.5)).toEqual({ x: 50, y: 0 });
    expect(pointAlong(e, 7)).toEqual({ x: 90, y: 0 });
  });

  it('keeps a pill off the sender and the receiver at both ends of its trip', () => {
    const a = { x: 0, y: 0 };
    const b = { x: 240, y: 90 };
    const size = pillSize('promise 2.A (1.B "X")', 'full');
    const e = messageEdge(a, b, 20, size);
    const reach = Math.abs(e.ux) * size.width / 2 + Math.abs(e.uy) * size.height / 2;
    for (const [p, node] of [[0, a], [1, b]] as const) {
      const c = pointAlong(e, p);
      // Along the wire, the pill's near end stays outside the node circle.
      expect(Math.hypot(c.x - node.x, c.y - node.y) - reach).toBeGreaterThanOrEqual(20);
    }
    expect(e.length).toBeGreaterThan(0);
  });

  it('gives opposite directions opposite sides of the wire', () => {
    const a = { x: 0, y: 0 };
    const b = { x: 60, y: 80 };
    const ab = edgeBetween(a, b);
    const ba = edgeBetween(b, a);
    expect(close(ab.nx, -ba.nx) && close(ab.ny, -ba.ny)).toBe(true);
    // The normal is perpendicular to the wire and on the right of the direction of travel.
    expect(close(ab.nx * ab.ux + ab.ny * ab.uy, 0)).toBe(true);
    const east = edgeBetween({ x: 0, y: 0 }, { x: 10, y: 0 });
    expect(east.ny).toBe(1); // travelling east on screen, "right" is down
    const size = { width: 80, height: 18 };
    const lane = { rank: 0, count: 1 };
    const p = pillOffset(ab, size, lane, false);
    const q = pillOffset(ba, size, lane, false);
    expect(p.x * ab.nx + p.y * ab.ny).toBeGreaterThan(0);
    expect(q.x * ab.nx + q.y * ab.ny).toBeLessThan(0);
  });

  const box = (c: { x: number; y: number }, s: Size): Rect => ({ x: c.x - s.width / 2, y: c.y - s.height / 2, width: s.width, height: s.height });

  it.each([
    ['horizontal', { x: 0, y: 0 }, { x: 300, y: 0 }],
    ['vertical', { x: 0, y: 0 }, { x: 0, y: 300 }],
    ['diagonal', { x: 0, y: 0 }, { x: 200, y: 220 }],
  ])('stacks parked messages on a %s edge without overlaps, clear of the reverse direction', (_name, a, b) => {
    const size = pillSize('prepare 2.A', 'full');
    const ab = edgeBetween(a, b, 20);
    const ba = edgeBetween(b, a, 20);
    const boxes: Rect[] = [];
    for (const [e, n] of [[ab, 5], [ba, 3]] as const) {
      for (let rank = 0; rank < n; rank++) {
        const on = pointAlong(e, PARKED_PROGRESS);
        const off = pillOffset(e, size, { rank, count: n }, true);
        boxes.push(box({ x: on.x + off.x, y: on.y + off.y }, size));
      }
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(rectsOverlap(boxes[i]!, boxes[j]!), `${i} vs ${j}`).toBe(false);
  });

  it('gives separate lanes only to messages that travel together', () => {
    const msgs = [
      { id: 1, from: 'A', to: 'B', sentAt: 0, deliverAt: 20 },
      { id: 2, from: 'A', to: 'B', sentAt: 0, deliverAt: 21 }, // together with 1
      { id: 3, from: 'A', to: 'B', sentAt: 40, deliverAt: 60 }, // later: apart in time
      { id: 4, from: 'B', to: 'A', sentAt: 0, deliverAt: 20 }, // other direction, own side
      { id: 5, from: 'A', to: 'B', sentAt: 1, deliverAt: 20 }, // together with 1 and 2
    ];
    const lanes = assignLanes(msgs, false);
    expect([1, 2, 3, 4, 5].map((id) => lanes.get(id)!.rank)).toEqual([0, 1, 0, 0, 2]);
    // Deterministic: the order the messages come in does not matter.
    const shuffled = assignLanes([...msgs].reverse(), false);
    for (const m of msgs) expect(shuffled.get(m.id)).toEqual(lanes.get(m.id));
    // Parked, every message on an edge gets its own slot.
    const parked = assignLanes(msgs, true);
    expect([1, 2, 3, 5].map((id) => parked.get(id)!.rank)).toEqual([0, 1, 2, 3]);
    expect(parked.get(4)).toEqual({ rank: 0, count: 1 });
  });

  it('keeps messages travelling together apart', () => {
    const e = edgeBetween({ x: 0, y: 0 }, { x: 250, y: 100 }, 20);
    const size = pillSize('accept 2.A "X"', 'full');
    const boxes = [0, 1, 2].map((rank) => box(pillOffset(e, size, { rank, count: 3 }, false), size));
    for (let i = 0; i < 3; i++) for (let j = i + 1; j < 3; j++) expect(rectsOverlap(boxes[i]!, boxes[j]!)).toBe(false);
  });

  it('points the pointer at the receiver, just outside the pill', () => {
    const e: Edge = edgeBetween({ x: 0, y: 0 }, { x: 100, y: 0 });
    const p = pointerOffset(e, { width: 60, height: 18 });
    expect(p.x).toBeGreaterThan(30);
    expect(p.y).toBeCloseTo(0);
  });

  it('shows fewer words as the wire gets crowded', () => {
    expect(labelModeFor(3, 900)).toBe('full');
    expect(labelModeFor(30, 900)).toBe('short');
    expect(labelModeFor(100, 900)).toBe('dot');
    expect(labelModeFor(8, 360)).toBe('short');
    expect(pillSize('prepare 12.A', 'full').width).toBeGreaterThan(pillSize('prepare', 'short').width);
  });

  it('marks a drop where the message was, or at the receiver when the network lost it', () => {
    const e = edgeBetween({ x: 0, y: 0 }, { x: 200, y: 0 });
    const m = { sentAt: 0, deliverAt: 40 };
    expect(dropPoint(e, m, 10, false, false)).toEqual({ x: 50, y: 0 });
    expect(dropPoint(e, m, 10, false, true)).toEqual(pointAlong(e, PARKED_PROGRESS));
    expect(dropPoint(e, m, 40, true, false).x).toBeGreaterThan(180);
  });
});

describe('the view clock', () => {
  const frame = { clock: 100, playing: true, speed: 2 };

  it('runs on between frames while playing, at the frame speed', () => {
    expect(extrapolateClock(frame, 50, 40)).toBeCloseTo(100 + 0.05 * 40 * 2);
  });

  it('stands still while paused', () => {
    expect(extrapolateClock({ ...frame, playing: false }, 5000, 40)).toBe(100);
  });

  it('never runs far ahead of a slow worker', () => {
    expect(extrapolateClock(frame, 10_000, 40)).toBeCloseTo(100 + (EXTRAPOLATE_MS_MAX / 1000) * 40 * 2);
    expect(extrapolateClock(frame, -20, 40)).toBe(100);
  });
});

describe('partition outlines', () => {
  it('draws a dot, a capsule or a hull', () => {
    expect(groupOutline([])).toBe('');
    expect(groupOutline([{ x: 1, y: 2 }])).toBe('M1.0,2.0Z');
    expect(groupOutline([{ x: 0, y: 0 }, { x: 10, y: 0 }])).toBe('M0.0,0.0L10.0,0.0Z');
    // The inner point is not on the hull.
    const hull = groupOutline([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 5, y: 8 }, { x: 5, y: 2 }]);
    expect(hull.split('L')).toHaveLength(3);
    expect(hull).not.toContain('5.0,2.0');
  });
});

describe('fitLayout', () => {
  it('keeps the natural layout when it fits, or without a limit', () => {
    expect(fitLayout(5, 600, null)).toEqual(clusterLayout(5, 600));
    expect(fitLayout(5, 600, 10_000)).toEqual(clusterLayout(5, 600));
  });

  it.each([3, 5, 7, 9])('shrinks %i nodes to the widest layout that fits the height', (n) => {
    const natural = clusterLayout(n, 700);
    const limit = Math.floor(natural.height * 0.75);
    const fit = fitLayout(n, 700, limit);
    expect(fit.height).toBeLessThanOrEqual(limit);
    expect(fit.width).toBeLessThan(natural.width);
    // The widest that fits: a few pixels wider would not.
    expect(clusterLayout(n, fit.width + 4).height).toBeGreaterThan(limit);
  });

  it('never goes below the minimum width, even if that does not fit', () => {
    expect(fitLayout(5, 700, 10).width).toBe(MIN_WIDTH);
  });
});
