import { effects, ignore, type Effects, type RoleContext } from './effects';
import type { Message, NodeState } from './types';

type Msg<T extends Message['type']> = Extract<Message, { type: T }>;

/**
 * A node learns a value when the ballot's distinguished learner (its proposer) announces that a
 * majority accepted it. Learning also ends this node's own attempt: there is nothing left to decide.
 */
export function onDecide(node: NodeState, msg: Msg<'decide'>, ctx: RoleContext): Effects {
  if (node.learned) return ignore(node, msg, 'already learned the chosen value', ctx.now);
  const stopped = node.proposer.phase === 'idle' ? node.proposer : { ...node.proposer, phase: 'done' as const };
  return effects({ ...node, learned: { ballot: msg.ballot, value: msg.value }, proposer: stopped }, {
    events: [{ type: 'learn', time: ctx.now, node: node.id, ballot: msg.ballot, value: msg.value }],
    timers: [{ op: 'cancel', kind: 'retry' }],
  });
}
