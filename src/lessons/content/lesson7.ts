import type { NodeId } from '../../core';
import type { ChallengeView, CheckResult, Lesson } from '../model';

// Lesson 7: liveness. Two proposers that keep preempting each other (duelling proposers) can stop
// Paxos from ever choosing anything, without ever making it unsafe; a distinguished proposer (a
// leader) with randomized back-off is how real systems make progress.

const times = (n: number) => (n === 0 ? 'not at all' : n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

function checkLivelock(view: ChallengeView): CheckResult {
  if (view.events.some((e) => e.type === 'chosen')) {
    return { done: false, missing: 'A value has been chosen, so the duel is over; go back on the timeline to before it was chosen (or restart the challenge) and keep the proposers interrupting each other.' };
  }
  const count = new Map<NodeId, number>();
  for (const e of view.events) if (e.type === 'preempted') count.set(e.node, (count.get(e.node) ?? 0) + 1);
  const losers = [...count.values()].filter((n) => n >= 2).length;
  if (losers >= 2) return { done: true };
  return {
    done: false,
    missing: `So far A has been preempted ${times(count.get('A') ?? 0)} and C ${times(count.get('C') ?? 0)}; two proposers must each lose at least two ballots to the other, with nothing chosen.`,
  };
}

export const lesson7: Lesson = {
  number: 7,
  id: 'liveness',
  title: 'Duelling proposers and liveness',
  summary: 'Two proposers can preempt each other forever: Paxos stays safe but may never finish, and a leader with random back-off fixes that in practice.',
  scenario: {
    version: 1, protocol: 'basic', nodes: 3, seed: 7,
    title: 'Lesson 7: duelling proposers',
    description: 'A ("X") and C ("Y") take turns winning B\'s promise, so each accept is rejected and each proposer retries higher (1.A, 1.C, 2.A, 3.C); when C holds back, A\'s 4.A gets "X" chosen and C learns it.',
    network: { mode: 'manual' },
    steps: [
      { write: { node: 'A', value: 'X' } },
      { write: { node: 'C', value: 'Y' } },
      { deliver: { type: 'prepare', from: 'A', to: 'B' } },
      { deliver: { type: 'promise', from: 'B', to: 'A' } },
      { deliver: { type: 'prepare', from: 'C', to: 'B' } },
      { deliver: { type: 'promise', from: 'B', to: 'C' } },
      { deliver: { type: 'accept', from: 'A', to: 'B' } },
      { deliver: { type: 'nack', from: 'B', to: 'A' } },
      { timeout: 'A' },
      { deliver: { type: 'prepare', from: 'A', to: 'B', ballot: '2.A' } },
      { deliver: { type: 'promise', from: 'B', to: 'A', ballot: '2.A' } },
      { deliver: { type: 'accept', from: 'C', to: 'B' } },
      { deliver: { type: 'nack', from: 'B', to: 'C' } },
      { timeout: 'C' },
      { deliver: { type: 'prepare', from: 'C', to: 'B', ballot: '3.C' } },
      { deliver: { type: 'promise', from: 'B', to: 'C', ballot: '3.C' } },
      { deliver: { type: 'accept', from: 'A', to: 'B', ballot: '2.A' } },
      { deliver: { type: 'nack', from: 'B', to: 'A' } },
      { timeout: 'A' },
      { deliver: { type: 'prepare', from: 'A', to: 'B', ballot: '4.A' } },
      { deliver: { type: 'promise', from: 'B', to: 'A', ballot: '4.A' } },
      { deliver: { type: 'accept', from: 'A', to: 'B', ballot: '4.A' } },
      { deliver: { type: 'accepted', from: 'B', to: 'A', ballot: '4.A' } },
      { deliver: { type: 'decide', from: 'A', to: 'C' } },
    ],
  },
  steps: [
    {
      title: 'Two proposers at once',
      text: [
        'Two clients write at the same moment: A starts ballot 1.A for "X", C starts ballot 1.C for "Y". Each promises its own ballot, so each needs just one more promise for a majority, and both will ask B. B is the swing vote.',
        'Messages between A and C are left on the wire in this lesson: everything that matters happens at B.',
      ],
      at: 2,
      focus: { nodes: ['A', 'C', 'B'], messages: ['prepare'] },
    },
    {
      title: 'Both think they are winning',
      text: [
        'B promised 1.A, so A had a majority and sent accept 1.A "X". Then B received prepare 1.C, a higher ballot, and promised that too; C got its majority and sent accept 1.C "Y".',
        'Each proposer has done everything right, and at most one of them can succeed.',
      ],
      at: 6,
      focus: { nodes: ['A', 'B', 'C'], messages: ['promise', 'accept'] },
    },
    {
      title: 'A is preempted',
      text: [
        'A\'s accept 1.A reaches B. B has promised 1.C, so it rejects it with a nack naming 1.C, and A abandons ballot 1.A.',
        'B must refuse: C counted B\'s promise when it picked its value, and that promise means "nothing below 1.C from now on". This refusal is what keeps Paxos safe.',
      ],
      at: 8,
      focus: { nodes: ['A', 'B'], messages: ['nack'] },
    },
    {
      title: 'A strikes back',
      text: [
        'A retries (we fired its retry timer) with ballot 2.A, above the 1.C it heard about. B promises 2.A. A\'s own acceptor reports its earlier vote 1.A "X", so A re-proposes "X" at 2.A.',
        'Now C\'s accept 1.C reaches B, and B rejects it: promised 2.A. C abandons 1.C. Each proposer\'s prepare landed between the other\'s prepare and accept.',
      ],
      at: 13,
      focus: { nodes: ['A', 'B', 'C'], messages: ['prepare', 'accept', 'nack'] },
    },
    {
      title: 'A livelock',
      text: [
        'C retries with 3.C, B promises it, and A\'s accept 2.A is rejected in turn. Ballots rise, 1.A, 1.C, 2.A, 3.C, and nothing is chosen. With unlucky timing this can go on forever: a livelock.',
        'Nothing unsafe happened, and nothing can: every value chosen must pass the same promise checks. Paxos trades guaranteed progress for guaranteed safety. That is not a flaw of Paxos: Fischer, Lynch and Paterson proved that no deterministic protocol can guarantee that it always decides in an asynchronous network where even one node may crash.',
      ],
      at: 18,
      focus: { nodes: ['A', 'C', 'B'], messages: ['nack'] },
    },
    {
      title: 'One proposer at a time',
      text: [
        'A tries once more with 4.A, and this time C holds back: no prepare from C lands between A\'s prepare 4.A and its accept. B accepts 4.A "X", and "X" is chosen.',
        'That is the fix used in practice: a distinguished proposer, the leader, is the only node that proposes, and the others pass client requests to it. Until a leader is settled, proposers back off for a random time after being preempted, and the time grows with every failure (Paxoscope\'s retry timers do this), so one of them soon gets a clear round trip. Electing a leader relies on timeouts, so progress needs a network that is eventually timely; safety never does.',
      ],
      at: 22,
      focus: { nodes: ['A', 'B'], messages: ['accept', 'accepted'] },
    },
    {
      title: 'Everyone learns "X"',
      text: [
        'A counts B\'s accepted and learns "X"; its decide reaches C, which learns "X", stops its own ballot and cancels its retry timer. C\'s client value "Y" loses; "Y" was never chosen, so nothing had to be undone.',
      ],
      at: 24,
      focus: { nodes: ['A', 'C'], messages: ['decide'] },
    },
  ],
  challenge: {
    task: 'Cause a livelock.',
    text: [
      'Clients have asked A to write "X" and C to write "Y"; both prepares are on the wire. Nothing moves by itself.',
      'Make A and C preempt each other: deliver one proposer\'s prepare to B between the other\'s prepare and accept (click a message, Deliver now), deliver the nack that comes back, and let the loser retry: select it and press Fire timer. Both must lose at least two ballots, and nothing may be chosen.',
    ],
    hint: 'Deliver A\'s prepare to B and B\'s promise, then C\'s prepare to B and B\'s promise. Now deliver A\'s accept to B and the nack back to A, and fire A\'s timer: A starts 2.A. Deliver its prepare and promise, then C\'s accept and the nack, and fire C\'s timer. Repeat once more.',
    setup: {
      version: 1, protocol: 'basic', nodes: 3, seed: 77,
      title: 'Lesson 7 challenge: cause a livelock',
      description: 'A has started 1.A for "X" and C has started 1.C for "Y".',
      network: { mode: 'manual' },
      steps: [
        { write: { node: 'A', value: 'X' } },
        { write: { node: 'C', value: 'Y' } },
      ],
    },
    check: checkLivelock,
    success: 'A livelock: A and C keep preempting each other, ballots keep rising, and nothing is chosen, yet nothing unsafe happened either. Only timing can break the tie, which is why real systems elect a single leader and make the others back off for a random while.',
    solution: [
      { deliver: { type: 'prepare', from: 'A', to: 'B' } },
      { deliver: { type: 'promise', from: 'B', to: 'A' } },
      { deliver: { type: 'prepare', from: 'C', to: 'B' } },
      { deliver: { type: 'promise', from: 'B', to: 'C' } },
      { deliver: { type: 'accept', from: 'A', to: 'B' } },
      { deliver: { type: 'nack', from: 'B', to: 'A' } },
      { timeout: 'A' },
      { deliver: { type: 'prepare', from: 'A', to: 'B', ballot: '2.A' } },
      { deliver: { type: 'promise', from: 'B', to: 'A', ballot: '2.A' } },
      { deliver: { type: 'accept', from: 'C', to: 'B' } },
      { deliver: { type: 'nack', from: 'B', to: 'C' } },
      { timeout: 'C' },
      { deliver: { type: 'prepare', from: 'C', to: 'B', ballot: '3.C' } },
      { deliver: { type: 'promise', from: 'B', to: 'C', ballot: '3.C' } },
      { deliver: { type: 'accept', from: 'A', to: 'B', ballot: '2.A' } },
      { deliver: { type: 'nack', from: 'B', to: 'A' } },
      { timeout: 'A' },
      { deliver: { type: 'prepare', from: 'A', to: 'B', ballot: '4.A' } },
      { deliver: { type: 'promise', from: 'B', to: 'A', ballot: '4.A' } },
      { deliver: { type: 'accept', from: 'C', to: 'B', ballot: '3.C' } },
      { deliver: { type: 'nack', from: 'B', to: 'C' } },
    ],
  },
};
