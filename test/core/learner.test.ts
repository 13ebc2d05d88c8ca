import { describe, expect, it } from 'vitest';
import { onDecide } from '../../src/core/learner';
import { b, ctx, msg, node } from './helpers';

const decide = () => msg({ type: 'decide', ballot: b(1, 'A'), value: 'X' }, 'A', 'B');

describe('learner', () => {
  it('learns the announced value', () => {
    const fx = onDecide(node('B'), decide(), ctx());
    expect(fx.node.learned).toEqual({ ballot: b(1, 'A'), value: 'X' });
    expect(fx.send).toEqual([]);
  });

  it('a node that was proposing passes the decision on, so its client\'s request completes everywhere', () => {
    const proposing = node('B', { proposer: { phase: 'preparing', ballot: b(2, 'B'), clientValue: 'Y', promises: {}, proposal: null, acceptedBy: [], attempt: 0 } });
    const fx = onDecide(proposing, decide(), ctx());
    expect(fx.node.proposer.phase).toBe('done');
    expect(fx.send).toEqual([
      { to: 'A', payload: { type: 'decide', ballot: b(1, 'A'), value: 'X' } },
      { to: 'C', payload: { type: 'decide', ballot: b(1, 'A'), value: 'X' } },
    ]);
    expect(fx.timers).toEqual([{ op: 'cancel', kind: 'retry' }]);
  });

  it('ignores a second announcement', () => {
    const learned = onDecide(node('B'), decide(), ctx()).node;
    expect(onDecide(learned, decide(), ctx()).events[0]).toMatchObject({ type: 'ignore' });
  });
});
