import { describe, expect, it } from 'vitest';
import { onAccept, onPrepare } from '../../src/core/acceptor';
import { compareForProtocol } from '../../src/core/ballot';
import type { RoleContext } from '../../src/core/effects';
import { onAccepted, onNack, onPromise } from '../../src/core/proposer';
import { protocolQuorum } from '../../src/core/quorum';
import { majorityProposal, onReadReply, onReadTimeout } from '../../src/core/reader';
import { brokenRules, VARIANT_NAMES, VARIANTS, type VariantName } from '../../src/core/variants';
import { apply, createWorld, describe as describeEvent, type NodeState, type ProposerState } from '../../src/core';
import { b, ctx, ids3, msg, node } from './helpers';

// Each "Break Paxos" branch does what its variant says, and nothing when the variant is off. The
// presets in test/scenarios/variants/ show each one leading to a safety violation end to end.

const withVariants = (variants: VariantName[], ids: string[] = ids3): RoleContext => ({ ...ctx(ids), broken: brokenRules(variants) });
const off = (ids: string[] = ids3): RoleContext => ({ ...ctx(ids), broken: null });
/** The context as the simulation builds it for a config without variants (the field may be absent in old callers). */
const legacy = (ids: string[] = ids3): RoleContext => ctx(ids);

const durable = (promised: ReturnType<typeof b> | null, accepted: { ballot: ReturnType<typeof b>; value: string } | null = null) =>
  ({ promised, accepted, maxRoundUsed: 0 });

const proposing = (id: string, over: Partial<ProposerState>): NodeState =>
  node(id, { proposer: { phase: 'preparing', ballot: b(2, id), clientValue: 'Y', promises: {}, proposal: null, acceptedBy: [], attempt: 0, ...over } });

describe('the variants table', () => {
  it('lists the seven variants by the names the scenario format uses, each with a title and a one-paragraph explanation', () => {
    expect(VARIANT_NAMES).toEqual([
      'amnesia', 'ignore-accepted', 'no-tiebreak', 'accept-keeps-promise', 'learner-mixes-ballots', 'read-ignores-ballots', 'small-quorum',
    ]);
    for (const v of VARIANTS) {
      expect(v.title.length).toBeGreaterThan(10);
      expect(v.explanation).not.toContain('\n');
      expect(v.explanation.length).toBeGreaterThan(200);
    }
  });

  it('makes no flags at all without variants (the correct protocol costs one falsy check)', () => {
    expect(brokenRules(undefined)).toBeNull();
    expect(brokenRules([])).toBeNull();
    const list: VariantName[] = ['small-quorum'];
    expect(brokenRules(list)).toBe(brokenRules(list));
    expect(brokenRules(list)).toMatchObject({ smallQuorum: true, amnesia: false, noTiebreak: false });
  });

  it('puts no flags in the context of a world without variants', () => {
    const w = createWorld({ mode: 'manual' });
    expect(w.config.variants).toBeUndefined();
  });
});

describe('amnesia', () => {
  const crashed = (variants?: VariantName[]) => {
    let w = createWorld({ mode: 'manual', ...(variants ? { variants } : {}) });
    w = apply(w, { type: 'write', node: 'A', value: 'X' }).world;
    w = apply(w, { type: 'deliver', id: w.inflight.find((m) => m.to === 'B')!.id }).world;
    w = apply(w, { type: 'crash', node: 'B' }).world;
    return apply(w, { type: 'restart', node: 'B' });
  };

  it('restarts an acceptor with nothing promised and nothing accepted, keeping the highest round it used', () => {
    const r = crashed(['amnesia']);
    const bNode = r.world.nodes[1]!;
    expect(bNode.durable).toEqual({ promised: null, accepted: null, maxRoundUsed: 0 });
    expect(bNode.maxRoundSeen).toBe(0);
    const restart = r.events.find((e) => e.type === 'restart')!;
    expect(restart).toMatchObject({ forgotten: { promised: b(1, 'A') } });
    expect(describeEvent(restart)).toBe('B restarts with amnesia: it forgot promised 1.A, accepted nothing (from disk: promised —, accepted nothing, last round 0)');
  });

  it('keeps the promise when off', () => {
    const r = crashed();
    expect(r.world.nodes[1]!.durable.promised).toEqual(b(1, 'A'));
    expect(r.events.find((e) => e.type === 'restart')).not.toHaveProperty('forgotten');
  });

  it('keeps maxRoundUsed, so a restarted node still never reuses a ballot', () => {
    let w = createWorld({ mode: 'manual', variants: ['amnesia'] });
    w = apply(w, { type: 'write', node: 'A', value: 'X' }).world;
    w = apply(w, { type: 'crash', node: 'A' }).world;
    w = apply(w, { type: 'restart', node: 'A' }).world;
    expect(w.nodes[0]!.durable.maxRoundUsed).toBe(1);
    const r = apply(w, { type: 'write', node: 'A', value: 'Y' });
    expect(r.events.find((e) => e.type === 'ballot-start')).toMatchObject({ ballot: b(2, 'A') });
  });
});

