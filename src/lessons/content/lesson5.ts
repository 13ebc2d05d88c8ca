import { formatBallot, type SimEvent } from '../../core';
import type { ChallengeView, CheckResult, Lesson } from '../model';

// Lesson 5: competing proposers. A proposer must adopt the value of the highest-ballot proposal its
// majority of promises reports, because that value may already be chosen; a lower one may be a
// leftover that lost.

type Propose = Extract<SimEvent, { type: 'propose' }>;

function checkAdoptsB(view: ChallengeView): CheckResult {
  const proposes = view.events.filter((e): e is Propose => e.type === 'propose');
  // B's value: one B proposed as its own client's value (not one it adopted from someone else).
  const bValues = new Set(proposes.filter((e) => e.node === 'B' && e.adoptedFrom === null).map((e) => e.value));
  const byC = proposes.filter((e) => e.node === 'C');
  if (byC.some((e) => e.adoptedFrom?.ballot.node === 'B' && bValues.has(e.adoptedFrom.value))) return { done: true };
  const last = byC[byC.length - 1];
  if (last && (last.adoptedFrom === null || last.adoptedFrom.ballot.node === 'C')) {
    return { done: false, missing: `C proposed its own value ${JSON.stringify(last.value)} at ${formatBallot(last.ballot)} and accepted it itself, so from now on its own vote outranks B's 1.B; go back on the timeline to before C proposed (or restart the challenge) and let C hear from a node that accepted "Y".` };
  }
  if (last?.adoptedFrom) {
    return { done: false, missing: `C adopted ${JSON.stringify(last.adoptedFrom.value)} from ballot ${formatBallot(last.adoptedFrom.ballot)}, not B's own proposal; make it hear about B's 1.B "Y" instead.` };
  }
  return { done: false, missing: 'C has not proposed anything yet: it needs promises from a majority (itself and one more node) for its ballot.' };
}

