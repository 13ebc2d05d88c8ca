// @vitest-environment happy-dom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterGraph } from '../../../src/features/graph';
import { MultiGraph } from '../../../src/features/multi';
import { setSpotlight } from '../../../src/store/simStore';
import { createHarness } from '../../helpers/harness';

// The lesson spotlight in the graphs: a ring around the nodes a lesson step talks about; its
// message types emphasised and the others dimmed; nothing at all without a spotlight.

afterEach(cleanup);

const node = (c: HTMLElement, id: string) => c.querySelector<SVGGElement>(`[data-node="${id}"]`)!;

describe('spotlight in the cluster graph', () => {
  it('rings the spotlit nodes and emphasises the spotlit message types', () => {
    const h = createHarness({ mode: 'manual' });
    const { container } = render(<ClusterGraph />, { wrapper: h.wrapper });
    act(() => { h.engine.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    const prepare = h.store.getState().frame!.world.inflight.find((m) => m.type === 'prepare' && m.to === 'B')!;
    act(() => { h.engine.dispatch({ type: 'deliver', id: prepare.id }); });
    // In flight now: a prepare to C and B's promise.
    expect(container.querySelectorAll('[data-spotlight]')).toHaveLength(0);
    expect(container.querySelectorAll('.pg-msg.is-dimmed, .pg-msg.is-spotlit')).toHaveLength(0);

    act(() => setSpotlight(h.store, { nodes: ['B'], messages: ['promise'] }));
    expect(node(container, 'B').classList.contains('is-spotlit')).toBe(true);
    expect(node(container, 'B').querySelector('.pg-node-spot')).not.toBeNull();
    expect(node(container, 'A').classList.contains('is-spotlit')).toBe(false);
    expect(node(container, 'A').querySelector('.pg-node-spot')).toBeNull();
    const promise = container.querySelector('.pg-msg--promise')!;
    expect(promise.classList.contains('is-spotlit')).toBe(true);
    expect(promise.querySelector('.pg-pill-spot')).not.toBeNull();
    const other = container.querySelector('.pg-msg--prepare:not(.is-leaving)')!;
    expect(other.classList.contains('is-dimmed')).toBe(true);
    // Dimmed messages stay controls.
    expect(other.querySelector('[role="button"]')).not.toBeNull();

    // Nodes only: no message is dimmed.
    act(() => setSpotlight(h.store, { nodes: ['A', 'C'], messages: [] }));
    expect(container.querySelectorAll('.pg-node-spot')).toHaveLength(2);
    expect(container.querySelectorAll('.pg-msg.is-dimmed, .pg-msg.is-spotlit')).toHaveLength(0);

    act(() => setSpotlight(h.store, null));
    expect(container.querySelectorAll('[data-spotlight]')).toHaveLength(0);
  });
});

describe('spotlight in the Multi-Paxos graph', () => {
  it('rings the spotlit nodes', () => {
    const h = createHarness({ protocol: 'multi' });
    const { container } = render(<MultiGraph />, { wrapper: h.wrapper });
    expect(container.querySelectorAll('[data-spotlight]')).toHaveLength(0);
    act(() => setSpotlight(h.store, { nodes: ['A', 'B'], messages: [] }));
    expect(container.querySelectorAll('.mp-node.is-spotlit')).toHaveLength(2);
    expect(node(container, 'A').querySelector('.mp-node-spot')).not.toBeNull();
    expect(node(container, 'C').querySelector('.mp-node-spot')).toBeNull();
    act(() => setSpotlight(h.store, null));
    expect(container.querySelectorAll('[data-spotlight]')).toHaveLength(0);
  });
});
