// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Inspector, Notice } from '../../../src/features/inspector';
import { createHarness } from '../../helpers/harness';

afterEach(cleanup);

function setup(config = {}) {
  const h = createHarness(config);
  render(<><Notice /><Inspector /></>, { wrapper: h.wrapper });
  return h;
}

const field = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling!.textContent;
const button = (name: string | RegExp) => screen.getByRole('button', { name });

describe('Inspector', () => {
  it('shows a hint when nothing is selected', () => {
    setup();
    expect(screen.getByText(/Click a node or a message to inspect it; right-click for actions/)).toBeTruthy();
  });

  it('shows a node\'s durable and volatile fields, its timers, and runs node actions', async () => {
    const h = setup();
    await act(async () => { await h.sim.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    act(() => { h.engine.step(); h.engine.step(); h.sim.select({ kind: 'node', id: 'A' }); });
    expect(screen.getByRole('heading', { name: 'Node A' })).toBeTruthy();
    expect(screen.getByText(/On disk/)).toBeTruthy();
    expect(field('Promised')).toBe('1.A');
    expect(field('Accepted')).toBe('nothing');
    expect(field('Last round used')).toBe('1');
    expect(field('Proposer')).toMatch(/phase 1: collecting promises/);
    expect(field('Ballot')).toBe('1.A');
    expect(field('Client value')).toBe('X');
    expect(screen.getByText(/Promises \(\d of 2 needed\)/)).toBeTruthy();
    const retry = h.engine.current.timers.find((t) => t.node === 'A')!;
    expect(screen.getByText(/Retry \(new ballot\) at t=/).textContent).toContain(`t=${retry.at}`);

    fireEvent.click(button(/Crash/));
    expect(h.calls).toContain('dispatch:crash');
    expect(screen.getByText(/Crashed: only what is on disk survives/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Crash/ })).toBeNull();
    expect(button(/Client write/)).toHaveProperty('disabled', true);
    fireEvent.click(button(/^Restart/));
    expect(h.calls).toContain('dispatch:restart');
    expect(h.engine.current.nodes[0]!.up).toBe(true);
  });

  it('shows a message\'s fields and when it arrives; Drop removes it', async () => {
    const h = setup();
    await act(async () => { await h.sim.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    const m = h.engine.current.inflight.find((x) => x.to === 'C')!;
    act(() => { h.sim.select({ kind: 'message', id: m.id }); });
    expect(screen.getByRole('heading', { name: `Message #${m.id}` })).toBeTruthy();
    expect(field('Type')).toBe('prepare');
    expect(field('From → to')).toBe('A → C');
    expect(field('Ballot')).toBe('1.A');
    expect(field('Sent at')).toBe(`t=${m.sentAt}`);
    expect(field('Due at')).toBe(`t=${m.deliverAt}`);
    expect(screen.getByText(`Arrives in ${m.deliverAt} ticks.`)).toBeTruthy();
    for (const name of [/Deliver now/, /Drop/, /Duplicate/, /Delay/]) expect(button(name)).toHaveProperty('disabled', false);

    fireEvent.click(button(/Drop/));
    expect(h.calls).toContain('dispatch:drop');
    expect(h.engine.current.inflight.some((x) => x.id === m.id)).toBe(false);
    expect(screen.getByText(/Click a node or a message/)).toBeTruthy();
  });

  it('says a message waits for the user in manual mode', async () => {
    const h = setup({ mode: 'manual' });
    await act(async () => { await h.sim.dispatch({ type: 'write', node: 'B', value: 'Y' }); });
    const m = h.engine.current.inflight[0]!;
    act(() => { h.sim.select({ kind: 'message', id: m.id }); });
    expect(screen.getByText(/Waiting \(manual mode\)/)).toBeTruthy();
    fireEvent.click(button(/Deliver now/));
    expect(h.calls).toContain('dispatch:deliver');
  });
});

describe('Notice', () => {
  it('shows a refused command as a dismissible alert', async () => {
    const h = setup();
    await act(async () => { await h.sim.dispatch({ type: 'restart', node: 'A' }); });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain(h.store.getState().notice!);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss message' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
