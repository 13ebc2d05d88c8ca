import acceptorCrashRestart from './presets/basic/acceptor-crash-restart.json';
import adoptChosenValue from './presets/basic/adopt-chosen-value.json';
import droppedMessagesRetry from './presets/basic/dropped-messages-retry.json';
import duellingProposers from './presets/basic/duelling-proposers.json';
import duplicateMessages from './presets/basic/duplicate-messages.json';
import happyPath5Nodes from './presets/basic/happy-path-5-nodes.json';
import happyPath from './presets/basic/happy-path.json';
import minorityAcceptedAdopted from './presets/basic/minority-accepted-adopted.json';
import minorityAcceptedReplaced from './presets/basic/minority-accepted-replaced.json';
import nackAfterAccept from './presets/basic/nack-after-accept.json';
import partitionHeal from './presets/basic/partition-heal.json';
import proposerCrash from './presets/basic/proposer-crash.json';
import proposerRestartNewBallot from './presets/basic/proposer-restart-new-ballot.json';
import readNoMajority from './presets/basic/read-no-majority.json';
import readNotEnoughResponses from './presets/basic/read-not-enough-responses.json';
import readSucceeds from './presets/basic/read-succeeds.json';
import duelingLeaders from './presets/dueling-leaders.json';
import failoverNoops from './presets/failover-noops.json';
import partitionedOldLeader from './presets/partitioned-old-leader.json';
import pipeliningLostAccept from './presets/pipelining-lost-accept.json';
import type { Scenario } from './schema';

// The preset scenarios the app offers in its Scenarios menu (issue 6): basic Paxos and Multi-Paxos
// (issue 5). The files are copies of the golden scenarios in test/scenarios and test/scenarios/multi
// (tests check that they are identical, so the golden traces cover what the app opens). Plain data:
// the UI validates them like any other scenario. The UI imports this module on demand (when the
// menu opens), so the JSON stays out of the main bundle.

export interface Preset {
  readonly id: string;
  readonly title: string;
  /** One line for the menu; the scenario's own description says the rest. */
  readonly blurb: string;
  readonly scenario: unknown;
}

/** The basic Paxos presets: the golden scenarios of test/scenarios, from the happy path to failures. */
export const BASIC_PRESETS: readonly Preset[] = [
  { id: 'happy-path', title: happyPath.title, scenario: happyPath,
    blurb: 'One write, no failures: prepare, promise, accept, accepted, and every node learns "X".' },
  { id: 'happy-path-5-nodes', title: happyPath5Nodes.title, scenario: happyPath5Nodes,
    blurb: 'The same with five nodes: a majority is now three, so B waits for two more promises and votes.' },
  { id: 'dropped-messages-retry', title: droppedMessagesRetry.title, scenario: droppedMessagesRetry,
    blurb: 'Prepares, then accepts, are lost; the retry timer fires and A tries again with a higher ballot.' },
  { id: 'duplicate-messages', title: duplicateMessages.title, scenario: duplicateMessages,
    blurb: 'A promise and a vote arrive twice; A counts each node once, so copies never fake a majority.' },
  { id: 'duelling-proposers', title: duellingProposers.title, scenario: duellingProposers,
    blurb: 'Two proposers keep preempting each other with higher ballots until one gets "Y" chosen.' },
  { id: 'nack-after-accept', title: nackAfterAccept.title, scenario: nackAfterAccept,
    blurb: 'B promises a higher ballot just before A\'s accept arrives, so it says no (a nack) and "Y" wins.' },
  { id: 'adopt-chosen-value', title: adoptChosenValue.title, scenario: adoptChosenValue,
    blurb: 'C wants "Y" but a promise reports the accepted "X", so C proposes "X": a chosen value never changes.' },
  { id: 'minority-accepted-adopted', title: minorityAcceptedAdopted.title, scenario: minorityAcceptedAdopted,
    blurb: 'Only A accepted "X", but C\'s majority includes A, so C adopts "X" instead of its own "Y".' },
  { id: 'minority-accepted-replaced', title: minorityAcceptedReplaced.title, scenario: minorityAcceptedReplaced,
    blurb: '"X" was accepted by two of five, never chosen; E\'s majority never saw it, so "Y" is safely chosen.' },
  { id: 'proposer-crash', title: proposerCrash.title, scenario: proposerCrash,
    blurb: 'A crashes after its accepts: "X" is chosen but nobody knows; B finds it in a promise and finishes.' },
  { id: 'proposer-restart-new-ballot', title: proposerRestartNewBallot.title, scenario: proposerRestartNewBallot,
    blurb: 'A restarts and picks a fresh ballot from its disk, never an old one; the stale accept is refused.' },
  { id: 'acceptor-crash-restart', title: acceptorCrashRestart.title, scenario: acceptorCrashRestart,
    blurb: 'B crashes and restarts but remembers its promise (on disk), so it still rejects an older accept.' },
  { id: 'partition-heal', title: partitionHeal.title, scenario: partitionHeal,
    blurb: 'A is cut off from the majority and keeps retrying in vain; once the network heals, "X" is chosen.' },
  { id: 'read-succeeds', title: readSucceeds.title, scenario: readSucceeds,
    blurb: 'C never learned anything, yet a read at C returns "X": a majority report the same accepted proposal.' },
  { id: 'read-no-majority', title: readNoMajority.title, scenario: readNoMajority,
    blurb: 'Nothing is chosen and the nodes disagree, so the read fails (no majority) instead of guessing.' },
  { id: 'read-not-enough-responses', title: readNotEnoughResponses.title, scenario: readNotEnoughResponses,
    blurb: 'Two of three nodes crash; the read hears only one answer and fails when its timer fires.' },
];

/** The Multi-Paxos presets: the golden scenarios of test/scenarios/multi. */
export const MULTI_PRESETS: readonly Preset[] = [
  { id: 'failover-noops', title: failoverNoops.title, scenario: failoverNoops,
    blurb: 'Slots 5–7 never reach a majority; the leader crashes and its successor fills them with no-ops.' },
  { id: 'pipelining-lost-accept', title: pipeliningLostAccept.title, scenario: pipeliningLostAccept,
    blurb: 'Three slots in flight at once; slot 2’s accepts are lost, so replicas wait at the gap until the resend.' },
  { id: 'partitioned-old-leader', title: partitionedOldLeader.title, scenario: partitionedOldLeader,
    blurb: 'The leader is cut off, the majority elects a new one; on healing the old leader steps down and catches up.' },
  { id: 'dueling-leaders', title: duelingLeaders.title, scenario: duelingLeaders,
    blurb: 'Two candidates at once: higher ballots win, the loser steps down, commands are chosen once.' },
];

export type { Scenario };
