import { describe, expect, it } from 'vitest';
import { onAccepted, onClientWrite, onNack, onPromise, onRetryTimer, startBallot } from '../../src/core/proposer';
import type { NodeState, Proposal } from '../../src/core';
import { b, ctx, msg, node } from './helpers';

const ids5 = ['A', 'B', 'C', 'D', 'E'];
const preparing = (ballot = b(5, 'A'), clientValue: string | null = 'mine'): NodeState => node('A', {
  proposer: { phase: 'preparing', ballot, clientValue, promises: {}, proposal: null, acceptedBy: [], attempt: 0 },
});
const accepting = (value = 'mine'): NodeState => node('A', {
  proposer: { phase: 'accepting', ballot: b(5, 'A'), clientValue: 'mine', promises: {}, proposal: value, acceptedBy: [], attempt: 0 },
});
const p = (round: number, n: string, value: string): Proposal => ({ ballot: b(round, n), value });

function promises(state: NodeState, from: [string, Proposal | null][], ids = ids5) {
  let s = state;
  let last = null as ReturnType<typeof onPromise> | null;
  for (const [who, accepted] of from) {
    last = onPromise(s, msg({ type: 'promise', ballot: s.proposer.ballot!, accepted }, who, 'A'), ctx(ids));
    s = last.node;
  }
  return last!;
}

describe('proposer: choosing a ballot', () => {
  it('starts above every round it has used or seen, and persists the round before sending', () => {
    const n = node('B', { durable: { promised: null, accepted: null, maxRoundUsed: 4 }, maxRoundSeen: 2 });
    const fx = startBallot(n, ctx(), 'X');
    expect(fx.node.proposer.ballot).toEqual(b(5, 'B'));
    expect(fx.node.durable.maxRoundUsed).toBe(5);
    expect(fx.send.map((o) => o.to)).toEqual(['A', 'B', 'C']);
    expect(fx.send[0]!.payload).toEqual({ type: 'prepare', ballot: b(5, 'B') });
    const seen = startBallot(node('B', { maxRoundSeen: 9 }), ctx(), 'X');
    expect(seen.node.proposer.ballot).toEqual(b(10, 'B'));
  });
});

describe('proposer: phase 1 → phase 2', () => {
  it('waits for a majority of promises before proposing', () => {
    const fx = promises(preparing(), [['A', null], ['B', null]]);
    expect(fx.node.proposer.phase).toBe('preparing');
    expect(fx.send).toEqual([]);
  });

  it('proposes its own value when no promise reports an accepted proposal', () => {
    const fx = promises(preparing(), [['A', null], ['B', null], ['C', null]]);
    expect(fx.node.proposer.phase).toBe('accepting');
    expect(fx.send[0]!.payload).toEqual({ type: 'accept', ballot: b(5, 'A'), value: 'mine' });
  });

  it('adopts the value of the HIGHEST-ballot accepted proposal among the promises', () => {
    // The highest is neither the first nor the last reported, and differs from the client value.
    const fx = promises(preparing(), [['B', p(1, 'A', 'low')], ['C', p(3, 'B', 'high')], ['D', p(2, 'C', 'mid')]]);
    expect(fx.send[0]!.payload).toEqual({ type: 'accept', ballot: b(5, 'A'), value: 'high' });
    expect(fx.events[0]).toMatchObject({ type: 'propose', value: 'high', adoptedFrom: p(3, 'B', 'high') });
  });

  it('uses node id to break ties between accepted ballots of the same round', () => {
    const fx = promises(preparing(), [['B', p(3, 'C', 'from-C')], ['C', p(3, 'B', 'from-B')], ['D', null]]);
    expect(fx.send[0]!.payload).toMatchObject({ value: 'from-C' });
  });

  it('counts each acceptor once: a duplicated promise does not make a majority', () => {
    const fx = promises(preparing(), [['B', null], ['B', null], ['C', null]]);
    expect(fx.node.proposer.phase).toBe('preparing');
    expect(Object.keys(fx.node.proposer.promises)).toEqual(['B', 'C']);
  });

  it('ignores promises tagged with any ballot but its current one', () => {
    const state = preparing(b(5, 'A'));
    const stale = onPromise(state, msg({ type: 'promise', ballot: b(4, 'A'), accepted: null }, 'B', 'A'), ctx(ids5));
    expect(stale.node.proposer.promises).toEqual({});
    expect(stale.events[0]).toMatchObject({ type: 'ignore' });
  });

  it('proposes nothing when it has no value and nobody accepted anything', () => {
    const fx = promises(preparing(b(5, 'A'), null), [['A', null], ['B', null], ['C', null]]);
    expect(fx.send).toEqual([]);
    expect(fx.events[0]).toMatchObject({ type: 'nothing-to-propose' });
  });
});

