// Plain-data types of the simulated world. Everything here is JSON-serialisable so that a world can
// be cloned, hashed, posted to the UI thread and stored as a checkpoint without special cases.

import type { VariantName } from './variants';

/** A node's name: 'A', 'B', … (3 to 9 nodes). */
export type NodeId = string;

/** A client value. Plain text; never interpreted as markup anywhere in the app. */
export type Value = string;

/**
 * A ballot (Lamport's "proposal number", the seed's "sequence number"): ordered by round first,
 * then by node id, so two proposers can never use the same ballot. Written `round.node`, e.g. `2.B`.
 */
export interface Ballot {
  readonly round: number;
  readonly node: NodeId;
}

/** A proposal an acceptor has accepted. */
export interface Proposal {
  readonly ballot: Ballot;
  readonly value: Value;
}

// ---------------------------------------------------------------------------------------------
// Messages. Every protocol message carries the ballot it belongs to (reads carry a read id).

export type Payload =
  /** Phase 1a: "promise not to accept anything below `ballot`". */
  | { readonly type: 'prepare'; readonly ballot: Ballot }
  /** Phase 1b: the promise, with the highest-ballot proposal this acceptor has accepted (if any). */
  | { readonly type: 'promise'; readonly ballot: Ballot; readonly accepted: Proposal | null }
  /** Phase 2a: "accept `value` at `ballot`". */
  | { readonly type: 'accept'; readonly ballot: Ballot; readonly value: Value }
  /** Phase 2b: the acceptor accepted `value` at `ballot`; sent to the ballot's proposer (the distinguished learner). */
  | { readonly type: 'accepted'; readonly ballot: Ballot; readonly value: Value }
  /** Rejection of a prepare/accept for `ballot`: the acceptor has promised the higher `promised`. */
  | { readonly type: 'nack'; readonly ballot: Ballot; readonly promised: Ballot; readonly of: 'prepare' | 'accept' }
  /** The distinguished learner tells everyone: a majority accepted `value` at `ballot`, so it is chosen. */
  | { readonly type: 'decide'; readonly ballot: Ballot; readonly value: Value }
  /** A client read: "what have you accepted?" */
  | { readonly type: 'read'; readonly readId: number }
  /** Answer to a read: the highest proposal this node has accepted. */
  | { readonly type: 'read-reply'; readonly readId: number; readonly accepted: Proposal | null };

export type MessageType = Payload['type'];

export const MESSAGE_TYPES: readonly MessageType[] = [
  'prepare', 'promise', 'accept', 'accepted', 'nack', 'decide', 'read', 'read-reply',
];

/** A message on the wire. `sentAt`/`deliverAt` are simulated ticks, so the view can interpolate. */
export type Message = Payload & {
  readonly id: number;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly sentAt: number;
  readonly deliverAt: number;
  /** Sent across a partition: it will be lost even if the network heals before it arrives. */
  readonly cut?: true;
};

// ---------------------------------------------------------------------------------------------
// Node state

/** What an acceptor writes to stable storage *before* it replies; survives a crash. */
export interface DurableState {
  /** Highest ballot promised (by a prepare or by accepting). Never decreases. */
  readonly promised: Ballot | null;
  /** Highest-ballot proposal accepted. */
  readonly accepted: Proposal | null;
  /** Highest round this node has used for its own ballots, so it never reuses one after a restart. */
  readonly maxRoundUsed: number;
}

export type ProposerPhase =
  /** Not proposing. */
  | 'idle'
  /** Phase 1: prepare sent, collecting promises. */
  | 'preparing'
  /** Phase 2: accept sent, collecting accepted replies. */
  | 'accepting'
  /** Rejected (nack): waits for its retry timer. */
  | 'waiting'
  /** Saw its ballot accepted by a majority. */
  | 'done';

/** Volatile proposer state: lost on a crash. */
export interface ProposerState {
  readonly phase: ProposerPhase;
  readonly ballot: Ballot | null;
  /** The value a client asked this node to write (null after a restart). */
  readonly clientValue: Value | null;
  /** Phase 1: promises received for `ballot`, by acceptor, with what each had accepted. */
  readonly promises: Readonly<Record<NodeId, Proposal | null>>;
  /** Phase 2: the value proposed at `ballot`. */
  readonly proposal: Value | null;
  /** Phase 2: acceptors that accepted `ballot`. */
  readonly acceptedBy: readonly NodeId[];
  /**
   * Only with the `learner-mixes-ballots` variant: acceptors in `acceptedBy` whose vote was for an
   * earlier ballot of this node (same value), with that ballot.
   */
  readonly borrowedVotes?: Readonly<Record<NodeId, Ballot>>;
  /**
   * Ballots tried for the current client value without success. Timeouts and backoffs grow with it
   * (exponential backoff), so duelling proposers on a slow network stop preempting each other.
   */
  readonly attempt: number;
}

