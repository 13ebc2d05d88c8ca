// @vitest-environment happy-dom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeBallot, type MultiMessage, type MultiWorld } from '../../../src/core';
import { MultiGraph, setShowHeartbeats } from '../../../src/features/multi';
import { createHarness } from '../../helpers/harness';

// The Multi-Paxos graph lays out its pills like the basic graph (src/ui/wireLayout.ts): pills that
// share a wire never cover each other, whether they wait in manual mode or travel together.

afterEach(() => {
  cleanup();
  setShowHeartbeats(true);
});

const VIEW = 420;
const b1 = makeBallot(1, 'A');
const entry = (slot: number) => ({ slot, value: `#${slot} v${slot}` });

/** A mix of labels of different lengths, all on the wire `from` → `to`. */
function burst(from: string, to: string, firstId: number, sentAt: number, deliverAt: (i: number) => number): MultiMessage[] {
  const payloads = [
    { type: 'accept', ballot: b1, slot: 3, value: '#3 z' },
    { type: 'commit', entries: [entry(1), entry(2), entry(3)] },
    { type: 'prepare', ballot: b1, fromSlot: 1 },
    { type: 'commit', entries: [entry(3)] },
    { type: 'heartbeat', ballot: b1, chosenUpTo: 0 },
    { type: 'accept', ballot: b1, slot: 12, value: '#12 q' },
  ] as const;
  return payloads.map((p, i) => ({ ...p, id: firstId + i, from, to, sentAt, deliverAt: deliverAt(i) }) as MultiMessage);
}

interface Box { label: string; x: number; y: number; w: number; h: number }

function pillBoxes(container: HTMLElement): Box[] {
  return [...container.querySelectorAll<SVGGElement>('.mp-pill')].map((g) => {
    const m = /translate\(([-\d.]+)[ ,]+([-\d.]+)\)/.exec(g.getAttribute('transform') ?? '');
    const rect = g.querySelector('rect')!;
    return {
      label: g.getAttribute('aria-label') ?? '',
      x: Number(m![1]) + Number(rect.getAttribute('x')), y: Number(m![2]) + Number(rect.getAttribute('y')),
      w: Number(rect.getAttribute('width')), h: Number(rect.getAttribute('height')),
    };
  });
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function expectApart(boxes: readonly Box[]) {
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!), `${boxes[i]!.label} vs ${boxes[j]!.label}`).toBe(false);
  }
}

/** Inside the graph's viewBox (the square's width; its rows are cropped to the nodes). */
function expectInside(boxes: readonly Box[], container: HTMLElement) {
  const [x0, y0, w, h] = container.querySelector('svg.mp-svg')!.getAttribute('viewBox')!.split(' ').map(Number) as [number, number, number, number];
  expect(x0).toBe(0);
  expect(w).toBe(VIEW);
  expect(y0 + h).toBeLessThanOrEqual(VIEW);
  for (const b of boxes) {
    expect(b.x, b.label).toBeGreaterThanOrEqual(x0 - 0.1);
    expect(b.y, b.label).toBeGreaterThanOrEqual(y0 - 0.1);
    expect(b.x + b.w, b.label).toBeLessThanOrEqual(x0 + w + 0.1);
    expect(b.y + b.h, b.label).toBeLessThanOrEqual(y0 + h + 0.1);
  }
}

/** The Multi-Paxos graph of a 3- or 5-node world with exactly these messages in flight at `clock`. */
function renderWith(nodes: number, mode: 'auto' | 'manual', inflight: MultiMessage[], clock: number) {
  const h = createHarness({ protocol: 'multi', nodes });
  const frame = h.store.getState().frame!;
  const world: MultiWorld = { ...frame.multi!, config: { ...frame.multi!.config, mode }, inflight };
  act(() => h.store.setState({ frame: { ...frame, clock, multi: world } }));
  const view = render(<MultiGraph />, { wrapper: h.wrapper });
  expect(view.container.querySelectorAll('.mp-pill').length).toBe(inflight.length);
  return view;
}