describe('proposer: phase 2 and learning', () => {
  it('learns only when a majority accepted its current ballot, then announces it', () => {
    let s = accepting('V');
    const ids = ids5;
    for (const who of ['A', 'B']) s = onAccepted(s, msg({ type: 'accepted', ballot: b(5, 'A'), value: 'V' }, who, 'A'), ctx(ids)).node;
    expect(s.learned).toBeNull();
    const fx = onAccepted(s, msg({ type: 'accepted', ballot: b(5, 'A'), value: 'V' }, 'C', 'A'), ctx(ids));
    expect(fx.node.learned).toEqual(p(5, 'A', 'V'));
    expect(fx.send.map((o) => o.to)).toEqual(['B', 'C', 'D', 'E']);
    expect(fx.send[0]!.payload).toEqual({ type: 'decide', ballot: b(5, 'A'), value: 'V' });
  });

  it('does not count accepted replies for another ballot or twice from one acceptor', () => {
    let s = accepting('V');
    s = onAccepted(s, msg({ type: 'accepted', ballot: b(4, 'A'), value: 'V' }, 'B', 'A'), ctx(ids5)).node;
    s = onAccepted(s, msg({ type: 'accepted', ballot: b(5, 'A'), value: 'V' }, 'C', 'A'), ctx(ids5)).node;
    s = onAccepted(s, msg({ type: 'accepted', ballot: b(5, 'A'), value: 'V' }, 'C', 'A'), ctx(ids5)).node;
    const fx = onAccepted(s, msg({ type: 'accepted', ballot: b(5, 'A'), value: 'V' }, 'C', 'A'), ctx(ids5));
    expect(fx.node.proposer.acceptedBy).toEqual(['C']);
    expect(fx.node.learned).toBeNull();
  });
});

describe('proposer: backoff', () => {
  it('doubles its retry timeout and its nack backoff with every failed ballot (up to 32×)', () => {
    const n = node('A', { proposer: { ...preparing().proposer, attempt: 0 } });
    expect(startBallot(n, ctx(), 'X', 0).timers[0]).toMatchObject({ minTicks: 100, maxTicks: 200 });
    expect(startBallot(n, ctx(), 'X', 3).timers[0]).toMatchObject({ minTicks: 800, maxTicks: 1600 });
    expect(startBallot(n, ctx(), 'X', 9).timers[0]).toMatchObject({ minTicks: 3200, maxTicks: 6400 });
    const third = node('A', { proposer: { ...preparing().proposer, attempt: 2 } });
    const fx = onNack(third, msg({ type: 'nack', ballot: b(5, 'A'), promised: b(6, 'C'), of: 'prepare' }, 'C', 'A'), ctx());
    expect(fx.timers[0]).toMatchObject({ minTicks: 1, maxTicks: 50 * 4 });
  });

  it('counts attempts across retries and starts again from zero for a new client write', () => {
    const retried = onRetryTimer(node('A', { proposer: { ...preparing().proposer, attempt: 2 } }), ctx());
    expect(retried.node.proposer.attempt).toBe(3);
    expect(onClientWrite(retried.node, 'Z', ctx()).node.proposer.attempt).toBe(0);
  });
});

describe('proposer: rejection', () => {
  it('abandons its ballot on a nack naming a higher ballot and retries after a short backoff', () => {
    const fx = onNack(preparing(), msg({ type: 'nack', ballot: b(5, 'A'), promised: b(6, 'C'), of: 'prepare' }, 'C', 'A'), ctx());
    expect(fx.node.proposer.phase).toBe('waiting');
    expect(fx.node.maxRoundSeen).toBe(6);
    expect(fx.timers).toEqual([{ op: 'set', kind: 'retry', minTicks: 1, maxTicks: 50 }]);
  });

  it('ignores a nack that does not name a higher ballot', () => {
    const fx = onNack(preparing(b(5, 'A')), msg({ type: 'nack', ballot: b(5, 'A'), promised: b(5, 'A'), of: 'prepare' }, 'C', 'A'), ctx());
    expect(fx.node.proposer.phase).toBe('preparing');
  });

  it('ignores a nack for an older ballot', () => {
    const fx = onNack(preparing(b(5, 'A')), msg({ type: 'nack', ballot: b(4, 'A'), promised: b(6, 'C'), of: 'prepare' }, 'C', 'A'), ctx());
    expect(fx.node.proposer.phase).toBe('preparing');
  });
});
