// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ScenarioMenu } from '../../../src/features/presets';
import type { Scenario } from '../../../src/scenario';
import { BASIC_PRESETS, MULTI_PRESETS } from '../../../src/scenario/presets';
import { createHarness } from '../../helpers/harness';

afterEach(cleanup);

function setup(config = {}) {
  const h = createHarness(config);
  const loaded: { scenario: Scenario; position: number | null }[] = [];
  const original = h.sim.loadScenario;
  h.sim.loadScenario = (scenario, position, source) => {
    loaded.push({ scenario, position });
    return original(scenario, position, source);
  };
  const view = render(<div><ScenarioMenu /><button type="button">outside</button></div>, { wrapper: h.wrapper });
  return { ...h, loaded, view };
}

const menuButton = () => screen.getByRole('button', { name: 'Scenarios ▾' });
const menu = () => screen.getByRole('group', { name: 'Scenarios: open a prepared run' });

async function openMenu() {
  fireEvent.click(menuButton());
  await within(menu()).findByRole('region', { name: 'Basic Paxos' });
}

describe('ScenarioMenu', () => {
  it('opens grouped: every basic preset, then every Multi-Paxos preset, each with its blurb, and a pointer to Break Paxos', async () => {
    setup();
    expect(menuButton().getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('group')).toBeNull();
    await openMenu();
    expect(menuButton().getAttribute('aria-expanded')).toBe('true');
    expect(menuButton().getAttribute('aria-controls')).toBe(menu().id);
    const basic = within(within(menu()).getByRole('region', { name: 'Basic Paxos' })).getAllByRole('button');
    const multi = within(within(menu()).getByRole('region', { name: 'Multi-Paxos' })).getAllByRole('button');
    expect(basic.map((b) => b.dataset.preset)).toEqual(BASIC_PRESETS.map((p) => p.id));
    expect(multi.map((b) => b.dataset.preset)).toEqual(MULTI_PRESETS.map((p) => p.id));
    BASIC_PRESETS.forEach((p, i) => {
      expect(basic[i]!.textContent).toContain(p.title);
      expect(basic[i]!.textContent).toContain(p.blurb);
    });
    expect(menu().textContent).toMatch(/Break Paxos menu opens runs in which one rule/);
  });

  it('opens a basic preset at its start and says what it is and to press Step or Play', async () => {
    const h = setup();
    await openMenu();
    fireEvent.click(within(menu()).getByRole('button', { name: /^Duelling proposers/ }));
    await waitFor(() => expect(h.store.getState().banner).not.toBeNull());
    expect(h.loaded).toHaveLength(1);
    expect(h.loaded[0]!.position).toBe(0);
    expect(h.loaded[0]!.scenario.title).toBe('Duelling proposers');
    expect(h.engine.viewPosition).toBe(0);
    expect(h.engine.history.length).toBeGreaterThan(10);
    const banner = h.store.getState().banner!;
    expect(banner.tone).toBe('info');
    expect(banner.text).toContain('Duelling proposers: A ("X") and C ("Y") interleave');
    expect(banner.text).toContain('Press Step or Play');
    // The menu closed and gave the focus back to its button.
    expect(screen.queryByRole('group')).toBeNull();
    expect(document.activeElement).toBe(menuButton());
    // Step plays it out from the start.
    h.sim.step();
    expect(h.engine.viewPosition).toBe(1);
  });

  it('opens a Multi-Paxos preset from basic mode (switching protocol), and a basic one back', async () => {
    const h = setup();
    await openMenu();
    fireEvent.click(within(menu()).getByRole('button', { name: /^Leader failover/ }));
    await waitFor(() => expect(h.store.getState().banner).not.toBeNull());
    expect(h.store.getState().frame?.protocol).toBe('multi');
    expect(h.engine.viewPosition).toBe(0);
    await openMenu();
    fireEvent.click(menu().querySelector('[data-preset="happy-path"]')!);
    await waitFor(() => expect(h.store.getState().frame?.protocol).toBe('basic'));
    expect(h.loaded.map((l) => l.scenario.protocol ?? 'basic')).toEqual(['multi', 'basic']);
  });

  it('closes on Escape and on a click outside; the arrow keys move between the scenarios', async () => {
    setup();
    await openMenu();
    const items = within(menu()).getAllByRole('button').filter((b) => b.classList.contains('sc-item'));
    fireEvent.keyDown(menuButton(), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[0]);
    fireEvent.keyDown(items[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[1]);
    fireEvent.keyDown(items[1]!, { key: 'ArrowUp' });
    fireEvent.keyDown(items[0]!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(items.at(-1));
    fireEvent.keyDown(items.at(-1)!, { key: 'Home' });
    expect(document.activeElement).toBe(items[0]);
    fireEvent.keyDown(items[0]!, { key: 'Escape' });
    expect(screen.queryByRole('group')).toBeNull();
    expect(document.activeElement).toBe(menuButton());

    await openMenu();
    fireEvent.pointerDown(menu());
    expect(screen.queryByRole('group')).not.toBeNull();
    fireEvent.pointerDown(screen.getByRole('button', { name: 'outside' }));
    expect(screen.queryByRole('group')).toBeNull();

    await openMenu();
    fireEvent.click(screen.getByRole('button', { name: 'Close the Scenarios menu' }));
    expect(screen.queryByRole('group')).toBeNull();
  });

  it('reports a broken preset in the banner and leaves the run as it was', async () => {
    const h = setup();
    await openMenu();
    const p = BASIC_PRESETS[0] as { scenario: unknown };
    const saved = p.scenario;
    p.scenario = { version: 1, steps: 'nope' };
    try {
      fireEvent.click(within(menu()).getAllByRole('button').find((b) => b.dataset.preset === 'happy-path')!);
      await waitFor(() => expect(h.store.getState().banner?.tone).toBe('error'));
    } finally {
      p.scenario = saved;
    }
    expect(h.loaded).toHaveLength(0);
    expect(h.store.getState().banner!.text).toMatch(/^The scenario “Happy path” is broken: /);
  });
});
