import type { ChallengeView, CheckResult, Lesson } from '../model';

// Lesson 1: the problem Paxos solves, and the three roles every node plays. One uneventful run,
// delivered by hand: a client write at A, its prepares, one promise, one accept, one accepted
// (now "X" is chosen) and the decisions that tell everyone.

const scenario = {
  version: 1, protocol: 'basic', nodes: 3, seed: 1,
  title: 'Lesson 1: the problem and the roles',
  description: 'A client asks A to write "X"; every message is delivered by hand until all three nodes know "X" is chosen.',
  network: { mode: 'manual' },
  steps: [
    { write: { node: 'A', value: 'X' } },
    { deliver: { type: 'prepare', to: 'B' } },
    { deliver: { type: 'promise', from: 'B' } },
    { deliver: { type: 'accept', to: 'B' } },
    { deliver: { type: 'accepted', from: 'B' } },
    { deliver: { type: 'decide', to: 'B' } },
    { deliver: { type: 'decide', to: 'C' } },
  ],
} as const;

const setup = {
  version: 1, protocol: 'basic', nodes: 3, seed: 2,
  title: 'Lesson 1 challenge: deliver the messages yourself',
  description: 'A client asks B to write "Y". Nothing moves until you deliver the messages.',
  network: { mode: 'manual' },
  steps: [{ write: { node: 'B', value: 'Y' } }],
} as const;

function check(view: ChallengeView): CheckResult {
  const world = view.world;
  if (!world) return { done: false, missing: 'this is not a basic Paxos run. Press "Restart the challenge".' };
  if (world.monitor.chosen.length > 0) return { done: true };
  const delivered = view.events.filter((e) => e.type === 'deliver').length;
  if (delivered === 0) {
    return { done: false, missing: 'no message has been delivered yet. Click a message on a wire, then "Deliver now".' };
  }
  const accepted = world.nodes.filter((n) => n.durable.accepted !== null).map((n) => n.id);
  return {
    done: false,
    missing: accepted.length === 0
      ? 'no node has accepted a proposal yet, so nothing is chosen.'
      : `only ${accepted.join(' and ')} accepted the proposal; a value is chosen when a majority (2 of 3) accept the same ballot.`,
  };
}

export const lesson1: Lesson = {
  number: 1,
  id: 'problem-and-roles',
  title: 'The problem and the roles',
  summary: 'Why agreeing on one value is hard, and what proposers, acceptors and learners do.',
  scenario,
  steps: [
    {
      title: 'Three nodes must agree on one value',
      text: [
        'Here are three computers: A, B and C. They talk only by sending messages over a network. Messages can be slow, can get lost, and any computer can crash at any moment.',
        'Their job sounds simple: agree on a single value (say, who holds a lock, or the next entry in a log), so that once they have agreed, nobody ever changes their mind — even if some of them crash.',
        'Paxos is a recipe for exactly that. In this app nothing moves until you say so: each lesson step moves the run forward, and Back goes back in time.',
      ],
      at: 0,
      focus: { nodes: ['A', 'B', 'C'] },
    },
    {
      title: 'Every node plays three roles',
      text: [
        'Each node plays three roles at once. As a proposer it tries to get a value chosen. As an acceptor it votes on proposals — the acceptors are the memory of the system. As a learner it finds out which value was chosen.',
        'A value is chosen when a majority of the acceptors (here 2 of 3) accept the same proposal. Why a majority? Any two majorities share at least one node, and that shared node is what stops two different values being chosen.',
      ],
      at: 0,
      focus: { nodes: ['A', 'B', 'C'] },
    },
    {
      title: 'A client asks A to write "X"',
      text: [
        'A client has asked node A to write the value "X". A becomes a proposer: it picks a ballot number, 1.A (round 1, node A), and asks the acceptors to take part.',
        'Those are the two prepare messages on the wires from A to B and to C. A also answers its own prepare straight away, because A is an acceptor too.',
      ],
      at: 1,
      focus: { nodes: ['A'], messages: ['prepare'] },
    },
    {
      title: 'B promises',
      text: [
        'The prepare reached B. B, as an acceptor, promises ballot 1.A: it will not take part in any lower ballot. Its promise is on its way back to A.',
        'The prepare to C is still on the wire. That is fine: A needs only a majority, and with B it has one.',
      ],
      at: 2,
      focus: { nodes: ['B'], messages: ['promise'] },
    },
    {
      title: 'A asks the acceptors to accept "X"',
      text: [
        'A now holds promises from A and B — a majority. It sends accept 1.A "X" to B and C: "please accept value X under ballot 1.A". A accepts it itself at once.',
      ],
      at: 3,
      focus: { nodes: ['A'], messages: ['accept'] },
    },
    {
      title: 'B accepts: "X" is chosen',
      text: [
        'B accepts 1.A "X". Now two of the three acceptors, A and B, have accepted the same proposal: "X" is chosen. The safety panel marks the moment.',
        'Nobody knows it yet! "Chosen" is a fact about the acceptors, not something any one node sees. B tells A with an accepted message.',
      ],
      at: 4,
      focus: { nodes: ['A', 'B'], messages: ['accepted'] },
    },
    {
      title: 'A learns, and tells the others',
      text: [
        'The accepted from B reached A. A counts the votes — A and B accepted 1.A — so A, as a learner, learns that "X" is chosen (the tick on its circle).',
        'A sends a decide message to B and C so they learn it too, without counting votes themselves.',
      ],
      at: 5,
      focus: { nodes: ['A'], messages: ['decide'] },
    },
    {
      title: 'Everyone knows',
      text: [
        'B and C received the decision: every node has learned "X". C never voted, yet it knows the outcome, and from now on no proposer can get a different value chosen.',
        'That was Paxos with nothing going wrong. The next lessons take it apart: how ballots protect a promise, why "chosen" survives crashes, and what happens when proposers compete.',
      ],
      at: 7,
      focus: { nodes: ['A', 'B', 'C'] },
    },
  ],
  challenge: {
    task: 'Get a value chosen by delivering the messages yourself.',
    text: [
      'A client has asked B to write "Y", and B\'s prepares are on the wires. Nothing moves by itself: click a message (or Tab to it and press Enter) and press "Deliver now" in the inspector.',
      'Deliver a prepare, bring the promise back, then do the same with an accept and its accepted.',
    ],
    hint: 'B needs one promise besides its own: deliver B\'s prepare to C, then C\'s promise back to B. B then sends accepts; deliver the one to C. As soon as C accepts, B and C have accepted the same ballot, a majority.',
    setup,
    check,
    success: 'A majority accepted the same ballot, so "Y" is chosen — and it can never be un-chosen. You did the work of the network.',
    solution: [
      { deliver: { type: 'prepare', to: 'C' } },
      { deliver: { type: 'promise', from: 'C' } },
      { deliver: { type: 'accept', to: 'C' } },
    ],
  },
};
