import { formatBallot } from './ballot';
import { NOOP, type Entry, type MultiEvent, type MultiMessage, type SlotProposal } from './multiTypes';

// One plain-English line per Multi-Paxos event (the event log and golden traces read these).

const q = (v: Entry) => (v === NOOP ? 'no-op' : JSON.stringify(v));
const slotProposal = (p: SlotProposal) => `${p.slot}: ${formatBallot(p.ballot)} = ${q(p.value)}`;
const slotList = (slots: readonly number[]) => slots.join(', ');

/** `prepare 2.A from slot 5`, `accept 2.A [3] "#1 x"`, `commit [3] "#1 x"` */
export function formatMultiMessage(m: MultiMessage): string {
  switch (m.type) {
    case 'prepare': return `prepare ${formatBallot(m.ballot)} from slot ${m.fromSlot}`;
    case 'promise': return `promise ${formatBallot(m.ballot)} from slot ${m.fromSlot}${m.accepted.length ? ` (accepted ${m.accepted.map(slotProposal).join('; ')})` : ''}`;
    case 'accept': return `accept ${formatBallot(m.ballot)} [${m.slot}] ${q(m.value)}`;
    case 'accepted': return `accepted ${formatBallot(m.ballot)} [${m.slot}] ${q(m.value)}`;
    case 'nack': return `nack ${formatBallot(m.ballot)} (promised ${formatBallot(m.promised)})`;
    case 'commit': return `commit ${m.entries.map((e) => `[${e.slot}] ${q(e.value)}`).join(', ')}`;
    case 'heartbeat': return `heartbeat ${formatBallot(m.ballot)} (chosen up to ${m.chosenUpTo})`;
    case 'catch-up': return `catch-up from slot ${m.fromSlot}`;
    case 'forward': return `forward ${q(m.entry)}`;
  }
}

const arrow = (m: MultiMessage) => `${m.from} → ${m.to}  ${formatMultiMessage(m)}`;

export function describeMulti(e: MultiEvent): string {
  switch (e.type) {
    case 'request': return `client asks ${e.node} to run ${q(e.entry)}`;
    case 'forward': return `${e.node} forwards ${q(e.entry)} to the leader ${e.to}`;
    case 'queue': return `${e.node} keeps ${q(e.entry)} for later: ${e.why}`;
    case 'send': return e.msg.cut ? `${arrow(e.msg)}  (across the partition: it will be lost)` : arrow(e.msg);
    case 'deliver': return `${e.msg.to} receives ${formatMultiMessage(e.msg)} from ${e.msg.from}`;
    case 'drop': return `lost: ${arrow(e.msg)}${e.reason === 'user' ? '' : e.reason === 'partition' ? ' (partition)' : ` (${e.msg.to} is down)`}`;
    case 'duplicate': return `duplicated: ${arrow(e.msg)} (copy #${e.copy.id})`;
    case 'delay': return `delayed by ${e.ticks} ticks: ${arrow(e.msg)}`;
    case 'ignore': return `${e.node} ignores ${formatMultiMessage(e.msg)} from ${e.msg.from}: ${e.why}`;
    case 'election': return `${e.node} heard no leader: campaigns with ballot ${formatBallot(e.ballot)} for every slot from ${e.fromSlot}`;
    case 'promise': return `${e.node} promises ${formatBallot(e.ballot)} from slot ${e.fromSlot}${e.accepted.length ? ` (accepted ${e.accepted.map(slotProposal).join('; ')})` : ' (accepted nothing there)'}`;
    case 'reject': return `${e.node} rejects ${formatBallot(e.ballot)}: promised ${formatBallot(e.promised)}`;
    case 'leader': {
      const parts = [
        e.reproposed.length ? `re-proposes ${e.reproposed.map(slotProposal).join('; ')} (highest accepted per slot)` : '',
        e.noops.length ? `fills ${e.noops.length === 1 ? 'gap' : 'gaps'} ${slotList(e.noops)} with no-ops` : '',
      ].filter(Boolean);
      return `LEADER: ${e.node} has a majority of promises for ${formatBallot(e.ballot)} from slot ${e.fromSlot}${parts.length ? `; ${parts.join('; ')}` : ''}`;
    }
    case 'step-down': return `${e.node} stops leading ballot ${formatBallot(e.ballot)}: ${formatBallot(e.by)} is higher`;
    case 'propose': return `${e.node} proposes ${q(e.value)} for slot ${e.slot} at ${formatBallot(e.ballot)}`;
    case 'accept': return `${e.node} accepts ${formatBallot(e.ballot)} [${e.slot}] ${q(e.value)}`;
    case 'chosen': return `CHOSEN: slot ${e.slot} = ${q(e.value)} at ballot ${formatBallot(e.ballot)} (accepted by ${e.quorum.join(', ')})`;
    case 'learn': return `${e.node} learns slot ${e.slot} = ${q(e.value)}`;
    case 'apply': return e.skipped === 'no-op'
      ? `${e.node} applies slot ${e.slot}: no-op (nothing to do)`
      : e.skipped === 'duplicate'
        ? `${e.node} skips slot ${e.slot}: ${q(e.value)} was already applied (a retried request)`
        : `${e.node} applies slot ${e.slot}: ${q(e.value)}`;
    case 'timer-set': return `${e.timer.node} sets its ${e.timer.kind} timer for t=${e.timer.at}`;
    case 'timer-fire': return `${e.timer.node}'s ${e.timer.kind} timer fires${e.time < e.timer.at ? ` (early, by hand; it was set for t=${e.timer.at})` : ''}`;
    case 'crash': return `${e.node} crashes (loses what is not on disk)`;
    case 'restart': return `${e.node} restarts (from disk: promised ${formatBallot(e.durable.promised)}, accepted ${Object.keys(e.durable.accepted).length} slot(s), last round ${e.durable.maxRoundUsed})`;
    case 'partition': return `network partitioned: ${e.groups.map((g) => `{${g.join(' ')}}`).join(' | ')}`;
    case 'heal': return 'network healed';
    case 'violation': return `SAFETY VIOLATION (${e.invariant}): ${e.explanation}`;
  }
}

export function multiTraceLine(e: MultiEvent): string {
  return `${String(e.time).padStart(5)}  ${describeMulti(e)}`;
}
