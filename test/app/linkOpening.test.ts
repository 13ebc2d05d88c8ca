import LZString from 'lz-string';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRunKeeper, hasLinkParam, linkErrorText, OPENING, type PageEnv } from '../../src/app/linkOpening';
import { loadWork, saveWork, WORK_KEY, type StorageLike } from '../../src/app/persistence';
import { bannerAction } from '../../src/features/share';
import { encodeLink, LINK_ERRORS, type Scenario } from '../../src/scenario';
import { Engine } from '../../src/worker/engine';
import { exportScenario, loadScenario } from '../../src/worker/scenarioIO';
import { createHarness } from '../helpers/harness';

// What the app opens at start (a share link, the saved run, or the default opening), what a link
// pasted into an open tab does, and autosave — driven through the real engine and store (harness),
// with the page (hash, storage, events) faked.

afterEach(() => vi.useRealTimers());

function memoryStorage(initial: Record<string, string> = {}): StorageLike & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

function fakeEnv(hash = '', storage: StorageLike | null = memoryStorage()) {
  const listeners = { hashchange: new Set<() => void>(), hidden: new Set<() => void>() };
  const env = {
    current: hash,
    cleared: 0,
    storage,
    hash: () => env.current,
    clearHash: () => {
      env.current = '';
      env.cleared++;
    },
    on: (event: 'hashchange' | 'hidden', fn: () => void) => {
      listeners[event].add(fn);
      return () => listeners[event].delete(fn);
    },
    /** The user pastes a link into the address bar. */
    paste(h: string) {
      env.current = h;
      for (const fn of listeners.hashchange) fn();
    },
    hide: () => { for (const fn of listeners.hidden) fn(); },
  };
  return env satisfies PageEnv;
}

/** A run a user made: a write, some steps, a dropped message, a crashed node, more steps; viewed a bit before the end. */
function madeRun(seed = 5): { scenario: Scenario; position: number; traceHash: string; commands: number } {
  const e = new Engine({ nodes: 5, seed }, () => {});
  e.dispatch({ type: 'write', node: 'B', value: 'hello' });
  for (let i = 0; i < 4; i++) e.step();
  e.dispatch({ type: 'drop', id: e.current.inflight[0]!.id });
  e.dispatch({ type: 'crash', node: 'D' });
  for (let i = 0; i < 12; i++) e.step();
  e.seek(e.commands.length - 3);
  const out = exportScenario(e, 'Made by hand');
  if (!out.ok) throw new Error(out.error);
  return { scenario: out.scenario, position: out.position, traceHash: out.traceHash, commands: e.commands.length };
}

/** A saved run in storage, as autosave writes it. */
function savedRun(seed = 11) {
  const e = new Engine({ nodes: 3, seed }, () => {});
  e.dispatch({ type: 'write', node: 'C', value: 'mine' });
  for (let i = 0; i < 6; i++) e.step();
  const out = exportScenario(e);
  if (!out.ok) throw new Error(out.error);
  const storage = memoryStorage();
  expect(saveWork(storage, { scenario: out.scenario, position: out.position })).toBe(true);
  return { storage, traceHash: out.traceHash, position: out.position, commands: e.commands.map((c) => c.cmd) };
}

const openingWrites = (calls: readonly string[]) => calls.filter((c) => c === 'dispatch:write').length;

