// @vitest-environment happy-dom
import { act, cleanup, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { PANEL_INTERVAL_MS, SimContext, useThrottledSim } from '../../src/store/react';
import { createSimStore, type SimActions, type SimState } from '../../src/store/simStore';

afterEach(cleanup);

// useThrottledSim: while "playing", a panel sees the store at most every PANEL_INTERVAL_MS (and
// always ends on the latest state); otherwise it sees every change at once.

let playing = false;
const whilePlaying = () => playing;
const selectNotice = (s: SimState) => s.notice;

function setup() {
  const store = createSimStore();
  const seen: (string | null)[] = [];
  function Probe() {
    const notice = useThrottledSim(selectNotice, whilePlaying);
    seen.push(notice);
    return null;
  }
  const wrapper = ({ children }: { children: ReactNode }) => (
    <SimContext.Provider value={{ store, actions: {} as SimActions }}>{children}</SimContext.Provider>
  );
  render(<Probe />, { wrapper });
  return { store, seen };
}

const wait = (ms: number) => act(() => new Promise<void>((r) => setTimeout(r, ms)));

describe('useThrottledSim', () => {
  it('follows every change at once while not playing', () => {
    playing = false;
    const { store, seen } = setup();
    for (const n of ['a', 'b', 'c']) act(() => store.setState({ notice: n }));
    expect(seen.at(-1)).toBe('c');
    expect(seen).toContain('b');
  });

  it('while playing, takes a burst of changes as one update with the latest state', async () => {
    playing = true;
    const { store, seen } = setup();
    await wait(PANEL_INTERVAL_MS + 20);
    const before = seen.length;
    for (const n of ['a', 'b', 'c', 'd']) act(() => store.setState({ notice: n }));
    // The first change after a quiet spell may show at once; the rest wait for the next tick.
    expect(seen.length - before).toBeLessThanOrEqual(1);
    await wait(PANEL_INTERVAL_MS + 20);
    expect(seen.at(-1)).toBe('d');
    expect(seen.length - before).toBeLessThanOrEqual(2);
    expect(seen).not.toContain('b');
    playing = false;
  });
});
