// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EventLog } from '../../../src/features/log';
import type { LogEntry } from '../../../src/worker/engine';
import { createHarness } from '../../helpers/harness';

afterEach(cleanup);

type Harness = ReturnType<typeof createHarness>;

function setup() {
  const h = createHarness();
  render(<EventLog />, { wrapper: h.wrapper });
  return h;
}

const rows = () => within(screen.getByRole('list')).getAllByRole('listitem');
const row = (text: string | RegExp) => rows().find((r) => (typeof text === 'string' ? r.textContent!.includes(text) : text.test(r.textContent!)))!;

function runToQuiet(h: Harness) {
  act(() => {
    for (let i = 0; i < 10_000 && h.engine.step(); i++);
  });
}

describe('EventLog', () => {
  it('shows each event in plain language with its tick, newest last', async () => {
    const h = setup();
    expect(screen.getByText(/Nothing has happened yet/)).toBeTruthy();
    await act(async () => { await h.sim.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    act(() => { h.engine.step(); });
    const texts = rows().map((r) => r.textContent!);
    expect(texts[0]).toContain('client asks A to write "X"');
    expect(texts[0]).toMatch(/^tick 0/);
    expect(texts.some((t) => /receives prepare 1\.A from A/.test(t))).toBe(true);
    expect(rows().at(-1)!.textContent).toContain(`tick ${h.engine.current.time}`);
  });

  it('selects the in-flight message of a line, or its node once the message is gone', async () => {
    const h = setup();
    await act(async () => { await h.sim.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    const toB = h.engine.current.inflight.find((m) => m.to === 'B')!;
    fireEvent.click(row(`A → B  prepare 1.A`));
    expect(h.store.getState().selection).toEqual({ kind: 'message', id: toB.id });
    expect(row('A → B  prepare 1.A').getAttribute('aria-current')).toBe('true');

    await act(async () => { await h.sim.dispatch({ type: 'deliver', id: toB.id }); });
    fireEvent.click(row('A → B  prepare 1.A'));
    expect(h.store.getState().selection).toEqual({ kind: 'node', id: 'B' });

    // Keyboard: Enter on a focused line does the same.
    const write = row('client asks A to write');
    write.focus();
    fireEvent.keyDown(write, { key: 'Enter' });
    expect(h.store.getState().selection).toEqual({ kind: 'node', id: 'A' });
  });

  it('hides timer lines unless "Show timers" is checked, and can hide message traffic', async () => {
    const h = setup();
    await act(async () => { await h.sim.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    expect(rows().some((r) => r.textContent!.includes('retry timer'))).toBe(false);
    fireEvent.click(screen.getByLabelText('Show timers'));
    expect(rows().some((r) => r.textContent!.includes('sets its retry timer'))).toBe(true);
    fireEvent.click(screen.getByLabelText('Show messages'));
    expect(rows().some((r) => r.textContent!.includes('→'))).toBe(false);
  });

  it('marks CHOSEN prominently and announces milestones politely', async () => {
    const h = setup();
    await act(async () => { await h.sim.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    runToQuiet(h);
    const chosen = row(/CHOSEN: "X"/);
    expect(chosen.className).toContain('log-chosen');
    expect(row(/receives prepare/).className).toContain('log-net');
    const status = screen.getByRole('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toMatch(/learns "X" is chosen/);
  });

  it('renders only the newest 300 lines of a 2,000-entry log', () => {
    const h = createHarness();
    const entries: LogEntry[] = Array.from({ length: 2000 }, (_, i) => ({
      index: i, event: { type: 'heal', time: i }, text: `line ${i}`,
    }));
    h.store.setState({ log: entries });
    render(<EventLog />, { wrapper: h.wrapper });
    expect(rows()).toHaveLength(300);
    expect(rows().at(-1)!.textContent).toContain('line 1999');
    expect(screen.getByText('1700 earlier lines not shown here.')).toBeTruthy();
  });

  it('offers "Jump to latest" after the reader scrolls up', async () => {
    const h = setup();
    await act(async () => { await h.sim.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    const scroller = screen.getByRole('list').parentElement!;
    Object.defineProperty(scroller, 'scrollHeight', { configurable: true, value: 1000 });
    Object.defineProperty(scroller, 'clientHeight', { configurable: true, value: 200 });
    scroller.scrollTop = 100;
    fireEvent.scroll(scroller);
    act(() => { h.engine.step(); });
    const jump = screen.getByRole('button', { name: /Jump to latest/ });
    expect(jump.textContent).toMatch(/\(\d+ new\)/);
    scroller.scrollTo = () => {};
    fireEvent.click(jump);
    expect(screen.queryByRole('button', { name: /Jump to latest/ })).toBeNull();
  });
});
