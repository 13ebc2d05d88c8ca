// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RunBanner, ShareMenu } from '../../../src/features/share';
import { decodeLink, formatScenario, parseScenario, type Scenario } from '../../../src/scenario';
import { Engine } from '../../../src/worker/engine';
import { loadScenario } from '../../../src/worker/scenarioIO';
import { createHarness } from '../../helpers/harness';

// Share, Export and Import against the real engine (harness): the link decodes to the run on
// screen, copying falls back to a selected field, files are validated, and nothing from a link
// or a file is ever rendered as HTML.

const PAGE = 'http://paxoscope.test/app/?lang=en';

function setClipboard(writeText: ((text: string) => Promise<void>) | undefined) {
  Object.defineProperty(navigator, 'clipboard', { value: writeText ? { writeText } : undefined, configurable: true });
}

beforeEach(() => {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${PAGE}#old-hash`);
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  setClipboard(undefined);
});

/** A run with a write, a dropped message, a crashed node, a few steps — viewed one step before its end. */
async function setup() {
  const h = createHarness({ nodes: 5, seed: 3 });
  render(<><ShareMenu /><RunBanner /></>, { wrapper: h.wrapper });
  await act(async () => {
    await h.sim.dispatch({ type: 'write', node: 'A', value: 'X' });
    h.sim.step();
    await h.sim.dispatch({ type: 'drop', id: h.engine.current.inflight[0]!.id });
    await h.sim.dispatch({ type: 'crash', node: 'C' });
    for (let i = 0; i < 5; i++) h.sim.step();
    h.sim.seek(h.engine.commands.length - 1);
  });
  return h;
}

const button = (name: string) => screen.getByRole('button', { name });
const fileInput = () => screen.getByLabelText('Scenario file to import') as HTMLInputElement;
const pick = (file: File) => fireEvent.change(fileInput(), { target: { files: [file] } });
const history = (h: ReturnType<typeof createHarness>) => h.engine.commands.map((c) => c.cmd);

describe('Share', () => {
  it('copies a link that replays the run on screen, at the same moment, with the same fingerprint', async () => {
    const writeText = vi.fn(async (_text: string) => {});
    setClipboard(writeText);
    const h = await setup();
    fireEvent.click(button('Share'));
    const dialog = await screen.findByRole('dialog', { name: 'Share this run' });
    await within(dialog).findByText(/Link copied/);
    const url = writeText.mock.calls[0]![0];
    expect((within(dialog).getByRole('textbox', { name: 'Link to this run' }) as HTMLInputElement).value).toBe(url);
    // Same page (path and query), the hash replaced by the link.
    expect(url.startsWith(`${PAGE}#s=1.`)).toBe(true);
    const decoded = decodeLink(new URL(url).hash);
    if (!decoded.ok) throw new Error(decoded.error);
    const position = h.engine.commands.length - 1;
    expect(decoded.position).toBe(position);

    const fresh = new Engine({}, () => {});
    expect(loadScenario(fresh, decoded.scenario, decoded.position).ok).toBe(true);
    expect(fresh.traceHash()).toBe(h.engine.traceHash());
    expect(fresh.current).toEqual(h.engine.current);

    expect(dialog.textContent).toContain(`${url.length} characters`);
    expect(dialog.textContent).toContain(`Opens at step ${position} of ${h.engine.commands.length}`);
    expect(dialog.textContent).toContain(`Run fingerprint ${h.engine.traceHash()}`);
    expect(url.length).toBeLessThan(600);
  });

  it('falls back to a selected, read-only field when the clipboard refuses', async () => {
    setClipboard(vi.fn(async () => { throw new DOMException('denied', 'NotAllowedError'); }));
    await setup();
    fireEvent.click(button('Share'));
    const dialog = await screen.findByRole('dialog', { name: 'Share this run' });
    await within(dialog).findByText(/did not let Paxoscope copy it/);
    const field = within(dialog).getByRole('textbox', { name: 'Link to this run' }) as HTMLInputElement;
    expect(field.readOnly).toBe(true);
    expect(field.value).toMatch(/#s=1\./);
    expect(document.activeElement).toBe(field);
  });

  it('works without any clipboard API, and Escape closes the popover', async () => {
    await setup();
    fireEvent.click(button('Share'));
    const dialog = await screen.findByRole('dialog', { name: 'Share this run' });
    await within(dialog).findByText(/did not let Paxoscope copy it/);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button('Share'));
  });

  it('keeps the title of a scenario opened from a file when sharing it again', async () => {
    const writeText = vi.fn(async (_text: string) => {});
    setClipboard(writeText);
    await setup();
    const s: Scenario = { version: 1, protocol: 'basic', nodes: 3, seed: 2, title: 'Lesson 3', steps: [{ write: { node: 'B', value: 'Z' } }, { run: { ticks: 30 } }] };
    await act(async () => { pick(new File([formatScenario(s)], 'lesson.json', { type: 'application/json' })); });
    await screen.findByText(/Opened “Lesson 3” from the file “lesson\.json”/);
    fireEvent.click(button('Share'));
    await screen.findByText(/Link copied/);
    const decoded = decodeLink(new URL(writeText.mock.calls[0]![0]).hash);
    expect(decoded.ok && decoded.scenario.title).toBe('Lesson 3');
  });
});

