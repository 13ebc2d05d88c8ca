import { describe, expect, it } from 'vitest';
import { ballotAbove, compareBallots, formatBallot, majority, parseBallot } from '../../src/core';
import { b } from './helpers';

describe('ballots', () => {
  it('order by round first', () => {
    expect(compareBallots(b(2, 'A'), b(1, 'C'))).toBeGreaterThan(0);
    expect(compareBallots(b(1, 'C'), b(2, 'A'))).toBeLessThan(0);
  });
  it('break round ties by node id, so two proposers never share a ballot', () => {
    expect(compareBallots(b(3, 'B'), b(3, 'A'))).toBeGreaterThan(0);
    expect(compareBallots(b(3, 'A'), b(3, 'B'))).toBeLessThan(0);
    expect(compareBallots(b(3, 'A'), b(3, 'A'))).toBe(0);
  });
  it('is a total order over a sample (antisymmetric, transitive)', () => {
    const all = [1, 2, 3].flatMap((r) => ['A', 'B', 'C'].map((n) => b(r, n)));
    for (const x of all) for (const y of all) {
      expect(Math.sign(compareBallots(x, y)) + Math.sign(compareBallots(y, x))).toBe(0);
      expect(compareBallots(x, y) === 0).toBe(x.round === y.round && x.node === y.node);
      for (const z of all) if (compareBallots(x, y) < 0 && compareBallots(y, z) < 0) expect(compareBallots(x, z)).toBeLessThan(0);
    }
  });
  it('puts "no ballot" below every ballot', () => {
    expect(ballotAbove(b(0, 'A'), null)).toBe(true);
    expect(compareBallots(null, null)).toBe(0);
  });
  it('formats and parses round.node', () => {
    expect(formatBallot(b(2, 'B'))).toBe('2.B');
    expect(parseBallot('12.C')).toEqual(b(12, 'C'));
    expect(parseBallot('2B')).toBeNull();
  });
  it('majority is more than half', () => {
    expect([3, 4, 5, 6, 7, 8, 9].map(majority)).toEqual([2, 3, 3, 4, 4, 5, 5]);
  });
});