describe('MultiGraph pills', () => {
  it.each([3, 5])('stacks messages waiting on one wire (manual mode, %i nodes) without overlaps, inside the graph', (nodes) => {
    // Every wire of the top node A, both ways: stacks on diagonal wires, on wires both ways, on the
    // outside of the circle where the viewBox is near.
    const others = nodes === 3 ? ['B', 'C'] : ['B', 'C', 'D', 'E'];
    const inflight = others.flatMap((o, k) => [
      ...burst('A', o, 100 * k + 1, 0, () => 20),
      ...burst(o, 'A', 100 * k + 50, 0, () => 20).slice(0, 3),
    ]);
    const { container } = renderWith(nodes, 'manual', inflight, 0);
    const boxes = pillBoxes(container);
    for (const o of others) {
      expectApart(boxes.filter((b) => b.label.startsWith(`A to ${o}:`)));
      expectApart(boxes.filter((b) => b.label.startsWith(`${o} to A:`)));
    }
    expectInside(boxes, container);
  });

  it('keeps messages travelling together on one wire apart (auto mode), from departure to arrival', () => {
    for (const clock of [0, 7, 14, 20]) {
      // A burst sent at once, due within a tick or two of each other.
      const inflight = [...burst('A', 'B', 1, 0, (i) => 20 + (i % 2)), ...burst('C', 'A', 20, 0, (i) => 20 + (i % 3))];
      const { container } = renderWith(3, 'auto', inflight, clock);
      const boxes = pillBoxes(container);
      expectApart(boxes.filter((b) => b.label.startsWith('A to B:')));
      expectApart(boxes.filter((b) => b.label.startsWith('C to A:')));
      expectInside(boxes, container);
      cleanup();
    }
  });

  it('keeps messages sent apart that meet on the way apart (auto mode)', () => {
    // A slow message overtaken by a later fast one, and one sent just after on its heels.
    const slow = burst('B', 'C', 1, 0, () => 30).slice(0, 1);
    const fast = burst('B', 'C', 2, 8, () => 20).slice(1, 2);
    const heels = burst('B', 'C', 3, 6, () => 36).slice(2, 3);
    for (const clock of [8, 12, 15, 18, 20]) {
      const { container } = renderWith(3, 'auto', [...slow, ...fast, ...heels], clock);
      const boxes = pillBoxes(container);
      expect(boxes).toHaveLength(3);
      expectApart(boxes);
      cleanup();
    }
  });

  it('gives hidden heartbeats no lane', () => {
    const inflight = [
      { id: 1, type: 'heartbeat', ballot: b1, chosenUpTo: 0, from: 'A', to: 'B', sentAt: 0, deliverAt: 20 },
      { id: 2, type: 'accept', ballot: b1, slot: 1, value: '#1 x', from: 'A', to: 'B', sentAt: 0, deliverAt: 20 },
    ] as MultiMessage[];
    const shown = renderWith(3, 'auto', inflight, 10);
    const withBeat = pillBoxes(shown.container).find((b) => b.label.includes('accept'))!;
    cleanup();
    setShowHeartbeats(false);
    const h = createHarness({ protocol: 'multi', nodes: 3 });
    const frame = h.store.getState().frame!;
    act(() => h.store.setState({ frame: { ...frame, clock: 10, multi: { ...frame.multi!, config: { ...frame.multi!.config, mode: 'auto' }, inflight } } }));
    const { container } = render(<MultiGraph />, { wrapper: h.wrapper });
    const boxes = pillBoxes(container);
    expect(boxes.map((b) => b.label)).toEqual([expect.stringContaining('accept')]);
    // Alone on its wire it rides in the first lane, nearer the wire A (210, 60) → B (340, 285) than beside a heartbeat.
    const alone = boxes[0]!;
    const dist = (b: Box) => Math.abs(225 * (b.x + b.w / 2 - 210) - 130 * (b.y + b.h / 2 - 60)) / Math.hypot(225, 130);
    expect(dist(alone)).toBeLessThan(dist(withBeat));
  });
});

describe('MultiGraph size', () => {
  it.each([[3, 360], [5, 420]])('crops the rows no node needs (%i nodes: at most %i of the 420 rows), keeping every node, crown and label', (nodes, most) => {
    const { container } = renderWith(nodes, 'auto', [], 0);
    const [, y0, , h] = container.querySelector('svg.mp-svg')!.getAttribute('viewBox')!.split(' ').map(Number) as [number, number, number, number];
    const ys = [...container.querySelectorAll('.mp-node')].map((g) => Number(/translate\([-\d.]+[ ,]+([-\d.]+)\)/.exec(g.getAttribute('transform')!)![1]));
    expect(ys).toHaveLength(nodes);
    // Node radius 30: the crown sits 11 above the top node's circle, the two label lines end ~33 below the lowest.
    expect(y0).toBeLessThanOrEqual(Math.min(...ys) - 30 - 20);
    expect(y0 + h).toBeGreaterThanOrEqual(Math.max(...ys) + 30 + 33);
    expect(h).toBeLessThanOrEqual(most);
  });
});
