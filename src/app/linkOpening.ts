import { DEFAULT_CONFIG, type Command } from '../core';
import type { Scenario } from '../scenario';
import { loadScenarioCodec } from '../scenario/lazy';
import { LINK_ERRORS } from '../scenario/limits';
import {
  backAction, bannerWithAction, getRunMeta, openRun, quotedTitle, setRunMeta, withRunMeta, type BannerAction, type RunSnapshot,
} from '../features/share';
import type { SimBinding } from '../store/react';
import type { Banner } from '../store/simStore';
import { browserStorage, loadWork, saveWork, type StorageLike } from './persistence';

// What the app opens, and keeping the user's work (docs/scenario-format.md, "Share links"):
//
// - At start: a share link in the hash (`#s=…`) opens that scenario *instead of* the default
//   opening move. Without a link (or when the link is bad), the run saved in this browser is
//   restored; without one, the default opening starts.
// - A link pasted into the address bar of an open tab (hashchange) replaces the run — after saving
//   it, and with "Back to your previous run" in the banner. A bad link changes nothing but the banner.
// - After a link is handled the hash is removed (history.replaceState): the address bar is clean, a
//   reload shows the saved run (which, after a good link, is that link's run), and pasting the same
//   link again is a hashchange that opens it again. Only when the run cannot be saved (no storage)
//   does a good link stay in the address bar, so that a reload still opens it.
// - Autosave: the run is saved (as a scenario with its view position) 2 s after it changes, when
//   it is paused, and at once when the tab is hidden or closed. The untouched default opening is
//   never saved, so starting fresh never overwrites saved work.

/** The default opening move: a client asks A to write "X", so the first thing to do is press Play or Step. */
export const OPENING: Command = { type: 'write', node: 'A', value: 'X' };
export const AUTOSAVE_DELAY_MS = 2_000;

/** The page around the app, injectable for tests. */
export interface PageEnv {
  /** location.hash */
  hash(): string;
  /** Remove the hash from the address bar without a navigation (history.replaceState). */
  clearHash(): void;
  readonly storage: StorageLike | null;
  /** Subscribe to hashchange / the page being hidden (visibilitychange → hidden, pagehide); returns the unsubscribe. */
  on(event: 'hashchange' | 'hidden', listener: () => void): () => void;
}

export function browserEnv(): PageEnv {
  return {
    hash: () => window.location.hash,
    clearHash() {
      try {
        const { pathname, search } = window.location;
        window.history.replaceState(window.history.state, '', `${pathname}${search}`);
      } catch {
        // a sandboxed frame may refuse: the hash stays, nothing else changes
      }
    },
    storage: browserStorage(),
    on(event, listener) {
      if (event === 'hashchange') {
        window.addEventListener('hashchange', listener);
        return () => window.removeEventListener('hashchange', listener);
      }
      const onVisibility = () => {
        if (document.visibilityState === 'hidden') listener();
      };
      document.addEventListener('visibilitychange', onVisibility);
      window.addEventListener('pagehide', listener);
      return () => {
        document.removeEventListener('visibilitychange', onVisibility);
        window.removeEventListener('pagehide', listener);
      };
    },
  };
}

/** True when the hash carries a share-link parameter (`s=`); other hashes are none of our business. */
export function hasLinkParam(hash: string): boolean {
  return (hash.startsWith('#') ? hash.slice(1) : hash).split('&').some((p) => p.startsWith('s='));
}

/** decodeLink's sentence plus what the user can do about it. */
export function linkErrorText(error: string): string {
  if (error === LINK_ERRORS.damaged) return `${error} Ask for the link again, and copy all of it.`;
  if (error === LINK_ERRORS.tooLarge) return `${error} Ask for the scenario as a file instead (Export, then Import).`;
  if (error.startsWith(LINK_ERRORS.invalid)) return `${error} It may have been edited by hand.`;
  return error;
}