describe('opening a share link at start', () => {
  it('opens the link at its position instead of the default opening, says so, saves it and clears the hash', async () => {
    const run = madeRun();
    const h = createHarness();
    const env = fakeEnv(encodeLink(run.scenario, run.position));
    const keeper = createRunKeeper({ store: h.store, actions: h.sim }, env);
    expect(await keeper.start()).toBe('link');
    expect(openingWrites(h.calls)).toBe(0);
    expect(h.engine.viewPosition).toBe(run.position);
    expect(h.engine.commands.length).toBe(run.commands);
    expect(h.engine.traceHash()).toBe(run.traceHash);
    expect(h.store.getState().banner).toEqual({
      tone: 'info', text: `Opened a shared scenario “Made by hand” — step ${run.position} of ${run.commands}.`,
    });
    expect(env.current).toBe('');
    const saved = (await loadWork(env.storage));
    expect(saved?.ok && saved.snap.position).toBe(run.position);
    expect(saved?.ok && saved.snap.scenario.title).toBe('Made by hand');
  });

  it('offers the saved run back after a good link replaced it', async () => {
    const mine = savedRun();
    const run = madeRun();
    const h = createHarness();
    const env = fakeEnv(encodeLink(run.scenario, run.position), mine.storage);
    await createRunKeeper({ store: h.store, actions: h.sim }, env).start();
    const banner = h.store.getState().banner!;
    const back = bannerAction(banner);
    expect(back?.label).toBe('Back to your previous run');
    back!.run();
    await vi.waitFor(() => expect(h.engine.traceHash()).toBe(mine.traceHash));
    expect(h.engine.commands.map((c) => c.cmd)).toEqual(mine.commands);
    await vi.waitFor(() => expect(h.store.getState().banner?.text).toMatch(/^Your previous run is back — step \d+ of \d+\.$/));
  });

  it('opens a link without a position at the end of its run', async () => {
    const run = madeRun();
    const h = createHarness();
    await createRunKeeper({ store: h.store, actions: h.sim }, fakeEnv(encodeLink(run.scenario))).start();
    expect(h.engine.viewPosition).toBe(run.commands);
  });

  it.each([
    ['garbage', '#s=1.garbage', LINK_ERRORS.damaged],
    ['truncated', null, LINK_ERRORS.damaged],
    ['from a newer version', '#s=7.AAAA', LINK_ERRORS.newer],
    ['invalid', `#s=1.${LZString.compressToEncodedURIComponent(JSON.stringify({ nodes: 3, seed: 1, steps: [{ crash: 'Q' }] }))}`, LINK_ERRORS.invalid],
  ])('a bad link (%s): error banner, the saved work is restored, no opening write over it', async (_name, hash, error) => {
    const mine = savedRun();
    const good = encodeLink(madeRun().scenario, 4);
    const h = createHarness();
    const env = fakeEnv(hash ?? good.slice(0, Math.floor(good.length * 0.6)), mine.storage);
    expect(await createRunKeeper({ store: h.store, actions: h.sim }, env).start()).toBe('restored');
    expect(openingWrites(h.calls)).toBe(0);
    expect(h.engine.traceHash()).toBe(mine.traceHash);
    expect(h.engine.commands.map((c) => c.cmd)).toEqual(mine.commands);
    const banner = h.store.getState().banner!;
    expect(banner.tone).toBe('error');
    expect(banner.text.startsWith(error)).toBe(true);
    expect(banner.text).toMatch(/Your previous run is open instead\.$/);
    expect(env.current).toBe('');
    // The saved work is still there (nothing overwrote it).
    const saved = (await loadWork(env.storage));
    expect(saved?.ok && saved.snap.position).toBe(mine.position);
  });

  it('a bad link with no saved work: error banner and the default opening', async () => {
    const h = createHarness();
    const env = fakeEnv('#s=1.garbage');
    expect(await createRunKeeper({ store: h.store, actions: h.sim }, env).start()).toBe('fresh');
    expect(openingWrites(h.calls)).toBe(1);
    expect(h.store.getState().banner).toEqual({ tone: 'error', text: `${linkErrorText(LINK_ERRORS.damaged)} A new run has started.` });
  });

  it('a link that decodes but cannot be replayed: the replay error, and the saved work', async () => {
    const mine = savedRun();
    const h = createHarness();
    const bad: Scenario = { version: 1, protocol: 'basic', nodes: 3, seed: 1, steps: [{ deliver: { type: 'accept' } }] };
    await createRunKeeper({ store: h.store, actions: h.sim }, fakeEnv(encodeLink(bad), mine.storage)).start();
    expect(h.engine.traceHash()).toBe(mine.traceHash);
    expect(h.store.getState().banner?.text).toMatch(/^This link could not be replayed: step 1 cannot be carried out: no in-flight accept .*\. Your previous run is open instead\.$/);
  });

  it('shows a hostile title as plain text in the banner', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const h = createHarness();
    const s: Scenario = { version: 1, protocol: 'basic', nodes: 3, seed: 1, title: evil, steps: [{ write: { node: 'A', value: evil } }] };
    await createRunKeeper({ store: h.store, actions: h.sim }, fakeEnv(encodeLink(s))).start();
    expect(h.store.getState().banner?.text).toBe(`Opened a shared scenario “${evil}” — step 1 of 1.`);
  });

  it('ignores hashes that are not share links', async () => {
    const h = createHarness();
    const env = fakeEnv('#about');
    expect(await createRunKeeper({ store: h.store, actions: h.sim }, env).start()).toBe('fresh');
    expect(env.current).toBe('#about');
    expect(h.store.getState().banner).toBeNull();
    expect(hasLinkParam('#a=1&s=1.x')).toBe(true);
    expect(hasLinkParam('#sx=1')).toBe(false);
  });

  it('keeps a good link in the address bar when the run cannot be saved (no storage), so a reload reopens it', async () => {
    const run = madeRun();
    const h = createHarness();
    const env = fakeEnv(encodeLink(run.scenario, run.position), null);
    expect(await createRunKeeper({ store: h.store, actions: h.sim }, env).start()).toBe('link');
    expect(env.current).not.toBe('');
  });
});