describe('Export', () => {
  it('downloads the run as paxoscope-scenario.json, in the scenario file format', async () => {
    const h = await setup();
    let blob: Blob | null = null;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blob = b as Blob;
      return 'blob:paxoscope-test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { clicked.push(this); });
    await act(async () => { fireEvent.click(button('Export')); });
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]!.download).toBe('paxoscope-scenario.json');
    expect(clicked[0]!.href).toBe('blob:paxoscope-test');
    const parsed = parseScenario(await blob!.text());
    if (!parsed.ok) throw new Error(parsed.error);
    const fresh = new Engine({}, () => {});
    expect(loadScenario(fresh, parsed.scenario, null).ok).toBe(true);
    expect(fresh.commands.map((c) => c.cmd)).toEqual(history(h));
  });
});

describe('Import', () => {
  it.each([
    ['not JSON', '{ "version": 1, ', /not a valid Paxoscope scenario: not valid JSON/],
    ['a bad step', JSON.stringify({ version: 1, protocol: 'basic', nodes: 3, seed: 1, steps: [{ write: { node: 'A' } }] }), /step 0 \(write\): value/],
    ['a newer version', JSON.stringify({ version: 2, protocol: 'basic', nodes: 3, seed: 1, steps: [] }), /newer Paxoscope/],
    ['a step that cannot be carried out', JSON.stringify({ version: 1, protocol: 'basic', nodes: 3, seed: 1, steps: [{ drop: { type: 'accept' } }] }), /could not be replayed: step 1 cannot be carried out/],
  ])('a bad file (%s) shows an error naming the problem and keeps the run', async (_name, text, message) => {
    const h = await setup();
    const before = history(h);
    const hash = h.engine.traceHash();
    await act(async () => { pick(new File([text], 'bad.json')); });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(message);
    expect(alert.textContent).toMatch(/Your current run is unchanged\./);
    expect(history(h)).toEqual(before);
    expect(h.engine.traceHash()).toBe(hash);
  });

  it('refuses a file over 1 MB without reading it', async () => {
    const h = await setup();
    const before = history(h);
    const big = new File(['x'.repeat(1024 * 1024 + 1)], 'huge.json');
    const text = vi.spyOn(big, 'text');
    await act(async () => { pick(big); });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/“huge\.json” is too large to be a Paxoscope scenario \(1\.0 MB; a scenario file is at most 1 MB\)/);
    expect(text).not.toHaveBeenCalled();
    expect(history(h)).toEqual(before);
  });

  it('opens a good file, says so, and offers the previous run back', async () => {
    const h = await setup();
    const before = history(h);
    const hash = h.engine.traceHash();
    const s: Scenario = { version: 1, protocol: 'basic', nodes: 3, seed: 7, steps: [{ write: { node: 'A', value: 'X' } }, { run: { until: 'quiet' } }] };
    await act(async () => { pick(new File([formatScenario(s)], 'happy.json')); });
    const status = await screen.findByText(/^Opened the scenario from the file “happy\.json” — step \d+ of \d+\.$/);
    expect(status.closest('[role="status"]')).not.toBeNull();
    expect(h.engine.current.config.nodes).toBe(3);
    expect(h.engine.current.nodes.every((n) => n.learned?.value === 'X')).toBe(true);

    fireEvent.click(button('Back to your previous run'));
    await waitFor(() => expect(h.engine.traceHash()).toBe(hash));
    expect(history(h)).toEqual(before);
    await screen.findByText(/^Your previous run is back/);
    fireEvent.click(screen.getByRole('button', { name: 'Close this message' }));
    expect(h.store.getState().banner).toBeNull();
  });

  it('shows a hostile title and file name as text, never as HTML', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    await setup();
    const s: Scenario = { version: 1, protocol: 'basic', nodes: 3, seed: 1, title: evil, steps: [{ write: { node: 'A', value: evil } }] };
    await act(async () => { pick(new File([formatScenario(s)], '<b>x</b>.json')); });
    const status = await screen.findByText(/^Opened “<img src=x onerror=alert\(1\)>” from the file “<b>x<\/b>\.json”/);
    expect(status.textContent).toContain(evil);
    expect(document.querySelector('img, b')).toBeNull();
  });
});
