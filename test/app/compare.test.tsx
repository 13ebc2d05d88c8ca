// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import Compare from '../../src/app/Compare';
import { validateScenario } from '../../src/scenario';
import { VARIANT_PRESETS } from '../../src/scenario/variantPresets';
import { loadScenario } from '../../src/worker/scenarioIO';
import { createHarness } from '../helpers/harness';

// Side by side: the main run (a Break Paxos preset) on the left, the same steps with the correct
// rules on the right, following the main timeline; where they part, with a jump there.

afterEach(cleanup);

function setup(variant: 'amnesia' | 'ignore-accepted' = 'amnesia') {
  const h = createHarness();
  const v = validateScenario(VARIANT_PRESETS[variant]);
  if (!v.ok) throw new Error(v.error);
  act(() => { expect(loadScenario(h.engine, v.scenario, 0).ok).toBe(true); });
  let closed = 0;
  const view = render(
    <Compare variant={variant} main={<div data-testid="main-graph" />} onClose={() => { closed++; }} />,
    { wrapper: h.wrapper },
  );
  return { ...h, view, closed: () => closed };
}

const side = (name: 'broken' | 'correct') => document.querySelector<HTMLElement>(`figure[data-side="${name}"]`)!;
const rightNode = (id: string) => within(side('correct')).getByRole('button', { name: new RegExp(`^Node ${id},`) });
const ready = () => screen.findByRole('group', { name: /The correct-rules run/ });

describe('Compare (side by side)', () => {
  it('shows the main graph on the left and the correct-rules run on the right, each captioned', async () => {
    setup();
    await ready();
    expect(within(side('broken')).getByTestId('main-graph')).toBeTruthy();
    expect(side('broken').querySelector('figcaption')!.textContent).toContain('Broken: An acceptor forgets its promise on restart — nothing chosen yet');
    expect(side('correct').querySelector('figcaption')!.textContent).toContain('Correct rules — nothing chosen yet');
    expect(screen.getByText(/at the start \(12 steps\)/)).toBeTruthy();
    expect(rightNode('B').getAttribute('aria-label')).toMatch(/no promise/);
    expect(screen.getByText('Right now every node is in the same state on both sides.')).toBeTruthy();
    expect(side('correct').dataset.differ).toBeUndefined();
  });

  it('follows the main timeline step by step, and says where the runs part, with both events', async () => {
    const h = setup();
    await ready();
    const diverge = screen.getByText(/they part at/i).closest('.cmp-diverge') as HTMLElement;
    expect(diverge.textContent).toContain('Identical so far; they part at step 8');
    expect(diverge.textContent).toMatch(/✗ Broken\s*t=4\s*B restarts with amnesia: it forgot promised 1\.C/);
    expect(diverge.textContent).toMatch(/✓ Correct\s*t=4\s*B restarts \(from disk: promised 1\.C/);

    // Jump there: the main run moves; the right graph follows to the same moment.
    fireEvent.click(screen.getByRole('button', { name: 'Jump to step 8' }));
    expect(h.calls).toContain('seek:8');
    await waitFor(() => expect(diverge.textContent).toContain('They parted at step 8'));
    expect(h.engine.viewPosition).toBe(8);
    // Left, the forgetful B has no promise any more; right, B still has its promise for 1.C.
    expect(h.engine.current.nodes[1]!.durable.promised).toBeNull();
    await waitFor(() => expect(rightNode('B').getAttribute('aria-label')).toMatch(/promised 1\.C/));
    expect(screen.getByText(/after step 8 of 12/)).toBeTruthy();
    // Which node differs now, in words, and marked in both graphs.
    const now = screen.getByText('Right now different:').closest('.cmp-now') as HTMLElement;
    expect(within(now).getByRole('listitem').textContent).toBe('B✗ no promise, accepted nothing✓ promised 1.C, accepted nothing');
    expect(side('broken').dataset.differ).toBe('B');
    expect(side('correct').dataset.differ).toBe('B');
  });

  it('at the end: two values on the left, one on the right, held where the correct rules cannot go on', async () => {
    const h = setup();
    await ready();
    act(() => { h.engine.seek(h.engine.history.length); });
    await waitFor(() => expect(side('broken').querySelector('figcaption')!.textContent).toContain('two values chosen: “X” and “Y”'));
    await waitFor(() => expect(side('correct').querySelector('figcaption')!.textContent).toContain('one value chosen: “Y”'));
    expect(within(side('correct')).getByRole('note').textContent).toMatch(/^Held after step 11: the correct rules never send this message/);
    // Back to the start: both at the start again, nothing held.
    act(() => { h.engine.seek(0); });
    await waitFor(() => expect(side('correct').querySelector('figcaption')!.textContent).toContain('nothing chosen yet'));
    expect(within(side('correct')).queryByRole('note')).toBeNull();
  });

  it('the right graph only follows: no context menu, no actions on the main run', async () => {
    const h = setup();
    await ready();
    const before = h.calls.length;
    fireEvent.contextMenu(rightNode('A'));
    fireEvent.keyDown(rightNode('A'), { key: 'ContextMenu' });
    expect(screen.queryByRole('menu')).toBeNull();
    fireEvent.click(rightNode('A'));
    // Selecting highlights in the right graph only; the main run's selection is untouched.
    expect(rightNode('A').getAttribute('aria-pressed')).toBe('true');
    expect(h.store.getState().selection).toBeNull();
    expect(h.calls.slice(before)).toEqual([]);
  });

  it('says when the main run is no longer the scenario (the student acted in it), and closes', async () => {
    const h = setup('ignore-accepted');
    await ready();
    act(() => { h.engine.seek(3); });
    await act(async () => { await h.sim.dispatch({ type: 'crash', node: 'C' }); });
    await screen.findByText(/This run is no longer the Break Paxos scenario/);
    expect(screen.queryByRole('group', { name: /The correct-rules run/ })).toBeNull();
    // The main graph is still there.
    expect(screen.getByTestId('main-graph')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Close side by side' }));
    expect(h.closed()).toBe(1);
  });

  it('follows another broken rule opened while comparing', async () => {
    const h = setup();
    await ready();
    const v = validateScenario(VARIANT_PRESETS['ignore-accepted']);
    if (!v.ok) throw new Error(v.error);
    act(() => { expect(loadScenario(h.engine, v.scenario, 0).ok).toBe(true); });
    h.view.rerender(<Compare variant="ignore-accepted" main={<div data-testid="main-graph" />} onClose={() => {}} />);
    await waitFor(() => expect(side('broken').querySelector('figcaption')!.textContent).toContain('Broken: The proposer ignores accepted values in promises'));
    await waitFor(() => expect(screen.getByText(/they part at/i).closest('.cmp-diverge')!.textContent).toContain('step 8'));
    expect(screen.getByText(/proposes its own value "Y", ignoring the reported accepted 1\.A = "X"/)).toBeTruthy();
    expect(screen.queryByText(/This run is no longer/)).toBeNull();
  });
});