describe('restoring the saved run on a normal start', () => {
  it('restores it, says so, and offers a new run (with the way back)', async () => {
    const mine = savedRun();
    const h = createHarness();
    expect(await createRunKeeper({ store: h.store, actions: h.sim }, fakeEnv('', mine.storage)).start()).toBe('restored');
    expect(openingWrites(h.calls)).toBe(0);
    expect(h.engine.traceHash()).toBe(mine.traceHash);
    const banner = h.store.getState().banner!;
    expect(banner.text).toMatch(/^Welcome back: your previous run is restored — step \d+ of \d+\. It is kept in this browser\.$/);
    bannerAction(banner)!.run();
    await vi.waitFor(() => expect(openingWrites(h.calls)).toBe(1));
    await vi.waitFor(() => expect(h.store.getState().banner?.text).toMatch(/^A new run has started\./));
    expect(h.engine.commands.map((c) => c.cmd)).toEqual([OPENING]);
    bannerAction(h.store.getState().banner!)!.run();
    await vi.waitFor(() => expect(h.engine.traceHash()).toBe(mine.traceHash));
  });

  it('starts the default opening when nothing is saved, and never saves the untouched opening', async () => {
    const h = createHarness();
    const env = fakeEnv();
    const keeper = createRunKeeper({ store: h.store, actions: h.sim }, env);
    expect(await keeper.start()).toBe('fresh');
    expect(h.engine.commands.map((c) => c.cmd)).toEqual([OPENING]);
    expect(await keeper.saveNow()).toBe(false);
    expect((env.storage as ReturnType<typeof memoryStorage>).data.size).toBe(0);
  });

  it.each([
    ['not JSON', '{"paxoscope":1,'],
    ['deeply nested', `${'['.repeat(200_000)}${']'.repeat(200_000)}`],
    ['another format', JSON.stringify({ paxoscope: 99, scenario: {} })],
    ['an invalid scenario', JSON.stringify({ paxoscope: 1, position: 3, scenario: { version: 1, protocol: 'basic', nodes: 30, seed: 1, steps: [] } })],
    ['wrong types', JSON.stringify({ paxoscope: 1, position: 'x', scenario: { version: '1', nodes: [], steps: {} } })],
    ['too large', 'x'.repeat(2_000_001)],
  ])('treats damaged saved work (%s) as untrusted: a plain error and a new run', async (_name, text) => {
    const h = createHarness();
    const env = fakeEnv('', memoryStorage({ [WORK_KEY]: text }));
    expect(await createRunKeeper({ store: h.store, actions: h.sim }, env).start()).toBe('fresh');
    expect(h.engine.commands.map((c) => c.cmd)).toEqual([OPENING]);
    expect(h.store.getState().banner?.text).toMatch(/^Your previous run, saved in this browser, could not be restored: .+\. A new run has started\.$/);
  });

  it('survives storage that throws on every access', async () => {
    const throwing: StorageLike = {
      getItem: () => { throw new Error('SecurityError'); },
      setItem: () => { throw new Error('QuotaExceededError'); },
      removeItem: () => { throw new Error('SecurityError'); },
    };
    const h = createHarness();
    const keeper = createRunKeeper({ store: h.store, actions: h.sim }, fakeEnv('', throwing));
    expect(await keeper.start()).toBe('fresh');
    await h.sim.dispatch({ type: 'crash', node: 'B' });
    expect(await keeper.saveNow()).toBe(false);
  });
});

