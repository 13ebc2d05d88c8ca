import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MESSAGE_TYPES, type Message, type SimEvent } from '../../../src/core';
import { arrowHead, arrowPoints, arrowVisible, layoutDiagram, niceAtLeast, RECENT_TICKS, timeWindow } from '../../../src/features/spacetime/geometry';
import { arrowLabel, buildDiagram, describeArrow, progressAt, summarize, type Arrow } from '../../../src/features/spacetime/model';
import { MESSAGE_COLOR, MESSAGE_COLOR_VAR, THEME, THEME_VAR } from '../../../src/features/spacetime/style';
import type { LogEntry } from '../../../src/worker/engine';

const LANES = ['A', 'B', 'C'];

function prepare(id: number, from: string, to: string, sentAt: number, deliverAt: number): Message {
  return { type: 'prepare', ballot: { round: 1, node: 'A' }, id, from, to, sentAt, deliverAt };
}

/** Log entries from events (indices from `first`). */
function entries(events: SimEvent[], first = 0): LogEntry[] {
  return events.map((event, i) => ({ index: first + i, event, text: event.type }));
}

const only = (arrows: readonly Arrow[], id: number) => {
  const a = arrows.find((x) => x.id === id);
  if (!a) throw new Error(`no arrow ${id}`);
  return a;
};

