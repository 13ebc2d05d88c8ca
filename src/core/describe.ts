import { formatBallot } from './ballot';
import type { Message, Proposal, SimEvent } from './types';

// One plain-English line per event: the event log, screen-reader narration and golden traces all
// read these, so wording changes are visible in test/scenarios/*.trace diffs.

const q = (v: string) => JSON.stringify(v);

export function formatProposal(p: Proposal | null): string {
  return p ? `${formatBallot(p.ballot)} = ${q(p.value)}` : 'nothing';
}

/** `prepare 2.A`, `accept 2.A "X"`, `promise 2.A (accepted 1.B = "X")` */
export function formatMessage(m: Message): string {
  switch (m.type) {
    case 'prepare': return `prepare ${formatBallot(m.ballot)}`;
    case 'promise': return `promise ${formatBallot(m.ballot)}${m.accepted ? ` (accepted ${formatProposal(m.accepted)})` : ''}`;
    case 'accept': return `accept ${formatBallot(m.ballot)} ${q(m.value)}`;
    case 'accepted': return `accepted ${formatBallot(m.ballot)} ${q(m.value)}`;
    case 'nack': return `nack ${formatBallot(m.ballot)} (promised ${formatBallot(m.promised)})`;
    case 'decide': return `decide ${formatBallot(m.ballot)} ${q(m.value)}`;
    case 'read': return `read #${m.readId}`;
    case 'read-reply': return `read-reply #${m.readId} (${m.accepted ? `accepted ${formatProposal(m.accepted)}` : 'nothing accepted'})`;
  }
}

const arrow = (m: Message) => `${m.from} → ${m.to}  ${formatMessage(m)}`;

const READ_FAIL: Record<string, string> = {
  'no-majority': 'no majority reported the same accepted proposal',
  'not-enough-responses': 'too few nodes answered before the timeout',
  'node-crashed': 'the node crashed',
};

export function describe(e: SimEvent): string {
  switch (e.type) {
    case 'write': return `client asks ${e.node} to write ${q(e.value)}`;
    case 'write-known': return `${e.node} already knows ${q(e.chosen)} is chosen; ${q(e.value)} cannot be written (re-announces the decision)`;
    case 'read-start': return `client asks ${e.node} to read (read #${e.readId})`;
    case 'read-done': return e.outcome.result === 'ok'
      ? e.outcome.ballots
        // Only the read-ignores-ballots variant succeeds on matching values at different ballots.
        ? `read #${e.readId} at ${e.node} returns ${q(e.outcome.value)} (enough nodes reported ${q(e.outcome.value)}, but at different ballots: ${e.outcome.ballots.map(formatBallot).join(', ')})`
        : `read #${e.readId} at ${e.node} returns ${q(e.outcome.value)} (a majority accepted ${formatBallot(e.outcome.ballot)})`
      : `read #${e.readId} at ${e.node} fails: ${e.outcome.reason} (${READ_FAIL[e.outcome.reason]})`;
    case 'send': return e.msg.cut ? `${arrow(e.msg)}  (across the partition: it will be lost)` : arrow(e.msg);
    case 'deliver': return `${e.msg.to} receives ${formatMessage(e.msg)} from ${e.msg.from}`;
    case 'drop': return `lost: ${arrow(e.msg)}${e.reason === 'user' ? '' : e.reason === 'partition' ? ' (partition)' : ` (${e.msg.to} is down)`}`;
    case 'duplicate': return `duplicated: ${arrow(e.msg)} (copy #${e.copy.id})`;
    case 'delay': return `delayed by ${e.ticks} ticks: ${arrow(e.msg)}`;
    case 'ignore': return `${e.node} ignores ${formatMessage(e.msg)} from ${e.msg.from}: ${e.why}`;
    case 'ballot-start': return `${e.node} starts ballot ${formatBallot(e.ballot)}${e.value === null ? ' (no value of its own)' : ` for ${q(e.value)}`}`;
    case 'promise': return `${e.node} promises ${formatBallot(e.ballot)}${e.accepted ? ` (accepted ${formatProposal(e.accepted)})` : ''}`;
    case 'reject': return `${e.node} rejects ${e.of} ${formatBallot(e.ballot)}: promised ${formatBallot(e.promised)}`;
    case 'propose':
      if (e.ignored) {
        return `${e.node} has a majority of promises for ${formatBallot(e.ballot)}; proposes its own value ${q(e.value)}, ignoring the reported accepted ${formatProposal(e.ignored)}`;
      }
      if (!e.adoptedFrom) return `${e.node} has a majority of promises for ${formatBallot(e.ballot)}; proposes its own value ${q(e.value)}`;
      return e.adoptedFrom.ballot.node === e.node
        ? `${e.node} has a majority of promises for ${formatBallot(e.ballot)}; re-proposes ${q(e.value)} (highest accepted: ${formatBallot(e.adoptedFrom.ballot)}, its own earlier ballot)`
        : `${e.node} has a majority of promises for ${formatBallot(e.ballot)}; adopts ${q(e.value)} (highest accepted: ${formatBallot(e.adoptedFrom.ballot)})`;
    case 'nothing-to-propose': return `${e.node} has a majority of promises for ${formatBallot(e.ballot)} but no value to propose`;
    case 'accept': return `${e.node} accepts ${formatBallot(e.ballot)} ${q(e.value)}`;
    case 'preempted': return `${e.node} abandons ballot ${formatBallot(e.ballot)}: ${formatBallot(e.by)} is higher`;
    case 'chosen': return e.again
      ? `${q(e.value)} is chosen again, at ballot ${formatBallot(e.ballot)} (accepted by ${e.quorum.join(', ')}): the same value, as Paxos guarantees`
      : `CHOSEN: ${q(e.value)} at ballot ${formatBallot(e.ballot)} (accepted by ${e.quorum.join(', ')})`;
    case 'learn': return e.mixed
      ? `${e.node} learns ${q(e.value)} is chosen (ballot ${formatBallot(e.ballot)}), counting votes from different ballots: ${e.mixed.map((v) => `${v.node} at ${formatBallot(v.ballot)}`).join(', ')}`
      : `${e.node} learns ${q(e.value)} is chosen (ballot ${formatBallot(e.ballot)})`;
    case 'timer-set': return `${e.timer.node} sets its ${e.timer.kind} timer for t=${e.timer.at}`;
    case 'timer-fire': return `${e.timer.node}'s ${e.timer.kind} timer fires${e.time < e.timer.at ? ` (early, by hand; it was set for t=${e.timer.at})` : ''}`;
    case 'crash': return `${e.node} crashes (loses what is not on disk)`;
    case 'restart': return e.forgotten
      ? `${e.node} restarts with amnesia: it forgot promised ${formatBallot(e.forgotten.promised)}, accepted ${formatProposal(e.forgotten.accepted)} (from disk: promised ${formatBallot(e.durable.promised)}, accepted ${formatProposal(e.durable.accepted)}, last round ${e.durable.maxRoundUsed})`
      : `${e.node} restarts (from disk: promised ${formatBallot(e.durable.promised)}, accepted ${formatProposal(e.durable.accepted)}, last round ${e.durable.maxRoundUsed})`;
    case 'partition': return `network partitioned: ${e.groups.map((g) => `{${g.join(' ')}}`).join(' | ')}`;
    case 'heal': return 'network healed';
    case 'violation': return `SAFETY VIOLATION (${e.invariant}): ${e.explanation}`;
  }
}

/** A trace line: the time, then the description. */
export function traceLine(e: SimEvent): string {
  return `${String(e.time).padStart(5)}  ${describe(e)}`;
}
