// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { VARIANTS, type VariantName } from '../../../src/core';
import { BreakPaxos } from '../../../src/features/breakpaxos';
import type { Scenario } from '../../../src/scenario';
import { useSideBySide } from '../../../src/app/sideBySide';
import { createHarness } from '../../helpers/harness';

afterEach(cleanup);

function setup() {
  const h = createHarness();
  const loaded: { scenario: Scenario; position: number | null }[] = [];
  const original = h.sim.loadScenario;
  h.sim.loadScenario = (scenario, position, source) => {
    loaded.push({ scenario, position });
    return original(scenario, position, source);
  };
  render(<BreakPaxos />, { wrapper: h.wrapper });
  return { ...h, loaded };
}

const menuButton = () => screen.getByRole('button', { name: 'Break Paxos ▾' });
const menu = () => screen.getByRole('group', { name: /^Break Paxos: open a run with one rule broken$/ });

async function choose(h: ReturnType<typeof setup>, name: VariantName) {
  fireEvent.click(menuButton());
  const title = VARIANTS.find((v) => v.name === name)!.title;
  fireEvent.click(within(menu()).getByRole('button', { name: new RegExp(`^${title}`) }));
  await waitFor(() => expect(h.loaded.length).toBeGreaterThan(0));
  await waitFor(() => expect(h.store.getState().banner).not.toBeNull());
}