/** The scenario the untouched default opening exports as: never worth saving over the user's work. */
let openingJson: string | null = null;
async function isOpening(s: Scenario): Promise<boolean> {
  if (openingJson === null) {
    const { scenarioFromCommands } = await loadScenarioCodec();
    openingJson = JSON.stringify(scenarioFromCommands(DEFAULT_CONFIG, [OPENING], { title: 'Paxoscope run' }));
  }
  return JSON.stringify(s) === openingJson;
}

export interface RunKeeperOptions {
  readonly autosaveMs?: number;
  /** Start the default opening on a freshly reset engine. */
  readonly opening?: () => Promise<unknown>;
}

export type StartOutcome = 'link' | 'restored' | 'fresh' | 'stale' | 'lesson';

export interface RunKeeper {
  /**
   * Open what the page should show on a freshly reset engine: the link in the hash (when `link`),
   * else the saved run, else the default opening. Autosave is off until it is done. `alive()` false
   * (the worker was replaced meanwhile) abandons the rest.
   */
  start(options?: { link?: boolean; alive?: () => boolean; instead?: () => Promise<boolean> }): Promise<StartOutcome>;
  /** A share link pasted into the open tab. */
  hashChanged(): Promise<void>;
  /** Save the run now (false: nothing saved — no storage, the untouched opening, or an export error). */
  saveNow(): Promise<boolean>;
  /** Listen to the store, hashchange and the page being hidden; returns the detach. */
  attach(): () => void;
  /** Stop autosaving until the next start() (the worker is being replaced). */
  suspend(): void;
}

