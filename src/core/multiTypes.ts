import type { Ballot, DropReason, NodeId, Proposal, SimConfig } from './types';

// Multi-Paxos (Paxos Made Simple, §3): a sequence of instances ("slots"), the i-th choosing the i-th
// command of a replicated state machine, with one distinguished proposer (the leader). Plain,
// JSON-serialisable data like the basic world, so worlds can be checkpointed, hashed and posted.

/** A log entry: a client command tagged with its request id (`#3 append x`), or the gap filler. */
export type Entry = string;
export const NOOP: Entry = 'no-op';

/** `#3 append x` → `3`; null for a no-op. A retried request keeps its id, so it is applied once. */
export function entryId(e: Entry): string | null {
  const m = /^#(\d+) /.exec(e);
  return m ? m[1]! : null;
}

/** `#3 append x` → `append x`. */
export function entryCommand(e: Entry): string {
  return e.replace(/^#\d+ /, '');
}

export interface SlotProposal {
  readonly slot: number;
  readonly ballot: Ballot;
  readonly value: Entry;
}

export interface SlotValue {
  readonly slot: number;
  readonly value: Entry;
}

export type MultiPayload =
  /** Phase 1a for every slot ≥ `fromSlot` at once: "promise not to accept anything below `ballot`". */
  | { readonly type: 'prepare'; readonly ballot: Ballot; readonly fromSlot: number }
  /** Phase 1b: the promise, with every proposal this acceptor accepted at a slot ≥ `fromSlot`. */
  | { readonly type: 'promise'; readonly ballot: Ballot; readonly fromSlot: number; readonly accepted: readonly SlotProposal[] }
  /** Phase 2a for one slot. */
  | { readonly type: 'accept'; readonly ballot: Ballot; readonly slot: number; readonly value: Entry }
  /** Phase 2b for one slot, to the leader. */
  | { readonly type: 'accepted'; readonly ballot: Ballot; readonly slot: number; readonly value: Entry }
  /** Rejection: the acceptor has promised the higher `promised` (tells a deposed leader to step down). */
  | { readonly type: 'nack'; readonly ballot: Ballot; readonly promised: Ballot }
  /** The leader tells everyone which slots are chosen (also its answer to a catch-up request). */
  | { readonly type: 'commit'; readonly entries: readonly SlotValue[] }
  /** The leader is alive; `chosenUpTo` is the end of its gap-free chosen prefix, so laggards can catch up. */
  | { readonly type: 'heartbeat'; readonly ballot: Ballot; readonly chosenUpTo: number }
  /** A lagging node asks the leader for every chosen slot from `fromSlot` on. */
  | { readonly type: 'catch-up'; readonly fromSlot: number }
  /** A follower passes a client's command on to the leader. */
  | { readonly type: 'forward'; readonly entry: Entry };

export type MultiMessageType = MultiPayload['type'];
export const MULTI_MESSAGE_TYPES: readonly MultiMessageType[] = [
  'prepare', 'promise', 'accept', 'accepted', 'nack', 'commit', 'heartbeat', 'catch-up', 'forward',
];

export type MultiMessage = MultiPayload & {
  readonly id: number;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly sentAt: number;
  readonly deliverAt: number;
  readonly cut?: true;
};

/** What an acceptor keeps on disk, written before it replies; survives a crash. */
export interface MultiDurable {
  /** One promise for all slots (a prepare covers every slot from its `fromSlot` on). */
  readonly promised: Ballot | null;
  /** The highest-ballot proposal accepted, per slot. */
  readonly accepted: Readonly<Record<number, Proposal>>;
  readonly maxRoundUsed: number;
}

export type Role = 'follower' | 'candidate' | 'leader';

export interface OpenSlot {
  readonly value: Entry;
  readonly acceptedBy: readonly NodeId[];
  /** When its accepts were (last) sent: the heartbeat resends them only once they are overdue. */
  readonly sentAt: number;
}

export interface MultiNode {
  readonly id: NodeId;
  readonly up: boolean;
  readonly durable: MultiDurable;
  readonly role: Role;
  /** The ballot it campaigns or leads with. */
  readonly ballot: Ballot | null;
  /** Who it believes is the leader (from heartbeats), itself when leading. */
  readonly leader: NodeId | null;
  /** Candidate: the first slot its phase 1 covers (its first slot not known chosen). */
  readonly fromSlot: number;
  /** Candidate: promises by acceptor, with what each reported at slots ≥ fromSlot. */
  readonly promises: Readonly<Record<NodeId, readonly SlotProposal[]>>;
  /** Leader: proposed at its ballot and not yet known chosen, by slot. */
  readonly open: Readonly<Record<number, OpenSlot>>;
  /** Leader: the next slot it will use for a new command. */
  readonly nextSlot: number;
  /** Client commands waiting: for the leader to propose (window full), or for a leader to forward to. */
  readonly queue: readonly Entry[];
  /** Slots this node knows are chosen (volatile: relearned from the leader after a restart). */
  readonly chosen: Readonly<Record<number, Entry>>;
  /** Slots 1…applied have been applied to the state machine, in order. */
  readonly applied: number;
  /** The replicated state machine: a list of appended items, in log order. */
  readonly items: readonly string[];
  /** Request ids already applied: a command chosen twice (a client retry) is applied once. */
  readonly appliedIds: readonly string[];
  readonly maxRoundSeen: number;
}

export type MultiTimerKind =
  /** Follower/candidate: no heartbeat for a while, start an election. */
  | 'election'
  /** Leader: send heartbeats (and retransmit unanswered accepts). */
  | 'heartbeat';

export interface MultiTimer {
  readonly id: number;
  readonly node: NodeId;
  readonly kind: MultiTimerKind;
  readonly at: number;
}

export interface MultiConfig extends SimConfig {
  readonly heartbeatTicks: number;
  /** The leader proposes slot i + window only once slot i is chosen. */
  readonly pipelineWindow: number;
}

export type MultiCommand =
  /** A client asks `node` to run `command`; `id` repeats an earlier request (a client retry). */
  | { readonly type: 'request'; readonly node: NodeId; readonly command: string; readonly id?: number }
  | { readonly type: 'deliver'; readonly id: number }
  | { readonly type: 'drop'; readonly id: number }
  | { readonly type: 'duplicate'; readonly id: number }
  | { readonly type: 'delay'; readonly id: number; readonly ticks: number }
  | { readonly type: 'fire'; readonly node: NodeId; readonly kind?: MultiTimerKind }
  | { readonly type: 'crash'; readonly node: NodeId }
  | { readonly type: 'restart'; readonly node: NodeId }
  | { readonly type: 'partition'; readonly groups: readonly (readonly NodeId[])[] }
  | { readonly type: 'heal' }
  | { readonly type: 'next' }
  | { readonly type: 'advance'; readonly time: number };

export type MultiInvariant =
  /** At most one value is chosen per slot. */
  | 'slot-agreement'
  /** A chosen value is a client's command or a no-op. */
  | 'slot-validity'
  /** A node learns only the value chosen for that slot. */
  | 'learned-is-chosen'
  /** Every node applies the same command at the same slot (applied sequences are prefixes of each other). */
  | 'applied-prefix'
  /** A node applies slots in order, never past a gap. */
  | 'applied-in-order'
  /** No command is applied twice by a node. */
  | 'applied-once';

export const MULTI_INVARIANTS: readonly MultiInvariant[] = [
  'slot-agreement', 'slot-validity', 'learned-is-chosen', 'applied-prefix', 'applied-in-order', 'applied-once',
];

export type MultiEvent =
  | { readonly type: 'request'; readonly time: number; readonly node: NodeId; readonly entry: Entry }
  | { readonly type: 'forward'; readonly time: number; readonly node: NodeId; readonly to: NodeId; readonly entry: Entry }
  | { readonly type: 'queue'; readonly time: number; readonly node: NodeId; readonly entry: Entry; readonly why: string }
  | { readonly type: 'send'; readonly time: number; readonly msg: MultiMessage }
  | { readonly type: 'deliver'; readonly time: number; readonly msg: MultiMessage }
  | { readonly type: 'drop'; readonly time: number; readonly msg: MultiMessage; readonly reason: DropReason }
  | { readonly type: 'duplicate'; readonly time: number; readonly msg: MultiMessage; readonly copy: MultiMessage }
  | { readonly type: 'delay'; readonly time: number; readonly msg: MultiMessage; readonly ticks: number }
  | { readonly type: 'ignore'; readonly time: number; readonly node: NodeId; readonly msg: MultiMessage; readonly why: string }
  | { readonly type: 'election'; readonly time: number; readonly node: NodeId; readonly ballot: Ballot; readonly fromSlot: number }
  | { readonly type: 'promise'; readonly time: number; readonly node: NodeId; readonly ballot: Ballot; readonly fromSlot: number; readonly accepted: readonly SlotProposal[] }
  | { readonly type: 'reject'; readonly time: number; readonly node: NodeId; readonly ballot: Ballot; readonly promised: Ballot }
  /** A majority promised: `reproposed` slots keep the highest-ballot accepted value, `noops` fill the gaps. */
  | { readonly type: 'leader'; readonly time: number; readonly node: NodeId; readonly ballot: Ballot; readonly fromSlot: number; readonly reproposed: readonly SlotProposal[]; readonly noops: readonly number[] }
  | { readonly type: 'step-down'; readonly time: number; readonly node: NodeId; readonly ballot: Ballot; readonly by: Ballot }
  | { readonly type: 'propose'; readonly time: number; readonly node: NodeId; readonly ballot: Ballot; readonly slot: number; readonly value: Entry }
  | { readonly type: 'accept'; readonly time: number; readonly node: NodeId; readonly ballot: Ballot; readonly slot: number; readonly value: Entry }
  | { readonly type: 'chosen'; readonly time: number; readonly slot: number; readonly ballot: Ballot; readonly value: Entry; readonly quorum: readonly NodeId[] }
  | { readonly type: 'learn'; readonly time: number; readonly node: NodeId; readonly slot: number; readonly value: Entry }
  /** `skipped`: a no-op, or a command whose request id was already applied (a client retry). */
  | { readonly type: 'apply'; readonly time: number; readonly node: NodeId; readonly slot: number; readonly value: Entry; readonly skipped: 'no-op' | 'duplicate' | null }
  | { readonly type: 'timer-set'; readonly time: number; readonly timer: MultiTimer }
  | { readonly type: 'timer-fire'; readonly time: number; readonly timer: MultiTimer }
  | { readonly type: 'crash'; readonly time: number; readonly node: NodeId }
  | { readonly type: 'restart'; readonly time: number; readonly node: NodeId; readonly durable: MultiDurable }
  | { readonly type: 'partition'; readonly time: number; readonly groups: readonly (readonly NodeId[])[] }
  | { readonly type: 'heal'; readonly time: number }
  | { readonly type: 'violation'; readonly time: number; readonly invariant: MultiInvariant; readonly explanation: string };

export interface MultiMonitor {
  /**
   * Votes per slot, ballot and value: `3@2.A="#1 x"` → voters, in buckets of 32 slots (bucket =
   * slot >> 5), so that recording a vote copies one small bucket rather than the whole history.
   */
  readonly votes: Readonly<Record<number, Readonly<Record<string, readonly NodeId[]>>>>;
  /** The value chosen per slot, and the ballot that first chose it. */
  readonly chosen: Readonly<Record<number, { readonly ballot: Ballot; readonly value: Entry }>>;
  /** Every entry a client asked for. */
  readonly requested: readonly Entry[];
  /** The first value any node applied at each slot (bucketed like `votes`): every other node must apply the same. */
  readonly appliedAt: Readonly<Record<number, Readonly<Record<number, Entry>>>>;
  /** Per node since its last restart: the last slot applied and the request ids applied (bucketed by id >> 5). */
  readonly progress: Readonly<Record<NodeId, { readonly applied: number; readonly ids: Readonly<Record<number, Readonly<Record<string, true>>>> }>>;
  readonly violations: readonly (MultiEvent & { type: 'violation' })[];
}

export interface MultiWorld {
  readonly config: MultiConfig;
  readonly time: number;
  readonly rng: number;
  readonly nodes: readonly MultiNode[];
  readonly inflight: readonly MultiMessage[];
  readonly timers: readonly MultiTimer[];
  readonly partition: readonly number[];
  readonly nextMessageId: number;
  readonly nextTimerId: number;
  readonly nextRequestId: number;
  readonly monitor: MultiMonitor;
}

export interface MultiStepResult {
  readonly world: MultiWorld;
  readonly events: readonly MultiEvent[];
}
