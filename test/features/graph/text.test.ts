import { describe, expect, it } from 'vitest';
import { createWorld, type Message, type NodeState, type ProposerState } from '../../../src/core';
import {
  messageAriaLabel, nodeAriaLabel, nodeCardLines, nodeRole, pillLabel, quoteValue, shortLabel,
} from '../../../src/features/graph/text';

const b = (round: number, node: string) => ({ round, node });
const wire = { id: 7, from: 'A', to: 'B', sentAt: 0, deliverAt: 20 };
const msg = (payload: Record<string, unknown>) => ({ ...wire, ...payload }) as Message;

// A fresh node from the core, so the fixtures follow NodeState as it grows.
const FRESH: NodeState = createWorld({ nodes: 3 }).nodes[0]!;
const IDLE: ProposerState = FRESH.proposer;
function node(over: Partial<NodeState> = {}): NodeState {
  return { ...FRESH, ...over };
}

describe('pill labels', () => {
  it('say the type, the ballot and what matters for the phase', () => {
    expect(pillLabel(msg({ type: 'prepare', ballot: b(2, 'A') }))).toBe('prepare 2.A');
    expect(pillLabel(msg({ type: 'promise', ballot: b(2, 'A'), accepted: null }))).toBe('promise 2.A');
    expect(pillLabel(msg({ type: 'promise', ballot: b(2, 'A'), accepted: { ballot: b(1, 'B'), value: 'X' } }))).toBe('promise 2.A (1.B "X")');
    expect(pillLabel(msg({ type: 'accept', ballot: b(2, 'A'), value: 'X' }))).toBe('accept 2.A "X"');
    expect(pillLabel(msg({ type: 'accepted', ballot: b(2, 'A'), value: 'X' }))).toBe('accepted 2.A');
    expect(pillLabel(msg({ type: 'nack', ballot: b(2, 'A'), promised: b(3, 'B'), of: 'prepare' }))).toBe('nack 2.A < 3.B');
    expect(pillLabel(msg({ type: 'decide', ballot: b(2, 'A'), value: 'X' }))).toBe('decide "X"');
    expect(pillLabel(msg({ type: 'read', readId: 1 }))).toBe('read #1');
    expect(pillLabel(msg({ type: 'read-reply', readId: 1, accepted: null }))).toBe('read-reply #1');
  });

  it('shorten to the type on a crowded wire', () => {
    expect(shortLabel(msg({ type: 'accept', ballot: b(2, 'A'), value: 'X' }))).toBe('accept');
    expect(shortLabel(msg({ type: 'read-reply', readId: 1, accepted: null }))).toBe('reply');
  });

  it('cut long values but keep them whole in the accessible name', () => {
    const long = 'a-very-long-value';
    expect(quoteValue(long)).toBe('"a-very-…"');
    expect(quoteValue('X')).toBe('"X"');
    const m = msg({ type: 'accept', ballot: b(2, 'A'), value: long });
    expect(pillLabel(m)).toBe('accept 2.A "a-very-…"');
    expect(messageAriaLabel(m)).toBe(`accept 2.A "${long}", from A to B`);
  });

  it('treat markup in values as text', () => {
    expect(pillLabel(msg({ type: 'decide', ballot: b(1, 'A'), value: '<b>' }))).toBe('decide "<b>"');
  });
});

describe('node cards', () => {
  it('show a proposer collecting promises against the majority it needs', () => {
    const n = node({ proposer: { ...IDLE, phase: 'preparing', ballot: b(2, 'A'), clientValue: 'X', promises: { A: null, C: null } } });
    expect(nodeRole(n, 5)).toMatchObject({ title: 'proposer 2.A for "X"', detail: 'collecting promises 2/3', short: '2.A: promises 2/3' });
    expect(nodeRole({ ...n, proposer: { ...n.proposer, phase: 'accepting', proposal: 'X', acceptedBy: ['A'] } }, 3).detail).toBe('collecting accepts 1/2');
    expect(nodeRole({ ...n, proposer: { ...n.proposer, phase: 'waiting' } }, 3).title).toBe('waiting to retry');
    expect(nodeRole(node(), 3).title).toBe('idle');
  });

  it('list promise, accepted value and what was learned', () => {
    const n = node({
      durable: { promised: b(2, 'A'), accepted: { ballot: b(1, 'B'), value: 'X' }, maxRoundUsed: 2 },
      learned: { ballot: b(1, 'B'), value: 'X' },
    });
    expect(nodeCardLines(n, 3, 'full', 5).map((l) => l.text)).toEqual(['idle', 'promised 2.A', 'accepted 1.B = "X"', 'learned "X" ✓']);
    expect(nodeCardLines(node(), 3, 'full', 5).map((l) => [l.text, l.tone])).toEqual([['idle', 'role'], ['no promise yet', 'muted'], ['accepted nothing', 'muted']]);
  });

  it('drop the least important lines first when space is short', () => {
    const n = node({
      proposer: { ...IDLE, phase: 'preparing', ballot: b(2, 'A'), clientValue: 'X', promises: {} },
      durable: { promised: b(2, 'A'), accepted: null, maxRoundUsed: 2 },
      reads: [{ readId: 1, startedAt: 0, replies: {} }],
    });
    expect(nodeCardLines(n, 3, 'full', 6)).toHaveLength(5);
    const four = nodeCardLines(n, 3, 'full', 4).map((l) => l.text);
    expect(four).toEqual(['proposer 2.A for "X"', 'collecting promises 0/2', 'promised 2.A', 'accepted nothing']);
    expect(nodeCardLines(n, 3, 'compact', 4).map((l) => l.text)[0]).toBe('2.A: promises 0/2');
  });

  it('say a crashed node is crashed, in words', () => {
    const lines = nodeCardLines(node({ up: false }), 3, 'full', 5);
    expect(lines[0]).toEqual({ text: 'crashed ✕', tone: 'down' });
  });
});

describe('node accessible names', () => {
  it('read like a sentence', () => {
    const n = node({
      durable: { promised: b(2, 'A'), accepted: { ballot: b(1, 'B'), value: 'X' }, maxRoundUsed: 2 },
      learned: { ballot: b(1, 'B'), value: 'X' },
    });
    expect(nodeAriaLabel(n, 3, [])).toBe('Node A, up, promised 2.A, accepted 1.B = X, learned X');
    expect(nodeAriaLabel({ ...n, up: false, learned: null }, 3, ['retry'])).toBe('Node A, crashed, promised 2.A, accepted 1.B = X');
    const busy = node({ proposer: { ...IDLE, phase: 'preparing', ballot: b(1, 'A'), clientValue: 'X', promises: { A: null } } });
    expect(nodeAriaLabel(busy, 3, ['retry'])).toBe('Node A, up, proposer 1.A for "X" collecting promises 1/2, no promise, nothing accepted, retry timer pending');
  });
});
