import { describe, expect, it } from 'vitest';
import {
  formatBallot, MESSAGE_TYPES, MULTI_MESSAGE_TYPES, NOOP,
  type Ballot, type MultiEvent, type MultiWorld, type SimEvent, type World,
} from '../../src/core';
import { entryOf, LESSON_CATALOG } from '../../src/lessons/catalog';
import { LESSONS } from '../../src/lessons/content';
import { loadedLesson, loadLessons } from '../../src/lessons/load';
import type { Lesson, ScenarioData } from '../../src/lessons/model';
import { runLessonScenario, withSteps } from '../../src/lessons/runView';
import { validateScenario } from '../../src/scenario';

// The guided lessons are data: a scenario, narrated steps that point into it, and a challenge with
// a check. These tests keep that data honest: every scenario replays without error, every step
// points at a moment that exists, every challenge is unsolved at its start and solved by its own
// solution, and for lessons 4–8 the key claims of the narration hold in the run at that step, so
// the text cannot silently drift from the simulation.

const NAMES = 'ABCDEFGHI';
/** An HTML tag, comment or entity start: the text is shown as text, so it must not look like markup. (A lone "<", as in "1.A < 1.B", is fine.) */
const MARKUP = /<[a-z/!?]|&[a-z#][a-z0-9]*;/i;

function clusterOf(s: ScenarioData): string[] {
  return NAMES.slice(0, Number(s.nodes)).split('');
}

/** Every piece of plain text a lesson shows. */
function texts(l: Lesson): string[] {
  return [
    l.title, l.summary,
    ...l.steps.flatMap((s) => [s.title, ...s.text]),
    l.challenge.task, ...l.challenge.text, l.challenge.hint, l.challenge.success,
  ];
}

describe('the lesson list', () => {
  it('has lessons 1 to 8 in order, with unique slug ids', () => {
    expect(LESSONS.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const ids = LESSONS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('the catalogue the menu and addresses use (loaded before the lessons) says what the lessons say', () => {
    expect(LESSON_CATALOG).toEqual(LESSONS.map(entryOf));
  });

  it('loads on demand: nothing before loadLessons(), every lesson after', async () => {
    expect(loadedLesson(1)).toBeNull();
    expect(await loadLessons()).toBe(LESSONS);
    for (const l of LESSONS) expect(loadedLesson(l.number)).toBe(l);
    expect(loadedLesson(9)).toBeNull();
  });

  it('lesson 8 is Multi-Paxos, the others basic Paxos', () => {
    for (const l of LESSONS) {
      const want = l.number === 8 ? 'multi' : 'basic';
      expect(l.scenario.protocol, `lesson ${l.number}`).toBe(want);
      expect(l.challenge.setup.protocol, `lesson ${l.number} challenge`).toBe(want);
    }
  });
});

describe.each(LESSONS.map((l) => [l.number, l] as const))('lesson %i', (_n, lesson) => {
  const multi = lesson.scenario.protocol === 'multi';

  it('has a valid manual-mode scenario that runs to its end', () => {
    const parsed = validateScenario(lesson.scenario);
    expect(parsed.ok ? null : parsed.error).toBeNull();
    expect((lesson.scenario.network as { mode?: string } | undefined)?.mode).toBe('manual');
    const run = runLessonScenario(lesson.scenario);
    expect(run.error).toBeNull();
    expect(run.stepEnds.length).toBe((lesson.scenario.steps as unknown[]).length);
  });

  it('has narrated steps whose `at` never decreases and stays within the scenario', () => {
    expect(lesson.steps.length).toBeGreaterThan(0);
    if (lesson.number >= 4) {
      expect(lesson.steps.length).toBeGreaterThanOrEqual(5);
      expect(lesson.steps.length).toBeLessThanOrEqual(9);
    }
    const total = (lesson.scenario.steps as unknown[]).length;
    let last = 0;
    for (const s of lesson.steps) {
      expect(Number.isInteger(s.at), s.title).toBe(true);
      expect(s.at, s.title).toBeGreaterThanOrEqual(last);
      expect(s.at, s.title).toBeLessThanOrEqual(total);
      last = s.at;
    }
  });

  it('focuses only on nodes of its cluster and message types of its protocol', () => {
    const nodes = clusterOf(lesson.scenario);
    const types: readonly string[] = multi ? MULTI_MESSAGE_TYPES : MESSAGE_TYPES;
    for (const s of lesson.steps) {
      for (const n of s.focus?.nodes ?? []) expect(nodes, s.title).toContain(n);
      for (const t of s.focus?.messages ?? []) expect(types, s.title).toContain(t);
    }
  });

  it('has non-empty plain text everywhere (no markup)', () => {
    for (const t of texts(lesson)) {
      expect(t.trim().length).toBeGreaterThan(0);
      expect(t).not.toMatch(MARKUP);
    }
    for (const s of lesson.steps) expect(s.text.length, s.title).toBeGreaterThan(0);
    expect(lesson.challenge.text.length).toBeGreaterThan(0);
  });

  it('has a challenge setup that is valid, manual and runs', () => {
    const parsed = validateScenario(lesson.challenge.setup);
    expect(parsed.ok ? null : parsed.error).toBeNull();
    expect((lesson.challenge.setup.network as { mode?: string } | undefined)?.mode).toBe('manual');
    expect(runLessonScenario(lesson.challenge.setup).error).toBeNull();
  });

  it('has a challenge that is not done at its setup', () => {
    const r = lesson.challenge.check(runLessonScenario(lesson.challenge.setup).view);
    expect(r.done).toBe(false);
    if (!r.done) {
      expect(r.missing.trim().length).toBeGreaterThan(0);
      expect(r.missing).not.toMatch(MARKUP);
    }
  });

  it('has a solution that runs and solves the challenge', () => {
    const solved = withSteps(lesson.challenge.setup, lesson.challenge.solution);
    expect(validateScenario(solved).ok).toBe(true);
    const run = runLessonScenario(solved);
    expect(run.error).toBeNull();
    expect(lesson.challenge.check(run.view)).toEqual({ done: true });
  });
});

// ---------------------------------------------------------------------------------------------
// The narration's claims, checked in the run at each step's position.

function lessonNo(n: number): Lesson {
  const l = LESSONS[n - 1];
  if (!l) throw new Error(`no lesson ${n}`);
  return l;
}

/** The run at the step titled `title`: the world and events the student sees there. */
function basicAt(n: number, title: string): { world: World; events: readonly SimEvent[] } {
  const lesson = lessonNo(n);
  const step = lesson.steps.find((s) => s.title === title);
  if (!step) throw new Error(`lesson ${n} has no step "${title}"`);
  const r = runLessonScenario(lesson.scenario, step.at);
  if (r.error || !r.view.world) throw new Error(r.error ?? 'not a basic run');
  return { world: r.view.world, events: r.view.events };
}

function multiAt(n: number, title: string): { world: MultiWorld; events: readonly MultiEvent[] } {
  const lesson = lessonNo(n);
  const step = lesson.steps.find((s) => s.title === title);
  if (!step) throw new Error(`lesson ${n} has no step "${title}"`);
  const r = runLessonScenario(lesson.scenario, step.at);
  if (r.error || !r.view.multi) throw new Error(r.error ?? 'not a Multi-Paxos run');
  return { world: r.view.multi, events: r.view.multiEvents };
}

const b = (x: Ballot | null | undefined) => (x ? formatBallot(x) : null);
function node<T extends { readonly id: string }>(w: { readonly nodes: readonly T[] }, id: string): T {
  const n = w.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
}
function ofType<K extends SimEvent['type']>(events: readonly SimEvent[], type: K): Extract<SimEvent, { type: K }>[] {
  return events.filter((e): e is Extract<SimEvent, { type: K }> => e.type === type);
}
function ofMultiType<K extends MultiEvent['type']>(events: readonly MultiEvent[], type: K): Extract<MultiEvent, { type: K }>[] {
  return events.filter((e): e is Extract<MultiEvent, { type: K }> => e.type === type);
}

describe('lesson 4 narration matches the run', () => {
  it('"X" is chosen by A and B at the very step B accepts, before anyone learns it', () => {
    const { events } = basicAt(4, 'Chosen, and nobody knows');
    const chosen = ofType(events, 'chosen');
    expect(chosen.map((c) => [c.value, b(c.ballot), [...c.quorum].sort()])).toEqual([['X', '1.A', ['A', 'B']]]);
    expect(ofType(events, 'learn')).toEqual([]);
    const step = lessonNo(4).steps.find((s) => s.title === 'Chosen, and nobody knows')!;
    expect(ofType(runLessonScenario(lessonNo(4).scenario, step.at - 1).view.events, 'chosen')).toEqual([]);
  });

  it('A learns first and sends decide; B and C have learned nothing', () => {
    const { world, events } = basicAt(4, 'A learns it first');
    expect(ofType(events, 'learn').map((e) => e.node)).toEqual(['A']);
    expect(world.inflight.filter((m) => m.type === 'decide').map((m) => m.to).sort()).toEqual(['B', 'C']);
  });

  it('read #1 has answers from C (nothing) and A (1.A "X") and is not finished yet', () => {
    const { world, events } = basicAt(4, 'A read asks everyone');
    expect(ofType(events, 'read-done')).toEqual([]);
    const read = node(world, 'C').reads[0]!;
    expect(read.replies.C).toBeNull();
    expect(b(read.replies.A?.ballot)).toBe('1.A');
    expect(read.replies.B).toBeUndefined();
  });

  it('read #1 returns "X" and C still has not learned it', () => {
    const { world } = basicAt(4, 'A majority reports the same proposal');
    expect(world.reads).toMatchObject([{ readId: 1, node: 'C', result: 'ok', value: 'X' }]);
    expect(node(world, 'C').learned).toBeNull();
  });

  it('B is down with its vote on disk', () => {
    const { world } = basicAt(4, 'B crashes');
    const B = node(world, 'B');
    expect(B.up).toBe(false);
    expect(B.durable.accepted).toMatchObject({ value: 'X' });
  });

  it('read #2 fails with no-majority while "X" is chosen', () => {
    const { world, events } = basicAt(4, 'A read can fail');
    expect(world.reads[1]).toMatchObject({ readId: 2, node: 'C', result: 'fail', reason: 'no-majority' });
    expect(world.monitor.chosen.map((p) => p.value)).toEqual(['X']);
    expect(ofType(events, 'drop').some((e) => e.msg.type === 'read' && e.msg.to === 'B' && e.reason === 'receiver-down')).toBe(true);
  });

  it('C learns "X" from A\'s decide', () => {
    const { world } = basicAt(4, 'Learning from decide');
    expect(node(world, 'C').learned).toMatchObject({ value: 'X' });
  });
});

describe('lesson 5 narration matches the run', () => {
  it('A\'s "X" is a lone vote, not chosen', () => {
    const { world, events } = basicAt(5, 'A leftover vote');
    expect(node(world, 'A').durable.accepted).toMatchObject({ value: 'X' });
    expect(b(node(world, 'A').durable.accepted?.ballot)).toBe('1.A');
    expect(node(world, 'B').durable.accepted).toBeNull();
    expect(node(world, 'C').durable.accepted).toBeNull();
    expect(ofType(events, 'chosen')).toEqual([]);
  });

  it('B runs 2.B and gets "Y" chosen with C', () => {
    const { events } = basicAt(5, 'B gets "Y" chosen');
    expect(ofType(events, 'ballot-start').filter((e) => e.node === 'B').map((e) => b(e.ballot))).toEqual(['2.B']);
    expect(ofType(events, 'propose').filter((e) => e.node === 'B')).toMatchObject([{ value: 'Y', adoptedFrom: null }]);
    expect(ofType(events, 'chosen').map((c) => [c.value, b(c.ballot), [...c.quorum].sort()])).toEqual([['Y', '2.B', ['B', 'C']]]);
    expect(ofType(events, 'learn')).toEqual([]);
  });

  it('C starts 3.C and its own promise reports 2.B "Y"', () => {
    const { events } = basicAt(5, 'C starts ballot 3.C');
    expect(ofType(events, 'ballot-start').filter((e) => e.node === 'C').map((e) => b(e.ballot))).toEqual(['3.C']);
    const own = ofType(events, 'promise').find((e) => e.node === 'C' && b(e.ballot) === '3.C');
    expect(own?.accepted).toMatchObject({ value: 'Y' });
    expect(b(own?.accepted?.ballot)).toBe('2.B');
  });

  it('A reports 1.A "X" and C adopts B\'s "Y" (the highest ballot)', () => {
    const { events } = basicAt(5, 'Two reports, one rule');
    const fromA = ofType(events, 'promise').find((e) => e.node === 'A' && b(e.ballot) === '3.C');
    expect(fromA?.accepted).toMatchObject({ value: 'X' });
    const proposes = ofType(events, 'propose').filter((e) => e.node === 'C');
    expect(proposes).toHaveLength(1);
    expect(proposes[0]).toMatchObject({ value: 'Y', adoptedFrom: { value: 'Y' } });
    expect(b(proposes[0]!.adoptedFrom?.ballot)).toBe('2.B');
  });

  it('A overwrites "X" with 3.C "Y", which is chosen again', () => {
    const { world, events } = basicAt(5, 'Chosen again: the same value');
    expect(b(node(world, 'A').durable.accepted?.ballot)).toBe('3.C');
    const again = ofType(events, 'chosen').filter((c) => c.again);
    expect(again.map((c) => [c.value, b(c.ballot)])).toEqual([['Y', '3.C']]);
  });

  it('C learns "Y", and only "Y" was ever chosen', () => {
    const { world } = basicAt(5, 'C learns "Y"');
    expect(node(world, 'C').learned).toMatchObject({ value: 'Y' });
    expect(new Set(world.monitor.chosen.map((p) => p.value))).toEqual(new Set(['Y']));
    expect(world.monitor.violations).toEqual([]);
  });
});

describe('lesson 6 narration matches the run', () => {
  it('A\'s prepare to B is lost and C promises 1.A', () => {
    const { events } = basicAt(6, 'A lost prepare');
    expect(ofType(events, 'drop').map((e) => [e.msg.type, e.msg.from, e.msg.to])).toEqual([['prepare', 'A', 'B']]);
    expect(ofType(events, 'promise').filter((e) => e.node === 'C').map((e) => b(e.ballot))).toEqual(['1.A']);
  });

  it('C restarts with promised 1.A and nothing accepted; its promise is still on the wire', () => {
    const { world, events } = basicAt(6, 'C crashes and restarts');
    const restart = ofType(events, 'restart').at(-1)!;
    expect(restart.node).toBe('C');
    expect(b(restart.durable.promised)).toBe('1.A');
    expect(restart.durable.accepted).toBeNull();
    expect(restart.durable.maxRoundUsed).toBe(0);
    expect(world.inflight.some((m) => m.type === 'promise' && m.from === 'C' && m.to === 'A')).toBe(true);
  });

  it('"X" is chosen at 1.A by A and C', () => {
    const { events } = basicAt(6, '"X" is chosen');
    expect(ofType(events, 'propose').filter((e) => e.node === 'A')).toMatchObject([{ value: 'X', adoptedFrom: null }]);
    expect(ofType(events, 'chosen').map((c) => [c.value, b(c.ballot), [...c.quorum].sort()])).toEqual([['X', '1.A', ['A', 'C']]]);
  });

  it('C restarts again with 1.A "X" on disk', () => {
    const { events } = basicAt(6, 'The vote survives a crash');
    const restarts = ofType(events, 'restart');
    expect(restarts).toHaveLength(2);
    expect(restarts[1]!.durable.accepted).toMatchObject({ value: 'X' });
    expect(b(restarts[1]!.durable.accepted?.ballot)).toBe('1.A');
  });

  it('B starts 1.B, C reports 1.A "X" and B adopts "X"', () => {
    const { events } = basicAt(6, 'B adopts "X"');
    expect(ofType(events, 'ballot-start').filter((e) => e.node === 'B').map((e) => b(e.ballot))).toEqual(['1.B']);
    const p = ofType(events, 'propose').filter((e) => e.node === 'B');
    expect(p).toMatchObject([{ value: 'X', adoptedFrom: { value: 'X' } }]);
    expect(b(p[0]!.adoptedFrom?.ballot)).toBe('1.A');
  });

  it('only "X" is ever chosen, and B learns it', () => {
    const { world, events } = basicAt(6, 'Safe despite everything');
    expect(node(world, 'B').learned).toMatchObject({ value: 'X' });
    expect(ofType(events, 'chosen').map((c) => [c.value, b(c.ballot)])).toEqual([['X', '1.A'], ['X', '1.B']]);
    expect(world.monitor.violations).toEqual([]);
  });
});

describe('lesson 7 narration matches the run', () => {
  it('A starts 1.A and C starts 1.C', () => {
    const { events } = basicAt(7, 'Two proposers at once');
    expect(ofType(events, 'ballot-start').map((e) => b(e.ballot))).toEqual(['1.A', '1.C']);
  });

  it('B promises 1.A then 1.C, and both propose', () => {
    const { events } = basicAt(7, 'Both think they are winning');
    expect(ofType(events, 'promise').filter((e) => e.node === 'B').map((e) => b(e.ballot))).toEqual(['1.A', '1.C']);
    expect(ofType(events, 'propose').map((e) => [e.node, b(e.ballot), e.value])).toEqual([['A', '1.A', 'X'], ['C', '1.C', 'Y']]);
  });

  it('B rejects accept 1.A and A is preempted by 1.C', () => {
    const { events } = basicAt(7, 'A is preempted');
    expect(ofType(events, 'reject').map((e) => [e.node, b(e.ballot), b(e.promised), e.of])).toEqual([['B', '1.A', '1.C', 'accept']]);
    expect(ofType(events, 'preempted').map((e) => [e.node, b(e.ballot), b(e.by)])).toEqual([['A', '1.A', '1.C']]);
  });

  it('A re-proposes "X" at 2.A and preempts C', () => {
    const { events } = basicAt(7, 'A strikes back');
    expect(ofType(events, 'propose').filter((e) => e.node === 'A').map((e) => [b(e.ballot), e.value])).toEqual([['1.A', 'X'], ['2.A', 'X']]);
    expect(ofType(events, 'preempted').map((e) => [e.node, b(e.ballot), b(e.by)])).toEqual([['A', '1.A', '1.C'], ['C', '1.C', '2.A']]);
  });

  it('ballots rise 1.A, 1.C, 2.A, 3.C and nothing is chosen', () => {
    const { world, events } = basicAt(7, 'A livelock');
    expect(ofType(events, 'ballot-start').map((e) => b(e.ballot))).toEqual(['1.A', '1.C', '2.A', '3.C']);
    expect(ofType(events, 'preempted').map((e) => e.node)).toEqual(['A', 'C', 'A']);
    expect(ofType(events, 'chosen')).toEqual([]);
    expect(world.monitor.violations).toEqual([]);
  });

  it('with C holding back, A\'s 4.A gets "X" chosen', () => {
    const { events } = basicAt(7, 'One proposer at a time');
    expect(ofType(events, 'chosen').map((c) => [c.value, b(c.ballot), [...c.quorum].sort()])).toEqual([['X', '4.A', ['A', 'B']]]);
    expect(ofType(events, 'ballot-start').filter((e) => e.node === 'C').map((e) => b(e.ballot))).toEqual(['1.C', '3.C']);
  });

  it('A and C learn "X" and C stops retrying', () => {
    const { world } = basicAt(7, 'Everyone learns "X"');
    expect(node(world, 'A').learned).toMatchObject({ value: 'X' });
    expect(node(world, 'C').learned).toMatchObject({ value: 'X' });
    expect(world.timers.filter((t) => t.node === 'C')).toEqual([]);
  });
});

describe('lesson 8 narration matches the run', () => {
  it('A becomes leader with one prepare from slot 1, promised by B', () => {
    const { world, events } = multiAt(8, 'One phase 1 for every slot');
    expect(ofMultiType(events, 'election').map((e) => [e.node, b(e.ballot), e.fromSlot])).toEqual([['A', '1.A', 1]]);
    expect(ofMultiType(events, 'leader').map((e) => [e.node, b(e.ballot), e.fromSlot])).toEqual([['A', '1.A', 1]]);
    expect(ofMultiType(events, 'promise').find((e) => e.node === 'B')?.accepted).toEqual([]);
    expect(node(world, 'A').role).toBe('leader');
  });

  it('x, y and z go into slots 1 to 3 with all their accepts on the wire at once', () => {
    const { world, events } = multiAt(8, 'Pipelining');
    expect(ofMultiType(events, 'propose').map((e) => [e.slot, e.value])).toEqual([[1, '#1 x'], [2, '#2 y'], [3, '#3 z']]);
    const accepts = world.inflight.filter((m) => m.type === 'accept');
    expect(accepts.map((m) => ('slot' in m ? m.slot : 0)).sort()).toEqual([1, 1, 2, 2, 3, 3]);
    expect(world.config.pipelineWindow).toBe(3);
  });

  it('slot 1 is chosen, and A and B apply it', () => {
    const { events } = multiAt(8, 'Slot 1 is chosen and applied');
    expect(ofMultiType(events, 'chosen').map((e) => [e.slot, e.value, [...e.quorum].sort()])).toEqual([[1, '#1 x', ['A', 'B']]]);
    expect(ofMultiType(events, 'apply').map((e) => [e.node, e.slot])).toEqual([['A', 1], ['B', 1]]);
  });

  it('slot 2 is a gap: slot 3 is chosen and known to A, but A has applied only slot 1', () => {
    const { world, events } = multiAt(8, 'A gap at slot 2');
    expect(ofMultiType(events, 'chosen').map((e) => e.slot)).toEqual([1, 3]);
    expect(ofMultiType(events, 'drop').map((e) => [e.msg.type, 'slot' in e.msg ? e.msg.slot : 0, e.msg.to])).toEqual([['accept', 2, 'B'], ['accept', 2, 'C']]);
    const A = node(world, 'A');
    expect(A.chosen[3]).toBe('#3 z');
    expect(A.applied).toBe(1);
  });

  it('A crashes; B knows slot 1 only and has accepted slot 3; nothing reached C', () => {
    const { world, events } = multiAt(8, 'The leader crashes');
    expect(node(world, 'A').up).toBe(false);
    const B = node(world, 'B');
    expect(Object.keys(B.chosen)).toEqual(['1']);
    expect(B.durable.accepted[3]).toMatchObject({ value: '#3 z' });
    expect(ofMultiType(events, 'deliver').filter((e) => e.msg.to === 'C')).toEqual([]);
    expect(Object.keys(node(world, 'C').durable.accepted)).toEqual([]);
  });

  it('B campaigns from slot 2, re-proposes z for slot 3 and fills slot 2 with a no-op', () => {
    const { events } = multiAt(8, 'A new leader fills the gap');
    const e = ofMultiType(events, 'leader').at(-1)!;
    expect([e.node, b(e.ballot), e.fromSlot]).toEqual(['B', '2.B', 2]);
    expect(e.noops).toEqual([2]);
    expect(e.reproposed.map((p) => [p.slot, p.value])).toEqual([[3, '#3 z']]);
    expect(ofMultiType(events, 'promise').find((p) => p.node === 'C')?.accepted).toEqual([]);
  });

  it('the no-op is chosen and B applies [x, z]', () => {
    const { world, events } = multiAt(8, 'The log moves on');
    expect(ofMultiType(events, 'chosen').find((e) => e.slot === 2)?.value).toBe(NOOP);
    const B = node(world, 'B');
    expect(B.applied).toBe(3);
    expect(B.items).toEqual(['x', 'z']);
    expect(world.monitor.violations).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Challenge checks judge the run, not the route: wrong routes are not done, and say why.

describe('challenge checks for lessons 4–8', () => {
  const attempt = (n: number, steps: readonly Record<string, unknown>[]) => {
    const l = lessonNo(n);
    const run = runLessonScenario(withSteps(l.challenge.setup, steps));
    expect(run.error).toBeNull();
    return l.challenge.check(run.view);
  };

  it('lesson 4: a successful read, or one that fails only because its node crashed, is not enough', () => {
    const ok = attempt(4, [
      { read: { node: 'C' } }, { deliver: { type: 'read', to: 'A' } }, { deliver: { type: 'read-reply', from: 'A' } },
      { deliver: { type: 'read', to: 'B' } }, { deliver: { type: 'read-reply', from: 'B' } },
    ]);
    expect(ok).toMatchObject({ done: false, missing: expect.stringContaining('succeeded') });
    expect(attempt(4, [{ read: { node: 'C' } }, { crash: 'C' }])).toMatchObject({ done: false, missing: expect.stringContaining('crashed') });
    expect(attempt(4, [{ read: { node: 'C' } }])).toMatchObject({ done: false, missing: expect.stringContaining('waiting') });
    // Every node down but the reader: too few answers.
    expect(attempt(4, [{ crash: 'A' }, { crash: 'B' }, { read: { node: 'C' } }, { timeout: 'C' }])).toEqual({ done: true });
  });

  it('lesson 5: C proposing its own value is not done, and stays not done (its own 1.C outranks 1.B)', () => {
    const own = [{ deliver: { type: 'prepare', from: 'C', to: 'A' } }, { deliver: { type: 'promise', from: 'A', to: 'C' } }];
    expect(attempt(5, own)).toMatchObject({ done: false, missing: expect.stringContaining('own value "Z"') });
    expect(attempt(5, [...own, { timeout: 'C' }, { deliver: { type: 'prepare', from: 'C', to: 'B', ballot: '2.C' } },
      { deliver: { type: 'promise', from: 'B', to: 'C', ballot: '2.C' } }])).toMatchObject({ done: false, missing: expect.stringContaining('go back') });
    // The other route of the hint: B's accept reaches A first, then C hears about "Y" from A.
    expect(attempt(5, [{ deliver: { type: 'accept', from: 'B', to: 'A' } }, ...own])).toEqual({ done: true });
  });

  it('lesson 6: choosing without a lost message or without the restarted node is not done', () => {
    const plain = [{ deliver: { type: 'prepare', from: 'A', to: 'B' } }, { deliver: { type: 'promise', from: 'B', to: 'A' } },
      { deliver: { type: 'accept', from: 'A', to: 'B' } }];
    expect(attempt(6, plain)).toMatchObject({ done: false, missing: expect.stringContaining('lost') });
    // C crashes after promising, but "X" is chosen by A and B without it.
    expect(attempt(6, [{ deliver: { type: 'prepare', from: 'A', to: 'C' } }, { crash: 'C' }, { restart: 'C' },
      { drop: { type: 'promise', from: 'C' } }, ...plain])).toMatchObject({ done: false, missing: expect.stringContaining('chosen') });
  });

  it('lesson 7: once a value is chosen the duel is over', () => {
    const l = lessonNo(7);
    const end = [
      { deliver: { type: 'accept', from: 'A', to: 'B', ballot: '4.A' } },
    ];
    expect(attempt(7, [...l.challenge.solution, ...end])).toMatchObject({ done: false, missing: expect.stringContaining('chosen') });
    expect(attempt(7, l.challenge.solution.slice(0, 7))).toMatchObject({ done: false, missing: expect.stringContaining('A has been preempted once and C not at all') });
  });

  it('lesson 8: an election with no gap to fill is not done', () => {
    expect(attempt(8, [{ crash: 'A' }, { timeout: { node: 'B', kind: 'election' } }, { deliver: { type: 'prepare', from: 'B', to: 'C' } },
      { deliver: { type: 'promise', from: 'C', to: 'B' } }])).toMatchObject({ done: false, missing: expect.stringContaining('without a gap') });
    const sol = lessonNo(8).challenge.solution;
    expect(attempt(8, sol.slice(0, -1))).toMatchObject({ done: false, missing: expect.stringContaining('no-op') });
    expect(attempt(8, [])).toMatchObject({ done: false, missing: expect.stringContaining('still the leader') });
  });
});
