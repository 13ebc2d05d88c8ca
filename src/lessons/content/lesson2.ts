import type { ChallengeView, CheckResult, Lesson } from '../model';

// Lesson 2: phase 1. Ballot numbers (round.node), what a promise is and what it forbids: A's
// ballot 1.A gets B's promise, then C's higher ballot 1.C takes B's promise over, so B refuses A's
// accept 1.A and C refuses A's late prepare 1.A.

const scenario = {
  version: 1, protocol: 'basic', nodes: 3, seed: 1,
  title: 'Lesson 2: phase 1 — prepare, promises and ballot numbers',
  description: 'A prepares ballot 1.A and gets B\'s promise; C then prepares the higher ballot 1.C, and B and C refuse A\'s lower ballot.',
  network: { mode: 'manual' },
  steps: [
    { write: { node: 'A', value: 'X' } },
    { deliver: { type: 'prepare', from: 'A', to: 'B' } },
    { deliver: { type: 'promise', from: 'B', to: 'A' } },
    { write: { node: 'C', value: 'Y' } },
    { deliver: { type: 'prepare', from: 'C', to: 'B' } },
    { deliver: { type: 'accept', from: 'A', to: 'B' } },
    { deliver: { type: 'prepare', from: 'A', to: 'C' } },
  ],
} as const;

const setup = {
  version: 1, protocol: 'basic', nodes: 3, seed: 3,
  title: 'Lesson 2 challenge: make an acceptor refuse a prepare',
  description: 'A client asks A to write "X"; A\'s prepares 1.A are on the wires.',
  network: { mode: 'manual' },
  steps: [{ write: { node: 'A', value: 'X' } }],
} as const;

function check(view: ChallengeView): CheckResult {
  if (!view.world) return { done: false, missing: 'this is not a basic Paxos run. Press "Restart the challenge".' };
  if (view.events.some((e) => e.type === 'reject' && e.of === 'prepare')) return { done: true };
  const proposers = new Set(view.events.filter((e) => e.type === 'ballot-start').map((e) => e.node));
  if (proposers.size < 2) {
    return {
      done: false,
      missing: 'no acceptor has refused a prepare, and only one node has started a ballot. An acceptor refuses a prepare only when it has already promised a higher ballot.',
    };
  }
  return { done: false, missing: 'no acceptor has refused a prepare yet: every prepare delivered so far carried a ballot at least as high as the receiver\'s promise.' };
}

export const lesson2: Lesson = {
  number: 2,
  id: 'phase-1',
  title: 'Phase 1: prepare, promises and ballot numbers',
  summary: 'How a proposer reserves a ballot, and what an acceptor\'s promise forbids.',
  scenario,
  steps: [
    {
      title: 'Ballot numbers',
      text: [
        'Several nodes may try to propose at the same time, so every attempt gets a ballot number (also called a proposal or sequence number). In this app a ballot is written round.node: 1.A is round 1 of node A.',
        'Ballots are ordered by round first, then by node name: 1.A < 1.B < 1.C < 2.A. Two nodes can never pick the same ballot, because the node name is part of it.',
      ],
      at: 0,
      focus: { nodes: ['A', 'B', 'C'] },
    },
    {
      title: 'A prepares ballot 1.A',
      text: [
        'A client asks A to write "X". A starts phase 1: it sends prepare 1.A to B and C. A prepare asks: "will you promise not to take part in any ballot lower than 1.A, and tell me what you have already accepted?"',
        'A promises 1.A to itself straight away, so it already has 1 of the 2 promises it needs.',
      ],
      at: 1,
      focus: { nodes: ['A'], messages: ['prepare'] },
    },
    {
      title: 'B promises 1.A',
      text: [
        'B receives prepare 1.A. It has promised nothing yet, so it promises ballot 1.A: from now on it will refuse any ballot lower than 1.A. Its promise also says what B has accepted so far — nothing.',
        'The promise is a durable vow: B writes it down, and it keeps it even across a crash.',
      ],
      at: 2,
      focus: { nodes: ['B'], messages: ['promise'] },
    },
    {
      title: 'A majority promised: phase 1 is over',
      text: [
        'A now has promises from A and B, a majority of three. Nobody reported an accepted value, so A is free to propose its own "X": it sends accept 1.A "X" (phase 2) to B and C, and accepts it itself.',
        'Watch what happens to those accepts when someone else prepares meanwhile.',
      ],
      at: 3,
      focus: { nodes: ['A'], messages: ['accept'] },
    },
    {
      title: 'C starts a higher ballot, 1.C',
      text: [
        'Another client asks C to write "Y". C never heard from A (A\'s prepare to C is still on the wire), so it starts its own ballot: 1.C, which is higher than 1.A because C comes after A.',
        'C promises 1.C to itself and sends prepare 1.C to A and B.',
      ],
      at: 4,
      focus: { nodes: ['C'], messages: ['prepare'] },
    },
    {
      title: 'B promises the higher ballot 1.C',
      text: [
        'B receives prepare 1.C. It is higher than B\'s promise 1.A, so B promises 1.C instead. A higher ballot always wins a promise; that is how a stuck or crashed proposer can be replaced.',
        'B\'s promise now says: nothing below 1.C. That includes A\'s 1.A.',
      ],
      at: 5,
      focus: { nodes: ['B'], messages: ['promise'] },
    },
    {
      title: 'B refuses A\'s accept 1.A',
      text: [
        'A\'s accept 1.A "X" finally reaches B. B promised 1.C, and 1.A is lower, so B refuses: it does not accept "X", and answers with a nack naming its promise 1.C.',
        'This is the point of the promise: once a majority promised 1.C, no lower ballot can get anything accepted by them, so C can safely choose its value without A interfering.',
      ],
      at: 6,
      focus: { nodes: ['B'], messages: ['nack'] },
    },
    {
      title: 'C refuses A\'s late prepare',
      text: [
        'The very first prepare 1.A finally reaches C. C has promised 1.C (to itself), so it refuses this prepare too, with a nack. A will learn that its ballot is outdated and retry later with a higher round, 2.A.',
        'In short: phase 1 reserves a ballot with a majority of promises, and every promise shuts out all lower ballots.',
      ],
      at: 7,
      focus: { nodes: ['C', 'A'], messages: ['nack'] },
    },
  ],
  challenge: {
    task: 'Make an acceptor refuse a prepare.',
    text: [
      'A client asked A to write "X", and A\'s prepares 1.A are on the wires. Make one of the acceptors refuse a prepare — a reject shows up in the event log and a nack goes back.',
      'You can ask another node to write a value in the client panel, and deliver messages by clicking them and pressing "Deliver now".',
    ],
    hint: 'An acceptor refuses a prepare whose ballot is lower than one it already promised. In the client panel, ask C to write "Y": C promises its own higher ballot 1.C. Then deliver A\'s prepare 1.A to C.',
    setup,
    check,
    success: 'The acceptor had already promised a higher ballot, so it refused the lower one. A promise is a promise: no lower ballot gets past it.',
    solution: [
      { write: { node: 'C', value: 'Y' } },
      { deliver: { type: 'prepare', from: 'A', to: 'C' } },
    ],
  },
};
