import { formatBallot, type Message, type MessageType, type NodeId } from '../../core';
import type { LogEntry } from '../../worker/engine';

// The space-time (Lamport) diagram as plain data: one lane per node, one arrow per message from its
// send to where it ended (delivered, lost, or — still in flight — where it is now), the stretches a
// node was down, partitions, and the moments a value was chosen. Pure (no React, no DOM), built from
// the event log, so every rule here is unit-tested; the component only maps it onto pixels.

/** What became of a message. */
export type Outcome =
  /** Arrived and was handled by its receiver. */
  | 'delivered'
  /** Dropped on the wire by the user (or the fault swarm) before it arrived. */
  | 'dropped'
  /** Arrived at a crashed node: lost. */
  | 'lost-crash'
  /** Sent across a partition: lost on arrival. */
  | 'lost-partition'
  /** Still on the wire at the current moment. */
  | 'in-flight';

/** The part of the protocol a message belongs to (Lamport's phases 1 and 2, and the rest). */
export type Phase = 'phase1' | 'phase2' | 'nack' | 'decide' | 'read';

export const PHASE_OF: Readonly<Record<MessageType, Phase>> = {
  prepare: 'phase1', promise: 'phase1',
  accept: 'phase2', accepted: 'phase2',
  nack: 'nack', decide: 'decide',
  read: 'read', 'read-reply': 'read',
};

/** Short tags written on long-enough arrows, so a phase reads without colour (1a/1b/2a/2b as in the paper). */
export const TYPE_TAG: Readonly<Record<MessageType, string>> = {
  prepare: '1a', promise: '1b', accept: '2a', accepted: '2b', nack: 'nack', decide: '★', read: 'R', 'read-reply': 'r',
};

export interface Arrow {
  readonly id: number;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly type: MessageType;
  readonly phase: Phase;
  /** `prepare 2.A`, `accepted 2.A="X"`, `nack 2.A<3.B` … */
  readonly label: string;
  readonly sentAt: number;
  /** Where the drawn line ends: the delivery or loss time, or the current clock while in flight. */
  readonly end: number;
  /** Planned arrival (after any delays): for an in-flight message, where its dotted continuation goes. */
  readonly deliverAt: number;
  /** How far from the sender's lane (0) to the receiver's (1) the line ends. */
  readonly progress: number;
  readonly outcome: Outcome;
  /** For a copy made by "duplicate": the message it copies. */
  readonly duplicateOf: number | null;
  /** Ticks added by "delay" commands. */
  readonly delayedBy: number;
}

/** A stretch of time a node was down (`to` null: still down at the end of the diagram). */
export interface DownSpan {
  readonly node: NodeId;
  readonly from: number;
  readonly to: number | null;
}

export type LaneMarkKind = 'crash' | 'restart' | 'ballot' | 'learn';

/** Something that happened at one node: drawn on its lane. */
export interface LaneMark {
  readonly kind: LaneMarkKind;
  readonly node: NodeId;
  readonly time: number;
  /** Ballot marks: `2.A`; learn marks: the value. */
  readonly text: string;
}

export interface ChosenMark {
  readonly time: number;
  readonly ballot: string;
  readonly value: string;
  readonly quorum: readonly NodeId[];
  /** The same value chosen again at a higher ballot (safe: Paxos keeps choosing it). */
  readonly again: boolean;
}

export interface PartitionSpan {
  readonly from: number;
  readonly to: number | null;
  readonly groups: readonly (readonly NodeId[])[];
}

export interface Diagram {
  readonly lanes: readonly NodeId[];
  readonly arrows: readonly Arrow[];
  readonly downs: readonly DownSpan[];
  readonly marks: readonly LaneMark[];
  readonly chosen: readonly ChosenMark[];
  readonly partitions: readonly PartitionSpan[];
  /** The earliest time the diagram knows about (0, or the first kept log entry when older ones were trimmed). */
  readonly start: number;
  /** The current moment (the play clock). */
  readonly clock: number;
  /** The latest time anything reaches (the clock, or an in-flight message's planned arrival). */
  readonly maxTime: number;
  /** Older log entries were trimmed: the diagram starts mid-run. */
  readonly truncated: boolean;
}

const MAX_VALUE_CHARS = 8;

function quote(v: string): string {
  const chars = [...v];
  return JSON.stringify(chars.length > MAX_VALUE_CHARS ? `${chars.slice(0, MAX_VALUE_CHARS - 1).join('')}…` : v);
}