export const lesson5: Lesson = {
  number: 5,
  id: 'competing-proposers',
  title: 'Competing proposers',
  summary: 'Why a proposer must adopt the highest-ballot value its majority reports, even over its own client\'s value.',
  scenario: {
    version: 1, protocol: 'basic', nodes: 3, seed: 5,
    title: 'Lesson 5: competing proposers',
    description: 'A\'s "X" is accepted only by A at 1.A; B gets "Y" chosen at 2.B with C; C, asked to write "Z", hears about both at 3.C and adopts "Y", the highest-ballot proposal, so "Y" is chosen again.',
    network: { mode: 'manual' },
    steps: [
      { write: { node: 'A', value: 'X' } },
      { deliver: { type: 'prepare', from: 'A', to: 'B' } },
      { deliver: { type: 'promise', from: 'B', to: 'A' } },
      { drop: { type: 'accept', from: 'A', to: 'B' } },
      { drop: { type: 'accept', from: 'A', to: 'C' } },
      { drop: { type: 'prepare', from: 'A', to: 'C' } },
      { write: { node: 'B', value: 'Y' } },
      { deliver: { type: 'prepare', from: 'B', to: 'C' } },
      { deliver: { type: 'promise', from: 'C', to: 'B' } },
      { deliver: { type: 'accept', from: 'B', to: 'C' } },
      { write: { node: 'C', value: 'Z' } },
      { deliver: { type: 'prepare', from: 'C', to: 'A' } },
      { deliver: { type: 'promise', from: 'A', to: 'C' } },
      { deliver: { type: 'accept', from: 'C', to: 'A' } },
      { deliver: { type: 'accepted', from: 'A', to: 'C' } },
    ],
  },
  steps: [
    {
      title: 'Three clients, three values',
      text: [
        'In this lesson three clients ask three different nodes to write three different values, one after another: A gets "X", B gets "Y", C gets "Z". Paxos must end with exactly one of them chosen, whatever the timing.',
        'Each proposer picks a ballot higher than any it has seen. Ballots are written round.node and compare by round first, then by node name, so 2.B is higher than 1.A, and 1.C would beat 1.B. Two proposers can never use the same ballot.',
      ],
      at: 0,
    },
    {
      title: 'A leftover vote',
      text: [
        'A ran ballot 1.A: B promised, so A proposed its own "X" and accepted it itself. But both accept 1.A "X" messages, to B and to C, were lost, and so was A\'s prepare to C.',
        '"X" now has one vote, A\'s, out of three. It is not chosen, but it sits on A\'s disk, and A will report it to any later proposer that asks.',
      ],
      at: 6,
      focus: { nodes: ['A'], messages: ['accept', 'prepare'] },
    },
    {
      title: 'B gets "Y" chosen',
      text: [
        'B is asked to write "Y". It has seen A\'s prepare 1.A, so it starts above it, with ballot 2.B. C promises 2.B and reports that it accepted nothing; B\'s own acceptor has accepted nothing either. With no accepted value in its majority, B is free to propose its client\'s "Y".',
        'C accepts 2.B "Y". That is two votes, B and C: "Y" is chosen. C\'s accepted reply is still on its way to B, so no node knows it yet.',
      ],
      at: 10,
      focus: { nodes: ['B', 'C'], messages: ['prepare', 'promise', 'accept'] },
    },
    {
      title: 'C starts ballot 3.C',
      text: [
        'Now a client asks C to write "Z". C has seen ballot 2.B, so it starts 3.C and sends prepare 3.C to A and B. C promises its own ballot, and its promise carries what C has accepted: 2.B "Y".',
        'C does not know that "Y" is chosen. All it can do is ask a majority what they have accepted.',
      ],
      at: 11,
      focus: { nodes: ['C'], messages: ['prepare'] },
    },
    {
      title: 'Two reports, one rule',
      text: [
        'A promises 3.C and reports its leftover 1.A "X". In lesson 3 a proposer heard about one accepted value and adopted it. C now has a majority of promises, A and C, and two different reports: 1.A "X" from A and 2.B "Y" from itself. C adopts "Y", the proposal with the highest ballot, and drops its own "Z".',
        'Why not "Z"? "Y" might be chosen (here it is), and every majority overlaps every other majority, so C\'s majority always contains at least one voter of a chosen value. Proposing anything else could get a second value chosen: A and C would accept 3.C "Z", which would be two values chosen. The Break Paxos menu shows exactly that with a proposer that ignores accepted values.',
        'Why the highest and not "X"? B proposed "Y" at 2.B only after its own majority promised and reported nothing older, so no older value can have been chosen; B already did this check for everything below 2.B. The highest ballot carries the only value that can be chosen.',
      ],
      at: 13,
      focus: { nodes: ['A', 'C'], messages: ['promise'] },
    },
    {
      title: 'Chosen again: the same value',
      text: [
        'A accepts 3.C "Y", replacing its old 1.A "X". C and A have now accepted "Y" at 3.C, so "Y" is chosen again, at a higher ballot. The safety monitor notes it: the same value, as Paxos guarantees.',
        'This is the whole safety argument in one picture: once a value is chosen at some ballot, every higher ballot proposes that same value.',
      ],
      at: 14,
      focus: { nodes: ['A', 'C'], messages: ['accept'] },
    },
    {
      title: 'C learns "Y"',
      text: [
        'A\'s accepted 3.C "Y" reaches C, which now counts a majority for its ballot and learns "Y". It sends decide to A and B.',
        'C\'s client asked for "Z" and gets "Y". Paxos agrees on a value; it does not promise that your value wins. A real system tells that client its write lost and lets it try again in a later slot (lesson 8).',
      ],
      at: 15,
      focus: { nodes: ['C'], messages: ['accepted', 'decide'] },
    },
  ],
  challenge: {
    task: 'Make node C adopt B\'s value.',
    text: [
      'B has proposed "Y" at ballot 1.B: A promised, and B accepted "Y" itself; its accept messages to A and C are on the wire. A client has just asked C to write "Z", and C\'s prepare 1.C is on its way to A and B.',
      'Click messages on the wire and choose Deliver now or Drop, so that C proposes B\'s "Y" instead of its own "Z". Careful: once C proposes "Z", it has accepted "Z" itself at 1.C, a higher ballot than B\'s 1.B, and every later ballot of C will carry "Z". If that happens, step back on the timeline and try another order.',
    ],
    hint: 'C adopts what its majority of promises reports. Only B has accepted "Y" so far, so deliver C\'s prepare to B and B\'s promise back to C. (Or deliver B\'s accept to A first, and then C\'s prepare to A and A\'s promise.)',
    setup: {
      version: 1, protocol: 'basic', nodes: 3, seed: 55,
      title: 'Lesson 5 challenge: make C adopt B\'s value',
      description: 'B proposes "Y" at 1.B (A promised; only B has accepted it); C has just started 1.C for "Z".',
      network: { mode: 'manual' },
      steps: [
        { write: { node: 'B', value: 'Y' } },
        { deliver: { type: 'prepare', from: 'B', to: 'A' } },
        { deliver: { type: 'promise', from: 'A', to: 'B' } },
        { write: { node: 'C', value: 'Z' } },
      ],
    },
    check: checkAdoptsB,
    success: 'C adopted "Y": a promise in its majority reported B\'s accepted 1.B "Y", and a proposer must propose the highest-ballot value it hears about. C cannot tell whether "Y" is already chosen, so it plays safe and carries it forward.',
    solution: [
      { deliver: { type: 'prepare', from: 'C', to: 'B' } },
      { deliver: { type: 'promise', from: 'B', to: 'C' } },
    ],
  },
};
