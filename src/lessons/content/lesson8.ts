import { NOOP, type MultiEvent } from '../../core';
import type { ChallengeView, CheckResult, Lesson } from '../model';

// Lesson 8: Multi-Paxos. One leader runs phase 1 once for every open slot, pipelines phase 2 for
// several slots at once, and a new leader re-proposes what it hears about and fills the gaps with
// no-ops, so that every replica can apply the log in order.

type LeaderEvent = Extract<MultiEvent, { type: 'leader' }>;

function checkNoopFillsGap(view: ChallengeView): CheckResult {
  const ev = view.multiEvents;
  if (ev.some((e) => e.type === 'chosen' && e.value === NOOP)) return { done: true };
  const leaders = ev.filter((e): e is LeaderEvent => e.type === 'leader');
  const withNoops = leaders.find((e) => e.noops.length > 0);
  if (withNoops) {
    return { done: false, missing: `${withNoops.node} proposed a no-op for slot ${withNoops.noops.join(', ')}, but no majority has accepted one yet: deliver its accept for such a slot to another node.` };
  }
  const crashIndex = ev.findIndex((e) => e.type === 'crash');
  if (crashIndex < 0) {
    return { done: false, missing: 'A is still the leader: leave a gap first (a later slot accepted by B while an earlier one is not), then crash A.' };
  }
  if (ev.slice(crashIndex).some((e) => e.type === 'leader' && e.noops.length === 0)) {
    return { done: false, missing: 'A new leader was elected without a gap to fill, because nobody in its majority had accepted a slot above an unfilled one; go back on the timeline to before the election and get slot 3 accepted by B first.' };
  }
  return { done: false, missing: 'No new leader yet: select B and press Fire timer to start an election, then deliver its prepare to C and C\'s promise.' };
}

