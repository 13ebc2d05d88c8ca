import { describe, expect, it } from 'vitest';
import { makeBallot } from '../../src/core/ballot';
import { INITIAL_MULTI_MONITOR, observeMulti } from '../../src/core/multiInvariants';
import * as roles from '../../src/core/multiRoles';
import { applyMulti, createMultiWorld, nextDueMulti } from '../../src/core/multiSim';
import {
  NOOP, type MultiCommand, type MultiEvent, type MultiMessage, type MultiNode, type MultiPayload, type MultiWorld,
} from '../../src/core/multiTypes';

// Unit tests for every Multi-Paxos rule: each would fail if the rule were broken.

const ids = ['A', 'B', 'C'] as const;
const ctx: roles.MultiContext = { now: 10, ids, electionTicksMin: 150, electionTicksMax: 300, heartbeatTicks: 50, window: 3 };
const b = makeBallot;

function msg<P extends MultiPayload>(payload: P, from: string, to: string): P & MultiMessage {
  return { ...payload, id: 1, from, to, sentAt: 0, deliverAt: 10 } as P & MultiMessage;
}

function node(id: string, patch: Partial<MultiNode> = {}): MultiNode {
  return { ...roles.freshMultiNode(id), ...patch };
}

/** A candidate A at ballot 1.A, phase 1 from `fromSlot`. */
function candidate(patch: Partial<MultiNode> = {}): MultiNode {
  return node('A', { role: 'candidate', ballot: b(1, 'A'), fromSlot: 1, ...patch });
}

describe('multi acceptor', () => {
  it('promises a higher ballot for every slot from fromSlot, reporting only accepted proposals there, on disk first', () => {
    const a = node('B', { durable: { promised: null, maxRoundUsed: 0, accepted: { 2: { ballot: b(1, 'A'), value: '#1 x' }, 3: { ballot: b(1, 'A'), value: '#3 z' }, 5: { ballot: b(1, 'C'), value: '#2 y' } } } });
    const fx = roles.onPrepare(a, msg({ type: 'prepare', ballot: b(2, 'A'), fromSlot: 3 }, 'A', 'B'), ctx);
    expect(fx.node.durable.promised).toEqual(b(2, 'A'));
    expect(fx.send).toEqual([{ to: 'A', payload: { type: 'promise', ballot: b(2, 'A'), fromSlot: 3, accepted: [{ slot: 3, ballot: b(1, 'A'), value: '#3 z' }, { slot: 5, ballot: b(1, 'C'), value: '#2 y' }] } }]);
  });

  it('nacks a prepare below its promise and ignores one equal to it', () => {
    const a = node('B', { durable: { promised: b(3, 'C'), maxRoundUsed: 0, accepted: {} } });
    const low = roles.onPrepare(a, msg({ type: 'prepare', ballot: b(2, 'A'), fromSlot: 1 }, 'A', 'B'), ctx);
    expect(low.send).toEqual([{ to: 'A', payload: { type: 'nack', ballot: b(2, 'A'), promised: b(3, 'C') } }]);
    expect(low.node.durable.promised).toEqual(b(3, 'C'));
    const same = roles.onPrepare(a, msg({ type: 'prepare', ballot: b(3, 'C'), fromSlot: 1 }, 'C', 'B'), ctx);
    expect(same.send).toEqual([]);
  });

  it('accepts at or above its promise, per slot, and accepting raises the promise', () => {
    const a = node('B', { durable: { promised: b(1, 'A'), maxRoundUsed: 0, accepted: {} } });
    const fx = roles.onAccept(a, msg({ type: 'accept', ballot: b(2, 'C'), slot: 4, value: '#1 x' }, 'C', 'B'), ctx);
    expect(fx.node.durable.accepted[4]).toEqual({ ballot: b(2, 'C'), value: '#1 x' });
    expect(fx.node.durable.promised).toEqual(b(2, 'C'));
    expect(fx.send).toEqual([{ to: 'C', payload: { type: 'accepted', ballot: b(2, 'C'), slot: 4, value: '#1 x' } }]);
    const low = roles.onAccept(fx.node, msg({ type: 'accept', ballot: b(1, 'A'), slot: 5, value: '#2 y' }, 'A', 'B'), ctx);
    expect(low.node.durable.accepted[5]).toBeUndefined();
    expect(low.send[0]!.payload.type).toBe('nack');
  });
});

