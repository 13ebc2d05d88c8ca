import { describe, expect, it } from 'vitest';
import { majorityProposal, onReadReply } from '../../src/core/reader';
import { b, ctx, msg, node } from './helpers';

describe('reads', () => {
  it('need a majority reporting the same ballot: the same value under different ballots is not enough', () => {
    // 1.A "X" and 2.B "X" are different proposals; neither was accepted by a majority, so neither is
    // known to be chosen (a later ballot could still choose something else).
    expect(majorityProposal({ A: { ballot: b(1, 'A'), value: 'X' }, B: { ballot: b(2, 'B'), value: 'X' }, C: null }, 3)).toBeNull();
    expect(majorityProposal({ A: { ballot: b(2, 'B'), value: 'X' }, B: { ballot: b(2, 'B'), value: 'X' } }, 3))
      .toEqual({ ballot: b(2, 'B'), value: 'X' });
  });

  it('count each node once', () => {
    let n = node('C', { reads: [{ readId: 1, startedAt: 0, replies: {} }] });
    const reply = () => msg({ type: 'read-reply', readId: 1, accepted: { ballot: b(1, 'A'), value: 'X' } }, 'A', 'C');
    n = onReadReply(n, reply(), ctx()).node;
    const fx = onReadReply(n, reply(), ctx());
    expect(fx.events[0]).toMatchObject({ type: 'ignore', why: "already counted A's answer" });
    expect(fx.node.reads).toHaveLength(1);
  });
});
