import { formatBallot, type SimEvent } from '../../core';
import type { ChallengeView, CheckResult, Lesson } from '../model';

// Lesson 4: chosen, learned and read are three different things. A value is chosen the moment a
// majority accepts one ballot (nobody knows yet), the proposer learns it from the accepted replies,
// the others from decide; a read asks every node and needs a majority to report the same proposal,
// so it can fail although a value is chosen.

type ReadDone = Extract<SimEvent, { type: 'read-done' }>;

function checkReadFails(view: ChallengeView): CheckResult {
  const done = view.events.filter((e): e is ReadDone => e.type === 'read-done');
  if (done.some((e) => e.outcome.result === 'fail' && e.outcome.reason !== 'node-crashed')) return { done: true };
  if ((view.world?.nodes ?? []).some((n) => n.reads.length > 0)) {
    return { done: false, missing: 'A read is still waiting for answers: keep a majority from agreeing (drop or hold back read messages), then select the reading node and press Fire timer.' };
  }
  if (done.some((e) => e.outcome.result === 'fail')) {
    return { done: false, missing: 'That read failed only because its own node crashed; make a read fail because no majority of nodes reports the same accepted proposal.' };
  }
  const ok = done.map((e) => e.outcome).filter((o) => o.result === 'ok').at(-1);
  if (ok) {
    return { done: false, missing: `Your read succeeded, because a majority reported ${formatBallot(ok.ballot)} ${JSON.stringify(ok.value)}; start another one and keep one of those answers from arriving.` };
  }
  return { done: false, missing: 'No read has failed yet: start one with Read at C in the client panel.' };
}