describe('ignore-accepted', () => {
  const reported = { ballot: b(1, 'A'), value: 'X' };
  const p = () => proposing('C', { ballot: b(1, 'C'), promises: { C: null } });
  const promise = msg({ type: 'promise', ballot: b(1, 'C'), accepted: reported }, 'B', 'C');

  it('proposes the client value even though a promise reported an accepted proposal, and says what it ignored', () => {
    const fx = onPromise(p(), promise, withVariants(['ignore-accepted']));
    expect(fx.node.proposer.proposal).toBe('Y');
    expect(fx.events[0]).toMatchObject({ type: 'propose', value: 'Y', adoptedFrom: null, ignored: reported });
    expect(describeEvent(fx.events[0]!)).toBe('C has a majority of promises for 1.C; proposes its own value "Y", ignoring the reported accepted 1.A = "X"');
  });

  it('adopts the reported value when off', () => {
    for (const c of [off(), legacy()]) {
      const fx = onPromise(p(), promise, c);
      expect(fx.node.proposer.proposal).toBe('X');
      expect(fx.events[0]).not.toHaveProperty('ignored');
    }
  });

  it('changes nothing when no promise reported an accepted proposal', () => {
    const fx = onPromise(p(), msg({ type: 'promise', ballot: b(1, 'C'), accepted: null }, 'B', 'C'), withVariants(['ignore-accepted']));
    expect(fx.events[0]).toEqual({ type: 'propose', time: 0, node: 'C', ballot: b(1, 'C'), value: 'Y', adoptedFrom: null });
  });
});

describe('no-tiebreak', () => {
  it('compares ballots by round only', () => {
    expect(compareForProtocol(b(1, 'A'), b(1, 'B'), true)).toBe(0);
    expect(compareForProtocol(b(1, 'A'), b(1, 'B'))).toBeLessThan(0);
    expect(compareForProtocol(b(2, 'A'), b(1, 'B'), true)).toBeGreaterThan(0);
    expect(compareForProtocol(null, b(1, 'B'), true)).toBeLessThan(0);
  });

  const promised1B = () => node('C', { durable: durable(b(1, 'B')) });

  it('an acceptor promises and accepts another proposer\'s ballot in the round it promised', () => {
    const prep = onPrepare(promised1B(), msg({ type: 'prepare', ballot: b(1, 'A') }, 'A', 'C'), withVariants(['no-tiebreak']));
    expect(prep.node.durable.promised).toEqual(b(1, 'A'));
    expect(prep.events[0]).toMatchObject({ type: 'promise', ballot: b(1, 'A') });
    const acc = onAccept(promised1B(), msg({ type: 'accept', ballot: b(1, 'A'), value: 'X' }, 'A', 'C'), withVariants(['no-tiebreak']));
    expect(acc.node.durable.accepted).toEqual({ ballot: b(1, 'A'), value: 'X' });
  });

  it('still ignores a duplicate of the very ballot it promised, and still rejects a lower round', () => {
    const dup = onPrepare(promised1B(), msg({ type: 'prepare', ballot: b(1, 'B') }, 'B', 'C'), withVariants(['no-tiebreak']));
    expect(dup.events[0]).toMatchObject({ type: 'ignore' });
    const n = node('C', { durable: durable(b(2, 'A')) });
    const low = onAccept(n, msg({ type: 'accept', ballot: b(1, 'B'), value: 'Y' }, 'B', 'C'), withVariants(['no-tiebreak']));
    expect(low.events[0]).toMatchObject({ type: 'reject' });
  });

  it('rejects the lower ballot of the same round when off', () => {
    const prep = onPrepare(promised1B(), msg({ type: 'prepare', ballot: b(1, 'A') }, 'A', 'C'), off());
    expect(prep.events[0]).toMatchObject({ type: 'reject', promised: b(1, 'B') });
    const acc = onAccept(promised1B(), msg({ type: 'accept', ballot: b(1, 'A'), value: 'X' }, 'A', 'C'), legacy());
    expect(acc.events[0]).toMatchObject({ type: 'reject' });
  });

  it('a proposer does not count a nack naming a ballot of the same round as "higher"', () => {
    const p = proposing('A', { ballot: b(1, 'A'), phase: 'accepting' });
    const nack = msg({ type: 'nack', ballot: b(1, 'A'), promised: b(1, 'B'), of: 'accept' }, 'C', 'A');
    expect(onNack(p, nack, withVariants(['no-tiebreak'])).events[0]).toMatchObject({ type: 'ignore' });
    expect(onNack(p, nack, off()).events[0]).toMatchObject({ type: 'preempted' });
  });
});