/** The arrow's name: `prepare 2.A`, `promise 2.A (1.B="X")`, `accept 2.A="X"`, `nack 2.A<3.B`, `read-reply #1 (–)` … */
export function arrowLabel(m: Message): string {
  switch (m.type) {
    case 'prepare': return `prepare ${formatBallot(m.ballot)}`;
    case 'promise': return `promise ${formatBallot(m.ballot)}${m.accepted ? ` (had ${formatBallot(m.accepted.ballot)}=${quote(m.accepted.value)})` : ''}`;
    case 'accept': return `accept ${formatBallot(m.ballot)}=${quote(m.value)}`;
    case 'accepted': return `accepted ${formatBallot(m.ballot)}=${quote(m.value)}`;
    case 'nack': return `nack ${formatBallot(m.ballot)}<${formatBallot(m.promised)}`;
    case 'decide': return `decide ${formatBallot(m.ballot)}=${quote(m.value)}`;
    case 'read': return `read #${m.readId}`;
    case 'read-reply': return `read-reply #${m.readId} (${m.accepted ? `${formatBallot(m.accepted.ballot)}=${quote(m.accepted.value)}` : 'nothing'})`;
  }
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/** How far along its wire a message is at `time` (0 at the sender, 1 at the receiver). */
export function progressAt(sentAt: number, deliverAt: number, time: number): number {
  return deliverAt > sentAt ? clamp01((time - sentAt) / (deliverAt - sentAt)) : 1;
}

interface Draft {
  msg: Message;
  end: number;
  progress: number;
  outcome: Outcome | null;
  duplicateOf: number | null;
  delayedBy: number;
}

/**
 * The diagram of the events in `entries` (the log up to the view, oldest first), with `inflight` the
 * messages on the wire at `clock`. `downNow` lists the nodes down at the end (so a node whose crash
 * was trimmed from the log still shows as down).
 */
export function buildDiagram(
  entries: readonly LogEntry[],
  inflight: readonly Message[],
  clock: number,
  nodes: readonly NodeId[],
  downNow: readonly NodeId[] = [],
): Diagram {
  const truncated = (entries[0]?.index ?? 0) > 0;
  const start = truncated ? entries[0]!.event.time : 0;
  const drafts = new Map<number, Draft>();
  const downSince = new Map<NodeId, number>();
  const downs: DownSpan[] = [];
  const marks: LaneMark[] = [];
  const chosen: ChosenMark[] = [];
  const partitions: PartitionSpan[] = [];
  let openPartition: { from: number; groups: readonly (readonly NodeId[])[] } | null = null;

  const draft = (msg: Message): Draft => {
    let d = drafts.get(msg.id);
    if (!d) {
      d = { msg, end: msg.sentAt, progress: 0, outcome: null, duplicateOf: null, delayedBy: 0 };
      drafts.set(msg.id, d);
    }
    return d;
  };
  const finish = (msg: Message, time: number, outcome: Outcome, progress: number) => {
    const d = draft(msg);
    d.msg = msg;
    d.end = time;
    d.outcome = outcome;
    d.progress = progress;
  };

  for (const { event: e } of entries) {
    switch (e.type) {
      case 'send':
        draft(e.msg);
        break;
      case 'duplicate':
        draft(e.copy).duplicateOf = e.msg.id;
        break;
      case 'delay': {
        const d = draft(e.msg);
        d.delayedBy += e.ticks;
        break;
      }
      case 'deliver':
        finish(e.msg, e.time, 'delivered', 1);
        break;
      case 'drop':
        if (e.reason === 'user') finish(e.msg, e.time, 'dropped', progressAt(e.msg.sentAt, e.msg.deliverAt, e.time));
        else finish(e.msg, e.time, e.reason === 'partition' ? 'lost-partition' : 'lost-crash', 1);
        break;
      case 'crash':
        if (!downSince.has(e.node)) downSince.set(e.node, e.time);
        marks.push({ kind: 'crash', node: e.node, time: e.time, text: '' });
        break;
      case 'restart': {
        // A restart whose crash was trimmed from the log: down since the diagram's start.
        downs.push({ node: e.node, from: downSince.get(e.node) ?? start, to: e.time });
        downSince.delete(e.node);
        marks.push({ kind: 'restart', node: e.node, time: e.time, text: '' });
        break;
      }
      case 'ballot-start':
        marks.push({ kind: 'ballot', node: e.node, time: e.time, text: formatBallot(e.ballot) });
        break;
      case 'learn':
        marks.push({ kind: 'learn', node: e.node, time: e.time, text: e.value });
        break;
      case 'chosen':
        chosen.push({ time: e.time, ballot: formatBallot(e.ballot), value: e.value, quorum: e.quorum, again: e.again });
        break;
      case 'partition':
        if (openPartition) partitions.push({ ...openPartition, to: e.time });
        openPartition = { from: e.time, groups: e.groups };
        break;
      case 'heal':
        if (openPartition) partitions.push({ ...openPartition, to: e.time });
        openPartition = null;
        break;
      default:
        break;
    }
  }
  if (openPartition) partitions.push({ ...openPartition, to: null });
  for (const node of downNow) if (!downSince.has(node)) downSince.set(node, start);
  for (const [node, from] of downSince) downs.push({ node, from, to: null });
  downs.sort((a, b) => a.from - b.from || a.node.localeCompare(b.node));

  // Messages on the wire now: their current version (a delay moves the arrival), ending at the clock.
  const onWire = new Map(inflight.map((m) => [m.id, m]));
  let maxTime = clock;
  const arrows: Arrow[] = [];
  // (Including those whose send was trimmed from the log: what is on the wire now is always drawn.)
  for (const m of inflight) if (!drafts.has(m.id)) draft(m);
  for (const d of drafts.values()) {
    const live = onWire.get(d.msg.id);
    if (d.outcome === null) {
      // Sent but neither arrived nor lost, and not on the wire: it belongs to another view. Skip it.
      if (!live) continue;
      d.msg = live;
      d.end = Math.max(clock, live.sentAt);
      d.outcome = 'in-flight';
      d.progress = progressAt(live.sentAt, live.deliverAt, clock);
      if (live.deliverAt > maxTime) maxTime = live.deliverAt;
    }
    const m = d.msg;
    if (m.from === m.to) continue; // a node's message to itself never touches the wire
    arrows.push({
      id: m.id, from: m.from, to: m.to, type: m.type, phase: PHASE_OF[m.type], label: arrowLabel(m),
      sentAt: m.sentAt, end: d.end, deliverAt: m.deliverAt, progress: d.progress, outcome: d.outcome,
      duplicateOf: d.duplicateOf, delayedBy: d.delayedBy,
    });
  }
  arrows.sort((a, b) => a.sentAt - b.sentAt || a.id - b.id);
  return { lanes: nodes, arrows, downs, marks, chosen, partitions, start, clock, maxTime, truncated };
}

const fmt = (t: number) => String(Math.round(t));

/** One line about an arrow, for its tooltip: `prepare 1.A  A→C  sent t=0, delivered t=19`. */
export function describeArrow(a: Arrow): string {
  const parts = [`${a.label}  ${a.from}→${a.to}  sent t=${fmt(a.sentAt)}`];
  switch (a.outcome) {
    case 'delivered': parts.push(`delivered t=${fmt(a.end)}`); break;
    case 'dropped': parts.push(`dropped t=${fmt(a.end)} ×`); break;
    case 'lost-crash': parts.push(`lost t=${fmt(a.end)} × (${a.to} was down)`); break;
    case 'lost-partition': parts.push(`lost t=${fmt(a.end)} × (partition)`); break;
    case 'in-flight': parts.push(`in flight, due t=${fmt(a.deliverAt)}`); break;
  }
  let text = parts.join(', ');
  if (a.duplicateOf !== null) text += ` · copy of #${a.duplicateOf}`;
  if (a.delayedBy > 0) text += ` · delayed +${a.delayedBy}`;
  return text;
}

/** The diagram in one sentence, for its accessible name. */
export function summarize(d: Diagram): string {
  const count = (o: Outcome) => d.arrows.filter((a) => a.outcome === o).length;
  const lost = count('dropped') + count('lost-crash') + count('lost-partition');
  const parts = [
    `Space-time diagram of ${d.lanes.length} nodes (${d.lanes.join(', ')}) up to tick ${fmt(d.clock)}`,
    `${d.arrows.length} ${d.arrows.length === 1 ? 'message' : 'messages'}: ${count('delivered')} delivered, ${lost} lost, ${count('in-flight')} in flight`,
  ];
  const crashes = d.marks.filter((m) => m.kind === 'crash').length;
  if (crashes > 0) parts.push(`${crashes} ${crashes === 1 ? 'crash' : 'crashes'}`);
  const first = d.chosen[0];
  parts.push(first ? `"${first.value}" chosen at ballot ${first.ballot}, tick ${fmt(first.time)}` : 'nothing chosen yet');
  return `${parts.join('; ')}.`;
}