describe('multi leader election and phase 1', () => {
  it('campaigns above every round seen or used, for every slot from its first unknown one', () => {
    const n = node('B', { maxRoundSeen: 4, durable: { promised: null, accepted: {}, maxRoundUsed: 6 }, chosen: { 1: '#1 x', 2: '#2 y', 4: '#3 z' } });
    const fx = roles.onElectionTimer(n, ctx);
    expect(fx.node.ballot).toEqual(b(7, 'B'));
    expect(fx.node.durable.maxRoundUsed).toBe(7);
    expect(fx.node.fromSlot).toBe(3);
    expect(fx.send.map((s) => s.payload)).toEqual(ids.map(() => ({ type: 'prepare', ballot: b(7, 'B'), fromSlot: 3 })));
  });

  it('becomes leader on a majority of promises, re-proposing per slot the highest-ballot accepted value', () => {
    let c = candidate({ fromSlot: 1 });
    c = roles.onPromise(c, msg({ type: 'promise', ballot: b(1, 'A'), fromSlot: 1, accepted: [{ slot: 1, ballot: b(0, 'B'), value: '#1 low' }] }, 'A', 'A'), ctx).node;
    expect(c.role).toBe('candidate');
    const fx = roles.onPromise(c, msg({ type: 'promise', ballot: b(1, 'A'), fromSlot: 1, accepted: [{ slot: 1, ballot: b(0, 'C'), value: '#2 high' }] }, 'C', 'A'), ctx);
    expect(fx.node.role).toBe('leader');
    // 0.C > 0.B: the node-id tie-break decides which accepted value is the highest.
    expect(fx.node.open[1]!.value).toBe('#2 high');
    expect(fx.send.filter((s) => s.payload.type === 'accept').map((s) => s.payload)).toEqual(
      ids.map(() => ({ type: 'accept', ballot: b(1, 'A'), slot: 1, value: '#2 high' })),
    );
  });

  it('fills every gap below the highest reported slot with a no-op, and skips slots it knows are chosen (the seed\'s 1–4, 8, 9 example)', () => {
    const chosen = { 1: '#1 a', 2: '#2 b', 3: '#3 c', 4: '#4 d', 8: '#8 h', 9: '#9 i' };
    let c = candidate({ fromSlot: 5, chosen });
    c = roles.onPromise(c, msg({ type: 'promise', ballot: b(1, 'A'), fromSlot: 5, accepted: [{ slot: 8, ballot: b(0, 'B'), value: '#8 h' }] }, 'B', 'A'), ctx).node;
    const fx = roles.onPromise(c, msg({ type: 'promise', ballot: b(1, 'A'), fromSlot: 5, accepted: [{ slot: 6, ballot: b(0, 'B'), value: '#6 f' }] }, 'C', 'A'), ctx);
    const leader = fx.events.find((e) => e.type === 'leader');
    expect(leader).toMatchObject({ fromSlot: 5, noops: [5, 7], reproposed: [{ slot: 6, value: '#6 f' }] });
    expect(Object.keys(fx.node.open).map(Number)).toEqual([5, 6, 7]);
    expect(fx.node.open[5]!.value).toBe(NOOP);
    expect(fx.node.nextSlot).toBe(10);
  });

  it('counts only promises for its current ballot, each acceptor once', () => {
    let c = candidate();
    c = roles.onPromise(c, msg({ type: 'promise', ballot: b(1, 'A'), fromSlot: 1, accepted: [] }, 'B', 'A'), ctx).node;
    const again = roles.onPromise(c, msg({ type: 'promise', ballot: b(1, 'A'), fromSlot: 1, accepted: [] }, 'B', 'A'), ctx);
    expect(again.node.role).toBe('candidate');
    const stale = roles.onPromise(c, msg({ type: 'promise', ballot: b(0, 'A'), fromSlot: 1, accepted: [] }, 'C', 'A'), ctx);
    expect(stale.node.role).toBe('candidate');
  });

  it('a leader steps down on a nack for its ballot, keeping unchosen commands to forward later', () => {
    const l = node('A', { role: 'leader', ballot: b(1, 'A'), leader: 'A', open: { 3: { value: '#5 x', acceptedBy: ['A'], sentAt: 0 } }, queue: ['#6 y'] });
    const fx = roles.onNack(l, msg({ type: 'nack', ballot: b(1, 'A'), promised: b(2, 'C') }, 'B', 'A'), ctx);
    expect(fx.node.role).toBe('follower');
    expect(fx.node.queue).toEqual(['#5 x', '#6 y']);
    expect(fx.node.maxRoundSeen).toBe(2);
  });

  it('a deposed leader that still beats gets a nack from an acceptor that promised higher', () => {
    const a = node('B', { durable: { promised: b(2, 'C'), accepted: {}, maxRoundUsed: 0 } });
    const fx = roles.onHeartbeat(a, msg({ type: 'heartbeat', ballot: b(1, 'A'), chosenUpTo: 0 }, 'A', 'B'), ctx);
    expect(fx.send).toEqual([{ to: 'A', payload: { type: 'nack', ballot: b(1, 'A'), promised: b(2, 'C') } }]);
    expect(fx.node.leader).toBeNull();
  });
});

