// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClusterGraph } from '../../../src/features/graph';
import { EventLog } from '../../../src/features/log';
import { SpaceTimeDiagram } from '../../../src/features/spacetime';
import { serializeDiagram } from '../../../src/features/spacetime/exportImage';
import { createHarness } from '../../helpers/harness';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function setup(config: Parameters<typeof createHarness>[0] = {}, extra?: 'graph' | 'log') {
  const h = createHarness(config);
  const view = render(
    <>
      <SpaceTimeDiagram />
      {extra === 'graph' && <ClusterGraph />}
      {extra === 'log' && <EventLog />}
    </>,
    { wrapper: h.wrapper },
  );
  const run = (f: () => void) => act(f);
  const svg = () => view.container.querySelector<SVGSVGElement>('svg.st-svg')!;
  const arrows = () => Array.from(svg().querySelectorAll<SVGGElement>('[data-arrow]'));
  const arrow = (id: number) => svg().querySelector<SVGGElement>(`[data-arrow="${id}"]`)!;
  const texts = () => Array.from(svg().querySelectorAll('text')).map((t) => t.textContent);
  return { ...h, view, run, svg, arrows, arrow, texts };
}

/** A run with a bit of everything: a write at A, deliveries, a dropped message, a crash of C, a value chosen. */
function eventfulRun(s: ReturnType<typeof setup>) {
  const { engine, run } = s;
  run(() => { engine.dispatch({ type: 'write', node: 'A', value: 'X' }); });
  run(() => { engine.step(); engine.step(); });
  const victim = engine.current.inflight[0]!;
  run(() => { engine.dispatch({ type: 'drop', id: victim.id }); });
  run(() => { engine.dispatch({ type: 'crash', node: 'C' }); });
  run(() => { for (let i = 0; i < 30 && engine.current.monitor.chosen.length === 0; i++) engine.step(); });
  // A little further: the accept and decide for C arrive at a crashed node.
  run(() => { for (let i = 0; i < 6; i++) engine.step(); });
  return victim;
}