describe('buildDiagram: arrows', () => {
  it('draws a delivered message from its send to its delivery, across the full lane gap', () => {
    const m = prepare(1, 'A', 'B', 0, 12);
    const d = buildDiagram(entries([{ type: 'send', time: 0, msg: m }, { type: 'deliver', time: 12, msg: m }]), [], 20, LANES);
    expect(d.lanes).toEqual(LANES);
    expect(d.arrows).toHaveLength(1);
    expect(d.arrows[0]).toMatchObject({
      id: 1, from: 'A', to: 'B', type: 'prepare', phase: 'phase1', label: 'prepare 1.A', sentAt: 0, end: 12, progress: 1, outcome: 'delivered',
      duplicateOf: null, delayedBy: 0,
    });
  });

  it('ends a dropped message part-way, at the drop time', () => {
    const m = prepare(1, 'A', 'C', 10, 30);
    const d = buildDiagram(entries([{ type: 'send', time: 10, msg: m }, { type: 'drop', time: 15, msg: m, reason: 'user' }]), [], 40, LANES);
    expect(only(d.arrows, 1)).toMatchObject({ outcome: 'dropped', end: 15, progress: 0.25 });
    expect(describeArrow(only(d.arrows, 1))).toBe('prepare 1.A  A→C  sent t=10, dropped t=15 ×');
  });

  it('ends a message lost at a crashed receiver or across a partition on the receiver\'s lane', () => {
    const a = prepare(1, 'A', 'B', 0, 10);
    const b = prepare(2, 'A', 'C', 0, 14);
    const d = buildDiagram(entries([
      { type: 'send', time: 0, msg: a }, { type: 'send', time: 0, msg: b },
      { type: 'drop', time: 10, msg: a, reason: 'receiver-down' },
      { type: 'drop', time: 14, msg: b, reason: 'partition' },
    ]), [], 20, LANES);
    expect(only(d.arrows, 1)).toMatchObject({ outcome: 'lost-crash', end: 10, progress: 1 });
    expect(only(d.arrows, 2)).toMatchObject({ outcome: 'lost-partition', end: 14, progress: 1 });
    expect(describeArrow(only(d.arrows, 1))).toContain('(B was down)');
  });

  it('gives a duplicate its own arrow, from the duplication, marked as a copy', () => {
    const m = prepare(1, 'A', 'B', 0, 20);
    const copy = { ...m, id: 2, sentAt: 5, deliverAt: 17 };
    const d = buildDiagram(entries([
      { type: 'send', time: 0, msg: m },
      { type: 'duplicate', time: 5, msg: m, copy },
      { type: 'deliver', time: 17, msg: copy },
      { type: 'deliver', time: 20, msg: m },
    ]), [], 25, LANES);
    expect(d.arrows.map((a) => a.id)).toEqual([1, 2]);
    expect(only(d.arrows, 2)).toMatchObject({ sentAt: 5, end: 17, outcome: 'delivered', duplicateOf: 1 });
    expect(describeArrow(only(d.arrows, 2))).toContain('copy of #1');
  });

  it('lets a delayed message arrive later and says by how much', () => {
    const m = prepare(1, 'A', 'B', 0, 10);
    const later = { ...m, deliverAt: 25 };
    const d = buildDiagram(entries([
      { type: 'send', time: 0, msg: m }, { type: 'delay', time: 3, msg: m, ticks: 15 }, { type: 'deliver', time: 25, msg: later },
    ]), [], 30, LANES);
    expect(only(d.arrows, 1)).toMatchObject({ end: 25, deliverAt: 25, delayedBy: 15, outcome: 'delivered' });
    expect(describeArrow(only(d.arrows, 1))).toContain('delayed +15');
  });

  it('ends a message still in flight at the clock, part-way, with its planned arrival', () => {
    const m = prepare(1, 'A', 'B', 10, 30);
    const d = buildDiagram(entries([{ type: 'send', time: 10, msg: m }]), [m], 15, LANES);
    expect(only(d.arrows, 1)).toMatchObject({ outcome: 'in-flight', end: 15, progress: 0.25, deliverAt: 30 });
    expect(d.maxTime).toBe(30);
    expect(describeArrow(only(d.arrows, 1))).toBe('prepare 1.A  A→B  sent t=10, in flight, due t=30');
  });

  it('uses the current version of an in-flight message (a delay moved its arrival)', () => {
    const m = prepare(1, 'A', 'B', 0, 10);
    const d = buildDiagram(entries([{ type: 'send', time: 0, msg: m }, { type: 'delay', time: 2, msg: m, ticks: 30 }]), [{ ...m, deliverAt: 40 }], 20, LANES);
    expect(only(d.arrows, 1)).toMatchObject({ outcome: 'in-flight', deliverAt: 40, progress: 0.5, delayedBy: 30 });
  });

  it('shows only what happened up to the view: a message sent but not in flight now is left out', () => {
    const m = prepare(1, 'A', 'B', 0, 10);
    expect(buildDiagram(entries([{ type: 'send', time: 0, msg: m }]), [], 5, LANES).arrows).toEqual([]);
  });

  it('draws in-flight messages whose send was trimmed from the log, and arrows whose only event is the delivery', () => {
    const early = prepare(1, 'A', 'B', 3, 40);
    const delivered = prepare(2, 'A', 'C', 4, 20);
    const d = buildDiagram(entries([{ type: 'deliver', time: 20, msg: delivered }], 100), [early], 30, LANES);
    expect(d.truncated).toBe(true);
    expect(d.start).toBe(20);
    expect(only(d.arrows, 2)).toMatchObject({ sentAt: 4, outcome: 'delivered' });
    // Sent before the kept log starts, but on the wire now: drawn (the view clips what is off to the left).
    expect(only(d.arrows, 1)).toMatchObject({ sentAt: 3, outcome: 'in-flight' });
  });

  it('leaves out the messages a node sends itself (they never touch the wire)', () => {
    const self = prepare(0, 'A', 'A', 0, 0);
    expect(buildDiagram(entries([{ type: 'deliver', time: 0, msg: self }]), [], 1, LANES).arrows).toEqual([]);
  });

  it('labels every message type with its ballot and value', () => {
    const b = { round: 2, node: 'A' };
    const base = { id: 1, from: 'A', to: 'B', sentAt: 0, deliverAt: 1 };
    expect(arrowLabel({ ...base, type: 'promise', ballot: b, accepted: { ballot: { round: 1, node: 'B' }, value: 'X' } })).toBe('promise 2.A (had 1.B="X")');
    expect(arrowLabel({ ...base, type: 'accept', ballot: b, value: 'X' })).toBe('accept 2.A="X"');
    expect(arrowLabel({ ...base, type: 'accepted', ballot: b, value: 'X' })).toBe('accepted 2.A="X"');
    expect(arrowLabel({ ...base, type: 'nack', ballot: b, promised: { round: 3, node: 'B' }, of: 'prepare' })).toBe('nack 2.A<3.B');
    expect(arrowLabel({ ...base, type: 'decide', ballot: b, value: 'a-very-long-value' })).toBe('decide 2.A="a-very-…"');
    expect(arrowLabel({ ...base, type: 'read', readId: 4 })).toBe('read #4');
    expect(arrowLabel({ ...base, type: 'read-reply', readId: 4, accepted: null })).toBe('read-reply #4 (nothing)');
  });

  it('progressAt clamps to the wire', () => {
    expect(progressAt(0, 10, -5)).toBe(0);
    expect(progressAt(0, 10, 5)).toBe(0.5);
    expect(progressAt(0, 10, 50)).toBe(1);
    expect(progressAt(5, 5, 5)).toBe(1);
  });
});

