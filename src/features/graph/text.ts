import { formatBallot, formatMessage, majority, type Message, type MessageType, type NodeState, type TimerKind, type Value } from '../../core';

// The words the graph shows: pill labels, node cards, accessible names. Pure (no React, no DOM), so
// every wording is unit-tested. Values are returned as plain strings and rendered as React text.

/** Longest value shown in full inside a pill or card; longer ones are cut with an ellipsis. */
export const VALUE_CHARS_MAX = 8;

/** `"X"`; a long value is shortened (`"abcdefg…"`): the full one is in the accessible name. */
export function quoteValue(v: Value, max = VALUE_CHARS_MAX): string {
  const short = [...v].length > max ? `${[...v].slice(0, max - 1).join('')}…` : v;
  return JSON.stringify(short);
}

/** Requests ask, replies answer, the decision announces: three pill shapes. */
export type MessageShape = 'request' | 'reply' | 'announce';

export const MESSAGE_SHAPE: Readonly<Record<MessageType, MessageShape>> = {
  prepare: 'request', accept: 'request', read: 'request',
  promise: 'reply', accepted: 'reply', 'read-reply': 'reply', nack: 'reply',
  decide: 'announce',
};

/** Phase names as the literature writes them (Lamport's 1a/1b/2a/2b); the other messages have none. */
export const MESSAGE_PHASE: Readonly<Partial<Record<MessageType, string>>> = {
  prepare: '1a', promise: '1b', accept: '2a', accepted: '2b',
};

/** A glyph that marks a message type without colour. */
export function messageGlyph(type: MessageType): string {
  return type === 'nack' ? '✕' : type === 'decide' ? '★' : '';
}

/** What a pill says: `prepare 2.A`, `promise 2.A (1.B "X")`, `nack 2.A < 3.B`, `decide "X"` … */
export function pillLabel(m: Message): string {
  const b = 'ballot' in m ? formatBallot(m.ballot) : '';
  switch (m.type) {
    case 'prepare': return `prepare ${b}`;
    case 'promise': return m.accepted ? `promise ${b} (${formatBallot(m.accepted.ballot)} ${quoteValue(m.accepted.value)})` : `promise ${b}`;
    case 'accept': return `accept ${b} ${quoteValue(m.value)}`;
    case 'accepted': return `accepted ${b}`;
    case 'nack': return `nack ${b} < ${formatBallot(m.promised)}`;
    case 'decide': return `decide ${quoteValue(m.value)}`;
    case 'read': return `read #${m.readId}`;
    case 'read-reply': return m.accepted ? `read-reply #${m.readId} (${formatBallot(m.accepted.ballot)} ${quoteValue(m.accepted.value)})` : `read-reply #${m.readId}`;
  }
}

/** A shorter pill for a crowded wire: just the type (the rest is in its accessible name and tooltip). */
export function shortLabel(m: Message): string {
  return m.type === 'read-reply' ? 'reply' : m.type;
}

/** The accessible name of a message: the core's wording plus its route. */
export function messageAriaLabel(m: Message): string {
  return `${formatMessage(m)}, from ${m.from} to ${m.to}`;
}

// ---------------------------------------------------------------------------------------------
// Node cards

export type CardTone = 'role' | 'detail' | 'normal' | 'muted' | 'learned' | 'down';

export interface CardLine {
  readonly text: string;
  readonly tone: CardTone;
}

