// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/scenario';
import { VARIANT_PRESETS } from '../../../src/scenario/variantPresets';
import { VoteGrid } from '../../../src/features/votegrid';
import { loadScenario } from '../../../src/worker/scenarioIO';
import { createHarness } from '../../helpers/harness';

afterEach(cleanup);

type Harness = ReturnType<typeof createHarness>;

function setup(config = {}) {
  const h = createHarness(config);
  render(<VoteGrid />, { wrapper: h.wrapper });
  return h;
}

const table = () => screen.getByRole('table');
const columns = () => within(table()).getAllByRole('columnheader').map((th) => th.textContent);
const ballotRows = () => [...table().querySelectorAll<HTMLTableRowElement>('tr[data-ballot]')].map((tr) => tr.dataset.ballot);
const cell = (ballot: string, node: string) => table().querySelector<HTMLElement>(`tr[data-ballot="${ballot}"] td[data-node="${node}"]`)!;
const locks = () => [...document.querySelectorAll<HTMLElement>('tr[data-lock]')];

/** Step the in-process engine until `done()` holds (or the run is quiet); returns the steps taken. */
function stepUntil(h: Harness, done: () => boolean): number {
  let n = 0;
  act(() => {
    while (!done() && h.engine.step()) n++;
  });
  return n;
}

describe('VoteGrid', () => {
  it('has one column per acceptor and no rows before any ballot', () => {
    setup({ nodes: 5 });
    expect(screen.getByRole('heading', { name: 'Vote grid' })).toBeTruthy();
    expect(screen.getByText(/No ballot yet/)).toBeTruthy();
    cleanup();
    const h = setup({ nodes: 9 });
    act(() => { h.engine.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    expect(columns()).toEqual(['Ballot', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']);
    expect(ballotRows()).toEqual(['1.A']);
    expect(screen.getByRole('region', { name: 'Votes by ballot and acceptor' })).toBeTruthy();
  });

  it('shows promises and votes as they happen, and the lock at the chosen moment, not before, before any learner knows', () => {
    const h = setup();
    act(() => { h.engine.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    const row = table().querySelector('tr[data-ballot="1.A"]')!;
    expect(row.querySelector('th')!.textContent).toContain('“X”');

    stepUntil(h, () => h.engine.current.monitor.maxPromise.B != null);
    expect(cell('1.A', 'B').textContent).toBe('P');
    expect(cell('1.A', 'B').getAttribute('aria-label')).toBe('B at ballot 1.A: promised');

    // One vote short of a majority: no lock yet.
    stepUntil(h, () => Object.values(h.engine.current.monitor.votes).some((v) => v.voters.length === 1));
    expect(h.engine.current.monitor.chosen).toEqual([]);
    expect(locks()).toHaveLength(0);
    expect(table().querySelectorAll('td.is-quorum')).toHaveLength(0);
    const firstVoter = Object.values(h.engine.current.monitor.votes)[0]!.voters[0]!;
    expect(within(cell('1.A', firstVoter)).getByText('X')).toBeTruthy();

    // The step that makes it chosen: the lock appears, and nobody has learned it yet.
    stepUntil(h, () => h.engine.current.monitor.chosen.length > 0);
    const quorum = Object.values(h.engine.current.monitor.votes)[0]!.voters.slice(0, 2);
    expect(h.engine.current.nodes.every((n) => n.learned === null)).toBe(true);
    expect(locks()).toHaveLength(1);
    expect(locks()[0]!.textContent).toBe(`★ “X” locked at ballot 1.A by ${quorum.join(', ')} — no node knows yet.`);
    expect([...table().querySelectorAll<HTMLElement>('td.is-quorum')].map((td) => td.dataset.node).sort()).toEqual([...quorum].sort());
    expect(cell('1.A', quorum[0]!).getAttribute('aria-label')).toMatch(/voted for “X”, in the majority that chose it$/);

    // Later, learners catch up; the lock line says who knows.
    stepUntil(h, () => h.engine.current.nodes.every((n) => n.learned !== null));
    expect(locks()[0]!.textContent).toMatch(/— learned by A, B, C\.$/);
  });

  it('follows time travel (seek)', () => {
    const h = setup();
    act(() => { h.engine.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    stepUntil(h, () => h.engine.current.monitor.chosen.length > 0);
    const chosenAt = h.store.getState().frame!.position;
    stepUntil(h, () => false);
    expect(locks()).toHaveLength(1);

    act(() => { h.sim.seek(chosenAt - 1); });
    expect(h.store.getState().frame!.position).toBe(chosenAt - 1);
    expect(locks()).toHaveLength(0);
    expect(ballotRows()).toEqual(['1.A']);

    act(() => { h.sim.seek(chosenAt); });
    expect(locks()).toHaveLength(1);

    act(() => { h.sim.seek(0); });
    expect(screen.getByText(/No ballot yet/)).toBeTruthy();

    act(() => { h.sim.seek(h.store.getState().frame!.length); });
    expect(locks()).toHaveLength(1);
  });

  it('Break Paxos (amnesia): two ballots, two quorums, the second value marked as a conflict', () => {
    const h = setup();
    const v = validateScenario(VARIANT_PRESETS.amnesia);
    if (!v.ok) throw new Error(v.error);
    act(() => { expect(loadScenario(h.engine, v.scenario, 0).ok).toBe(true); });
    expect(screen.getByText(/No ballot yet/)).toBeTruthy();
    stepUntil(h, () => false);
    expect(ballotRows()).toEqual(['1.A', '1.C']);
    // B promised both ballots; after its amnesiac restart it voted in both.
    expect(cell('1.A', 'B').textContent).toBe('PX');
    expect(cell('1.C', 'B').textContent).toBe('PY');
    expect(locks().map((l) => l.textContent)).toEqual([
      '★ “X” locked at ballot 1.A by A, B — learned by A, B.',
      '✕ A second value! “Y” locked at ballot 1.C by C, B — learned by C.',
    ]);
    expect(locks()[1]!.className).toContain('is-conflict');
    expect(table().querySelectorAll('td.is-quorum')).toHaveLength(4);
  });

  it('shows a refusal', () => {
    const h = setup();
    const v = validateScenario({ ...(VARIANT_PRESETS.amnesia as object), variants: [] });
    if (!v.ok) throw new Error(v.error);
    // The correct rules: B remembers promising 1.C and refuses A's accept 1.A (the last step cannot happen).
    act(() => { expect(loadScenario(h.engine, { ...v.scenario, steps: v.scenario.steps.slice(0, 11) }, null).ok).toBe(true); });
    expect(cell('1.A', 'B').textContent).toBe('P✕');
    expect(locks().map((l) => l.textContent)).toEqual(['★ “Y” locked at ballot 1.C by C, B — learned by C.']);
  });
});