export type ReadResult =
  | {
    readonly result: 'ok'; readonly value: Value; readonly ballot: Ballot;
    /**
     * Only with the `read-ignores-ballots` variant, when the matching replies carried different
     * ballots: those ballots (the read counted the value, not one proposal).
     */
    readonly ballots?: readonly Ballot[];
  }
  | { readonly result: 'fail'; readonly reason: ReadFailReason };

export type ReadFailReason =
  /** Every node (or the read's timeout) answered, but no majority reported the same accepted proposal. */
  | 'no-majority'
  /** The read timed out before a majority of nodes answered. */
  | 'not-enough-responses'
  /** The reading node crashed before the read finished. */
  | 'node-crashed';

export interface PendingRead {
  readonly readId: number;
  readonly startedAt: number;
  readonly replies: Readonly<Record<NodeId, Proposal | null>>;
}

export interface NodeState {
  readonly id: NodeId;
  readonly up: boolean;
  readonly durable: DurableState;
  readonly proposer: ProposerState;
  /** Highest round seen in any ballot (volatile); the next ballot goes above it. */
  readonly maxRoundSeen: number;
  /** What this node has learned is chosen (volatile: relearned after a restart). */
  readonly learned: Proposal | null;
  readonly reads: readonly PendingRead[];
}

// ---------------------------------------------------------------------------------------------
// Timers

export type TimerKind =
  /** Proposer: no value chosen yet, try again with a higher ballot. */
  | 'retry'
  /** Client read: give up waiting for replies. */
  | 'read-timeout';

export interface Timer {
  readonly id: number;
  readonly node: NodeId;
  readonly kind: TimerKind;
  readonly at: number;
  /** For read timeouts: which read. */
  readonly readId?: number;
}

// ---------------------------------------------------------------------------------------------
// Configuration

export type NetworkMode = 'auto' | 'manual';

export interface SimConfig {
  readonly nodes: number;
  readonly seed: number;
  readonly mode: NetworkMode;
  readonly latencyTicksMin: number;
  readonly latencyTicksMax: number;
  readonly retryTicksMin: number;
  readonly retryTicksMax: number;
  /** After a nack, a proposer retries sooner: within this many ticks. */
  readonly backoffTicksMax: number;
  readonly readTimeoutTicks: number;
  /**
   * "Break Paxos": deliberately broken rules, for teaching (see variants.ts). Absent or empty: the
   * correct protocol.
   */
  readonly variants?: readonly VariantName[];
}

// ---------------------------------------------------------------------------------------------
// Commands: every source of nondeterminism is one of these.

export type Command =
  /** A client asks `node` to write `value`. */
  | { readonly type: 'write'; readonly node: NodeId; readonly value: Value }
  /** A client asks `node` for a read. */
  | { readonly type: 'read'; readonly node: NodeId }
  /** Deliver in-flight message `id` now. */
  | { readonly type: 'deliver'; readonly id: number }
  /** Lose in-flight message `id`. */
  | { readonly type: 'drop'; readonly id: number }
  /** Put a copy of message `id` on the wire (with its own latency). */
  | { readonly type: 'duplicate'; readonly id: number }
  /** Postpone message `id` by `ticks`. */
  | { readonly type: 'delay'; readonly id: number; readonly ticks: number }
  /** Fire a pending timer of `node` (the earliest, or the one of `kind`). */
  | { readonly type: 'fire'; readonly node: NodeId; readonly kind?: TimerKind }
  | { readonly type: 'crash'; readonly node: NodeId }
  | { readonly type: 'restart'; readonly node: NodeId }
  /** Split the network; nodes not listed form one more group. Messages across groups are lost. */
  | { readonly type: 'partition'; readonly groups: readonly (readonly NodeId[])[] }
  | { readonly type: 'heal' }
  /** Process the earliest due message or timer (the auto scheduler's only move). */
  | { readonly type: 'next' }
  /** Let simulated time pass up to `time` without processing anything. */
  | { readonly type: 'advance'; readonly time: number };

// ---------------------------------------------------------------------------------------------
// Events: what happened, in order. `describe` turns each into one plain-English line.

export type DropReason = 'user' | 'partition' | 'receiver-down';