export const lesson8: Lesson = {
  number: 8,
  id: 'multi-paxos',
  title: 'Multi-Paxos: a leader and a log',
  summary: 'A leader runs phase 1 once for many slots, pipelines accepts, and a new leader fills gaps with no-ops.',
  scenario: {
    version: 1, protocol: 'multi', nodes: 3, seed: 8,
    title: 'Lesson 8: Multi-Paxos',
    description: 'A becomes leader and pipelines x, y and z into slots 1 to 3; slot 2\'s accepts are lost, 1 and 3 are chosen, and A crashes. B campaigns from slot 2, re-proposes z for slot 3 and fills slot 2 with a no-op, and can then apply its whole log.',
    network: { mode: 'manual' },
    steps: [
      { timeout: { node: 'A', kind: 'election' } },
      { deliver: { type: 'prepare', from: 'A', to: 'B' } },
      { deliver: { type: 'promise', from: 'B', to: 'A' } },
      { request: { node: 'A', command: 'x' } },
      { request: { node: 'A', command: 'y' } },
      { request: { node: 'A', command: 'z' } },
      { deliver: { type: 'accept', slot: 1, to: 'B' } },
      { deliver: { type: 'accepted', slot: 1, from: 'B' } },
      { deliver: { type: 'commit', from: 'A', to: 'B' } },
      { drop: { type: 'accept', slot: 2, to: 'B' } },
      { drop: { type: 'accept', slot: 2, to: 'C' } },
      { deliver: { type: 'accept', slot: 3, to: 'B' } },
      { deliver: { type: 'accepted', slot: 3, from: 'B' } },
      { crash: 'A' },
      { timeout: { node: 'B', kind: 'election' } },
      { deliver: { type: 'prepare', from: 'B', to: 'C' } },
      { deliver: { type: 'promise', from: 'C', to: 'B' } },
      { deliver: { type: 'accept', slot: 2, from: 'B', to: 'C' } },
      { deliver: { type: 'accepted', slot: 2, from: 'C', to: 'B' } },
      { deliver: { type: 'accept', slot: 3, from: 'B', to: 'C' } },
      { deliver: { type: 'accepted', slot: 3, from: 'C', to: 'B' } },
    ],
  },
  steps: [
    {
      title: 'From one value to a log',
      text: [
        'Basic Paxos chooses one value. A replicated service needs a sequence of them: a log of commands that every node applies in the same order to its own copy of the state (here, a list). Multi-Paxos runs one Paxos instance per log position, called a slot.',
        'Running both phases for every slot would cost two round trips per command, and competing proposers would duel (lesson 7). So Multi-Paxos elects one leader, the distinguished proposer, and lets it skip phase 1 almost always.',
      ],
      at: 0,
    },
    {
      title: 'One phase 1 for every slot',
      text: [
        'A heard no leader (we fired its election timer), so it campaigns with ballot 1.A and sends a single prepare 1.A from slot 1: one prepare for slot 1 and every slot after it. B promises, and reports that it accepted nothing there.',
        'With promises from A and B, A is the leader. From now on it needs only phase 2 for each new command, one round trip. Its heartbeats tell the others a leader is alive, so they do not campaign.',
      ],
      at: 3,
      focus: { nodes: ['A', 'B'], messages: ['prepare', 'promise', 'heartbeat'] },
    },
    {
      title: 'Pipelining',
      text: [
        'Clients send A three commands, x, y and z. A puts them in slots 1, 2 and 3 and sends all their accepts at once, without waiting for slot 1 to finish. That is pipelining: up to three slots may be open at a time here (the pipeline window).',
        'Each slot is its own Paxos instance, so the accepts can be answered, lost or delayed independently.',
      ],
      at: 6,
      focus: { nodes: ['A'], messages: ['accept'] },
    },
    {
      title: 'Slot 1 is chosen and applied',
      text: [
        'B accepts slot 1, so "x" is chosen there (A and B). A learns it from B\'s accepted reply, applies it to its list, and sends commit [1] to the others. B receives the commit, learns slot 1 and applies it too.',
      ],
      at: 9,
      focus: { nodes: ['A', 'B'], messages: ['accepted', 'commit'] },
    },
    {
      title: 'A gap at slot 2',
      text: [
        'Both accepts for slot 2 ("y") are lost. The accept for slot 3 reaches B, so "z" is chosen in slot 3, and A learns it.',
        'But A cannot apply slot 3: a replica applies slots strictly in order, and slot 2 is still open. That is a gap. Applying z before y is decided could give different replicas different states. A would normally resend slot 2\'s accept with its next heartbeat, but A crashes first.',
      ],
      at: 13,
      focus: { nodes: ['A', 'B', 'C'], messages: ['accept', 'accepted'] },
    },
    {
      title: 'The leader crashes',
      text: [
        'A crashes. The only vote for "y" in slot 2 is on A\'s disk. B knows slot 1 is chosen, has accepted "z" in slot 3, and does not know slot 3 is chosen. C knows nothing at all: no message from A reached it.',
        'Without a leader, nothing new can be chosen, and without a decision for slot 2, nobody can apply slot 3.',
      ],
      at: 14,
      focus: { nodes: ['A'] },
    },
    {
      title: 'A new leader fills the gap',
      text: [
        'B\'s election timer fires and B campaigns with ballot 2.B, from slot 2: the first slot it does not know is chosen. Again one prepare covers every slot from there. B\'s own promise reports slot 3: 1.A "z"; C promises and reports nothing.',
        'With a majority, B decides slot by slot, by the same rule as lesson 5. Slot 3: someone accepted "z", so B re-proposes "z" (it may be chosen; here it is). Slot 2: nobody in its majority accepted anything, so nothing can have been chosen there, and B fills the gap with a no-op, a command that does nothing. Inventing a client command would be wrong, and waiting would block the log forever.',
      ],
      at: 17,
      focus: { nodes: ['B', 'C'], messages: ['prepare', 'promise', 'accept'] },
    },
    {
      title: 'The log moves on',
      text: [
        'C accepts the no-op for slot 2 and "z" for slot 3 at ballot 2.B, so both are chosen (slot 3 again, with the same value). B learns them and applies its log in order: slot 2 changes nothing, slot 3 appends z. B\'s list is now [x, z].',
        '"y" was never chosen and is gone; its client will retry and its command will land in a later slot. C is behind, and will catch up from B\'s commits and heartbeats. This is how Lamport describes Multi-Paxos: one leader, phase 1 once per leadership, phase 2 per command, and no-ops for the gaps a crashed leader leaves.',
      ],
      at: 21,
      focus: { nodes: ['B', 'C'], messages: ['accept', 'accepted'] },
    },
  ],
  challenge: {
    task: 'Make a new leader fill a gap with a no-op.',
    text: [
      'A is the leader and has just proposed x, y and z for slots 1, 2 and 3; their accepts are on the wire to B and C.',
      'Leave a gap: get a later slot accepted by B while an earlier slot reaches nobody but A (click accept messages, then Deliver now or Drop). Crash the leader (select A, Crash node). Then start an election at B (select B, Fire timer), deliver its prepare to C and C\'s promise, and get one of its no-ops accepted by a majority.',
    ],
    hint: 'Drop the accepts for slot 2 to B and C, deliver the accept for slot 3 to B, crash A, fire B\'s timer, deliver B\'s prepare to C and C\'s promise to B, then deliver B\'s accept for slot 2 (a no-op) to C.',
    setup: {
      version: 1, protocol: 'multi', nodes: 3, seed: 88,
      title: 'Lesson 8 challenge: fill a gap with a no-op',
      description: 'A leads with ballot 1.A and has proposed x, y and z for slots 1 to 3.',
      network: { mode: 'manual' },
      steps: [
        { timeout: { node: 'A', kind: 'election' } },
        { deliver: { type: 'prepare', from: 'A', to: 'B' } },
        { deliver: { type: 'promise', from: 'B', to: 'A' } },
        { request: { node: 'A', command: 'x' } },
        { request: { node: 'A', command: 'y' } },
        { request: { node: 'A', command: 'z' } },
      ],
    },
    check: checkNoopFillsGap,
    success: 'A no-op was chosen: the new leader found a slot that nobody in its majority had accepted, below one that somebody had, and filled it with a command that does nothing, so every replica can apply the log in order again.',
    solution: [
      { drop: { type: 'accept', slot: 2, to: 'B' } },
      { drop: { type: 'accept', slot: 2, to: 'C' } },
      { deliver: { type: 'accept', slot: 3, to: 'B' } },
      { crash: 'A' },
      { timeout: { node: 'B', kind: 'election' } },
      { deliver: { type: 'prepare', from: 'B', to: 'C' } },
      { deliver: { type: 'promise', from: 'C', to: 'B' } },
      { deliver: { type: 'accept', slot: 2, from: 'B', to: 'C' } },
    ],
  },
};
