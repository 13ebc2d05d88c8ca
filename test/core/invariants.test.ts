import { describe, expect, it } from 'vitest';
import { initialMonitor, observe } from '../../src/core/invariants';
import type { MonitorState, SimEvent } from '../../src/core';
import { b } from './helpers';

const ids5 = ['A', 'B', 'C', 'D', 'E'];

function feed(events: SimEvent[], n = 5, start: MonitorState = initialMonitor(ids5.slice(0, n))) {
  let m = start;
  const added: SimEvent[] = [];
  for (const e of events) {
    const r = observe(m, e, n);
    if (r === null) continue;
    m = r.monitor;
    added.push(...r.added);
  }
  return { m, added };
}

const write = (value: string): SimEvent => ({ type: 'write', time: 0, node: 'A', value });
const vote = (node: string, round: number, by: string, value: string): SimEvent =>
  ({ type: 'accept', time: 1, node, ballot: b(round, by), value });

describe('safety monitor', () => {
  it('"chosen" means ONE ballot accepted by a majority, not the same value across ballots', () => {
    const { m, added } = feed([write('X'), vote('A', 1, 'A', 'X'), vote('B', 2, 'B', 'X'), vote('C', 3, 'C', 'X')]);
    expect(m.chosen).toEqual([]);
    expect(added).toEqual([]);
  });

  it('marks the moment a ballot reaches a majority, once', () => {
    const { m, added } = feed([write('X'), vote('A', 1, 'A', 'X'), vote('B', 1, 'A', 'X'), vote('C', 1, 'A', 'X'), vote('D', 1, 'A', 'X')]);
    expect(m.chosen).toEqual([{ ballot: b(1, 'A'), value: 'X' }]);
    expect(added).toEqual([expect.objectContaining({ type: 'chosen', quorum: ['A', 'B', 'C'] })]);
  });

  it('never pools votes for different values under one ballot', () => {
    // 3 acceptors: two votes under ballot 1.A, but for different values — nothing is chosen.
    const { m } = feed([write('X'), write('Y'), vote('A', 1, 'A', 'X'), vote('B', 1, 'A', 'Y')], 3);
    expect(m.chosen).toEqual([]);
  });

  it('counts a repeated vote by one acceptor once', () => {
    const { m } = feed([write('X'), vote('A', 1, 'A', 'X'), vote('A', 1, 'A', 'X'), vote('B', 1, 'A', 'X')]);
    expect(m.chosen).toEqual([]);
  });

  it('judges the history of votes: an acceptor changing its vote does not un-choose a value', () => {
    const { m } = feed([write('X'), write('Y'),
      vote('A', 1, 'A', 'X'), vote('B', 1, 'A', 'X'), vote('C', 1, 'A', 'X'),
      vote('A', 2, 'B', 'X'), vote('B', 2, 'B', 'X'), vote('C', 2, 'B', 'X')]);
    expect(m.chosen.map((c) => c.value)).toEqual(['X', 'X']);
    expect(m.violations).toEqual([]);
  });

  it('flags agreement when a second, different value is chosen', () => {
    const { m } = feed([write('X'), write('Y'),
      vote('A', 1, 'A', 'X'), vote('B', 1, 'A', 'X'), vote('C', 1, 'A', 'X'),
      vote('C', 2, 'B', 'Y'), vote('D', 2, 'B', 'Y'), vote('E', 2, 'B', 'Y')]);
    expect(m.violations.map((v) => v.invariant)).toEqual(['agreement']);
    expect(m.violations[0]!.explanation).toContain('"X" at ballot 1.A and "Y" at ballot 2.B');
  });

  it('flags validity when a value no client wrote is chosen', () => {
    const { m } = feed([vote('A', 1, 'A', 'ghost'), vote('B', 1, 'A', 'ghost'), vote('C', 1, 'A', 'ghost')]);
    expect(m.violations.map((v) => v.invariant)).toEqual(['validity']);
  });

  it('flags a node learning a value that is not chosen', () => {
    const { m } = feed([write('X'), vote('A', 1, 'A', 'X'), { type: 'learn', time: 2, node: 'B', ballot: b(1, 'A'), value: 'X' }]);
    expect(m.violations.map((v) => v.invariant)).toEqual(['learned-is-chosen']);
  });

  it('flags a successful read of a value that is not chosen', () => {
    const { m } = feed([write('X'), { type: 'read-done', time: 2, node: 'B', readId: 1, outcome: { result: 'ok', value: 'X', ballot: b(1, 'A') } }]);
    expect(m.violations.map((v) => v.invariant)).toEqual(['read-is-chosen']);
  });

  it('flags an acceptor whose promise goes down (e.g. forgotten across a restart)', () => {
    const { m } = feed([
      { type: 'promise', time: 1, node: 'B', ballot: b(3, 'C'), accepted: null },
      { type: 'promise', time: 2, node: 'B', ballot: b(2, 'A'), accepted: null },
    ]);
    expect(m.violations.map((v) => v.invariant)).toEqual(['promise-monotonic']);
  });

  it('accepting counts as promising for monotonicity', () => {
    const { m } = feed([write('X'), vote('B', 3, 'C', 'X'), { type: 'promise', time: 2, node: 'B', ballot: b(2, 'A'), accepted: null }]);
    expect(m.violations.map((v) => v.invariant)).toEqual(['promise-monotonic']);
  });
});
