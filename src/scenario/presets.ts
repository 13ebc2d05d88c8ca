import duelingLeaders from './presets/dueling-leaders.json';
import failoverNoops from './presets/failover-noops.json';
import partitionedOldLeader from './presets/partitioned-old-leader.json';
import pipeliningLostAccept from './presets/pipelining-lost-accept.json';
import type { Scenario } from './schema';

// The Multi-Paxos preset scenarios the app offers (issue 5). The files are copies of the golden
// scenarios in test/scenarios/multi (a test checks that they are identical, so the golden traces
// cover what the app opens). Plain data: the UI validates them like any other scenario.

export interface Preset {
  readonly id: string;
  readonly title: string;
  /** One line for the menu; the scenario's own description says the rest. */
  readonly blurb: string;
  readonly scenario: unknown;
}

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