/** What the node is doing this round, as a title and a detail line (null when there is none). */
export function nodeRole(node: NodeState, nodes: number): { title: string; detail: string | null; short: string } {
  if (!node.up) return { title: 'crashed ✕', detail: 'memory lost, disk kept', short: 'crashed ✕' };
  const p = node.proposer;
  const b = formatBallot(p.ballot);
  const need = majority(nodes);
  switch (p.phase) {
    case 'preparing': {
      const got = Object.keys(p.promises).length;
      return {
        title: `proposer ${b}${p.clientValue === null ? '' : ` for ${quoteValue(p.clientValue)}`}`,
        detail: `collecting promises ${got}/${need}`,
        short: `${b}: promises ${got}/${need}`,
      };
    }
    case 'accepting':
      return {
        title: `proposer ${b}: ${p.proposal === null ? '' : quoteValue(p.proposal)}`,
        detail: `collecting accepts ${p.acceptedBy.length}/${need}`,
        short: `${b}: accepts ${p.acceptedBy.length}/${need}`,
      };
    case 'waiting':
      return { title: 'waiting to retry', detail: p.ballot ? `${b} was rejected` : null, short: 'waiting to retry' };
    case 'done':
      return { title: `proposer ${b}: done`, detail: null, short: `${b}: done` };
    case 'idle':
      return { title: 'idle', detail: null, short: 'idle' };
  }
}

function readLine(node: NodeState, nodes: number): string | null {
  const r = node.reads[0];
  if (!node.up || !r) return null;
  return `reading #${r.readId}: ${Object.keys(r.replies).length}/${majority(nodes)} replies`;
}

/**
 * The lines of a node's card, most important first. `maxLines` drops the least important ones
 * (the read progress, then the role detail), never the promise, the accepted value or what it learned.
 */
export function nodeCardLines(node: NodeState, nodes: number, detail: 'full' | 'compact', maxLines: number): CardLine[] {
  const role = nodeRole(node, nodes);
  const { promised, accepted } = node.durable;
  const lines: (CardLine & { drop?: number })[] = [];
  if (detail === 'full') {
    lines.push({ text: role.title, tone: node.up ? 'role' : 'down' });
    if (role.detail) lines.push({ text: role.detail, tone: 'detail', drop: 2 });
  } else {
    lines.push({ text: role.short, tone: node.up ? 'role' : 'down' });
  }
  const read = readLine(node, nodes);
  if (read) lines.push({ text: read, tone: 'detail', drop: 1 });
  lines.push(promised ? { text: `promised ${formatBallot(promised)}`, tone: 'normal' } : { text: 'no promise yet', tone: 'muted' });
  lines.push(accepted
    ? { text: `accepted ${formatBallot(accepted.ballot)} = ${quoteValue(accepted.value)}`, tone: 'normal' }
    : { text: 'accepted nothing', tone: 'muted' });
  if (node.learned) lines.push({ text: `learned ${quoteValue(node.learned.value)} ✓`, tone: 'learned' });
  for (let rank = 1; lines.length > maxLines && rank <= 2; rank++) {
    const i = lines.findIndex((l) => l.drop === rank);
    if (i >= 0) lines.splice(i, 1);
  }
  return lines.slice(0, maxLines).map(({ text, tone }) => ({ text, tone }));
}

const TIMER_WORDS: Readonly<Record<TimerKind, string>> = { retry: 'retry timer', 'read-timeout': 'read timeout' };

/** `retry timer` / `retry timer, read timeout`; empty when no timer is pending. */
export function timerText(kinds: readonly TimerKind[]): string {
  return [...new Set(kinds)].map((k) => TIMER_WORDS[k]).join(', ');
}

/** `Node A, up, proposer 2.A collecting promises 2/3, promised 2.A, accepted 1.B = X, learned X` */
export function nodeAriaLabel(node: NodeState, nodes: number, timers: readonly TimerKind[]): string {
  const parts = [`Node ${node.id}`, node.up ? 'up' : 'crashed'];
  if (node.up) {
    const role = nodeRole(node, nodes);
    if (node.proposer.phase !== 'idle') parts.push(role.detail && node.proposer.phase !== 'waiting' ? `${role.title} ${role.detail}` : role.title);
    const read = readLine(node, nodes);
    if (read) parts.push(read);
  }
  const { promised, accepted } = node.durable;
  parts.push(promised ? `promised ${formatBallot(promised)}` : 'no promise');
  parts.push(accepted ? `accepted ${formatBallot(accepted.ballot)} = ${accepted.value}` : 'nothing accepted');
  if (node.learned) parts.push(`learned ${node.learned.value}`);
  if (node.up && timers.length > 0) parts.push(`${timerText(timers)} pending`);
  return parts.join(', ');
}
