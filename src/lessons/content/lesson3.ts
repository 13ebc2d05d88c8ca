import type { ChallengeView, CheckResult, Lesson } from '../model';

// Lesson 3: phase 2 and what "chosen" means. "X" is chosen the moment a majority (A, B) accepts
// 1.A — although the only accepted reply is lost and nobody knows. A later proposer C, asked to
// write "Y", hears of 1.A "X" in B's promise and must propose "X": a chosen value stays chosen.

const scenario = {
  version: 1, protocol: 'basic', nodes: 3, seed: 1,
  title: 'Lesson 3: phase 2 — accept, accepted, and what "chosen" means',
  description: '"X" is chosen at 1.A by A and B, but B\'s accepted is lost. C, asked to write "Y", learns of "X" from B\'s promise and proposes "X" again.',
  network: { mode: 'manual' },
  steps: [
    { write: { node: 'A', value: 'X' } },
    { deliver: { type: 'prepare', from: 'A', to: 'B' } },
    { deliver: { type: 'promise', from: 'B', to: 'A' } },
    { deliver: { type: 'accept', from: 'A', to: 'B' } },
    { drop: { type: 'accepted', from: 'B', to: 'A' } },
    { drop: { type: 'prepare', from: 'A', to: 'C' } },
    { drop: { type: 'accept', from: 'A', to: 'C' } },
    { write: { node: 'C', value: 'Y' } },
    { deliver: { type: 'prepare', from: 'C', to: 'B' } },
    { deliver: { type: 'promise', from: 'B', to: 'C' } },
    { deliver: { type: 'accept', from: 'C', to: 'B' } },
    { deliver: { type: 'accepted', from: 'B', to: 'C' } },
  ],
} as const;

const setup = {
  version: 1, protocol: 'basic', nodes: 3, seed: 4,
  title: 'Lesson 3 challenge: choose a value with a node down',
  description: 'A client asks A to write "X"; A\'s prepares 1.A are on the wires and all three nodes are up.',
  network: { mode: 'manual' },
  steps: [{ write: { node: 'A', value: 'X' } }],
} as const;

/** Done when a value was chosen while some node was down, and none of the down nodes voted for it. */
function check(view: ChallengeView): CheckResult {
  if (!view.world) return { done: false, missing: 'this is not a basic Paxos run. Press "Restart the challenge".' };
  const down = new Set<string>();
  let chosenWhileUp: string | null = null;
  let crashed = false;
  for (const e of view.events) {
    if (e.type === 'crash') {
      down.add(e.node);
      crashed = true;
    } else if (e.type === 'restart') {
      down.delete(e.node);
    } else if (e.type === 'chosen') {
      if (down.size > 0 && e.quorum.every((n) => !down.has(n))) return { done: true };
      chosenWhileUp ??= e.value;
    }
  }
  if (chosenWhileUp !== null) {
    return { done: false, missing: `"${chosenWhileUp}" was chosen while every node was up. Press "Restart the challenge" and crash a node before a majority accepts.` };
  }
  if (!crashed) return { done: false, missing: 'no node is down yet. Select a node and press Crash.' };
  if (down.size === 0) return { done: false, missing: 'the node you crashed is up again; it must stay down until a value is chosen.' };
  return { done: false, missing: `${[...down].join(' and ')} ${down.size > 1 ? 'are' : 'is'} down, but no value is chosen yet: a majority of the nodes must accept the same ballot.` };
}