describe('multi phase 2, pipelining, learning and applying', () => {
  const leader = (patch: Partial<MultiNode> = {}) => node('A', { role: 'leader', ballot: b(1, 'A'), leader: 'A', nextSlot: 1, ...patch });

  it('pipelines up to the window, then waits for the first open slot to be chosen', () => {
    let l = leader();
    for (const c of ['#1 a', '#2 b', '#3 c', '#4 d']) l = roles.onRequest(l, c, { ...ctx, window: 2 }).node;
    expect(Object.keys(l.open).map(Number)).toEqual([1, 2]);
    expect(l.queue).toEqual(['#3 c', '#4 d']);
    for (const from of ['A', 'B']) l = roles.onAccepted(l, msg({ type: 'accepted', ballot: b(1, 'A'), slot: 1, value: '#1 a' }, from, 'A'), { ...ctx, window: 2 }).node;
    expect(l.chosen[1]).toBe('#1 a');
    expect(Object.keys(l.open).map(Number)).toEqual([2, 3]);
  });

  it('a slot is chosen by a majority of accepted replies for the current ballot, each acceptor counted once', () => {
    let l = leader({ open: { 1: { value: '#1 a', acceptedBy: [], sentAt: 0 } }, nextSlot: 2 });
    l = roles.onAccepted(l, msg({ type: 'accepted', ballot: b(1, 'A'), slot: 1, value: '#1 a' }, 'B', 'A'), ctx).node;
    l = roles.onAccepted(l, msg({ type: 'accepted', ballot: b(1, 'A'), slot: 1, value: '#1 a' }, 'B', 'A'), ctx).node;
    l = roles.onAccepted(l, msg({ type: 'accepted', ballot: b(0, 'A'), slot: 1, value: '#1 a' }, 'C', 'A'), ctx).node;
    expect(l.chosen[1]).toBeUndefined();
    const fx = roles.onAccepted(l, msg({ type: 'accepted', ballot: b(1, 'A'), slot: 1, value: '#1 a' }, 'C', 'A'), ctx);
    expect(fx.node.chosen[1]).toBe('#1 a');
    expect(fx.send).toEqual([
      { to: 'B', payload: { type: 'commit', entries: [{ slot: 1, value: '#1 a' }] } },
      { to: 'C', payload: { type: 'commit', entries: [{ slot: 1, value: '#1 a' }] } },
    ]);
  });

  it('applies strictly in slot order: never past a gap', () => {
    let r = node('B');
    r = roles.onCommit(r, msg({ type: 'commit', entries: [{ slot: 2, value: '#2 b' }] }, 'A', 'B'), ctx).node;
    expect(r.applied).toBe(0);
    expect(r.items).toEqual([]);
    const fx = roles.onCommit(r, msg({ type: 'commit', entries: [{ slot: 1, value: '#1 a' }] }, 'A', 'B'), ctx);
    expect(fx.node.applied).toBe(2);
    expect(fx.node.items).toEqual(['a', 'b']);
    expect(fx.events.filter((e) => e.type === 'apply').map((e) => (e as { slot: number }).slot)).toEqual([1, 2]);
  });

  it('applies a retried request once, and no-ops not at all', () => {
    const fx = roles.onCommit(node('B'), msg({ type: 'commit', entries: [{ slot: 1, value: '#1 a' }, { slot: 2, value: NOOP }, { slot: 3, value: '#1 a' }] }, 'A', 'B'), ctx);
    expect(fx.node.items).toEqual(['a']);
    expect(fx.node.applied).toBe(3);
    expect(fx.events.filter((e) => e.type === 'apply').map((e) => (e as { skipped: unknown }).skipped)).toEqual([null, 'no-op', 'duplicate']);
  });

  it('the leader does not propose a command it already has (a client retry)', () => {
    let l = leader();
    l = roles.onRequest(l, '#1 a', ctx).node;
    const fx = roles.onForward(l, msg({ type: 'forward', entry: '#1 a' }, 'B', 'A'), ctx);
    expect(fx.events.filter((e) => e.type === 'propose')).toHaveLength(0);
  });

  it('a follower forwards to the leader it knows, keeps the command until it sees it chosen, re-forwards it to a new leader, and asks to catch up when behind', () => {
    let f = node('B', { leader: 'A' });
    const fx = roles.onRequest(f, '#1 a', ctx);
    expect(fx.send).toEqual([{ to: 'A', payload: { type: 'forward', entry: '#1 a' } }]);
    f = fx.node;
    expect(f.queue).toEqual(['#1 a']);
    // The same leader's heartbeat: no repeat (under a backlog that would resend the queue every beat).
    const same = roles.onHeartbeat(f, msg({ type: 'heartbeat', ballot: b(1, 'A'), chosenUpTo: 2 }, 'A', 'B'), ctx);
    expect(same.send).toEqual([{ to: 'A', payload: { type: 'catch-up', fromSlot: 1 } }]);
    // A new leader: it gets the waiting command (A may have died with it).
    const next = roles.onHeartbeat(f, msg({ type: 'heartbeat', ballot: b(2, 'C'), chosenUpTo: 0 }, 'C', 'B'), ctx);
    expect(next.send).toEqual([{ to: 'C', payload: { type: 'forward', entry: '#1 a' } }]);
    const done = roles.onCommit(same.node, msg({ type: 'commit', entries: [{ slot: 1, value: '#1 a' }] }, 'A', 'B'), ctx);
    expect(done.node.queue).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The whole world

function runWorld(w: MultiWorld, until: number, sink?: (e: MultiEvent) => void): MultiWorld {
  for (let d = nextDueMulti(w); d && d.at <= until; d = nextDueMulti(w)) {
    const r = applyMulti(w, { type: 'next' });
    w = r.world;
    r.events.forEach((e) => sink?.(e));
  }
  return w;
}

function act(w: MultiWorld, cmd: MultiCommand): MultiWorld {
  return applyMulti(w, cmd).world;
}

describe('multi world', () => {
  it('elects a leader, chooses and applies every command in the same order on every node', () => {
    let w = createMultiWorld({ nodes: 5, seed: 3 });
    w = runWorld(w, 400);
    expect(w.nodes.filter((n) => n.role === 'leader')).toHaveLength(1);
    for (const [n, c] of [['B', 'x'], ['C', 'y'], ['D', 'z'], ['E', 'w']] as const) w = act(w, { type: 'request', node: n, command: c });
    w = runWorld(w, 1500);
    const items = w.nodes[0]!.items;
    expect([...items].sort()).toEqual(['w', 'x', 'y', 'z']);
    for (const n of w.nodes) expect(n.items).toEqual(items);
    expect(w.monitor.violations).toEqual([]);
  });

  it('after the leader crashes, a new leader takes over and every live node converges; a restarted node catches up', () => {
    let w = createMultiWorld({ nodes: 5, seed: 3 });
    w = runWorld(w, 400);
    w = act(w, { type: 'request', node: 'B', command: 'x' });
    w = runWorld(w, 600);
    const old = w.nodes.find((n) => n.role === 'leader')!.id;
    w = act(w, { type: 'crash', node: old });
    const other = w.nodes.find((n) => n.up && n.id !== old)!.id;
    w = act(w, { type: 'request', node: other, command: 'y' });
    w = runWorld(w, 2000);
    const leader = w.nodes.find((n) => n.role === 'leader' && n.up)!;
    expect(leader.id).not.toBe(old);
    for (const n of w.nodes.filter((x) => x.up)) expect(n.items).toEqual(['x', 'y']);
    w = act(w, { type: 'restart', node: old });
    w = runWorld(w, 3000);
    expect(w.nodes.find((n) => n.id === old)!.items).toEqual(['x', 'y']);
    expect(w.monitor.violations).toEqual([]);
  });

  it('a crash keeps the disk: promise and accepted proposals per slot survive', () => {
    let w = createMultiWorld({ nodes: 3, seed: 2 });
    w = runWorld(w, 400);
    w = act(w, { type: 'request', node: 'A', command: 'x' });
    w = runWorld(w, 700);
    const before = w.nodes[1]!.durable;
    expect(Object.keys(before.accepted)).toEqual(['1']);
    w = act(w, { type: 'crash', node: 'B' });
    expect(w.nodes[1]!.durable).toEqual(before);
    expect(w.nodes[1]!.items).toEqual([]);
    w = act(w, { type: 'restart', node: 'B' });
    expect(w.nodes[1]!.durable).toEqual(before);
  });

  it('a retried request (same id) is applied once', () => {
    let w = createMultiWorld({ nodes: 3, seed: 2 });
    w = runWorld(w, 400);
    w = act(w, { type: 'request', node: 'A', command: 'x' });
    w = act(w, { type: 'request', node: 'B', command: 'x', id: 1 });
    w = runWorld(w, 1200);
    for (const n of w.nodes) expect(n.items).toEqual(['x']);
    expect(() => act(w, { type: 'request', node: 'A', command: 'x', id: 9 })).toThrow(/never made/);
  });
});

describe('multi safety monitor', () => {
  type Untimed<E> = E extends unknown ? Omit<E, 'time'> : never;
  const ev = (e: Untimed<MultiEvent>): MultiEvent => ({ time: 1, ...e } as MultiEvent);
  const feed = (events: MultiEvent[]) => {
    let m = INITIAL_MULTI_MONITOR;
    const added: MultiEvent[] = [];
    for (const e of events) {
      const r = observeMulti(m, e, 3);
      if (r) {
        m = r.monitor;
        added.push(...r.added);
      }
    }
    return { m, added };
  };

  it('a slot is chosen when one ballot\'s value has a majority, and two different values at one slot is a violation', () => {
    const { m, added } = feed([
      ev({ type: 'request', node: 'A', entry: '#1 x' }), ev({ type: 'request', node: 'B', entry: '#2 y' }),
      ev({ type: 'accept', node: 'A', ballot: b(1, 'A'), slot: 1, value: '#1 x' }),
      ev({ type: 'accept', node: 'B', ballot: b(1, 'A'), slot: 1, value: '#1 x' }),
      ev({ type: 'accept', node: 'B', ballot: b(2, 'B'), slot: 1, value: '#2 y' }),
      ev({ type: 'accept', node: 'C', ballot: b(2, 'B'), slot: 1, value: '#2 y' }),
    ]);
    expect(added.filter((e) => e.type === 'chosen')).toHaveLength(2);
    expect(m.violations.map((v) => v.invariant)).toEqual(['slot-agreement']);
  });

  it('votes for different values at one ballot are never pooled', () => {
    const { added } = feed([
      ev({ type: 'accept', node: 'A', ballot: b(1, 'A'), slot: 1, value: '#1 x' }),
      ev({ type: 'accept', node: 'B', ballot: b(1, 'A'), slot: 1, value: '#2 y' }),
    ]);
    expect(added).toEqual([]);
  });

  it('catches learning an unchosen value, applying out of order, different values at one slot, and applying a request twice', () => {
    const { m } = feed([
      ev({ type: 'learn', node: 'A', slot: 1, value: '#1 x' }),
      ev({ type: 'apply', node: 'A', slot: 2, value: '#1 x', skipped: null }),
      ev({ type: 'apply', node: 'B', slot: 1, value: '#9 z', skipped: null }),
      ev({ type: 'apply', node: 'B', slot: 2, value: '#1 x', skipped: null }),
      ev({ type: 'apply', node: 'B', slot: 3, value: '#1 x', skipped: null }),
    ]);
    expect(m.violations.map((v) => v.invariant)).toEqual(['learned-is-chosen', 'applied-in-order', 'applied-once']);
    const { m: m2 } = feed([
      ev({ type: 'apply', node: 'A', slot: 1, value: '#1 x', skipped: null }),
      ev({ type: 'apply', node: 'B', slot: 1, value: '#2 y', skipped: null }),
    ]);
    expect(m2.violations.map((v) => v.invariant)).toEqual(['applied-prefix']);
  });

  it('a restarted node applies from slot 1 again without a false alarm', () => {
    const { m } = feed([
      ev({ type: 'apply', node: 'A', slot: 1, value: '#1 x', skipped: null }),
      ev({ type: 'crash', node: 'A' }),
      ev({ type: 'apply', node: 'A', slot: 1, value: '#1 x', skipped: null }),
    ]);
    expect(m.violations).toEqual([]);
  });
});