export const lesson4: Lesson = {
  number: 4,
  id: 'learning-and-reading',
  title: 'Learning and reading',
  summary: 'Chosen, learned and read are different: a majority read returns only a chosen value, and can fail.',
  scenario: {
    version: 1, protocol: 'basic', nodes: 3, seed: 4,
    title: 'Lesson 4: learning and reading',
    description: 'A gets "X" chosen at 1.A with B\'s vote and learns it; a read at C succeeds with A\'s and B\'s answers; after B crashes, a second read at C fails although "X" is still chosen; then A\'s decide teaches C the value.',
    network: { mode: 'manual' },
    steps: [
      { write: { node: 'A', value: 'X' } },
      { deliver: { type: 'prepare', from: 'A', to: 'B' } },
      { deliver: { type: 'promise', from: 'B', to: 'A' } },
      { deliver: { type: 'accept', from: 'A', to: 'B' } },
      { deliver: { type: 'accepted', from: 'B', to: 'A' } },
      { read: { node: 'C' } },
      { deliver: { type: 'read', to: 'A' } },
      { deliver: { type: 'read-reply', from: 'A' } },
      { deliver: { type: 'read', to: 'B' } },
      { deliver: { type: 'read-reply', from: 'B' } },
      { crash: 'B' },
      { read: { node: 'C' } },
      { deliver: { type: 'read', to: 'A' } },
      { deliver: { type: 'read-reply', from: 'A' } },
      { deliver: { type: 'read', to: 'B' } },
      { timeout: { node: 'C', kind: 'read-timeout' } },
      { deliver: { type: 'decide', from: 'A', to: 'C' } },
    ],
  },
  steps: [
    {
      title: 'Chosen, learned, read',
      text: [
        'So far we watched a value get chosen. This lesson separates three words that are easy to mix up. A value is chosen when a majority of acceptors have accepted it at the same ballot. A node has learned it when it knows that. A read is a client asking the cluster, right now, which value is chosen.',
        'A client asks A to write "X". Everything is delivered by hand, so you can see exactly when each of these happens.',
      ],
      at: 0,
    },
    {
      title: 'Chosen, and nobody knows',
      text: [
        'A ran phase 1 with B (prepare 1.A, promise 1.A) and sent accept 1.A "X". A accepted its own proposal at once; now B accepts too.',
        'At this very moment "X" is chosen: two of three acceptors, A and B, accepted ballot 1.A. As in lesson 3, no node knows it yet. A has not heard B\'s answer, and B knows only its own vote. Being chosen is a fact about the votes, not about anyone\'s knowledge; it can never be undone, even before anyone finds out.',
      ],
      at: 4,
      focus: { nodes: ['A', 'B'], messages: ['accept', 'accepted'] },
    },
    {
      title: 'A learns it first',
      text: [
        'B\'s accepted 1.A "X" reaches A. A now counts two votes for its ballot 1.A, a majority, so A learns that "X" is chosen.',
        'The proposer is the distinguished learner for its own ballot: acceptors send their accepted replies only to it. A tells the others with decide 1.A "X". Those decide messages are still on the wire, so B and C have not learned anything yet.',
      ],
      at: 5,
      focus: { nodes: ['A'], messages: ['accepted', 'decide'] },
    },
    {
      title: 'A read asks everyone',
      text: [
        'A client asks C to read (read #1). C sends read to A and B and answers itself at once: C has accepted nothing, because A\'s prepare and accept to C are still on the wire.',
        'A\'s read-reply has arrived: A accepted 1.A "X". Why does C not return "X" now? One node\'s accepted value proves nothing. If B\'s accept had been lost, A would report exactly the same 1.A "X", and "X" would not be chosen: a later ballot could still choose something else. So C waits for more answers.',
      ],
      at: 8,
      focus: { nodes: ['C', 'A'], messages: ['read', 'read-reply'] },
    },
    {
      title: 'A majority reports the same proposal',
      text: [
        'B\'s read-reply also says 1.A "X". Now a majority, A and B, report the same proposal (the same ballot, hence the same value), so read #1 returns "X".',
        'That is safe: a majority accepting one ballot is exactly what chosen means. Notice that C has still not learned "X". A read looks at the cluster; it changes no node\'s state.',
      ],
      at: 10,
      focus: { nodes: ['A', 'B', 'C'], messages: ['read-reply'] },
    },
    {
      title: 'B crashes',
      text: [
        'B crashes. "X" is still chosen: B\'s vote for 1.A is on its disk, and choosing is about votes, not about who is up.',
        'But a read can only count the nodes that answer.',
      ],
      at: 11,
      focus: { nodes: ['B'] },
    },
    {
      title: 'A read can fail',
      text: [
        'Read #2 at C: A answers 1.A "X", C itself answers nothing, and the read message to B is lost because B is down. We fired C\'s read timer by hand, and the read fails with no-majority: two nodes answered, but they did not report the same proposal.',
        'From where C stands, one vote for 1.A "X" looks exactly like a proposal that reached only A and was never chosen. Returning "X" would be a guess, and a wrong guess can hand a client a value that is later overwritten. A Paxos read therefore fails rather than guess. Reads are always safe, but they need a majority of nodes up, reachable and agreeing.',
      ],
      at: 16,
      focus: { nodes: ['C', 'A', 'B'], messages: ['read', 'read-reply'] },
    },
    {
      title: 'Learning from decide',
      text: [
        'A\'s decide 1.A "X" reaches C, and C learns "X" is chosen. Learning is knowledge that stays with the node (until it crashes); reading asks the cluster again each time.',
        'Real systems usually read through a node that has learned the value, or through the leader; a read that must survive any failure runs a ballot of its own.',
      ],
      at: 17,
      focus: { nodes: ['A', 'C'], messages: ['decide'] },
    },
  ],
  challenge: {
    task: 'Make a read fail.',
    text: [
      '"X" is chosen at ballot 1.A: A and B accepted it; C accepted nothing, and only A has learned it.',
      'Start a read with Read at C (or at any node) in the client panel. Then click its read and read-reply messages on the wire to deliver or drop them, or crash a node that should answer. A read that is still waiting gives up when its read timer fires: select the reading node and press Fire timer.',
      'It only counts if the read fails because no majority reports the same accepted proposal, not because the reading node itself crashed.',
    ],
    hint: 'Click Read at C, drop the read message to A, deliver the read to B and B\'s read-reply, then select C and press Fire timer: B says 1.A "X", C says nothing, and that is no majority.',
    setup: {
      version: 1, protocol: 'basic', nodes: 3, seed: 41,
      title: 'Lesson 4 challenge: make a read fail',
      description: '"X" is chosen at 1.A (A and B accepted it); A has learned it, B and C have not.',
      network: { mode: 'manual' },
      steps: [
        { write: { node: 'A', value: 'X' } },
        { deliver: { type: 'prepare', from: 'A', to: 'B' } },
        { deliver: { type: 'promise', from: 'B', to: 'A' } },
        { deliver: { type: 'accept', from: 'A', to: 'B' } },
        { deliver: { type: 'accepted', from: 'B', to: 'A' } },
      ],
    },
    check: checkReadFails,
    success: 'The read failed although "X" is chosen. The answers it got did not include a majority for one ballot, and a read cannot tell a lone vote from a chosen value, so it refuses to answer instead of guessing. Safety first: a read may be unavailable, but it never returns a value that is not chosen.',
    solution: [
      { read: { node: 'C' } },
      { drop: { type: 'read', to: 'A' } },
      { deliver: { type: 'read', to: 'B' } },
      { deliver: { type: 'read-reply', from: 'B' } },
      { timeout: { node: 'C', kind: 'read-timeout' } },
    ],
  },
};
