// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterGraph } from '../../../src/features/graph';
import { createHarness } from '../../helpers/harness';

afterEach(cleanup);

function setup(config: Parameters<typeof createHarness>[0] = {}) {
  const h = createHarness(config);
  const view = render(<ClusterGraph />, { wrapper: h.wrapper });
  /** Run the engine outside React's event handlers (as the worker does), inside act(). */
  const run = (f: () => void) => act(f);
  return { ...h, view, run };
}

const nodeButton = (id: string) => screen.getByRole('button', { name: new RegExp(`^Node ${id},`) });

/** Step until nothing is due: every message delivered, every timer fired. */
function runToQuiet(engine: { stepPhase(): boolean }) {
  for (let i = 0; i < 200 && engine.stepPhase(); i++) { /* keep going */ }
}

describe('ClusterGraph nodes', () => {
  it('renders one focusable node per cluster member with an accessible name', () => {
    setup({ nodes: 5 });
    for (const id of 'ABCDE') {
      const n = nodeButton(id);
      expect(n.getAttribute('aria-label')).toBe(`Node ${id}, up, no promise, nothing accepted`);
      expect(n.getAttribute('tabindex')).toBe('0');
    }
    expect(screen.queryByRole('button', { name: /^Node F,/ })).toBeNull();
  });

  it('names and labels a crashed node as crashed, not by colour alone', () => {
    const { engine, run } = setup();
    run(() => { engine.dispatch({ type: 'crash', node: 'B' }); });
    const b = nodeButton('B');
    expect(b.getAttribute('aria-label')).toMatch(/^Node B, crashed,/);
    expect(within(b).getByText('crashed ✕')).toBeTruthy();
    expect(b.getAttribute('class')).toContain('is-down');
    expect(nodeButton('A').getAttribute('aria-label')).toMatch(/^Node A, up,/);
  });

  it('shows what a proposer is doing in its card', () => {
    const { engine, run } = setup();
    run(() => { engine.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    const a = nodeButton('A');
    expect(within(a).getByText('proposer 1.A for "X"')).toBeTruthy();
    expect(within(a).getByText('collecting promises 1/2')).toBeTruthy();
    expect(a.getAttribute('aria-label')).toContain('retry timer pending');
  });

  it('selects a node on click and on Enter, and highlights it', () => {
    const { store, view } = setup();
    fireEvent.click(nodeButton('B'));
    expect(store.getState().selection).toEqual({ kind: 'node', id: 'B' });
    expect(nodeButton('B').getAttribute('aria-pressed')).toBe('true');
    expect(nodeButton('B').getAttribute('class')).toContain('is-selected');
    const c = nodeButton('C');
    c.focus();
    fireEvent.keyDown(c, { key: 'Enter' });
    expect(store.getState().selection).toEqual({ kind: 'node', id: 'C' });
    expect(nodeButton('B').getAttribute('aria-pressed')).toBe('false');
    // A click on the background clears the selection.
    fireEvent.click(view.container.querySelector('svg.pg-svg')!);
    expect(store.getState().selection).toBeNull();
  });
});

describe('ClusterGraph messages', () => {
  it('draws each message in flight as a labelled, focusable pill', () => {
    const { engine, run } = setup();
    run(() => { engine.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    const pills = screen.getAllByRole('button', { name: /^prepare 1\.A, from A to [BC]$/ });
    expect(pills).toHaveLength(2);
    expect(screen.getAllByText('prepare 1.A')).toHaveLength(2);
    for (const p of pills) expect(p.getAttribute('tabindex')).toBe('0');
  });

  it('labels replies with what they carry', () => {
    const { engine, run } = setup();
    run(() => {
      engine.dispatch({ type: 'write', node: 'A', value: 'X' });
      engine.step();
    });
    expect(screen.getByRole('button', { name: /^promise 1\.A, from [BC] to A$/ })).toBeTruthy();
    expect(screen.getByText('promise 1.A')).toBeTruthy();
  });

  it('selects a message on click and on Enter', () => {
    const { engine, store, run } = setup();
    run(() => { engine.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    const [first, second] = engine.current.inflight;
    fireEvent.click(screen.getByRole('button', { name: `prepare 1.A, from A to ${first!.to}` }));
    expect(store.getState().selection).toEqual({ kind: 'message', id: first!.id });
    fireEvent.keyDown(screen.getByRole('button', { name: `prepare 1.A, from A to ${second!.to}` }), { key: 'Enter' });
    expect(store.getState().selection).toEqual({ kind: 'message', id: second!.id });
    expect(screen.getByRole('button', { name: `prepare 1.A, from A to ${second!.to}` }).getAttribute('aria-pressed')).toBe('true');
  });

  it('fades a delivered message out, then removes it (no pills pile up)', async () => {
    const { engine, run, view } = setup();
    run(() => { engine.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    const first = engine.current.inflight[0]!;
    run(() => { engine.dispatch({ type: 'deliver', id: first.id }); });
    // Still drawn while it fades, but no longer a control: not a button, hidden from assistive technology.
    const fading = view.container.querySelector(`[data-message="${first.id}"]`)!;
    expect(fading.getAttribute('class')).toContain('is-leaving');
    expect(fading.getAttribute('aria-hidden')).toBe('true');
    expect(screen.getAllByRole('button', { name: /^prepare 1\.A, from A to / })).toHaveLength(1);
    await act(() => new Promise((r) => setTimeout(r, 300)));
    expect(view.container.querySelector(`[data-message="${first.id}"]`)).toBeNull();
    // Run to quiet: every message is delivered, and after the fades no pill is left over.
    run(() => runToQuiet(engine));
    await act(() => new Promise((r) => setTimeout(r, 300)));
    expect(view.container.querySelectorAll('[data-message]')).toHaveLength(engine.current.inflight.length);
  });

  it('marks where a dropped message was lost', () => {
    const { engine, run, view } = setup();
    run(() => { engine.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    expect(view.container.querySelector('.pg-drop')).toBeNull();
    run(() => { engine.dispatch({ type: 'drop', id: engine.current.inflight[0]!.id }); });
    expect(view.container.querySelector('.pg-drop')).not.toBeNull();
  });
});

describe('ClusterGraph context menu', () => {
  it('lists the node actions available now and runs the one clicked', () => {
    const { engine, store } = setup();
    fireEvent.contextMenu(nodeButton('B'));
    const menu = screen.getByRole('menu');
    const labels = within(menu).getAllByRole('menuitem').map((b) => b.textContent);
    expect(labels.some((l) => l?.startsWith('Crash'))).toBe(true);
    expect(labels.some((l) => l?.startsWith('Restart'))).toBe(false);
    expect(store.getState().selection).toEqual({ kind: 'node', id: 'B' });
    fireEvent.click(within(menu).getByRole('menuitem', { name: /^Crash/ }));
    expect(engine.current.nodes[1]!.up).toBe(false);
    expect(screen.queryByRole('menu')).toBeNull();
    expect(nodeButton('B').getAttribute('aria-label')).toMatch(/^Node B, crashed/);
    // Now it offers a restart instead.
    fireEvent.contextMenu(nodeButton('B'));
    const again = within(screen.getByRole('menu')).getAllByRole('menuitem').map((b) => b.textContent);
    expect(again.some((l) => l?.startsWith('Restart'))).toBe(true);
    expect(again.some((l) => l?.startsWith('Crash'))).toBe(false);
  });

  it('closes on Escape and on a click elsewhere', () => {
    setup();
    fireEvent.contextMenu(nodeButton('A'));
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    fireEvent.contextMenu(nodeButton('A'));
    expect(screen.getByRole('menu')).toBeTruthy();
    fireEvent.pointerDown(document.body);
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('offers message actions on a message', () => {
    const { engine, calls } = setup();
    act(() => { engine.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    const target = engine.current.inflight[0]!;
    fireEvent.contextMenu(screen.getByRole('button', { name: `prepare 1.A, from A to ${target.to}` }));
    const menu = screen.getByRole('menu');
    const labels = within(menu).getAllByRole('menuitem').map((b) => b.textContent ?? '');
    expect(labels.map((l) => l.replace(/[A-Z]( or .*)?$|Delete$/, '').trim())).toEqual(expect.arrayContaining(['Deliver now', 'Drop', 'Duplicate', 'Delay']));
    fireEvent.click(within(menu).getByRole('menuitem', { name: /^Drop/ }));
    expect(calls).toContain('dispatch:drop');
    expect(engine.current.inflight.some((m) => m.id === target.id)).toBe(false);
  });
});

describe('ClusterGraph verdict', () => {
  it('shows the chosen value once a write has run to quiet, and every node learns it', () => {
    const { engine, run, view } = setup({ nodes: 5 });
    expect(screen.getByText('nothing chosen yet')).toBeTruthy();
    run(() => {
      engine.dispatch({ type: 'write', node: 'C', value: 'X' });
      runToQuiet(engine);
    });
    expect(screen.getByText('CHOSEN ✓')).toBeTruthy();
    expect(screen.getByText('"X"')).toBeTruthy();
    expect(screen.getByText('Chosen: X')).toBeTruthy();
    for (const id of 'ABCDE') {
      const n = nodeButton(id);
      expect(n.getAttribute('aria-label')).toMatch(/learned X$/);
      expect(n.getAttribute('class')).toContain('is-learned');
    }
    expect(view.container.querySelectorAll('.pg-badge-learned')).toHaveLength(5);
  });

  it('warns in red when the safety monitor sees a violation', () => {
    const { store, run } = setup();
    expect(screen.queryByText('⚠ Safety violated')).toBeNull();
    run(() => {
      const f = store.getState().frame!;
      const violation = { type: 'violation', time: 0, invariant: 'agreement', explanation: 'two values chosen' } as const;
      store.setState({ frame: { ...f, seq: f.seq + 1, world: { ...f.world, monitor: { ...f.world.monitor, violations: [violation] } } } });
    });
    expect(screen.getByText('⚠ Safety violated')).toBeTruthy();
    expect(screen.getByText('agreement')).toBeTruthy();
  });

  it('draws a partition with a banner and broken wires', () => {
    const { engine, run, view } = setup({ nodes: 5 });
    expect(screen.queryByText('Network partition')).toBeNull();
    run(() => { engine.dispatch({ type: 'partition', groups: [['A', 'B']] }); });
    expect(screen.getByText('Network partition')).toBeTruthy();
    expect(screen.getByText('A B')).toBeTruthy();
    expect(screen.getByText('C D E')).toBeTruthy();
    // 2 × 3 wires cross between the groups.
    expect(view.container.querySelectorAll('.pg-edge.is-cut')).toHaveLength(6);
    expect(view.container.querySelectorAll('.pg-group')).toHaveLength(2);
    run(() => { engine.dispatch({ type: 'heal' }); });
    expect(screen.queryByText('Network partition')).toBeNull();
    expect(view.container.querySelectorAll('.pg-edge.is-cut')).toHaveLength(0);
  });
});
