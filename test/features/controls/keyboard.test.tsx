// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../src/actions/registry';
import { closeShortcutHelp, ShortcutHelp, useKeyboardShortcuts, usePauseWhenHidden } from '../../../src/features/controls';
import { createHarness } from '../../helpers/harness';

afterEach(() => {
  cleanup();
  closeShortcutHelp();
});

function Shell() {
  useKeyboardShortcuts();
  usePauseWhenHidden();
  return (
    <div>
      <label>Note <input type="text" /></label>
      <button type="button">Some button</button>
      <svg><g role="button" tabIndex={0} aria-label="Node B">B</g></svg>
      <ShortcutHelp />
    </div>
  );
}

function setup() {
  const h = createHarness();
  render(<Shell />, { wrapper: h.wrapper });
  return h;
}

const press = (key: string, init: KeyboardEventInit = {}, target: Element = document.body) =>
  act(() => { fireEvent.keyDown(target, { key, ...init }); });

describe('keyboard shortcuts', () => {
  it('Space toggles play; "." steps', async () => {
    const h = setup();
    press(' ');
    expect(h.calls).toEqual(['togglePlay']);
    expect(h.engine.isPlaying).toBe(true);
    press(' ');
    expect(h.engine.isPlaying).toBe(false);

    await act(async () => { await h.sim.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    const t = h.engine.current.time;
    press('.');
    expect(h.calls).toContain('step');
    expect(h.engine.current.time).toBeGreaterThan(t);
  });

  it('Space still plays when a graph node (SVG role=button) has focus after a click', () => {
    const h = setup();
    press(' ', {}, screen.getByRole('button', { name: 'Node B' }));
    expect(h.calls).toEqual(['togglePlay']);
  });

  it('digits select nodes, "c" crashes the selected node (and restarts it), Escape clears the selection', () => {
    const h = setup();
    press('2');
    expect(h.store.getState().selection).toEqual({ kind: 'node', id: 'B' });
    press('9'); // no node I in a 3-node cluster
    expect(h.store.getState().selection).toEqual({ kind: 'node', id: 'B' });
    press('c');
    expect(h.calls).toContain('dispatch:crash');
    expect(h.engine.current.nodes[1]!.up).toBe(false);
    press('c');
    expect(h.calls).toContain('dispatch:restart');
    expect(h.engine.current.nodes[1]!.up).toBe(true);
    press('Escape');
    expect(h.store.getState().selection).toBeNull();
  });

  it('ignores keys typed in inputs, keys with Ctrl/Meta/Alt, and Space on a focused button', () => {
    const h = setup();
    const input = screen.getByLabelText('Note');
    press('c', {}, input);
    press(' ', {}, input);
    press('2', {}, input);
    press(' ', { ctrlKey: true });
    press('r', { metaKey: true });
    press('n', { altKey: true });
    press(' ', {}, screen.getByRole('button', { name: 'Some button' }));
    expect(h.calls).toEqual([]);
    expect(h.store.getState().selection).toBeNull();
  });

  it('"?" opens the shortcut help listing every registry action; Escape closes it', () => {
    setup();
    expect(screen.queryByRole('dialog')).toBeNull();
    press('?');
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    for (const a of ACTIONS) {
      expect(dialog.textContent).toContain(a.label);
      if (a.shortcut) expect(dialog.textContent).toContain(a.shortcut);
    }
    expect(dialog.textContent).toContain('Selected node');
    expect(dialog.textContent).toContain('Selected message');
    expect(dialog.contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('keeps Tab inside the help dialog and returns focus when it closes', () => {
    setup();
    const opener = screen.getByRole('button', { name: 'Some button' });
    opener.focus();
    press('?', {}, document.body);
    const dialog = screen.getByRole('dialog');
    const close = screen.getByRole('button', { name: /Close/ });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(close, { key: 'Tab', shiftKey: true });
    const list = screen.getByLabelText('Shortcut list');
    expect(document.activeElement).toBe(list);
    fireEvent.keyDown(list, { key: 'Tab' });
    expect(document.activeElement).toBe(close);
    expect(dialog.contains(document.activeElement)).toBe(true);
    fireEvent.click(close);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('pauses when the tab is hidden', () => {
    const h = setup();
    press(' ');
    expect(h.engine.isPlaying).toBe(true);
    const hidden = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState');
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    try {
      act(() => { document.dispatchEvent(new Event('visibilitychange')); });
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
      if (hidden) Object.defineProperty(Document.prototype, 'visibilityState', hidden);
    }
    expect(h.calls).toContain('pause');
    expect(h.engine.isPlaying).toBe(false);
  });
});
