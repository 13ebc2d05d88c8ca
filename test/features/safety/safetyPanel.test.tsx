// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { INVARIANTS } from '../../../src/core';
import { SafetyPanel } from '../../../src/features/safety';
import { createHarness } from '../../helpers/harness';

afterEach(cleanup);

type Harness = ReturnType<typeof createHarness>;

function setup(config = {}) {
  const h = createHarness(config);
  render(<SafetyPanel />, { wrapper: h.wrapper });
  return h;
}

function runToQuiet(h: Harness) {
  act(() => {
    for (let i = 0; i < 10_000 && h.engine.step(); i++);
  });
}

const rule = (name: string) => screen.getByText(name).closest('li')!;

describe('SafetyPanel', () => {
  it('says when too few nodes are up for any majority, and not otherwise', () => {
    const h = setup();
    act(() => { h.engine.dispatch({ type: 'crash', node: 'B' }); });
    expect(screen.queryByRole('status')).toBeNull();
    act(() => { h.engine.dispatch({ type: 'crash', node: 'C' }); });
    expect(screen.getByRole('status').textContent).toMatch(/Only 1 of 3 nodes are up: no majority \(2\) can answer/);
  });

  it('says nothing is chosen yet and every invariant holds at the start', () => {
    setup();
    expect(screen.getByTestId('chosen').textContent).toMatch(/Nothing chosen yet/);
    for (const name of ['At most one value is chosen', 'Only a value a client wrote can be chosen', 'Nodes learn only chosen values',
      'Reads return only chosen values', 'Promises never go backwards']) {
      expect(rule(name).textContent).toMatch(/holds/);
      expect(rule(name).className).toContain('safety-ok');
    }
    expect(screen.getAllByRole('listitem').filter((li) => li.dataset.invariant)).toHaveLength(INVARIANTS.length);
  });

  it('shows the chosen value, its ballot and quorum, and who learned it (crashed nodes marked)', async () => {
    const h = setup({ nodes: 5 });
    await act(async () => { await h.sim.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    runToQuiet(h);
    await act(async () => { await h.sim.dispatch({ type: 'crash', node: 'E' }); });
    const chosen = screen.getByTestId('chosen');
    expect(chosen.textContent).toContain('X');
    expect(chosen.textContent).toMatch(/at ballot 1\.A/);
    const quorum = Object.values(h.engine.current.monitor.votes).find((v) => v.value === 'X')!.voters.slice(0, 3).join(', ');
    expect(chosen.textContent).toContain(`by the majority ${quorum} (3 of 5)`);
    const chips = within(screen.getByRole('list', { name: 'What each node has learned' })).getAllByRole('listitem');
    expect(chips.map((c) => c.getAttribute('aria-label'))).toEqual(['A: learned X', 'B: learned X', 'C: learned X', 'D: learned X', 'E: crashed']);
    expect(chips[4]!.textContent).toContain('✕');
  });

  it('shows a violated invariant in red with its explanation', () => {
    const h = setup();
    const frame = h.store.getState().frame!;
    const explanation = 'C learned "Q" from ballot 2.B, but no majority ever accepted that value.';
    act(() => h.store.setState({
      frame: {
        ...frame,
        world: {
          ...frame.world,
          monitor: { ...frame.world.monitor, violations: [{ type: 'violation', time: 42, invariant: 'learned-is-chosen', explanation }] },
        },
      },
    }));
    const bad = rule('Nodes learn only chosen values');
    expect(bad.className).toContain('safety-bad');
    expect(bad.textContent).toContain('✕');
    expect(bad.textContent).toContain('VIOLATED');
    expect(bad.textContent).toContain(`At t=42: ${explanation}`);
    expect(rule('At most one value is chosen').className).toContain('safety-ok');
  });
});