describe('accept-keeps-promise', () => {
  const promised1A = () => node('C', { durable: durable(b(1, 'A')) });
  const accept1B = msg({ type: 'accept', ballot: b(1, 'B'), value: 'W' }, 'B', 'C');

  it('accepting leaves the promise where it was, so an older ballot is accepted afterwards', () => {
    const c = withVariants(['accept-keeps-promise']);
    const fx = onAccept(promised1A(), accept1B, c);
    expect(fx.node.durable).toMatchObject({ promised: b(1, 'A'), accepted: { ballot: b(1, 'B'), value: 'W' } });
    const older = onAccept(fx.node, msg({ type: 'accept', ballot: b(1, 'A'), value: 'U' }, 'A', 'C'), c);
    expect(older.node.durable.accepted).toEqual({ ballot: b(1, 'A'), value: 'U' });
  });

  it('accepting raises the promise when off', () => {
    const fx = onAccept(promised1A(), accept1B, off());
    expect(fx.node.durable.promised).toEqual(b(1, 'B'));
    const older = onAccept(fx.node, msg({ type: 'accept', ballot: b(1, 'A'), value: 'U' }, 'A', 'C'), off());
    expect(older.events[0]).toMatchObject({ type: 'reject' });
  });
});

describe('learner-mixes-ballots', () => {
  // A runs 2.A for "X" and has its own vote; C's vote for A's earlier 1.A "X" arrives late.
  const a = () => proposing('A', { ballot: b(2, 'A'), clientValue: 'X', phase: 'accepting', proposal: 'X', acceptedBy: ['A'] });
  const late = msg({ type: 'accepted', ballot: b(1, 'A'), value: 'X' }, 'C', 'A');

  it('counts a vote for one of its earlier ballots with the same value, and learns from the mix', () => {
    const fx = onAccepted(a(), late, withVariants(['learner-mixes-ballots']));
    expect(fx.node.learned).toEqual({ ballot: b(2, 'A'), value: 'X' });
    expect(fx.events[0]).toMatchObject({ type: 'learn', mixed: [{ node: 'A', ballot: b(2, 'A') }, { node: 'C', ballot: b(1, 'A') }] });
    expect(fx.send.map((s) => s.payload)).toContainEqual({ type: 'decide', ballot: b(2, 'A'), value: 'X' });
  });

  it('does not count a vote for another value, or for another proposer\'s ballot', () => {
    const c = withVariants(['learner-mixes-ballots']);
    expect(onAccepted(a(), msg({ type: 'accepted', ballot: b(1, 'A'), value: 'Z' }, 'C', 'A'), c).events[0]).toMatchObject({ type: 'ignore' });
    expect(onAccepted(a(), msg({ type: 'accepted', ballot: b(1, 'B'), value: 'X' }, 'C', 'A'), c).events[0]).toMatchObject({ type: 'ignore' });
  });

  it('ignores votes for other ballots when off', () => {
    const fx = onAccepted(a(), late, off());
    expect(fx.node.learned).toBeNull();
    expect(fx.events[0]).toMatchObject({ type: 'ignore', why: 'accepted for 1.A, but its ballot is 2.A' });
  });

  it('a learn from one ballot only carries no `mixed`', () => {
    const fx = onAccepted(a(), msg({ type: 'accepted', ballot: b(2, 'A'), value: 'X' }, 'C', 'A'), withVariants(['learner-mixes-ballots']));
    expect(fx.events[0]).toEqual({ type: 'learn', time: 0, node: 'A', ballot: b(2, 'A'), value: 'X' });
  });
});

