import { describe, expect, it } from 'vitest';
import { assignLanes, edgeBetween, messageEdge, PARKED_PROGRESS, pillOffset, pointAlong, shiftInside } from '../../src/ui/wireLayout';

// The shared wire geometry (the rest of it is covered by test/features/graph/layout.test.ts, which
// imports it through the basic graph's layout.ts): long parked stacks and keeping pills in view.

describe('wireLayout', () => {
  it('wraps a parked stack along a short wire into rows that stay between the nodes, without overlaps', () => {
    const a = { x: 210, y: 60 };
    const b = { x: 80, y: 285 };
    const size = { width: 75, height: 18 };
    const e = messageEdge(a, b, 30, size);
    const count = 7;
    const at = pointAlong(e, PARKED_PROGRESS);
    const centres = Array.from({ length: count }, (_, rank) => {
      const off = pillOffset(e, size, { rank, count }, true);
      return { x: at.x + off.x, y: at.y + off.y };
    });
    // Every centre projects onto the trimmed wire, so no pill covers a node.
    for (const c of centres) {
      const t = (c.x - e.from.x) * e.ux + (c.y - e.from.y) * e.uy;
      expect(t).toBeGreaterThanOrEqual(-1e-6);
      expect(t).toBeLessThanOrEqual(e.length + 1e-6);
    }
    const box = (c: { x: number; y: number }) => ({ x0: c.x - size.width / 2, x1: c.x + size.width / 2, y0: c.y - size.height / 2, y1: c.y + size.height / 2 });
    for (let i = 0; i < count; i++) {
      for (let j = i + 1; j < count; j++) {
        const p = box(centres[i]!);
        const q = box(centres[j]!);
        expect(p.x0 < q.x1 && q.x0 < p.x1 && p.y0 < q.y1 && q.y0 < p.y1, `${i} vs ${j}`).toBe(false);
      }
    }
  });

  it('keeps a short parked stack centred where it was', () => {
    const e = edgeBetween({ x: 0, y: 0 }, { x: 200, y: 220 }, 20);
    const size = { width: 60, height: 18 };
    const offs = [0, 1, 2].map((rank) => pillOffset(e, size, { rank, count: 3 }, true));
    const along = offs.map((o) => o.x * e.ux + o.y * e.uy);
    expect(along[0]! + along[2]!).toBeCloseTo(0);
    expect(along[1]).toBeCloseTo(0);
  });

  it('with a near fraction, also separates moving messages that meet on the way', () => {
    const msgs = [
      { id: 1, from: 'A', to: 'B', sentAt: 0, deliverAt: 30 },
      { id: 2, from: 'A', to: 'B', sentAt: 8, deliverAt: 20 }, // overtakes 1
      { id: 3, from: 'A', to: 'B', sentAt: 40, deliverAt: 60 }, // after 1 and 2 arrived
      { id: 4, from: 'A', to: 'B', sentAt: 20, deliverAt: 40 }, // at least half a trip behind 1
    ];
    // Without it, the basic graph's rule: only messages sent and due together.
    expect(msgs.map((m) => assignLanes(msgs, false).get(m.id)!.rank)).toEqual([0, 0, 0, 0]);
    const near = assignLanes(msgs, false, () => 0.3);
    expect(msgs.map((m) => near.get(m.id)!.rank)).toEqual([0, 1, 0, 0]);
    const nearer = assignLanes(msgs, false, () => 0.55);
    expect(msgs.map((m) => nearer.get(m.id)!.rank)).toEqual([0, 1, 0, 1]);
  });

  it('shifts boxes into the view together', () => {
    expect(shiftInside([{ x: 5, y: 50, width: 20, height: 10 }, { x: 40, y: 50, width: 20, height: 10 }], 100, 100)).toEqual({ x: 5, y: 0 });
    expect(shiftInside([{ x: 50, y: 98, width: 20, height: 10 }], 100, 100)).toEqual({ x: 0, y: -3 });
    expect(shiftInside([{ x: 50, y: 50, width: 20, height: 10 }], 100, 100)).toEqual({ x: 0, y: 0 });
    expect(shiftInside([], 100, 100)).toEqual({ x: 0, y: 0 });
  });
});