describe('SpaceTimeDiagram', () => {
  it('draws one lane per node and an in-flight arrow per message on the wire', () => {
    const s = setup({ nodes: 5 });
    s.run(() => { s.engine.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    expect(s.texts()).toEqual(expect.arrayContaining(['A', 'B', 'C', 'D', 'E']));
    const inflight = s.engine.current.inflight;
    expect(inflight).toHaveLength(4);
    expect(s.arrows()).toHaveLength(4);
    for (const m of inflight) expect(s.arrow(m.id).getAttribute('data-outcome')).toBe('in-flight');
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(/^Space-time diagram of 5 nodes \(A, B, C, D, E\) up to tick 0; 4 messages: 0 delivered, 0 lost, 4 in flight; nothing chosen yet\.$/);
    // The present is marked.
    expect(s.texts()).toContain('now t=0');
  });

  it('shows deliveries, a × for the dropped message, the crash and the chosen moment', () => {
    const s = setup();
    const victim = eventfulRun(s);
    expect(s.engine.current.monitor.chosen).toHaveLength(1);
    const dropped = s.arrow(victim.id);
    expect(dropped.getAttribute('data-outcome')).toBe('dropped');
    expect(dropped.querySelector('.st-cross')).not.toBeNull();
    const outcomes = s.arrows().map((a) => a.getAttribute('data-outcome'));
    expect(outcomes).toContain('delivered');
    // Messages to crashed C are lost on arrival: also a ×.
    expect(outcomes).toContain('lost-crash');
    for (const g of s.arrows().filter((a) => a.getAttribute('data-outcome') === 'lost-crash')) expect(g.querySelector('.st-cross')).not.toBeNull();
    const texts = s.texts();
    expect(texts).toContain('crash');
    expect(texts).toContain('C is down');
    expect(texts.some((t) => /^★ "X" chosen \(1\.A\)$/.test(t ?? ''))).toBe(true);
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(/1 crash; "X" chosen at ballot 1\.A, tick \d+\.$/);
  });

  it('hovering an arrow sets the shared hover, highlights it and shows what it is', () => {
    const s = setup();
    s.run(() => { s.engine.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    const m = s.engine.current.inflight[0]!;
    fireEvent.pointerOver(s.arrow(m.id).querySelector('.st-hit')!);
    expect(s.store.getState().hover).toBe(m.id);
    expect(s.arrow(m.id).getAttribute('class')).toContain('is-hot');
    expect(s.svg().getAttribute('class')).toContain('has-hot');
    expect(screen.getByRole('status').textContent).toBe(`prepare 1.A  A→${m.to}  sent t=0, in flight, due t=${m.deliverAt}`);
    fireEvent.pointerOut(s.arrow(m.id).querySelector('.st-hit')!, { relatedTarget: s.svg() });
    expect(s.store.getState().hover).toBeNull();
    expect(s.arrow(m.id).getAttribute('class')).not.toContain('is-hot');
  });

  it('highlights the arrow of a message hovered or selected elsewhere', () => {
    const s = setup();
    s.run(() => { s.engine.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    const [a, b] = s.engine.current.inflight;
    s.run(() => { s.store.setState({ hover: a!.id }); });
    expect(s.arrow(a!.id).getAttribute('class')).toContain('is-hot');
    s.run(() => { s.store.setState({ hover: null, selection: { kind: 'message', id: b!.id } }); });
    expect(s.arrow(a!.id).getAttribute('class')).not.toContain('is-hot');
    expect(s.arrow(b!.id).getAttribute('class')).toContain('is-hot');
  });

  it('clicking a delivered arrow travels back to when it was on the wire and selects it', () => {
    const s = setup();
    s.run(() => { s.engine.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    const m = s.engine.current.inflight[0]!;
    s.run(() => { for (let i = 0; i < 12; i++) s.engine.step(); });
    expect(s.arrow(m.id).getAttribute('data-outcome')).toBe('delivered');
    const deliveredAt = s.store.getState().log.find((e) => e.event.type === 'deliver' && e.event.msg.id === m.id)!.event.time;
    fireEvent.click(s.arrow(m.id).querySelector('.st-hit')!);
    const t = Math.floor((m.sentAt + deliveredAt) / 2);
    expect(s.calls).toContain(`seekToTime:${t}`);
    expect(s.store.getState().frame!.world.inflight.some((x) => x.id === m.id)).toBe(true);
    expect(s.store.getState().selection).toEqual({ kind: 'message', id: m.id });
    expect(s.arrow(m.id).getAttribute('data-outcome')).toBe('in-flight');
  });

  it('clicking an in-flight arrow selects it without moving in time', () => {
    const s = setup();
    s.run(() => { s.engine.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    const m = s.engine.current.inflight[1]!;
    fireEvent.click(s.arrow(m.id).querySelector('.st-hit')!);
    expect(s.calls.some((c) => c.startsWith('seek'))).toBe(false);
    expect(s.store.getState().selection).toEqual({ kind: 'message', id: m.id });
  });

  it('shows the whole run, or the last 200 ticks', () => {
    const s = setup();
    s.run(() => { s.engine.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    const recent = screen.getByRole('button', { name: 'Last 200 ticks' });
    const all = screen.getByRole('button', { name: 'Whole run' });
    // The whole run (at least 120 ticks) by default; the recent window shows 200 ticks.
    expect(all.getAttribute('aria-pressed')).toBe('true');
    expect(s.texts()).toContain('120');
    expect(s.texts()).not.toContain('200');
    fireEvent.click(recent);
    expect(recent.getAttribute('aria-pressed')).toBe('true');
    expect(all.getAttribute('aria-pressed')).toBe('false');
    expect(s.texts()).toContain('200');
  });
});

describe('hover is shared with the graph and the log', () => {
  it('the graph pill of the hovered message is highlighted, and hovering a pill sets the hover', () => {
    const s = setup({}, 'graph');
    s.run(() => { s.engine.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    const [a, b] = s.engine.current.inflight;
    fireEvent.pointerOver(s.arrow(a!.id).querySelector('.st-hit')!);
    const pill = (id: number) => s.view.container.querySelector(`.pg-messages [data-message="${id}"]`)!;
    expect(pill(a!.id).getAttribute('class')).toContain('is-hovered');
    expect(pill(b!.id).getAttribute('class')).not.toContain('is-hovered');
    // And the other way round: the pointer on a pill highlights its arrow.
    const pillControl = screen.getByRole('button', { name: `prepare 1.A, from A to ${b!.to}` });
    fireEvent.pointerEnter(pillControl);
    expect(s.store.getState().hover).toBe(b!.id);
    expect(s.arrow(b!.id).getAttribute('class')).toContain('is-hot');
    fireEvent.pointerLeave(pillControl);
    expect(s.store.getState().hover).toBeNull();
  });

  it('the log lines about the hovered message are highlighted, and hovering a line sets the hover', () => {
    const s = setup({}, 'log');
    s.run(() => { s.engine.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    const m = s.engine.current.inflight[0]!;
    s.run(() => { s.store.setState({ hover: m.id }); });
    const hovered = Array.from(s.view.container.querySelectorAll('.log-hovered')).map((li) => li.textContent);
    expect(hovered).toHaveLength(1);
    expect(hovered[0]).toContain(`A → ${m.to}  prepare 1.A`);
    s.run(() => { s.store.setState({ hover: null }); });
    const other = s.engine.current.inflight[1]!;
    const line = Array.from(s.view.container.querySelectorAll<HTMLLIElement>('.log-row')).find((li) => li.textContent?.includes(`A → ${other.to}  prepare`))!;
    fireEvent.pointerEnter(line);
    expect(s.store.getState().hover).toBe(other.id);
    fireEvent.pointerLeave(line);
    expect(s.store.getState().hover).toBeNull();
  });
});

describe('export', () => {
  it('serialises a standalone, well-formed SVG with the lanes and one shape per arrow', () => {
    const s = setup();
    eventfulRun(s);
    // Hover state must not leak into the file.
    s.run(() => { s.store.setState({ hover: s.engine.current.inflight[0]?.id ?? null }); });
    const text = serializeDiagram(s.svg());
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    const root = doc.documentElement;
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(root.hasAttribute('aria-describedby')).toBe(false);
    expect(Number(root.getAttribute('width'))).toBeGreaterThan(0);
    const exported = Array.from(root.querySelectorAll('[data-arrow]'));
    expect(exported).toHaveLength(s.arrows().length);
    // One visible line per arrow, with its colour as an attribute (no stylesheet needed).
    for (const g of exported) {
      const paths = g.querySelectorAll('path[stroke]');
      expect(paths.length).toBeGreaterThanOrEqual(1);
      expect(paths[0]!.getAttribute('stroke')).toMatch(/^#[0-9a-f]{6}$/);
    }
    expect(root.querySelectorAll('[data-export="skip"]')).toHaveLength(0);
    expect(root.querySelectorAll('[class]')).toHaveLength(0);
    const labels = Array.from(root.querySelectorAll('text')).map((t) => t.textContent);
    expect(labels).toEqual(expect.arrayContaining(['A', 'B', 'C', 'crash']));
  });

  it('"Export SVG" downloads paxoscope-spacetime.svg', async () => {
    const s = setup();
    s.run(() => { s.engine.dispatch({ type: 'write', node: 'A', value: 'X' }); });
    const blobs: Blob[] = [];
    Object.assign(URL, {
      createObjectURL: vi.fn((b: Blob) => { blobs.push(b); return 'blob:test'; }),
      revokeObjectURL: vi.fn(),
    });
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { names.push(this.download); });
    fireEvent.click(screen.getByRole('button', { name: 'Export SVG' }));
    expect(names).toEqual(['paxoscope-spacetime.svg']);
    expect(blobs[0]!.type).toBe('image/svg+xml;charset=utf-8');
    expect(await blobs[0]!.text()).toContain('<svg');
  });
});

describe('SpaceTimeDiagram off screen', () => {
  it('keeps what it showed while scrolled out of view, and catches up when back', () => {
    let report: ((visible: boolean) => void) | null = null;
    class FakeObserver {
      constructor(private readonly cb: (entries: { isIntersecting: boolean }[]) => void) {}
      observe() { report = (visible) => this.cb([{ isIntersecting: visible }]); }
      disconnect() { report = null; }
    }
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    try {
      const s = setup();
      s.run(() => { s.engine.dispatch({ type: 'write', node: 'A', value: 'X' }); });
      const before = s.arrows().length;
      expect(before).toBeGreaterThan(0);
      act(() => report!(false));
      s.run(() => { while (s.engine.step()) { /* to quiet */ } });
      expect(s.arrows()).toHaveLength(before);
      act(() => report!(true));
      expect(s.arrows().length).toBeGreaterThan(before);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
