import { ballotKey, formatBallot } from './ballot';
import { NOOP, type MultiEvent, type MultiMonitor } from './multiTypes';
import { isMajority } from './quorum';

// The omniscient safety monitor for Multi-Paxos, over the history of events (votes are never
// forgotten, even when an acceptor later accepts something else at that slot):
//  - per slot, at most one value is chosen (one ballot's value accepted by a majority), and it is a
//    client's command or a no-op;
//  - a node learns only the value chosen for that slot;
//  - every node applies slot s only after s − 1 (no gaps), applies the same value there as every
//    other node (applied sequences are prefixes of one another), and never applies a command twice.

export const INITIAL_MULTI_MONITOR: MultiMonitor = { votes: {}, chosen: {}, requested: [], appliedAt: {}, progress: {}, violations: [] };

const quote = (v: string) => (v === NOOP ? 'no-op' : `"${v}"`);

type Buckets<K extends string | number, V> = Readonly<Record<number, Readonly<Record<K, V>>>>;

/** Read from a two-level map of buckets (32 slots or ids each). */
function getIn<K extends string | number, V>(map: Buckets<K, V>, bucket: number, key: K): V | undefined {
  return map[bucket]?.[key];
}

/** Write to it, copying only the outer map and one bucket (the worlds are immutable, for time travel). */
function setIn<K extends string | number, V>(map: Buckets<K, V>, bucket: number, key: K, value: V): Buckets<K, V> {
  return { ...map, [bucket]: { ...map[bucket], [key]: value } as Readonly<Record<K, V>> };
}

/** The monitor after event `e`, and any events it adds (`chosen`, `violation`); null when `e` does not concern it. */
export function observeMulti(m: MultiMonitor, e: MultiEvent, n: number): { monitor: MultiMonitor; added: MultiEvent[] } | null {
  const added: MultiEvent[] = [];
  const violation = (invariant: Extract<MultiEvent, { type: 'violation' }>['invariant'], explanation: string) => {
    const v = { type: 'violation' as const, time: e.time, invariant, explanation };
    added.push(v);
    return v;
  };
  switch (e.type) {
    case 'request':
      return { monitor: { ...m, requested: [...m.requested, e.entry] }, added };
    case 'accept': {
      const key = `${e.slot}@${ballotKey(e.ballot)}=${JSON.stringify(e.value)}`;
      const voters = getIn(m.votes, e.slot >> 5, key) ?? [];
      if (voters.includes(e.node)) return null;
      const next = [...voters, e.node];
      let monitor: MultiMonitor = { ...m, votes: setIn(m.votes, e.slot >> 5, key, next) };
      if (!isMajority(next.length, n) || isMajority(voters.length, n)) return { monitor, added };
      const before = m.chosen[e.slot];
      if (before && before.value !== e.value) {
        monitor = { ...monitor, violations: [...monitor.violations, violation('slot-agreement',
          `slot ${e.slot}: ${quote(e.value)} is chosen at ballot ${formatBallot(e.ballot)}, but ${quote(before.value)} was already chosen there at ballot ${formatBallot(before.ballot)}`)] };
      }
      added.unshift({ type: 'chosen', time: e.time, slot: e.slot, ballot: e.ballot, value: e.value, quorum: next });
      if (e.value !== NOOP && !m.requested.includes(e.value)) {
        monitor = { ...monitor, violations: [...monitor.violations, violation('slot-validity', `slot ${e.slot}: ${quote(e.value)} was chosen but no client asked for it`)] };
      }
      if (!before) monitor = { ...monitor, chosen: { ...monitor.chosen, [e.slot]: { ballot: e.ballot, value: e.value } } };
      return { monitor, added };
    }
    case 'learn': {
      const c = m.chosen[e.slot];
      if (c && c.value === e.value) return null;
      const v = violation('learned-is-chosen', c
        ? `${e.node} learned ${quote(e.value)} for slot ${e.slot}, but ${quote(c.value)} is chosen there`
        : `${e.node} learned ${quote(e.value)} for slot ${e.slot}, which no majority has accepted`);
      return { monitor: { ...m, violations: [...m.violations, v] }, added };
    }
    case 'apply': {
      let monitor = m;
      const before = m.progress[e.node] ?? { applied: 0, ids: {} };
      if (e.slot !== before.applied + 1) {
        monitor = { ...monitor, violations: [...monitor.violations, violation('applied-in-order', `${e.node} applied slot ${e.slot} right after slot ${before.applied}: a gap`)] };
      }
      const first = getIn(m.appliedAt, e.slot >> 5, e.slot);
      if (first !== undefined && first !== e.value) {
        monitor = { ...monitor, violations: [...monitor.violations, violation('applied-prefix', `${e.node} applied ${quote(e.value)} at slot ${e.slot}, where another node applied ${quote(first)}`)] };
      }
      const id = /^#(\d+) /.exec(e.value)?.[1];
      const idBucket = id === undefined ? 0 : Number(id) >> 5;
      if (e.skipped === null && id !== undefined && getIn(before.ids, idBucket, id)) {
        monitor = { ...monitor, violations: [...monitor.violations, violation('applied-once', `${e.node} applied request #${id} a second time (slot ${e.slot})`)] };
      }
      if (first === undefined) monitor = { ...monitor, appliedAt: setIn(monitor.appliedAt, e.slot >> 5, e.slot, e.value) };
      const ids = e.skipped === null && id !== undefined ? setIn(before.ids, idBucket, id, true as const) : before.ids;
      monitor = { ...monitor, progress: { ...monitor.progress, [e.node]: { applied: e.slot, ids } } };
      return { monitor, added };
    }
    case 'crash': {
      // Its state machine is volatile: after the restart it applies the log again from slot 1.
      const { [e.node]: _gone, ...progress } = m.progress;
      return { monitor: { ...m, progress }, added };
    }
    default:
      return null;
  }
}
