import { effects, ignore, toAll, type Effects, type RoleContext } from './effects';
import type { Message, NodeState } from './types';

type Msg<T extends Message['type']> = Extract<Message, { type: T }>;

/**
 * A node learns a value when the ballot's distinguished learner (its proposer) announces that a
 * majority accepted it. Learning also ends this node's own attempt: there is nothing left to decide.
 */
export function onDecide(node: NodeState, msg: Msg<'decide'>, ctx: RoleContext): Effects {
  if (node.learned) return ignore(node, msg, 'already learned the chosen value', ctx.now);
  const learned = { ballot: msg.ballot, value: msg.value };
  const learn = { type: 'learn', time: ctx.now, node: node.id, ballot: msg.ballot, value: msg.value } as const;
  if (node.proposer.phase === 'idle' || node.proposer.phase === 'done') {
    return effects({ ...node, learned }, { events: [learn] });
  }
  // It was proposing for a client: finish that job by passing the decision on, as the ballot's own
  // announcement may not have reached everyone (it is why this node was asked to write).
  return effects({ ...node, learned, proposer: { ...node.proposer, phase: 'done' } }, {
    events: [learn],
    send: toAll(ctx.ids.filter((id) => id !== node.id), { type: 'decide', ballot: msg.ballot, value: msg.value }),
    timers: [{ op: 'cancel', kind: 'retry' }],
  });
}
