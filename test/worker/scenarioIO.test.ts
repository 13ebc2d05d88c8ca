import { describe, expect, it } from 'vitest';
import { encodeLink, decodeLink, parseScenario, formatScenario } from '../../src/scenario';
import { Engine } from '../../src/worker/engine';
import { exportScenario, loadScenario } from '../../src/worker/scenarioIO';

// The Share button's round trip: a run made by playing and clicking, exported as a scenario (and a
// link), replayed in a fresh engine, lands on the same moment with the same trace.

function playedRun() {
  const e = new Engine({ nodes: 5, seed: 42 }, () => {});
  e.dispatch({ type: 'write', node: 'A', value: 'X' });
  e.play();
  for (let i = 0; i < 10; i++) e.advanceWall(33);
  const victim = e.current.inflight[0]!;
  e.dispatch({ type: 'drop', id: victim.id });
  for (let i = 0; i < 7; i++) e.advanceWall(33);
  e.dispatch({ type: 'crash', node: 'C' });
  for (let i = 0; i < 40; i++) e.advanceWall(33);
  e.dispatch({ type: 'write', node: 'B', value: 'Y' });
  for (let i = 0; i < 60; i++) e.advanceWall(33);
  e.pause();
  return e;
}

describe('scenario export and load', () => {
  it('records only what happens while playing: no advance per frame', () => {
    const e = playedRun();
    const advances = e.commands.filter((c) => c.cmd.type === 'advance').length;
    // One before each of the three user actions after play started, and one on pause.
    expect(advances).toBeLessThanOrEqual(4);
    expect(e.commands.length).toBeGreaterThan(20);
  });

  it('a user action lands at the moment on the clock, not at the last event', () => {
    const e = new Engine({ nodes: 3, seed: 1 }, () => {});
    e.play();
    e.advanceWall(1000); // 40 ticks of nothing
    e.dispatch({ type: 'write', node: 'A', value: 'X' });
    expect(e.current.time).toBe(40);
  });

  it.each([null, 0, 5, 37])('exports and replays to the same moment and trace hash (position %s)', (pos) => {
    const e = playedRun();
    if (pos !== null) e.seek(pos);
    const out = exportScenario(e);
    if (!out.ok) throw new Error(out.error);
    expect(out.position).toBe(pos ?? e.commands.length);
    // Through the link codec and the file format, as a user would carry it.
    const decoded = decodeLink(encodeLink(out.scenario, out.position));
    if (!decoded.ok) throw new Error(decoded.error);
    const parsed = parseScenario(formatScenario(decoded.scenario));
    if (!parsed.ok) throw new Error(parsed.error);

    const fresh = new Engine({ nodes: 3, seed: 9 }, () => {});
    expect(loadScenario(fresh, parsed.scenario, decoded.position).ok).toBe(true);
    expect(fresh.viewPosition).toBe(out.position);
    expect(fresh.traceHash()).toBe(out.traceHash);
    expect(fresh.current).toEqual(e.current);
    expect(fresh.commands.map((c) => c.cmd)).toEqual(e.commands.map((c) => c.cmd));
  });

  it('a scenario that cannot be replayed leaves the current run alone', () => {
    const e = playedRun();
    const before = e.traceHash();
    const out = exportScenario(e);
    if (!out.ok) throw new Error(out.error);
    const broken = { ...out.scenario, steps: [...out.scenario.steps, { restart: 'A' as const }] };
    const r = loadScenario(e, broken, null);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^step \d+ cannot be carried out: .*A/);
    expect(e.traceHash()).toBe(before);
  });

  it('a position beyond the run shows its end', () => {
    const e = playedRun();
    const out = exportScenario(e);
    if (!out.ok) throw new Error(out.error);
    const fresh = new Engine({}, () => {});
    loadScenario(fresh, out.scenario, 9_999_999);
    expect(fresh.viewPosition).toBe(fresh.commands.length);
  });

  it('a played run makes a short link', () => {
    const out = exportScenario(playedRun());
    if (!out.ok) throw new Error(out.error);
    expect(out.scenario.steps.length).toBeLessThan(20);
    expect(encodeLink(out.scenario, out.position).length).toBeLessThan(400);
  });
});