export function createRunKeeper(binding: SimBinding, env: PageEnv, options: RunKeeperOptions = {}): RunKeeper {
  const { store, actions } = binding;
  const delay = options.autosaveMs ?? AUTOSAVE_DELAY_MS;
  const opening = options.opening ?? (() => actions.dispatch(OPENING));
  let enabled = false;
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** Saves run one at a time, in order. */
  let saving: Promise<boolean> = Promise.resolve(false);

  const current = async (): Promise<{ snap: RunSnapshot; opening: boolean } | null> => {
    const r = await actions.exportScenario();
    if (!r.ok) return null;
    return { snap: { scenario: withRunMeta(r.scenario, getRunMeta(store)), position: r.position }, opening: await isOpening(r.scenario) };
  };

  const saveNow = (): Promise<boolean> => {
    dirty = false;
    saving = saving.then(async () => {
      if (!env.storage) return false;
      const run = await current();
      if (!run || run.opening) return false;
      return saveWork(env.storage, run.snap);
    });
    return saving;
  };

  const flush = () => {
    timer = null;
    if (!enabled || !dirty) return;
    // While playing, frames come 30 a second and exporting would record the clock into the history:
    // save when the run pauses (the next paused frame schedules it) or the page is hidden.
    if (store.getState().frame?.playing) return;
    void saveNow();
  };

  const schedule = () => {
    dirty = true;
    if (timer === null) timer = setTimeout(flush, delay);
  };

  const show = (banner: Banner, action: BannerAction | null = null) => actions.showBanner(bannerWithAction(banner, action));

  /** "Start a new run": the default opening, with the way back to the run it replaces. */
  const startOver = (previous: RunSnapshot): BannerAction => ({
    label: 'Start a new run',
    run: () => void (async () => {
      actions.reset(DEFAULT_CONFIG);
      setRunMeta(store, null);
      await opening();
      show({ tone: 'info', text: 'A new run has started. Your previous run stays saved in this browser until you change this one.' },
        backAction(binding, previous));
    })(),
  });

  const openLink = (scenario: Scenario, position: number | null, previous: RunSnapshot | null) => {
    const title = quotedTitle(scenario);
    return openRun(binding, { scenario, position }, {
      source: 'This link',
      banner: (where) => `Opened a shared scenario${title}${where ? ` — ${where}` : ''}.`,
      action: backAction(binding, previous),
    });
  };

  const keeper: RunKeeper = {
    saveNow,
    suspend() {
      enabled = false;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },

    async start({ link = true, alive = () => true, instead } = {}) {
      enabled = false;
      const hash = link ? env.hash() : '';
      /** The banner about a bad link, finished once we know what opened instead. */
      let linkProblem: string | null = null;
      if (hasLinkParam(hash)) {
        const { decodeLink } = await loadScenarioCodec();
        const decoded = decodeLink(hash);
        if (decoded.ok) {
          const saved = await loadWork(env.storage);
          const opened = await openLink(decoded.scenario, decoded.position, saved?.ok ? saved.snap : null);
          if (!alive()) return 'stale';
          if (opened) {
            // Save the link's run now: from here on a reload shows it (and the hash can go).
            if (await saveNow()) env.clearHash();
            enabled = true;
            return 'link';
          }
          // The link decoded but could not be replayed: loadScenario's banner says why.
          linkProblem = store.getState().banner?.text.replace(/ Your current run is unchanged\.$/, '') ?? 'This link could not be replayed.';
        } else {
          linkProblem = linkErrorText(decoded.error);
        }
        env.clearHash();
      }

      // A lesson in the address bar (`?lesson=N&step=K`) opens instead of the saved run or the opening.
      if (instead && await instead()) {
        if (!alive()) return 'stale';
        if (linkProblem) show({ tone: 'error', text: `${linkProblem} The lesson is open instead.` });
        enabled = true;
        return 'lesson';
      }
      const saved = await loadWork(env.storage);
      let outcome: StartOutcome = 'fresh';
      if (saved?.ok) {
        const restored = await openRun(binding, saved.snap, {
          source: 'Your saved run',
          banner: linkProblem ? null : (where) => `Welcome back: your previous run is restored${where ? ` — ${where}` : ''}. It is kept in this browser.`,
          action: startOver(saved.snap),
        });
        if (!alive()) return 'stale';
        if (restored) outcome = 'restored';
      }
      if (outcome === 'fresh') {
        setRunMeta(store, null);
        await opening();
        if (!alive()) return 'stale';
      }
      if (linkProblem) {
        show({ tone: 'error', text: `${linkProblem} ${outcome === 'restored' ? 'Your previous run is open instead.' : 'A new run has started.'}` });
      } else if (saved && outcome === 'fresh') {
        show({ tone: 'error', text: `Your previous run, saved in this browser, could not be restored: ${saved.ok ? 'this version of Paxoscope cannot replay it' : saved.error}. A new run has started.` });
      }
      enabled = true;
      return outcome;
    },

    async hashChanged() {
      const hash = env.hash();
      if (!hasLinkParam(hash)) return;
      const { decodeLink } = await loadScenarioCodec();
      const decoded = decodeLink(hash);
      if (!decoded.ok) {
        env.clearHash();
        show({ tone: 'error', text: `${linkErrorText(decoded.error)} Your current run is unchanged.` });
        return;
      }
      // Keep the current run twice over: saved in this browser, and in memory for the banner's way back.
      const before = await current();
      if (before && !before.opening) saveWork(env.storage, before.snap);
      const opened = await openLink(decoded.scenario, decoded.position, before?.snap ?? null);
      if (opened) await saveNow();
      env.clearHash();
    },

    attach() {
      const unsubscribe = store.subscribe((s, prev) => {
        if (s.frame === prev.frame || !s.frame) return;
        // A reset (the history emptied) starts a new run: the old run's title no longer applies.
        if (s.frame.length === 0 && (prev.frame?.length ?? 0) > 0) setRunMeta(store, null);
        if (enabled) schedule();
      });
      const offHash = env.on('hashchange', () => void keeper.hashChanged());
      const offHidden = env.on('hidden', () => {
        if (enabled && (dirty || timer !== null)) void saveNow();
      });
      return () => {
        unsubscribe();
        offHash();
        offHidden();
        keeper.suspend();
      };
    },
  };
  return keeper;
}
