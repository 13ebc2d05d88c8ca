// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeBallot, NOOP, type MultiNode } from '../../../src/core';
import { MultiClientPanel, MultiLogView } from '../../../src/features/multi';
import { rowOf } from '../../../src/features/multi/model';
import { validateScenario } from '../../../src/scenario';
import { MULTI_PRESETS } from '../../../src/scenario/presets';
import { loadScenario } from '../../../src/worker/scenarioIO';
import { createHarness } from '../../helpers/harness';

afterEach(cleanup);

const node = (over: Partial<MultiNode>): MultiNode => ({
  id: 'B', up: true, role: 'follower', ballot: null, leader: 'A', fromSlot: 1, promises: {}, open: {}, nextSlot: 1, queue: [],
  chosen: {}, applied: 0, items: [], appliedIds: [], maxRoundSeen: 0,
  durable: { promised: makeBallot(2, 'A'), accepted: {}, maxRoundUsed: 0 }, ...over,
});

function preset(id: string) {
  const p = MULTI_PRESETS.find((x) => x.id === id)!;
  const v = validateScenario(p.scenario);
  if (!v.ok) throw new Error(v.error);
  return v.scenario;
}

const cell = (container: HTMLElement, id: string, slot: number) => container.querySelector<HTMLElement>(`tr[data-node="${id}"] td[data-slot="${slot}"]`)!;

describe('log view model', () => {
  it('tells empty, accepted (with its ballot), chosen, applied and no-op cells apart, and marks the gap', () => {
    const b = makeBallot(2, 'A');
    const row = rowOf(node({
      chosen: { 1: '#1 x', 2: NOOP, 4: '#3 z' }, applied: 2, items: ['x'],
      durable: { promised: b, accepted: { 1: { ballot: b, value: '#1 x' }, 3: { ballot: b, value: '#2 y' }, 4: { ballot: b, value: '#3 z' } }, maxRoundUsed: 0 },
    }), 6, 'A');
    expect(row.cells.map((c) => [c.state, c.text, c.noop, c.ballot, c.gap])).toEqual([
      ['applied', 'x', false, '2.A', false],
      ['applied', 'no-op', true, null, false],
      ['accepted', 'y', false, '2.A', true],
      ['chosen', 'z', false, '2.A', false],
      ['empty', null, false, null, false],
      ['empty', null, false, null, false],
    ]);
  });
});

describe('MultiLogView', () => {
  it('shows a gap that stops the applied prefix, then no-op cells once a new leader filled it', () => {
    const h = createHarness({ protocol: 'multi' });
    const scenario = preset('failover-noops');
    act(() => { expect(loadScenario(h.engine, scenario, null).ok).toBe(true); });
    // Find the moment before the failover: 8 and 9 chosen at B, 5–7 gaps, applied only up to 4.
    const length = h.engine.history.length;
    let found = -1;
    for (let p = 0; p < length && found < 0; p++) {
      h.engine.seek(p);
      const b = h.engine.currentMulti!.nodes[1]!;
      if (b.applied === 4 && b.chosen[9] !== undefined && b.chosen[5] === undefined) found = p;
    }
    expect(found).toBeGreaterThan(0);
    act(() => h.engine.seek(found));
    const { container } = render(<MultiLogView />, { wrapper: h.wrapper });
    expect(screen.getByRole('heading', { name: 'Replicated log' })).toBeTruthy();
    expect(cell(container, 'B', 4).dataset.state).toBe('applied');
    expect(cell(container, 'B', 4).className).toContain('mp-cell-last-applied');
    for (const s of [5, 6, 7]) {
      expect(cell(container, 'B', s).dataset.state).toBe('empty');
      expect(cell(container, 'B', s).hasAttribute('data-gap')).toBe(true);
      expect(cell(container, 'B', s).textContent).toBe('gap');
    }
    expect(cell(container, 'B', 8).dataset.state).toBe('chosen');
    // The leader A accepted 5–7 itself (its own vote), with its ballot.
    const a5 = cell(container, 'A', 5);
    expect(a5.dataset.state).toBe('accepted');
    expect(a5.querySelector('.mp-cell-ballot')?.textContent).toMatch(/^\d+\.A$/);
    expect(container.querySelector('tr[data-node="A"]')!.textContent).toContain('★ leader');

    // At the end: B leads, 5–7 are applied no-ops everywhere alive, and the states agree.
    act(() => h.engine.seek(length));
    expect(container.querySelector('tr[data-node="A"]')!.className).toContain('is-down');
    expect(container.querySelector('tr[data-node="B"]')!.textContent).toContain('★ leader');
    for (const id of ['B', 'C', 'D', 'E']) {
      for (const s of [5, 6, 7]) {
        expect(cell(container, id, s).dataset.state).toBe('applied');
        expect(cell(container, id, s).hasAttribute('data-noop')).toBe(true);
      }
      expect(container.querySelector<HTMLElement>(`tr[data-node="${id}"] .mp-log-state`)!.dataset.items).toBe('a1,a2,a3,a4,a8,a9');
    }
    expect(container.querySelector('tr.mp-log-truth td[data-slot="6"]')!.textContent).toBe('no-op');
  });

  it('says so when the log is empty', () => {
    const h = createHarness({ protocol: 'multi' });
    render(<MultiLogView />, { wrapper: h.wrapper });
    expect(screen.getByText(/The log is empty/)).toBeTruthy();
  });
});

describe('MultiClientPanel', () => {
  it('sends the typed command to the chosen node, and the next quick command is offered after', async () => {
    const h = createHarness({ protocol: 'multi', nodes: 5 });
    render(<MultiClientPanel />, { wrapper: h.wrapper });
    const input = screen.getByLabelText('Send command') as HTMLInputElement;
    expect(input.value).toBe('a1');
    fireEvent.change(screen.getByLabelText('to node'), { target: { value: 'C' } });
    expect(input.value).toBe('c1');
    fireEvent.change(input, { target: { value: 'deposit 5' } });
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Send' })); });
    expect(h.engine.history.map((c) => c.cmd)).toEqual([{ type: 'request', node: 'C', command: 'deposit 5' }]);
    expect(screen.getByText('Sent “deposit 5” to C.')).toBeTruthy();
    expect(h.engine.currentMulti!.monitor.requested).toEqual(['#1 deposit 5']);
    expect((screen.getByLabelText('Send command') as HTMLInputElement).value).toBe('c1');
  });

  it('refuses an empty command and a crashed node', async () => {
    const h = createHarness({ protocol: 'multi', nodes: 3 });
    render(<MultiClientPanel />, { wrapper: h.wrapper });
    fireEvent.change(screen.getByLabelText('Send command'), { target: { value: '   ' } });
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Send' })); });
    expect(screen.getByRole('alert').textContent).toMatch(/Type a command/);
    expect(h.engine.history).toHaveLength(0);
    act(() => { h.engine.dispatch({ type: 'crash', node: 'A' }); });
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/A is crashed/)).toBeTruthy();
  });
});