export const lesson3: Lesson = {
  number: 3,
  id: 'phase-2',
  title: 'Phase 2: accept, accepted, and what "chosen" means',
  summary: 'A value is chosen the moment a majority accepts it — even before anyone knows.',
  scenario,
  steps: [
    {
      title: 'Where phase 1 left off',
      text: [
        'A client asked A to write "X". A prepared ballot 1.A and B promised it, so A holds a majority of promises (A and B). Nobody had accepted anything, so A proposes its own value: accept 1.A "X" goes to B and C.',
        'This is phase 2. An acceptor accepts a proposal unless it has promised a higher ballot.',
      ],
      at: 3,
      focus: { nodes: ['A'], messages: ['accept'] },
    },
    {
      title: 'B accepts: "X" is chosen',
      text: [
        'B accepts 1.A "X". A accepted it too, so a majority — A and B — has accepted the same ballot. At this moment "X" is chosen: the safety panel says so, and the vote grid shows the majority that locked it.',
        '"Chosen" is a fact about the acceptors as a whole. No single node has noticed yet: B is sending its accepted to A to tell it.',
      ],
      at: 4,
      focus: { nodes: ['A', 'B'], messages: ['accepted'] },
    },
    {
      title: 'The news is lost',
      text: [
        'Bad luck: B\'s accepted is lost on the way, and so are A\'s messages to C. Nobody has learned that "X" is chosen. A still waits, and C has heard nothing at all.',
        'Is "X" still chosen? Yes. It is decided by the votes, not by anyone knowing. The question is whether Paxos can keep it that way.',
      ],
      at: 7,
      focus: { nodes: ['A', 'B'] },
    },
    {
      title: 'C tries to write "Y"',
      text: [
        'A client asks C to write "Y". C knows nothing about "X", so it starts ballot 1.C (higher than 1.A) and sends prepare 1.C to A and B.',
        'If C managed to get "Y" chosen, the cluster would have chosen two different values — exactly what Paxos must never allow.',
      ],
      at: 8,
      focus: { nodes: ['C'], messages: ['prepare'] },
    },
    {
      title: 'B\'s promise carries "X"',
      text: [
        'B promises 1.C, and its promise reports what B has accepted: 1.A "X". Every promise carries the highest proposal the acceptor accepted.',
        'Any majority C can gather overlaps the majority that chose "X" (A and B) in at least one node — here B. That overlap is why the news cannot be lost.',
      ],
      at: 9,
      focus: { nodes: ['B'], messages: ['promise'] },
    },
    {
      title: 'C must propose "X", not "Y"',
      text: [
        'C has a majority of promises (C and B). The rule of phase 2: if any promise reported an accepted proposal, propose the value of the highest one. So C proposes "X" at ballot 1.C, and forgets its client\'s "Y".',
        'C sends accept 1.C "X". Without this rule, C would propose "Y" and break agreement.',
      ],
      at: 10,
      focus: { nodes: ['C'], messages: ['accept'] },
    },
    {
      title: 'The same value, chosen again',
      text: [
        'B accepts 1.C "X" and tells C, which learns that "X" is chosen. A new ballot chose the same value again — that is safe, and it is how Paxos makes sure a chosen value can never change.',
        'Summary: a value is chosen when a majority accepts one ballot; later ballots find it through the overlapping promise and re-propose it.',
      ],
      at: 12,
      focus: { nodes: ['C', 'B'] },
    },
  ],
  challenge: {
    task: 'Get a value chosen while one node is down.',
    text: [
      'A client asked A to write "X". Crash one node (select it, then Crash), then deliver messages until a value is chosen by the two nodes that are up.',
      'The crashed node must stay down until the value is chosen, and of course it cannot vote.',
    ],
    hint: 'Crash C. Then deliver A\'s prepare to B, B\'s promise back to A, and A\'s accept to B: A and B form a majority on their own.',
    setup,
    check,
    success: 'Two of three is a majority, so one crashed node cannot stop Paxos from choosing a value. When it comes back it will learn the value — it does not need to have voted.',
    solution: [
      { crash: 'C' },
      { deliver: { type: 'prepare', from: 'A', to: 'B' } },
      { deliver: { type: 'promise', from: 'B', to: 'A' } },
      { deliver: { type: 'accept', from: 'A', to: 'B' } },
    ],
  },
};