export type SimEvent =
  | { readonly type: 'write'; readonly time: number; readonly node: NodeId; readonly value: Value }
  | { readonly type: 'write-known'; readonly time: number; readonly node: NodeId; readonly value: Value; readonly chosen: Value }
  | { readonly type: 'read-start'; readonly time: number; readonly node: NodeId; readonly readId: number }
  | { readonly type: 'read-done'; readonly time: number; readonly node: NodeId; readonly readId: number; readonly outcome: ReadResult }
  | { readonly type: 'send'; readonly time: number; readonly msg: Message }
  | { readonly type: 'deliver'; readonly time: number; readonly msg: Message }
  | { readonly type: 'drop'; readonly time: number; readonly msg: Message; readonly reason: DropReason }
  | { readonly type: 'duplicate'; readonly time: number; readonly msg: Message; readonly copy: Message }
  | { readonly type: 'delay'; readonly time: number; readonly msg: Message; readonly ticks: number }
  | { readonly type: 'ignore'; readonly time: number; readonly node: NodeId; readonly msg: Message; readonly why: string }
  | { readonly type: 'ballot-start'; readonly time: number; readonly node: NodeId; readonly ballot: Ballot; readonly value: Value | null }
  | { readonly type: 'promise'; readonly time: number; readonly node: NodeId; readonly ballot: Ballot; readonly accepted: Proposal | null }
  | { readonly type: 'reject'; readonly time: number; readonly node: NodeId; readonly ballot: Ballot; readonly promised: Ballot; readonly of: 'prepare' | 'accept' }
  | {
    readonly type: 'propose'; readonly time: number; readonly node: NodeId; readonly ballot: Ballot; readonly value: Value; readonly adoptedFrom: Proposal | null;
    /** Only with the `ignore-accepted` variant: the highest accepted proposal the promises reported, which it ignored. */
    readonly ignored?: Proposal;
  }
  | { readonly type: 'nothing-to-propose'; readonly time: number; readonly node: NodeId; readonly ballot: Ballot }
  | { readonly type: 'accept'; readonly time: number; readonly node: NodeId; readonly ballot: Ballot; readonly value: Value }
  | { readonly type: 'preempted'; readonly time: number; readonly node: NodeId; readonly ballot: Ballot; readonly by: Ballot }
  /** `again`: the same value was already chosen at another ballot (safe: Paxos keeps choosing it). */
  | { readonly type: 'chosen'; readonly time: number; readonly ballot: Ballot; readonly value: Value; readonly quorum: readonly NodeId[]; readonly again: boolean }
  | {
    readonly type: 'learn'; readonly time: number; readonly node: NodeId; readonly ballot: Ballot; readonly value: Value;
    /**
     * Only with the `learner-mixes-ballots` variant, when the votes it counted came from more than
     * one ballot: every acceptor it counted, with the ballot of that acceptor's vote.
     */
    readonly mixed?: readonly { readonly node: NodeId; readonly ballot: Ballot }[];
  }
  | { readonly type: 'timer-set'; readonly time: number; readonly timer: Timer }
  | { readonly type: 'timer-fire'; readonly time: number; readonly timer: Timer }
  | { readonly type: 'crash'; readonly time: number; readonly node: NodeId }
  | {
    readonly type: 'restart'; readonly time: number; readonly node: NodeId; readonly durable: DurableState;
    /** Only with the `amnesia` variant: what was on its disk before the crash and is now forgotten. */
    readonly forgotten?: DurableState;
  }
  | { readonly type: 'partition'; readonly time: number; readonly groups: readonly (readonly NodeId[])[] }
  | { readonly type: 'heal'; readonly time: number }
  | { readonly type: 'violation'; readonly time: number; readonly invariant: InvariantName; readonly explanation: string };

export type SimEventType = SimEvent['type'];

// ---------------------------------------------------------------------------------------------
// Safety monitor

export type InvariantName =
  /** At most one value is chosen. */
  | 'agreement'
  /** A chosen value was written by a client. */
  | 'validity'
  /** A node learns only a chosen value. */
  | 'learned-is-chosen'
  /** A successful read returns a chosen value. */
  | 'read-is-chosen'
  /** An acceptor's promise never decreases, across restarts too. */
  | 'promise-monotonic';

export const INVARIANTS: readonly InvariantName[] = [
  'agreement', 'validity', 'learned-is-chosen', 'read-is-chosen', 'promise-monotonic',
];

/** Every vote ever cast for one ballot (history, not current state: acceptors overwrite theirs). */
export interface BallotVotes {
  readonly ballot: Ballot;
  readonly value: Value;
  readonly voters: readonly NodeId[];
}

export interface MonitorState {
  /** Votes by ballot and value (`2.A="X"`). */
  readonly votes: Readonly<Record<string, BallotVotes>>;
  /** Every (ballot, value) that reached a majority, in the order it happened. */
  readonly chosen: readonly Proposal[];
  /** Every value a client asked to write. */
  readonly proposed: readonly Value[];
  /** Highest promise each acceptor ever made. */
  readonly maxPromise: Readonly<Record<NodeId, Ballot | null>>;
  readonly violations: readonly (SimEvent & { type: 'violation' })[];
}

// ---------------------------------------------------------------------------------------------
// The world

export interface World {
  readonly config: SimConfig;
  readonly time: number;
  /** PRNG state (see rng.ts): lives inside the world so that a world replays exactly. */
  readonly rng: number;
  readonly nodes: readonly NodeState[];
  /** Messages on the wire, in the order they were sent. */
  readonly inflight: readonly Message[];
  readonly timers: readonly Timer[];
  /** Network partition: group index per node (all 0 when healed). */
  readonly partition: readonly number[];
  readonly nextMessageId: number;
  readonly nextTimerId: number;
  readonly nextReadId: number;
  /** Results of finished client reads, in order. */
  readonly reads: readonly (ReadResult & { readonly node: NodeId; readonly readId: number })[];
  readonly monitor: MonitorState;
}

export interface StepResult {
  readonly world: World;
  readonly events: readonly SimEvent[];
}
