// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSeed, Toolbar } from '../../../src/features/controls';
import { createHarness } from '../../helpers/harness';

afterEach(cleanup);

function setup(config = {}) {
  const h = createHarness(config);
  render(<Toolbar />, { wrapper: h.wrapper });
  return h;
}

const button = (name: string | RegExp) => screen.getByRole('button', { name });
const describedBy = (el: HTMLElement) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '';

describe('Toolbar', () => {
  it('disables Step and Next phase when nothing is pending, and enables them once a message is on the wire', async () => {
    const h = setup();
    expect(button('Step')).toHaveProperty('disabled', true);
    expect(button('Next phase')).toHaveProperty('disabled', true);
    expect(button('Play')).toHaveProperty('disabled', false);
    await act(async () => { await h.sim.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    expect(button('Step')).toHaveProperty('disabled', false);
    const before = h.engine.current.time;
    fireEvent.click(button('Step'));
    expect(h.calls).toContain('step');
    expect(h.engine.current.time).toBeGreaterThan(before);
    fireEvent.click(button('Next phase'));
    expect(h.calls).toContain('stepPhase');
  });

  it('play toggles to pause with the right label, and every button has a tooltip with description and shortcut', () => {
    const h = setup();
    const play = button('Play');
    expect(describedBy(play)).toContain('Run the simulation in real time');
    expect(describedBy(play)).toContain('Space');
    fireEvent.click(play);
    expect(h.calls).toContain('togglePlay');
    expect(h.engine.isPlaying).toBe(true);
    expect(button('Pause')).toBeTruthy();
    fireEvent.click(button('Pause'));
    expect(h.engine.isPlaying).toBe(false);
    for (const b of screen.getAllByRole('button')) {
      expect(b.textContent!.trim().length + (b.getAttribute('aria-label') ?? '').length, b.outerHTML).toBeGreaterThan(0);
      expect(describedBy(b).length, b.outerHTML).toBeGreaterThan(0);
    }
  });

  it('resets with the chosen node count', () => {
    const h = setup();
    fireEvent.change(screen.getByLabelText('Nodes'), { target: { value: '5' } });
    expect(h.calls).toContain('reset');
    expect(h.engine.current.config.nodes).toBe(5);
    expect((screen.getByLabelText('Nodes') as HTMLSelectElement).value).toBe('5');
  });

  it('resets with a typed seed, and shows an inline error (no reset) for an invalid one', () => {
    const h = setup({ seed: 7 });
    const seed = screen.getByLabelText('Seed') as HTMLInputElement;
    expect(seed.value).toBe('7');
    fireEvent.change(seed, { target: { value: 'abc' } });
    fireEvent.submit(seed.closest('form')!);
    expect(screen.getByRole('alert').textContent).toMatch(/whole number/);
    expect(seed.getAttribute('aria-invalid')).toBe('true');
    expect(h.calls).not.toContain('reset');

    fireEvent.change(seed, { target: { value: '4294967296' } });
    fireEvent.click(button('Use seed'));
    expect(screen.getByRole('alert').textContent).toMatch(/too large/);
    expect(h.calls).not.toContain('reset');

    fireEvent.change(seed, { target: { value: ' 4294967295 ' } });
    fireEvent.click(button('Use seed'));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(h.calls).toContain('reset');
    expect(h.engine.current.config.seed).toBe(4294967295);
    expect(seed.value).toBe('4294967295');
  });

  it('New seed and Restart run their registry actions; the seed field follows the new seed', () => {
    const h = setup({ seed: 3 });
    fireEvent.click(button('New seed'));
    const seed = h.engine.current.config.seed;
    expect(seed).not.toBe(3);
    expect((screen.getByLabelText('Seed') as HTMLInputElement).value).toBe(String(seed));
    fireEvent.click(button('Restart run'));
    expect(h.calls.filter((c) => c === 'reset')).toHaveLength(2);
    expect(h.engine.current.config.seed).toBe(seed);
  });

  it('switches to manual mode (explained), where Play is disabled', () => {
    const h = setup();
    const group = screen.getByRole('group', { name: 'Network mode' });
    expect(within(group).getByRole('button', { name: /Auto/ }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(within(group).getByRole('button', { name: /Manual/ }));
    expect(h.engine.current.config.mode).toBe('manual');
    expect(within(group).getByRole('button', { name: /Manual/ }).getAttribute('aria-pressed')).toBe('true');
    expect(group.textContent).toMatch(/messages wait for you/);
    expect(button('Play')).toHaveProperty('disabled', true);
  });

  it('changes speed through the select and the slower/faster buttons', () => {
    const h = setup();
    fireEvent.change(screen.getByLabelText('Speed'), { target: { value: '4' } });
    expect(h.calls).toContain('setSpeed:4');
    fireEvent.click(button('Faster'));
    expect(h.calls).toContain('setSpeed:10');
    expect(button('Faster')).toHaveProperty('disabled', true);
    fireEvent.click(button('Slower'));
    expect(h.calls).toContain('setSpeed:4');
  });

  it('shows Heal only while the network is partitioned', async () => {
    const h = setup();
    expect(screen.queryByRole('button', { name: 'Heal network' })).toBeNull();
    await act(async () => { await h.sim.dispatch({ type: 'partition', groups: [['A']] }); });
    fireEvent.click(button('Heal network'));
    expect(h.calls).toContain('dispatch:heal');
    expect(screen.queryByRole('button', { name: 'Heal network' })).toBeNull();
  });
});

describe('parseSeed', () => {
  it('accepts 0…2^32−1 and explains anything else', () => {
    expect(parseSeed('0')).toEqual({ ok: true, seed: 0 });
    expect(parseSeed('4294967295')).toEqual({ ok: true, seed: 4294967295 });
    for (const bad of ['', '-1', '1.5', '1e3', '4294967296', '99999999999999999999', 'x']) expect(parseSeed(bad).ok, bad).toBe(false);
  });
});
