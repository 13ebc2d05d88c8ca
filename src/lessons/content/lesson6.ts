import type { NodeId, SimEvent } from '../../core';
import type { ChallengeView, CheckResult, Lesson } from '../model';

// Lesson 6: failures. Lost messages cost only time (a majority is enough, and a proposer retries);
// a crashed acceptor comes back with what it wrote to disk before replying (its promise and its
// accepted proposal), and that durable state is what keeps a chosen value chosen.

/** Nodes that restarted with a promise on disk, among the events given. */
function restartedWithPromise(events: readonly SimEvent[]): Set<NodeId> {
  const out = new Set<NodeId>();
  for (const e of events) if (e.type === 'restart' && e.durable.promised !== null) out.add(e.node);
  return out;
}

function checkSurvivesFailures(view: ChallengeView): CheckResult {
  const ev = view.events;
  for (const [i, e] of ev.entries()) {
    if (e.type !== 'chosen') continue;
    const before = ev.slice(0, i);
    const restarted = restartedWithPromise(before);
    if (before.some((b) => b.type === 'drop') && e.quorum.some((n) => restarted.has(n))) return { done: true };
  }
  if (!ev.some((e) => e.type === 'drop')) {
    return { done: false, missing: 'No message has been lost yet: click a message on the wire and choose Drop.' };
  }
  if (restartedWithPromise(ev).size === 0) {
    return { done: false, missing: 'No acceptor has yet crashed after promising and restarted: deliver a prepare to B or C, then use Crash node and Restart node on it.' };
  }
  if (ev.some((e) => e.type === 'chosen')) {
    return { done: false, missing: 'A value was chosen, but not by a majority that includes the restarted node after a message was lost; go back on the timeline to before it was chosen and try again.' };
  }
  return { done: false, missing: 'Nothing is chosen yet: get a majority that includes the restarted node to accept A\'s ballot.' };
}

