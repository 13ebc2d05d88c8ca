import type { Message, SimEvent, SimEventType } from '../../core';
import type { Selection } from '../../store/simStore';

// How each event looks in the log. Every kind has a glyph as well as a colour, so colour is never
// the only cue; the text itself (from core/describe) is always the full story.

export type LogKind = 'net' | 'timer' | 'paxos' | 'learn' | 'client' | 'warn' | 'fault' | 'chosen' | 'violation';

export const KIND_OF: Record<SimEventType, LogKind> = {
  send: 'net', deliver: 'net',
  'timer-set': 'timer', 'timer-fire': 'timer',
  'ballot-start': 'paxos', promise: 'paxos', propose: 'paxos', accept: 'paxos', 'nothing-to-propose': 'paxos',
  learn: 'learn',
  write: 'client', 'write-known': 'client', 'read-start': 'client', 'read-done': 'client',
  ignore: 'warn', drop: 'warn', reject: 'warn', preempted: 'warn', duplicate: 'warn', delay: 'warn',
  crash: 'fault', restart: 'fault', partition: 'fault', heal: 'fault',
  chosen: 'chosen',
  violation: 'violation',
};

export const GLYPH: Record<LogKind, string> = {
  net: '›', timer: '◷', paxos: '•', learn: '✓', client: '✎', warn: '!', fault: '↯', chosen: '★', violation: '✕',
};

/** Spoken kind, for the row's accessible description where the glyph carries meaning. */
export const KIND_LABEL: Record<LogKind, string> = {
  net: 'network', timer: 'timer', paxos: 'protocol', learn: 'learned', client: 'client', warn: 'ignored or lost',
  fault: 'fault', chosen: 'chosen', violation: 'safety violation',
};

export const TIMER_TYPES: ReadonlySet<SimEventType> = new Set<SimEventType>(['timer-set', 'timer-fire']);
export const NET_TYPES: ReadonlySet<SimEventType> = new Set<SimEventType>(['send', 'deliver']);

/** Events read out to screen-reader users as they happen. */
export const MILESTONES: ReadonlySet<SimEventType> = new Set<SimEventType>(['chosen', 'learn', 'violation', 'read-done']);

/** The message an event is about (the copy, for a duplicate: that is the one still on the wire). */
function messageOf(e: SimEvent): Message | null {
  if (e.type === 'duplicate') return e.copy;
  return 'msg' in e ? e.msg : null;
}

/** The node an event is about: its actor, else the message's receiver, the timer's owner or the ballot's proposer. */
function nodeOf(e: SimEvent): string | null {
  if ('node' in e) return e.node;
  if ('msg' in e) return e.msg.to;
  if ('timer' in e) return e.timer.node;
  if (e.type === 'chosen') return e.ballot.node;
  return null;
}

/** What clicking a log line selects: its message if still in flight, otherwise its node. */
export function selectionFor(e: SimEvent, inflight: readonly Message[]): Selection {
  const m = messageOf(e);
  if (m && inflight.some((x) => x.id === m.id)) return { kind: 'message', id: m.id };
  const node = nodeOf(e);
  return node ? { kind: 'node', id: node } : null;
}

export function isSelectable(e: SimEvent): boolean {
  return messageOf(e) !== null || nodeOf(e) !== null;
}

export function messageIdOf(e: SimEvent): number | null {
  return messageOf(e)?.id ?? null;
}
