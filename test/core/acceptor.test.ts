import { describe, expect, it } from 'vitest';
import { onAccept, onPrepare } from '../../src/core/acceptor';
import { b, ctx, msg, node } from './helpers';

const promisedAt = (round: number, n: string) => node('B', { durable: { promised: b(round, n), accepted: null, maxRoundUsed: 0 } });

describe('acceptor: phase 1 (promise)', () => {
  it('promises a ballot above every ballot promised, persisting the promise in the same step', () => {
    const fx = onPrepare(promisedAt(1, 'A'), msg({ type: 'prepare', ballot: b(2, 'C') }, 'C', 'B'), ctx());
    expect(fx.node.durable.promised).toEqual(b(2, 'C'));
    expect(fx.send).toEqual([{ to: 'C', payload: { type: 'promise', ballot: b(2, 'C'), accepted: null } }]);
  });

  it('rejects a lower ballot with a nack naming its promise, and keeps its promise', () => {
    const fx = onPrepare(promisedAt(2, 'C'), msg({ type: 'prepare', ballot: b(2, 'A') }, 'A', 'B'), ctx());
    expect(fx.node.durable.promised).toEqual(b(2, 'C'));
    expect(fx.send).toEqual([{ to: 'A', payload: { type: 'nack', ballot: b(2, 'A'), promised: b(2, 'C'), of: 'prepare' } }]);
  });

  it('does not promise the same ballot twice (a duplicate prepare is ignored)', () => {
    const fx = onPrepare(promisedAt(2, 'C'), msg({ type: 'prepare', ballot: b(2, 'C') }, 'C', 'B'), ctx());
    expect(fx.send).toEqual([]);
    expect(fx.events[0]).toMatchObject({ type: 'ignore' });
  });

  it('reports the highest-ballot proposal it accepted in its promise', () => {
    const n = node('B', { durable: { promised: b(3, 'A'), accepted: { ballot: b(3, 'A'), value: 'X' }, maxRoundUsed: 0 } });
    const fx = onPrepare(n, msg({ type: 'prepare', ballot: b(4, 'C') }, 'C', 'B'), ctx());
    expect(fx.send[0]!.payload).toEqual({ type: 'promise', ballot: b(4, 'C'), accepted: { ballot: b(3, 'A'), value: 'X' } });
  });

  it('remembers the highest round it has seen, so its own next ballot goes above', () => {
    const fx = onPrepare(node('B'), msg({ type: 'prepare', ballot: b(7, 'C') }, 'C', 'B'), ctx());
    expect(fx.node.maxRoundSeen).toBe(7);
  });
});

describe('acceptor: phase 2 (accept)', () => {
  it('accepts a proposal at exactly its promised ballot and persists it before replying', () => {
    const fx = onAccept(promisedAt(2, 'C'), msg({ type: 'accept', ballot: b(2, 'C'), value: 'Y' }, 'C', 'B'), ctx());
    expect(fx.node.durable.accepted).toEqual({ ballot: b(2, 'C'), value: 'Y' });
    expect(fx.send).toEqual([{ to: 'C', payload: { type: 'accepted', ballot: b(2, 'C'), value: 'Y' } }]);
  });

  it('rejects a proposal below its promise', () => {
    const fx = onAccept(promisedAt(2, 'C'), msg({ type: 'accept', ballot: b(1, 'A'), value: 'X' }, 'A', 'B'), ctx());
    expect(fx.node.durable.accepted).toBeNull();
    expect(fx.send[0]!.payload).toMatchObject({ type: 'nack', promised: b(2, 'C'), of: 'accept' });
  });

  it('accepting a higher ballot also raises the promise', () => {
    const fx = onAccept(promisedAt(1, 'A'), msg({ type: 'accept', ballot: b(3, 'C'), value: 'Y' }, 'C', 'B'), ctx());
    expect(fx.node.durable.promised).toEqual(b(3, 'C'));
    // …so a later prepare between the old promise and the accepted ballot is refused.
    const later = onPrepare(fx.node, msg({ type: 'prepare', ballot: b(2, 'A') }, 'A', 'B'), ctx());
    expect(later.send[0]!.payload).toMatchObject({ type: 'nack' });
  });

  it('accepts without any prior promise (the promise is only a floor)', () => {
    const fx = onAccept(node('B'), msg({ type: 'accept', ballot: b(1, 'A'), value: 'X' }, 'A', 'B'), ctx());
    expect(fx.node.durable).toMatchObject({ promised: b(1, 'A'), accepted: { ballot: b(1, 'A'), value: 'X' } });
  });
});