describe('buildDiagram: crashes, partitions, chosen', () => {
  it('marks a crash and a restart, with the node down in between', () => {
    const d = buildDiagram(entries([
      { type: 'crash', time: 10, node: 'B' },
      { type: 'restart', time: 30, node: 'B', durable: { promised: null, accepted: null, maxRoundUsed: 0 } },
      { type: 'crash', time: 40, node: 'C' },
    ]), [], 50, LANES, ['C']);
    expect(d.downs).toEqual([{ node: 'B', from: 10, to: 30 }, { node: 'C', from: 40, to: null }]);
    expect(d.marks.map((m) => `${m.kind}:${m.node}@${m.time}`)).toEqual(['crash:B@10', 'restart:B@30', 'crash:C@40']);
  });

  it('shows a node that is down now as down from the start when its crash was trimmed', () => {
    const d = buildDiagram(entries([{ type: 'heal', time: 50 }], 10), [], 60, LANES, ['A']);
    expect(d.downs).toEqual([{ node: 'A', from: 50, to: null }]);
  });

  it('records the chosen moment with value, ballot and quorum', () => {
    const d = buildDiagram(entries([
      { type: 'chosen', time: 47, ballot: { round: 1, node: 'A' }, value: 'X', quorum: ['A', 'C'], again: false },
    ]), [], 60, LANES);
    expect(d.chosen).toEqual([{ time: 47, ballot: '1.A', value: 'X', quorum: ['A', 'C'], again: false }]);
    expect(summarize(d)).toContain('"X" chosen at ballot 1.A, tick 47');
  });

  it('records partitions until they heal (or until now)', () => {
    const d = buildDiagram(entries([
      { type: 'partition', time: 5, groups: [['A'], ['B', 'C']] },
      { type: 'heal', time: 20 },
      { type: 'partition', time: 30, groups: [['A', 'B'], ['C']] },
    ]), [], 40, LANES);
    expect(d.partitions).toEqual([
      { from: 5, to: 20, groups: [['A'], ['B', 'C']] },
      { from: 30, to: null, groups: [['A', 'B'], ['C']] },
    ]);
  });

  it('marks ballots and learning on their lanes', () => {
    const d = buildDiagram(entries([
      { type: 'ballot-start', time: 0, node: 'A', ballot: { round: 1, node: 'A' }, value: 'X' },
      { type: 'learn', time: 70, node: 'B', ballot: { round: 1, node: 'A' }, value: 'X' },
    ]), [], 80, LANES);
    expect(d.marks).toEqual([
      { kind: 'ballot', node: 'A', time: 0, text: '1.A' },
      { kind: 'learn', node: 'B', time: 70, text: 'X' },
    ]);
  });

  it('summarises the diagram in one sentence', () => {
    const m = prepare(1, 'A', 'B', 0, 10);
    const d = buildDiagram(entries([{ type: 'send', time: 0, msg: m }, { type: 'deliver', time: 10, msg: m }, { type: 'crash', time: 12, node: 'C' }]), [], 20, LANES);
    expect(summarize(d)).toBe('Space-time diagram of 3 nodes (A, B, C) up to tick 20; 1 message: 1 delivered, 0 lost, 0 in flight; 1 crash; nothing chosen yet.');
  });
});

describe('geometry', () => {
  const d = (clock: number, maxTime = clock, start = 0) => ({ start, clock, maxTime });

  it('fits the whole run, never narrower than the minimum span, in steps', () => {
    expect(timeWindow(d(10), 'all')).toEqual([0, 120]);
    expect(timeWindow(d(300, 310), 'all')).toEqual([0, 400]);
    expect(timeWindow(d(300, 310, 50), 'all')).toEqual([50, 350]);
    expect([119, 121, 151, 201, 799, 801, 1001].map(niceAtLeast)).toEqual([120, 150, 200, 250, 800, 1000, 1200]);
  });

  it('follows the present in the recent window, keeping it in view', () => {
    for (const clock of [0, 50, 199, 350, 1234.5]) {
      const [t0, t1] = timeWindow(d(clock), 'recent');
      expect(t1 - t0).toBe(RECENT_TICKS);
      expect(clock).toBeGreaterThanOrEqual(t0);
      expect(clock).toBeLessThan(t1 - 20);
    }
  });

  it('places lanes 32 px apart and arrows between them', () => {
    const m = prepare(1, 'A', 'C', 0, 20);
    const diagram = buildDiagram(entries([{ type: 'send', time: 0, msg: m }]), [m], 10, LANES);
    const g = layoutDiagram(diagram, 600, 'all');
    expect(g.laneY.get('B')! - g.laneY.get('A')!).toBe(32);
    const p = arrowPoints(diagram.arrows[0]!, g)!;
    expect(p.y2).toBeCloseTo((g.laneY.get('A')! + g.laneY.get('C')!) / 2);
    expect(g.shift + p.x3).toBeCloseTo(g.x(20));
    expect(g.shift + p.x1).toBeCloseTo(g.x(0));
    expect(p.y3).toBe(g.laneY.get('C'));
    expect(g.ticks.length).toBeGreaterThan(2);
    expect(arrowVisible(diagram.arrows[0]!, { t0: 30, t1: 100 })).toBe(false);
    expect(arrowVisible(diagram.arrows[0]!, { t0: 15, t1: 100 })).toBe(true);
  });

  it('draws arrowheads pointing along the line', () => {
    expect(arrowHead(0, 0, 10, 0, 7, 3.5)).toBe('M10.0,0.0L3.0,3.5L3.0,-3.5Z');
  });
});

describe('style', () => {
  it('uses the colours of the theme (the graph pills use the same variables)', () => {
    const css = readFileSync('src/styles/theme.css', 'utf8');
    const value = (name: string) => new RegExp(`${name}:\\s*(#[0-9a-fA-F]{6})`).exec(css)?.[1]?.toLowerCase();
    for (const t of MESSAGE_TYPES) expect(MESSAGE_COLOR[t], t).toBe(value(MESSAGE_COLOR_VAR[t]));
    for (const [key, name] of Object.entries(THEME_VAR)) expect(THEME[key as keyof typeof THEME], key).toBe(value(name!));
  });
});