describe('a link pasted into an open tab (hashchange)', () => {
  async function running() {
    const h = createHarness();
    const env = fakeEnv();
    const keeper = createRunKeeper({ store: h.store, actions: h.sim }, env, { autosaveMs: 5 });
    const detach = keeper.attach();
    await keeper.start();
    // The user's work: on from the opening, a crash.
    h.sim.step();
    h.sim.step();
    await h.sim.dispatch({ type: 'crash', node: 'C' });
    return { h, env, keeper, detach, hash: h.engine.traceHash(), commands: h.engine.commands.map((c) => c.cmd) };
  }

  it.each([
    ['garbage', '#s=1.garbage'], ['empty', '#s=1.'], ['truncated', '#s=1.N4Ig'], ['huge', `#s=1.${'A'.repeat(70_000)}`],
    ['script in a value', `#s=1.${LZString.compressToEncodedURIComponent(JSON.stringify({ nodes: 3, seed: 1, title: 7, steps: [{ write: { node: 'A', value: '<script>alert(1)</script>'.repeat(5) } }] }))}`],
  ])('a bad link (%s) leaves the current run untouched', async (_name, bad) => {
    const { h, env, hash, commands, detach } = await running();
    env.paste(bad);
    await vi.waitFor(() => expect(h.store.getState().banner?.tone).toBe('error'));
    expect(h.store.getState().banner!.text).toMatch(/Your current run is unchanged\.$/);
    expect(h.engine.traceHash()).toBe(hash);
    expect(h.engine.commands.map((c) => c.cmd)).toEqual(commands);
    expect(h.calls).not.toContain('loadScenario');
    expect(env.current).toBe('');
    detach();
  });

  it('a good link replaces the run after saving it; the banner brings it back; the same link pasted again reopens it', async () => {
    const { h, env, hash, commands, detach } = await running();
    const run = madeRun();
    const link = encodeLink(run.scenario, run.position);
    env.paste(link);
    await vi.waitFor(() => expect(h.engine.traceHash()).toBe(run.traceHash));
    await vi.waitFor(() => expect(env.current).toBe(''));
    expect(h.store.getState().banner?.text).toMatch(/^Opened a shared scenario “Made by hand” — step \d+ of \d+\.$/);
    const saved = (await loadWork(env.storage));
    expect(saved?.ok && saved.snap.scenario.title).toBe('Made by hand');

    bannerAction(h.store.getState().banner!)!.run();
    await vi.waitFor(() => expect(h.engine.traceHash()).toBe(hash));
    expect(h.engine.commands.map((c) => c.cmd)).toEqual(commands);

    env.paste(link);
    await vi.waitFor(() => expect(h.engine.traceHash()).toBe(run.traceHash));
    detach();
  });
});

describe('autosave', () => {
  it('saves the run a moment after it changes and when the page is hidden; not while playing', async () => {
    const h = createHarness();
    const env = fakeEnv();
    const storage = env.storage as ReturnType<typeof memoryStorage>;
    const keeper = createRunKeeper({ store: h.store, actions: h.sim }, env, { autosaveMs: 10 });
    const detach = keeper.attach();
    await keeper.start();
    await h.sim.dispatch({ type: 'crash', node: 'B' });
    await vi.waitFor(() => expect(storage.data.has(WORK_KEY)).toBe(true));
    const first = (await loadWork(storage));
    expect(first?.ok && first.snap.scenario.steps).toContainEqual({ crash: 'B' });

    // Playing: frames change, nothing is exported (export would record the clock into the run).
    storage.data.clear();
    h.sim.play();
    h.engine.advanceWall(500);
    await new Promise((r) => setTimeout(r, 40));
    expect(storage.data.has(WORK_KEY)).toBe(false);
    // Hidden: saved at once.
    env.hide();
    await vi.waitFor(() => expect(storage.data.has(WORK_KEY)).toBe(true));
    h.sim.pause();
    detach();
  });

  it('does not save before start() has decided what to open (the saved work is never overwritten by an empty world)', async () => {
    const mine = savedRun();
    const h = createHarness();
    const env = fakeEnv('#s=1.garbage', mine.storage);
    const keeper = createRunKeeper({ store: h.store, actions: h.sim }, env, { autosaveMs: 1 });
    const detach = keeper.attach();
    h.engine.reset({ nodes: 4 }); // frames before start: an empty run
    await new Promise((r) => setTimeout(r, 20));
    const saved = (await loadWork(mine.storage));
    expect(saved?.ok && saved.snap.position).toBe(mine.position);
    await keeper.start();
    expect(h.engine.traceHash()).toBe(mine.traceHash);
    detach();
  });

  it('exports the saved run with the title of the link it came from', async () => {
    const run = madeRun();
    const h = createHarness();
    const env = fakeEnv(encodeLink(run.scenario, run.position));
    const keeper = createRunKeeper({ store: h.store, actions: h.sim }, env, { autosaveMs: 5 });
    const detach = keeper.attach();
    await keeper.start();
    h.sim.step();
    await vi.waitFor(async () => {
      const w = (await loadWork(env.storage));
      expect(w?.ok && w.snap.position).toBe(run.position + 1);
      expect(w?.ok && w.snap.scenario.title).toBe('Made by hand');
    });
    // ...and a fresh engine replays the saved run to the same trace.
    const w = (await loadWork(env.storage))!;
    if (!w.ok) throw new Error(w.error);
    const fresh = new Engine({}, () => {});
    expect(loadScenario(fresh, w.snap.scenario, w.snap.position).ok).toBe(true);
    expect(fresh.traceHash()).toBe(h.engine.traceHash());
    detach();
  });
});
