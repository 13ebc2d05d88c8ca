import { describe as group, expect, it } from 'vitest';
import { VARIANT_NAMES, type SimEvent } from '../../src/core';
import { runScenario, validateScenario, type Scenario } from '../../src/scenario';
import {
  describeStep, differingNodes, extendsRun, findDivergence, followPosition, nodeSummary, placeOf, replaySteps, type SteppedRun,
} from '../../src/scenario/compare';
import { VARIANT_PRESETS, withCorrectRules } from '../../src/scenario/variantPresets';

// Side by side: a broken preset and the same steps with the correct rules, mapped step to step.

const valid = (input: unknown): Scenario => {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(r.error);
  return r.scenario;
};
const correctOf = (s: Scenario): Scenario => ({ ...s, variants: undefined });

group('replaySteps', () => {
  it('ends each step where runScenario does, with the events of every command', () => {
    for (const name of VARIANT_NAMES) {
      const s = valid(VARIANT_PRESETS[name]);
      const run = runScenario(s);
      const stepped = replaySteps(s);
      expect(stepped.stepEnds, name).toEqual(run.stepEnds);
      expect(stepped.stoppedAt, name).toBeNull();
      expect(stepped.commandEvents.length, name).toBe(run.commands.length);
      expect(stepped.commandEvents.flat(), name).toEqual(run.events);
    }
  });

  it('stops where the correct rules cannot go on, as withCorrectRules does', () => {
    for (const name of VARIANT_NAMES) {
      const s = valid(VARIANT_PRESETS[name]);
      const { stoppedAt } = withCorrectRules(s, runScenario);
      const stepped = replaySteps(correctOf(s));
      expect(stepped.stoppedAt, name).toBe(stoppedAt);
      expect(stepped.stepEnds.length, name).toBe(stoppedAt ?? s.steps.length);
    }
  });
});

group('placeOf / followPosition', () => {
  // Steps of 1, 3 and 2 commands; a step of none; then one more of 1.
  const ends = [1, 4, 6, 6, 7];
  it('says which step is under way and how far into it', () => {
    expect(placeOf(ends, 0)).toEqual({ step: 0, offset: 0 });
    expect(placeOf(ends, 1)).toEqual({ step: 1, offset: 0 });
    expect(placeOf(ends, 3)).toEqual({ step: 1, offset: 2 });
    expect(placeOf(ends, 4)).toEqual({ step: 2, offset: 0 });
    // An empty step (6 → 6) is done as soon as the one before it is.
    expect(placeOf(ends, 6)).toEqual({ step: 4, offset: 0 });
    expect(placeOf(ends, 7)).toEqual({ step: 5, offset: 0 });
    // Commands after the scenario (Step at the end) count on from its end.
    expect(placeOf(ends, 9)).toEqual({ step: 5, offset: 2 });
    expect(placeOf([], 3)).toEqual({ step: 0, offset: 3 });
  });

  const other = (stepEnds: number[], stoppedAt: number | null): SteppedRun => ({ stepEnds, commandEvents: [], stoppedAt });

  it('maps to the same step, the same commands into it, never past its end', () => {
    const o = other([1, 2, 5, 5, 6], null);
    expect(followPosition(ends, o, 0)).toMatchObject({ position: 0, held: false });
    expect(followPosition(ends, o, 1)).toMatchObject({ position: 1, held: false });
    // Step 1 takes 3 commands here and 1 there: held at that step's end.
    expect(followPosition(ends, o, 3)).toMatchObject({ position: 2, held: false, place: { step: 1, offset: 2 } });
    expect(followPosition(ends, o, 4)).toMatchObject({ position: 2 });
    expect(followPosition(ends, o, 5)).toMatchObject({ position: 3 });
    expect(followPosition(ends, o, 7)).toMatchObject({ position: 6, held: false });
    // Both runs over: the other stays at its end, not "held".
    expect(followPosition(ends, o, 9)).toMatchObject({ position: 6, held: false });
  });

  it('holds the other run at its end once it stopped early', () => {
    const o = other([1, 2], 2);
    expect(followPosition(ends, o, 3)).toMatchObject({ position: 2, held: false });
    expect(followPosition(ends, o, 4)).toMatchObject({ position: 2, held: true, place: { step: 2, offset: 0 } });
    expect(followPosition(ends, o, 7)).toMatchObject({ position: 2, held: true });
  });
});