describe('read-ignores-ballots', () => {
  const replies = { A: { ballot: b(1, 'A'), value: 'X' }, B: { ballot: b(2, 'B'), value: 'X' } };

  it('counts matching values whatever their ballots, and says which ballots', () => {
    expect(majorityProposal(replies, 3, 2, true)).toEqual({ ballot: b(1, 'A'), value: 'X', ballots: [b(1, 'A'), b(2, 'B')] });
    let c = node('C', { reads: [{ readId: 1, startedAt: 0, replies: { A: replies.A } }] });
    const fx = onReadReply(c, msg({ type: 'read-reply', readId: 1, accepted: replies.B }, 'B', 'C'), withVariants(['read-ignores-ballots']));
    expect(fx.events[0]).toMatchObject({ type: 'read-done', outcome: { result: 'ok', value: 'X', ballots: [b(1, 'A'), b(2, 'B')] } });
    c = fx.node;
    expect(c.reads).toEqual([]);
  });

  it('needs the same ballot when off', () => {
    expect(majorityProposal(replies, 3)).toBeNull();
    const c = node('C', { reads: [{ readId: 1, startedAt: 0, replies: { A: replies.A } }] });
    const fx = onReadReply(c, msg({ type: 'read-reply', readId: 1, accepted: replies.B }, 'B', 'C'), off());
    expect(fx.events).toEqual([]);
  });
});

describe('small-quorum', () => {
  const ids5 = ['A', 'B', 'C', 'D', 'E'];

  it('is ⌊N/2⌋ instead of a majority', () => {
    expect([3, 4, 5, 9].map((n) => protocolQuorum(n, true))).toEqual([1, 2, 2, 4]);
    expect([3, 4, 5, 9].map((n) => protocolQuorum(n))).toEqual([2, 3, 3, 5]);
  });

  it('a proposer goes to phase 2 with 2 promises of 5, and learns with 2 votes of 5', () => {
    const p = proposing('A', { ballot: b(1, 'A'), clientValue: 'X', promises: { A: null } });
    const promise = msg({ type: 'promise', ballot: b(1, 'A'), accepted: null }, 'B', 'A');
    expect(onPromise(p, promise, withVariants(['small-quorum'], ids5)).node.proposer.phase).toBe('accepting');
    expect(onPromise(p, promise, off(ids5)).node.proposer.phase).toBe('preparing');
    const voting = proposing('A', { ballot: b(1, 'A'), clientValue: 'X', phase: 'accepting', proposal: 'X', acceptedBy: ['A'] });
    const vote = msg({ type: 'accepted', ballot: b(1, 'A'), value: 'X' }, 'B', 'A');
    expect(onAccepted(voting, vote, withVariants(['small-quorum'], ids5)).node.learned).toEqual({ ballot: b(1, 'A'), value: 'X' });
    expect(onAccepted(voting, vote, off(ids5)).node.learned).toBeNull();
  });

  it('a read succeeds with 2 matching replies of 5, and a timeout with 2 answers is "no-majority", not "not enough"', () => {
    const x = { ballot: b(1, 'A'), value: 'X' };
    const c = node('C', { reads: [{ readId: 1, startedAt: 0, replies: { A: x } }] });
    const reply = msg({ type: 'read-reply', readId: 1, accepted: x }, 'B', 'C');
    expect(onReadReply(c, reply, withVariants(['small-quorum'], ids5)).events[0]).toMatchObject({ type: 'read-done', outcome: { result: 'ok', value: 'X' } });
    expect(onReadReply(c, reply, off(ids5)).events).toEqual([]);
    const two = node('C', { reads: [{ readId: 1, startedAt: 0, replies: { A: x, B: null } }] });
    expect(onReadTimeout(two, 1, withVariants(['small-quorum'], ids5)).events[0]).toMatchObject({ outcome: { reason: 'no-majority' } });
    expect(onReadTimeout(two, 1, off(ids5)).events[0]).toMatchObject({ outcome: { reason: 'not-enough-responses' } });
  });

  it('the safety monitor still counts a real majority', () => {
    let w = createWorld({ nodes: 5, mode: 'manual', variants: ['small-quorum'] });
    w = apply(w, { type: 'write', node: 'A', value: 'X' }).world;
    w = apply(w, { type: 'deliver', id: w.inflight.find((m) => m.to === 'B')!.id }).world; // prepare → B
    w = apply(w, { type: 'deliver', id: w.inflight.find((m) => m.type === 'promise')!.id }).world; // A proposes
    w = apply(w, { type: 'deliver', id: w.inflight.find((m) => m.type === 'accept' && m.to === 'B')!.id }).world;
    const r = apply(w, { type: 'deliver', id: w.inflight.find((m) => m.type === 'accepted')!.id });
    expect(r.world.nodes[0]!.learned?.value).toBe('X');
    expect(r.world.monitor.chosen).toEqual([]);
    expect(r.world.monitor.violations.map((v) => v.invariant)).toEqual(['learned-is-chosen']);
  });
});
