// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExploreAnswer, ExploreRequest, ExploreStatus } from '../../../src/explorer/session';
import { exploreNow } from '../../../src/explorer/session';
import { ExplorerPanel } from '../../../src/features/explorer';
import type { ExplorerService } from '../../../src/worker/explorerClient';
import { createHarness } from '../../helpers/harness';

afterEach(cleanup);

/** A service the test drives by hand: progress and the answer arrive when the test says so. */
function fakeService() {
  let progress: ((s: ExploreStatus) => void) | null = null;
  let finish: ((a: ExploreAnswer) => void) | null = null;
  const requests: ExploreRequest[] = [];
  let cancelled = 0;
  const service: ExplorerService = {
    run(request, onProgress) {
      requests.push(request);
      progress = onProgress;
      return new Promise((resolve) => { finish = resolve; });
    },
    cancel() { cancelled++; },
  };
  return {
    service, requests,
    get cancelled() { return cancelled; },
    progress: (s: Partial<ExploreStatus>) => act(() => progress!({ distinctStates: 0, statesGenerated: 0, depth: 0, frontier: 0, violations: 0, bytes: 0, seconds: 0, statesPerSecond: 0, ...s })),
    finish: async (a: ExploreAnswer) => { await act(async () => finish!(a)); },
  };
}

function setup() {
  const h = createHarness();
  act(() => { h.engine.dispatch({ type: 'write', node: 'A', value: 'X' }); });
  const f = fakeService();
  render(<ExplorerPanel service={f.service} />, { wrapper: h.wrapper });
  return { h, f };
}

const exploreButton = () => screen.getByRole('button', { name: 'Explore from here' });

describe('ExplorerPanel', () => {
  it('posts the world on screen, shows progress, and cancels', async () => {
    const { h, f } = setup();
    fireEvent.click(exploreButton());
    await waitFor(() => expect(f.requests).toHaveLength(1));
    const req = f.requests[0]!;
    expect(req.model).toBe('sim');
    if (req.model === 'sim') expect(req.world.inflight.map((m) => m.type)).toEqual(['prepare', 'prepare']);
    expect(h.calls).toContain('pause');
    expect(exploreButton()).toHaveProperty('disabled', true);
    f.progress({ distinctStates: 1234, depth: 5, statesPerSecond: 20_000 });
    expect(screen.getByText('1,234 states, depth 5, 20,000 states/s')).toBeTruthy();
    f.progress({ distinctStates: 5678, depth: 7, statesPerSecond: 21_000 });
    expect(screen.getByText('5,678 states, depth 7, 21,000 states/s')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(f.cancelled).toBe(1);
  });

  it('says the answer in plain words and "Watch it" loads the schedule into the main view', async () => {
    const { h, f } = setup();
    fireEvent.click(exploreButton());
    await waitFor(() => expect(f.requests).toHaveLength(1));
    const answer = exploreNow(f.requests[0]!);
    await f.finish(answer);
    expect(screen.getByText(/^Safe: in all 172 reachable states no two values are chosen\.$/)).toBeTruthy();
    expect(screen.getByText('“X”')).toBeTruthy();
    expect(screen.getByText('in 3 steps')).toBeTruthy();
    expect(screen.getByText(/every reachable state was explored/)).toBeTruthy();
    const positionBefore = h.store.getState().frame!.position;
    fireEvent.click(screen.getByRole('button', { name: 'Watch “X” get chosen' }));
    await waitFor(() => expect(h.calls).toContain('loadScenario'));
    const frame = h.store.getState().frame!;
    // The view opens where the exploration started, with the schedule recorded after it.
    expect(frame.position).toBe(positionBefore);
    expect(frame.length).toBe(positionBefore + 3);
    act(() => { for (let i = 0; i < 3; i++) h.engine.step(); });
    expect(h.store.getState().frame!.world.monitor.chosen.map((c) => c.value)).toEqual(['X']);
  });

  it('reports a bound that stopped the search, and a violation with its schedule', async () => {
    const { f } = setup();
    fireEvent.click(exploreButton());
    await waitFor(() => expect(f.requests).toHaveLength(1));
    const base = exploreNow(f.requests[0]!);
    if (base.model !== 'sim') throw new Error('sim');
    await f.finish({
      ...base, stats: { ...base.stats, stoppedBy: 'maxDepth' },
      violation: { invariant: 'agreement', explanation: 'Two different values are chosen.', commands: base.outcomes[0]!.commands, lines: base.outcomes[0]!.lines },
    });
    expect(screen.getByText('Violation possible: two different values chosen.')).toBeTruthy();
    expect(screen.getByText(/Shortest schedule: 3 steps\./)).toBeTruthy();
    expect(screen.getByText(/stopped by the depth bound/)).toBeTruthy();
  });

  it('runs Lamport\'s model from its tab and shows the counterexample as text', async () => {
    const { f } = setup();
    fireEvent.click(screen.getByRole('tab', { name: 'Lamport’s model' }));
    fireEvent.change(screen.getByRole('combobox', { name: /Rules/ }), { target: { value: 'phase2a-ignores-votes' } });
    fireEvent.click(screen.getByRole('button', { name: 'Explore Lamport’s model' }));
    await waitFor(() => expect(f.requests).toHaveLength(1));
    expect(f.requests[0]).toMatchObject({ model: 'lamport', acceptors: 3, values: 2, ballots: 2, variant: 'phase2a-ignores-votes' });
    await f.finish(exploreNow(f.requests[0]!));
    expect(screen.getByText(/Agreement violated: shortest counterexample has 12 steps\./)).toBeTruthy();
    expect(document.querySelector('.explorer-trace')!.textContent).toMatch(/Phase2a/);
  });
});
