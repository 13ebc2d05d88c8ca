// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Timeline } from '../../../src/features/controls';
import { createHarness } from '../../helpers/harness';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function setup() {
  const h = createHarness({ nodes: 3, seed: 1 });
  render(<Timeline />, { wrapper: h.wrapper });
  return h;
}

async function runSome(h: ReturnType<typeof createHarness>, steps: number) {
  await act(async () => {
    await h.sim.dispatch({ type: 'write', node: 'A', value: 'X' });
    for (let i = 0; i < steps; i++) h.engine.step();
  });
}

const slider = () => screen.getByRole('slider') as HTMLInputElement;
const button = (name: string | RegExp) => screen.getByRole('button', { name });

describe('Timeline', () => {
  it('shows the position in the history and follows the run', async () => {
    const h = setup();
    expect(slider().disabled).toBe(true);
    await runSome(h, 5);
    expect(slider().value).toBe('6');
    expect(slider().max).toBe('6');
    expect(slider().getAttribute('aria-valuetext')).toBe(`step 6 of 6, tick ${h.engine.current.time}`);
    expect(screen.queryByText(/Viewing the past/)).toBeNull();
  });

  it('dragging seeks: the view shows that moment and says acting there starts a new future', async () => {
    const h = setup();
    await runSome(h, 5);
    act(() => { fireEvent.change(slider(), { target: { value: '2' } }); });
    expect(h.calls).toContain('seek:2');
    expect(h.engine.viewPosition).toBe(2);
    expect(slider().value).toBe('2');
    expect(screen.getByText(/Viewing the past/).closest('p')?.textContent).toMatch(/discards the 4 later steps/);
    expect(slider().getAttribute('aria-describedby')).toBeTruthy();
  });

  it('step back, step, to start and back to now move through the history without discarding it', async () => {
    const h = setup();
    await runSome(h, 5);
    expect(button('Back to now')).toHaveProperty('disabled', true);
    act(() => { fireEvent.click(button('Step back')); });
    expect(h.engine.viewPosition).toBe(5);
    act(() => { fireEvent.click(button('To the start')); });
    expect(h.engine.viewPosition).toBe(0);
    expect(button('To the start')).toHaveProperty('disabled', true);
    expect(button('Step back')).toHaveProperty('disabled', true);
    act(() => { fireEvent.click(button('Step')); });
    expect(h.engine.viewPosition).toBe(1);
    expect(h.engine.commands).toHaveLength(6);
    act(() => { fireEvent.click(button('Back to now')); });
    expect(h.engine.viewPosition).toBe(6);
  });

  it('acting in the past says a new future started, and the note goes away after a while', async () => {
    vi.useFakeTimers();
    const h = setup();
    await runSome(h, 5);
    act(() => { h.sim.seek(3); });
    await act(async () => { await h.sim.dispatch({ type: 'crash', node: 'C' }); });
    expect(h.engine.commands).toHaveLength(4);
    expect(screen.getByText(/New future/).closest('p')?.textContent).toMatch(/started at t = \d+: what had happened after that moment was discarded/);
    act(() => { vi.advanceTimersByTime(7000); });
    expect(screen.queryByText(/New future/)).toBeNull();
  });

  it('marks the user\'s actions and the chosen moment; clicking a mark jumps there', async () => {
    const h = setup();
    await act(async () => {
      await h.sim.dispatch({ type: 'write', node: 'A', value: 'X' });
      while (h.engine.step()) { /* to quiet */ }
    });
    const write = screen.getByRole('button', { name: /write “X” at A/ });
    const chosen = screen.getByRole('button', { name: /“X” chosen/ });
    expect(write.className).toContain('ctl-mark-write');
    act(() => { fireEvent.click(chosen); });
    expect(h.engine.current.monitor.chosen).toHaveLength(1);
    // The view is right after the vote that made it chosen, not at the end.
    expect(h.engine.viewPosition).toBeLessThan(h.engine.commands.length);
    act(() => { h.engine.stepBack(); });
    expect(h.engine.current.monitor.chosen).toHaveLength(0);
  });
});
