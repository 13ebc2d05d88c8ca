import { ballotKey, compareBallots, formatBallot } from './ballot';
import { isMajority, majority } from './quorum';
import type { Ballot, BallotVotes, MonitorState, NodeId, SimEvent } from './types';

// The omniscient safety monitor. It watches events, not node state: acceptors overwrite what they
// accepted, so "chosen" must be judged over the history of every vote ever cast.

export function initialMonitor(ids: readonly NodeId[]): MonitorState {
  return {
    votes: {}, chosen: [], proposed: [], violations: [],
    maxPromise: Object.fromEntries(ids.map((id) => [id, null])),
  };
}

type Violation = SimEvent & { type: 'violation' };

/**
 * Update the monitor with one event. Returns the new monitor and the events it adds right after
 * that event: `chosen` the moment a ballot's value reaches a majority, `violation` when a rule breaks.
 */
export function observe(m: MonitorState, e: SimEvent, n: number): { monitor: MonitorState; added: SimEvent[] } | null {
  switch (e.type) {
    case 'write':
      return m.proposed.includes(e.value) ? null : { monitor: { ...m, proposed: [...m.proposed, e.value] }, added: [] };
    case 'promise':
      return checkPromise(m, e.node, e.ballot, e.time, 'promised');
    case 'accept': {
      const raised = checkPromise(m, e.node, e.ballot, e.time, 'accepted (which promises)');
      return recordVote(raised?.monitor ?? m, e, n, raised?.added ?? []);
    }
    case 'learn':
      if (m.chosen.some((c) => c.value === e.value)) return null;
      return violate(m, e.time, 'learned-is-chosen',
        `${e.node} learned "${e.value}" from ballot ${formatBallot(e.ballot)}, but "${e.value}" is not chosen: ${notChosenBecause(m, e.value, n)}`);
    case 'read-done':
      if (e.outcome.result !== 'ok') return null;
      if (m.chosen.some((c) => c.value === (e.outcome as { value: string }).value)) return null;
      return violate(m, e.time, 'read-is-chosen',
        `A read at ${e.node} returned "${e.outcome.value}", but "${e.outcome.value}" is not chosen: ${notChosenBecause(m, e.outcome.value, n)}`);
    default:
      // Most events (sends, deliveries, timers) do not concern safety: no allocation for them.
      return null;
  }
}

function violate(m: MonitorState, time: number, invariant: Violation['invariant'], explanation: string, before: SimEvent[] = []) {
  const v: Violation = { type: 'violation', time, invariant, explanation };
  return { monitor: { ...m, violations: [...m.violations, v] }, added: [...before, v] };
}

function checkPromise(m: MonitorState, node: NodeId, ballot: Ballot, time: number, verb: string) {
  const before = m.maxPromise[node] ?? null;
  const order = compareBallots(ballot, before);
  if (order === 0) return null;
  if (order > 0) {
    return { monitor: { ...m, maxPromise: { ...m.maxPromise, [node]: ballot } }, added: [] as SimEvent[] };
  }
  // The ballot's proposer sent the prepare/accept that made this acceptor go back on its promise.
  const cause = ballot.node === node ? `its own ${verb === 'promised' ? 'prepare' : 'accept'}` : `${verb === 'promised' ? 'prepare' : 'accept'} ${formatBallot(ballot)} from ${ballot.node}`;
  return violate(m, time, 'promise-monotonic',
    `${node} ${verb} ${formatBallot(ballot)} after having promised the higher ${formatBallot(before)} (it acted on ${cause}): a promise must never be taken back, not even after a crash — the proposer of ${formatBallot(before)} counted on ${node} refusing every ballot below it.`);
}

/** Every vote ever cast for `value`, as `C at 1.A, A at 2.A` (ballot order); only for explanations. */
function votesFor(m: MonitorState, value: string): string {
  const ballots = Object.values(m.votes).filter((v) => v.value === value).sort((a, b) => compareBallots(a.ballot, b.ballot));
  return ballots.map((v) => `${v.voters.join(', ')} at ${formatBallot(v.ballot)}`).join('; ');
}

/** Why `value` is not chosen, in words: the votes it got, and what is chosen instead. */
function notChosenBecause(m: MonitorState, value: string, n: number): string {
  const votes = votesFor(m, value);
  const got = votes === '' ? 'nobody has accepted it' : `its votes are ${votes}`;
  const other = m.chosen[0];
  const instead = other ? ` What is chosen is "${other.value}" (at ballot ${formatBallot(other.ballot)}).` : '';
  return `${got}, and it takes ${majority(n)} of ${n} votes at the same ballot.${instead}`;
}

function recordVote(m: MonitorState, e: SimEvent & { type: 'accept' }, n: number, added: SimEvent[]) {
  // Keyed by ballot AND value: a correct proposer sends one value per ballot, but a broken variant
  // (e.g. ballots without the node-id tie-break) may not, and those votes must not be pooled.
  const key = `${ballotKey(e.ballot)}=${JSON.stringify(e.value)}`;
  const prev: BallotVotes = m.votes[key] ?? { ballot: e.ballot, value: e.value, voters: [] };
  if (prev.voters.includes(e.node)) return { monitor: m, added };
  const votes: BallotVotes = { ...prev, voters: [...prev.voters, e.node] };
  let monitor: MonitorState = { ...m, votes: { ...m.votes, [key]: votes } };
  // "Chosen" is the exact moment one ballot's value gets its majority of votes.
  if (!isMajority(votes.voters.length, n) || isMajority(prev.voters.length, n)) return { monitor, added };
  const again = monitor.chosen.some((c) => c.value === e.value);
  const chosenEvent: SimEvent = { type: 'chosen', time: e.time, ballot: e.ballot, value: e.value, quorum: votes.voters, again };
  const earlier = monitor.chosen.find((c) => c.value !== e.value);
  monitor = { ...monitor, chosen: [...monitor.chosen, { ballot: e.ballot, value: e.value }] };
  const out = [...added, chosenEvent];
  if (earlier) {
    const earlierVoters = monitor.votes[`${ballotKey(earlier.ballot)}=${JSON.stringify(earlier.value)}`]?.voters ?? [];
    const lastVote = e.ballot.node === e.node
      ? `${e.node}'s own vote for its ballot`
      : `${e.node}'s vote for ${e.ballot.node}'s accept ${formatBallot(e.ballot)} "${e.value}"`;
    return violate(monitor, e.time, 'agreement',
      `Two different values are chosen: "${earlier.value}" at ballot ${formatBallot(earlier.ballot)} and "${e.value}" at ballot ${formatBallot(e.ballot)} ` +
      `("${earlier.value}" accepted by ${earlierVoters.join(', ')}; "${e.value}" by ${votes.voters.join(', ')}). The second majority was completed by ${lastVote}.`, out);
  }
  if (!monitor.proposed.includes(e.value)) {
    return violate(monitor, e.time, 'validity', `"${e.value}" was chosen, but no client ever asked to write it.`, out);
  }
  return { monitor, added: out };
}
