// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientPanel } from '../../../src/features/controls';
import { createHarness } from '../../helpers/harness';

afterEach(cleanup);

type Harness = ReturnType<typeof createHarness>;

function setup(config = {}) {
  const h = createHarness(config);
  render(<ClientPanel />, { wrapper: h.wrapper });
  return h;
}

/** Process everything that is due, as the auto player would. */
function runToQuiet(h: Harness) {
  act(() => {
    for (let i = 0; i < 10_000 && h.engine.step(); i++);
  });
}

const valueInput = () => screen.getByLabelText('Value') as HTMLInputElement;

describe('ClientPanel', () => {
  it('offers the next quick value and writes the typed value at the chosen node', async () => {
    const h = setup();
    expect(valueInput().value).toBe('X');
    fireEvent.change(screen.getByLabelText('At node'), { target: { value: 'B' } });
    fireEvent.change(valueInput(), { target: { value: 'hello world' } });
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Write at B' })); });
    expect(h.calls).toContain('dispatch:write');
    const b = h.engine.current.nodes.find((n) => n.id === 'B')!;
    expect(b.proposer.clientValue).toBe('hello world');
    expect(h.engine.current.monitor.proposed).toEqual(['hello world']);
    // The field goes back to the next unused quick value.
    expect(valueInput().value).toBe('X');
    expect(valueInput().maxLength).toBe(64);
  });

  it('refuses an empty value with a message and does not dispatch', async () => {
    const h = setup();
    fireEvent.change(valueInput(), { target: { value: '   ' } });
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Write at A' })); });
    expect(screen.getByRole('alert').textContent).toMatch(/Type a value/);
    expect(h.calls).not.toContain('dispatch:write');
  });

  it('reads at a node: pending with replies so far, then the value a majority accepted', async () => {
    const h = setup();
    await act(async () => { await h.sim.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    runToQuiet(h);
    fireEvent.change(screen.getByLabelText('At node'), { target: { value: 'C' } });
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Read at C' })); });
    expect(h.calls).toContain('dispatch:read');
    // C answers itself at once; the others' replies are on the wire.
    const pending = screen.getByText(/Read #1 at C/).closest('li')!.textContent;
    expect(pending).toMatch(/waiting — 1 of 3 answered/);
    expect(pending).toMatch(/C: 1\.A “X”/);
    runToQuiet(h);
    const done = screen.getByText(/Read #1 at C/).closest('li')!;
    expect(done.textContent).toMatch(/returned\s*X/);
    expect(done.textContent).toMatch(/ballot 1\.A/);
  });

  it('explains failed reads in plain words', async () => {
    const h = setup();
    // Nothing accepted anywhere: every node answers, but no majority reports the same proposal.
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Read at A' })); });
    runToQuiet(h);
    expect(screen.getByText(/Read #1 at A/).closest('li')!.textContent).toMatch(/failed: no majority reported the same accepted proposal/);

    // Two of three nodes down: too few answer before the timeout.
    await act(async () => {
      await h.sim.dispatch({ type: 'crash', node: 'B' });
      await h.sim.dispatch({ type: 'crash', node: 'C' });
      await h.sim.dispatch({ type: 'read', node: 'A' });
    });
    runToQuiet(h);
    expect(screen.getByText(/Read #2 at A/).closest('li')!.textContent).toMatch(/too few nodes answered before the timeout/);
  });

  it('disables write and read at a crashed node and says why', async () => {
    const h = setup();
    await act(async () => { await h.sim.dispatch({ type: 'crash', node: 'A' }); });
    expect(screen.getByRole('button', { name: 'Write at A' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Read at A' })).toHaveProperty('disabled', true);
    expect(screen.getByText(/A is crashed/)).toBeTruthy();
    expect(screen.getByRole('option', { name: 'A (crashed)' })).toBeTruthy();
  });
});