group('findDivergence', () => {
  const ev = (time: number, node: string): SimEvent => ({ type: 'crash', time, node } as unknown as SimEvent);
  const run = (commands: SimEvent[][], stepEnds: number[], stoppedAt: number | null = null): SteppedRun => ({ commandEvents: commands, stepEnds, stoppedAt });

  it('finds the first event that differs, and the position right after its command', () => {
    const a = run([[ev(0, 'A')], [ev(1, 'B'), ev(1, 'C')], [ev(2, 'A')]], [1, 3]);
    const b = run([[ev(0, 'A')], [ev(1, 'B')], [ev(1, 'A')]], [1, 3]);
    const d = findDivergence(a, b)!;
    expect(d).toMatchObject({ step: 1, brokenPosition: 2, correctStopped: false });
    expect(d.brokenLine).toMatch(/^C crashes/);
    expect(d.correctLine).toMatch(/^A crashes/);
    expect(findDivergence(a, a)).toBeNull();
  });

  it('reports a step the correct run could not carry out', () => {
    const a = run([[ev(0, 'A')], [ev(1, 'B')]], [1, 2]);
    const b = run([[ev(0, 'A')]], [1], 1);
    expect(findDivergence(a, b)?.brokenLine).toMatch(/^B crashes/);
    expect(findDivergence(a, b)).toMatchObject({ step: 1, correctLine: null, correct: null, brokenPosition: 2, correctStopped: true });
  });

  it('finds, in every Break Paxos preset, a divergence before the violation', () => {
    for (const name of VARIANT_NAMES) {
      const s = valid(VARIANT_PRESETS[name]);
      const broken = replaySteps(s);
      const d = findDivergence(broken, replaySteps(correctOf(s)));
      expect(d, name).not.toBeNull();
      expect(d!.brokenLine, name).not.toBeNull();
      const run = runScenario(s);
      const violationAt = run.events.findIndex((e) => e.type === 'violation');
      // The command that did the divergent event comes no later than the first violation.
      const commandStart = broken.commandEvents.slice(0, d!.brokenPosition - 1).flat().length;
      expect(commandStart, name).toBeLessThanOrEqual(violationAt);
    }
    // Amnesia: the runs part when B restarts, forgetting (or not) its promise.
    const s = valid(VARIANT_PRESETS.amnesia);
    const d = findDivergence(replaySteps(s), replaySteps(correctOf(s)))!;
    expect(d.step).toBe(7);
    expect(d.brokenLine).toMatch(/^B restarts with amnesia: it forgot promised 1\.C/);
    expect(d.correctLine).toMatch(/^B restarts \(from disk: promised 1\.C/);
  });
});

group('extendsRun', () => {
  it('accepts the same commands, with or without more after them, and nothing else', () => {
    const a = [{ type: 'deliver', id: 1 }, { type: 'next' }];
    expect(extendsRun(a, a.map((c) => ({ ...c })))).toBe(true);
    expect(extendsRun(a, [...a, { type: 'next' }])).toBe(true);
    expect(extendsRun(a, a.slice(0, 1))).toBe(false);
    expect(extendsRun(a, [{ type: 'deliver', id: 2 }, { type: 'next' }])).toBe(false);
    expect(extendsRun([], [])).toBe(true);
  });
});

group('describeStep', () => {
  it('says in a few words what a step does, e.g. the one the correct rules cannot carry out', () => {
    expect(describeStep({ deliver: { type: 'accepted', from: 'B', to: 'A' } })).toBe('delivers accepted from B to A');
    expect(describeStep({ crash: 'B' })).toBe('crashes B');
    expect(describeStep({ write: { node: 'A', value: 'X' } })).toBe('asks A to write "X"');
    const held = VARIANT_NAMES.flatMap((name) => {
      const s = valid(VARIANT_PRESETS[name]);
      const stopped = replaySteps(correctOf(s)).stoppedAt;
      return stopped === null ? [] : [`${name}: step ${stopped + 1} ${describeStep(s.steps[stopped]!)}`];
    });
    expect(held).toEqual(['amnesia: step 12 delivers accepted from B to A', 'small-quorum: step 7 delivers accept from A to B']);
  });
});

group('nodeSummary / differingNodes', () => {
  it('names the nodes whose promise, vote, learned value or liveness differ, in words', () => {
    const s = valid(VARIANT_PRESETS.amnesia);
    const nodesAfter = (sc: Scenario, steps: number) => runScenario({ ...sc, steps: sc.steps.slice(0, steps) }).world.nodes;
    // After step 8 (B restarted): the forgetful B has no promise; the correct B still promised 1.C.
    expect(differingNodes(nodesAfter(s, 8), nodesAfter(correctOf(s), 8))).toEqual([
      { id: 'B', a: 'no promise, accepted nothing', b: 'promised 1.C, accepted nothing' },
    ]);
    expect(differingNodes(nodesAfter(s, 7), nodesAfter(correctOf(s), 7))).toEqual([]);
    const crashed = nodesAfter(s, 7)[1]!;
    expect(nodeSummary(crashed)).toBe('crashed, promised 1.C, accepted nothing');
    const end = runScenario(s).world.nodes[0]!;
    expect(nodeSummary(end)).toBe('promised 1.A, accepted 1.A = "X", learned "X"');
  });
});