describe('BreakPaxos', () => {
  it('lists the seven broken rules, each with its explanation', () => {
    setup();
    expect(screen.queryByRole('group')).toBeNull();
    fireEvent.click(menuButton());
    expect(menuButton().getAttribute('aria-expanded')).toBe('true');
    const items = within(menu()).getAllByRole('listitem');
    expect(items).toHaveLength(7);
    VARIANTS.forEach((v, i) => {
      const button = within(items[i]!).getByRole('button');
      expect(button.textContent).toContain(v.title);
      expect(button.dataset.variant).toBe(v.name);
      // The paragraph is shown and describes the button.
      const desc = document.getElementById(button.getAttribute('aria-describedby')!)!;
      expect(desc.textContent).toBe(v.explanation);
      expect(items[i]!.textContent).toContain(v.explanation);
    });
    // Escape closes it and gives the focus back to the button.
    fireEvent.keyDown(within(menu()).getAllByRole('button')[0]!, { key: 'Escape' });
    expect(screen.queryByRole('group')).toBeNull();
    expect(document.activeElement).toBe(menuButton());
  });

  it('choosing one opens its preset at the start with the variant on, and says which rule is broken', async () => {
    const h = setup();
    await choose(h, 'amnesia');
    expect(h.loaded).toHaveLength(1);
    expect(h.loaded[0]!.scenario.variants).toEqual(['amnesia']);
    expect(h.loaded[0]!.position).toBe(0);
    expect(screen.queryByRole('group')).toBeNull();
    const frame = h.store.getState().frame!;
    expect(frame.position).toBe(0);
    expect(frame.length).toBeGreaterThan(0);
    expect(frame.world.config.variants).toEqual(['amnesia']);
    expect(h.store.getState().banner!.text).toMatch(/^Broken rule: An acceptor forgets its promise on restart\. .*Press Play or Step/);
    const chip = await screen.findByText(/^Broken rule/);
    expect(chip.closest('[role="status"]')!.textContent).toContain('An acceptor forgets its promise on restart');

    // Step plays it out: the monitor finds the violation.
    act(() => { while (h.engine.step()); });
    expect(h.store.getState().frame!.world.monitor.violations.map((v) => v.invariant)).toEqual(['promise-monotonic', 'agreement']);
  });

  it('runs the same steps with the correct rules, and back', async () => {
    const h = setup();
    await choose(h, 'amnesia');
    fireEvent.click(await screen.findByRole('button', { name: 'Run the same steps with the correct rules' }));
    await waitFor(() => expect(h.loaded).toHaveLength(2));
    const correct = h.loaded[1]!.scenario;
    expect(correct.variants).toBeUndefined();
    expect(correct.steps).toEqual(h.loaded[0]!.scenario.steps.slice(0, 11));
    await screen.findByText(/^Correct rules — the same steps as/);
    expect(screen.queryByText(/^Broken rule/)).toBeNull();
    await waitFor(() => expect(h.store.getState().banner!.text).toMatch(/^The same steps with the correct rules .*It stops after step 11/));
    act(() => { while (h.engine.step()); });
    const world = h.store.getState().frame!.world;
    expect(world.monitor.violations).toEqual([]);
    expect(world.monitor.chosen.map((c) => c.value)).toEqual(['Y']);

    fireEvent.click(screen.getByRole('button', { name: 'Break it again' }));
    await waitFor(() => expect(h.loaded).toHaveLength(3));
    expect(h.loaded[2]!.scenario.variants).toEqual(['amnesia']);
    await screen.findByText(/^Broken rule/);
    expect(screen.queryByText(/^Correct rules/)).toBeNull();
  });

  it('the comparison chip goes away when the run is restarted', async () => {
    const h = setup();
    await choose(h, 'small-quorum');
    fireEvent.click(await screen.findByRole('button', { name: 'Run the same steps with the correct rules' }));
    await screen.findByText(/^Correct rules/);
    act(() => { h.sim.reset({}); });
    expect(screen.queryByText(/^Correct rules/)).toBeNull();
    expect(screen.queryByText(/^Broken rule/)).toBeNull();
  });

  it('offers "Compare side by side" (when the app gives it) while one rule is broken; it closes by itself when that ends', async () => {
    const h = createHarness();
    const loaded: Scenario[] = [];
    const original = h.sim.loadScenario;
    h.sim.loadScenario = (scenario, position, source) => { loaded.push(scenario); return original(scenario, position, source); };
    /** What the app does: the state lives in src/app (useSideBySide); Break Paxos only toggles it. */
    function Composed() {
      const sbs = useSideBySide();
      return <><BreakPaxos sideBySide={sbs} /><p data-testid="sbs">{sbs.variant ?? 'off'}</p></>;
    }
    render(<Composed />, { wrapper: h.wrapper });
    expect(screen.queryByRole('button', { name: 'Compare side by side' })).toBeNull();
    fireEvent.click(menuButton());
    fireEvent.click(within(menu()).getByRole('button', { name: /^An acceptor forgets its promise on restart/ }));
    const compare = await screen.findByRole('button', { name: 'Compare side by side' });
    expect(compare.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(compare);
    expect(screen.getByTestId('sbs').textContent).toBe('amnesia');
    const hide = screen.getByRole('button', { name: 'Hide side by side' });
    expect(hide.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(hide);
    expect(screen.getByTestId('sbs').textContent).toBe('off');
    fireEvent.click(screen.getByRole('button', { name: 'Compare side by side' }));
    // Running the correct rules (no broken rule on screen) closes it, and it stays closed after.
    fireEvent.click(screen.getByRole('button', { name: 'Run the same steps with the correct rules' }));
    await waitFor(() => expect(loaded).toHaveLength(2));
    await waitFor(() => expect(screen.getByTestId('sbs').textContent).toBe('off'));
    fireEvent.click(screen.getByRole('button', { name: 'Break it again' }));
    await waitFor(() => expect(loaded).toHaveLength(3));
    await screen.findByRole('button', { name: 'Compare side by side' });
    expect(screen.getByTestId('sbs').textContent).toBe('off');
  });

  it('without the app\'s side-by-side view there is no compare button', async () => {
    const h = setup();
    await choose(h, 'amnesia');
    await screen.findByRole('button', { name: 'Run the same steps with the correct rules' });
    expect(screen.queryByRole('button', { name: 'Compare side by side' })).toBeNull();
  });
});