export const lesson6: Lesson = {
  number: 6,
  id: 'failures',
  title: 'Lost messages, crashes and durable state',
  summary: 'Lost messages only cost time; a crashed acceptor keeps its promise and its vote on disk, and that keeps a chosen value chosen.',
  scenario: {
    version: 1, protocol: 'basic', nodes: 3, seed: 6,
    title: 'Lesson 6: failures',
    description: 'A\'s prepare to B is lost; C promises 1.A, crashes and restarts with the promise on disk; "X" is chosen by A and C; C crashes again and still reports 1.A "X" to B\'s ballot 1.B, so B adopts "X".',
    network: { mode: 'manual' },
    steps: [
      { write: { node: 'A', value: 'X' } },
      { drop: { type: 'prepare', from: 'A', to: 'B' } },
      { deliver: { type: 'prepare', from: 'A', to: 'C' } },
      { crash: 'C' },
      { restart: 'C' },
      { deliver: { type: 'promise', from: 'C', to: 'A' } },
      { deliver: { type: 'accept', from: 'A', to: 'C' } },
      { crash: 'C' },
      { restart: 'C' },
      { write: { node: 'B', value: 'Y' } },
      { deliver: { type: 'prepare', from: 'B', to: 'C' } },
      { deliver: { type: 'promise', from: 'C', to: 'B' } },
      { deliver: { type: 'accept', from: 'B', to: 'C' } },
      { deliver: { type: 'accepted', from: 'C', to: 'B' } },
    ],
  },
  steps: [
    {
      title: 'What can go wrong',
      text: [
        'Paxos is built for an unreliable world. Messages can be lost, delayed, duplicated or delivered in any order. Nodes can crash and later restart. What Paxos does not handle is a node that lies: every node follows the rules, or stops.',
        'The promise Paxos makes is that none of this can ever get two different values chosen. Failures may slow it down; they never make it wrong. Watch A try to write "X" while things go wrong.',
      ],
      at: 0,
    },
    {
      title: 'A lost prepare',
      text: [
        'A starts ballot 1.A. Its prepare to B is lost: we dropped it. Its prepare to C arrives, and C promises 1.A.',
        'Losing the prepare to B costs nothing here. Paxos never waits for every node, only for a majority, and A plus C is a majority of three. Had both prepares been lost, A would simply wait: its retry timer would start a new, higher ballot later. A lost message costs time, never safety.',
        'One detail matters for what comes next: C wrote its promise to disk before it sent its reply.',
      ],
      at: 3,
      focus: { nodes: ['A', 'B', 'C'], messages: ['prepare', 'promise'] },
    },
    {
      title: 'C crashes and restarts',
      text: [
        'C crashes and restarts. Everything in memory is gone, but the restart line in the log shows what was on disk: promised 1.A, accepted nothing, last round 0. Those three things are the durable state of an acceptor.',
        'Why must the promise survive? A is about to count C\'s promise in its majority, and A\'s choice of value relies on it: C has promised not to accept any ballot below 1.A. A C that forgot its promise could accept an older ballot\'s value behind A\'s back.',
        'C\'s promise 1.A is still on the wire. A crash loses what is in memory, not messages already sent.',
      ],
      at: 5,
      focus: { nodes: ['C'], messages: ['promise'] },
    },
    {
      title: '"X" is chosen',
      text: [
        'The promise reaches A. With promises from A and C, A proposes its client\'s "X" (nobody reported an accepted value). C accepts accept 1.A "X", and with A\'s own vote that is a majority: "X" is chosen at 1.A.',
        'Before C replied accepted, it wrote the proposal 1.A "X" to disk, together with the promise it implies.',
      ],
      at: 7,
      focus: { nodes: ['A', 'C'], messages: ['accept', 'accepted'] },
    },
    {
      title: 'The vote survives a crash',
      text: [
        'C crashes again and restarts: from disk, promised 1.A, accepted 1.A "X".',
        'This vote is half of the majority that chose "X". If C forgot it, the cluster would hold a single vote for "X", A\'s, which looks exactly like a proposal that was never chosen, and nothing would stop a later ballot from choosing another value.',
      ],
      at: 9,
      focus: { nodes: ['C'] },
    },
    {
      title: 'B adopts "X"',
      text: [
        'A client asks B to write "Y". B never heard of ballot 1.A (A\'s prepare to B was lost), so it starts ballot 1.B, which is still higher than 1.A. C promises 1.B and reports what its disk says: accepted 1.A "X". With promises from B and C, B adopts "X" instead of its own "Y".',
        'Now imagine C had come back with an empty disk. It would report nothing, B would propose "Y", and B and C would accept it: "Y" chosen at 1.B, after "X" was chosen at 1.A. The Break Paxos menu has exactly this: an acceptor that forgets its promise on restart.',
      ],
      at: 12,
      focus: { nodes: ['B', 'C'], messages: ['prepare', 'promise'] },
    },
    {
      title: 'Safe despite everything',
      text: [
        'C accepts 1.B "X", so "X" is chosen again at 1.B, and B learns it. A message was lost and an acceptor crashed twice, and still only "X" was ever chosen.',
        'The rule behind it: an acceptor writes its promise and its accepted proposal to stable storage before it replies. Real systems pay a disk flush for every such write; that flush is the price of keeping Paxos safe across crashes.',
      ],
      at: 14,
      focus: { nodes: ['B', 'C'], messages: ['accept', 'accepted'] },
    },
  ],
  challenge: {
    task: 'Get a value chosen although a message was lost and an acceptor crashed and restarted.',
    text: [
      'A client has asked A to write "X": A\'s prepare 1.A is on its way to B and C.',
      'Lose at least one message (click it and choose Drop). Let an acceptor promise, then crash it and restart it: select the node and use Crash node, then Restart node. Then get "X" chosen by a majority that includes the restarted node, by delivering messages with Deliver now.',
    ],
    hint: 'Drop A\'s prepare to C. Deliver A\'s prepare to B, so B promises 1.A. Crash B and restart it: it comes back with promised 1.A. B\'s promise is still on the wire: deliver it to A, then deliver A\'s accept to B.',
    setup: {
      version: 1, protocol: 'basic', nodes: 3, seed: 66,
      title: 'Lesson 6 challenge: chosen despite failures',
      description: 'A has just started ballot 1.A for "X".',
      network: { mode: 'manual' },
      steps: [
        { write: { node: 'A', value: 'X' } },
      ],
    },
    check: checkSurvivesFailures,
    success: 'A value was chosen with the vote of a node that crashed and came back. It came back with its promise from disk, so everything A counted on still held, and the lost message only meant Paxos made do with a different majority.',
    solution: [
      { drop: { type: 'prepare', from: 'A', to: 'C' } },
      { deliver: { type: 'prepare', from: 'A', to: 'B' } },
      { crash: 'B' },
      { restart: 'B' },
      { deliver: { type: 'promise', from: 'B', to: 'A' } },
      { deliver: { type: 'accept', from: 'A', to: 'B' } },
    ],
  },
};
