import type { Scenario } from '../../scenario';
import type { SimBinding } from '../../store/react';
import { waitForFrame, type Banner } from '../../store/simStore';
import type { Frame } from '../../worker/engine';
import { bannerWithAction, metaOf, setRunMeta, type BannerAction } from './runState';

// Replacing the run with a scenario (from a link, a file or this browser's saved work), then saying
// so in the run banner — with a way back to the run it replaced. Used by the share feature (Import)
// and by the app shell (share links at start and on hashchange, restoring saved work).

export interface RunSnapshot {
  readonly scenario: Scenario;
  /** The command position to show (the end when null). */
  readonly position: number | null;
}

export { waitForFrame };

/** "step 12 of 40": the view's command position in the whole run, as the timeline counts it. */
export const stepText = (f: Frame) => `step ${f.position} of ${f.length}`;

/** The default title the engine gives an exported run: not worth repeating in a banner. */
export const DEFAULT_RUN_TITLE = 'Paxoscope run';

/** ` “title”` for a banner, or '' for none (or the default one). Plain text: React renders it escaped. */
export function quotedTitle(s: Scenario): string {
  const t = s.title?.trim();
  return t && t !== DEFAULT_RUN_TITLE ? ` “${t}”` : '';
}

export interface OpenOptions {
  /** Names the source in the error banner of a replay failure ("This link could not be replayed: …"). */
  readonly source: string;
  /** The info banner's text, given the loaded frame's "step P of N" ('' when it did not arrive in time). */
  readonly banner: ((where: string) => string) | null;
  /** An action for that banner (e.g. back to the run this one replaced). */
  readonly action?: BannerAction | null;
}

/**
 * Replace the run with `snap`. On success sets the run's title, shows the info banner and returns
 * true; on failure the store's loadScenario has shown an error banner and kept the current run.
 */
export async function openRun(binding: SimBinding, snap: RunSnapshot, options: OpenOptions): Promise<boolean> {
  const { store, actions } = binding;
  const seqBefore = store.getState().frame?.seq ?? 0;
  const ok = await actions.loadScenario(snap.scenario, snap.position, options.source);
  if (!ok) return false;
  setRunMeta(store, metaOf(snap.scenario));
  if (!options.banner) return true;
  // The frame of the loaded run: newer than before the load, paused, at the requested position. A
  // run of no commands looks like a fresh world, so only wait for one with commands when there are steps.
  const target = (f: Frame) => (snap.position === null ? f.length : Math.min(snap.position, f.length));
  const frame = await waitForFrame(store, (f) => f.seq > seqBefore && !f.playing && f.position === target(f)
    && (f.length > 0 || snap.scenario.steps.length === 0));
  const banner: Banner = { tone: 'info', text: options.banner(frame ? stepText(frame) : '') };
  actions.showBanner(bannerWithAction(banner, options.action ?? null));
  return true;
}

/** The banner action that puts `previous` back (after a link or a file replaced it). */
export function backAction(binding: SimBinding, previous: RunSnapshot | null): BannerAction | null {
  if (!previous) return null;
  return {
    label: 'Back to your previous run',
    run: () => void openRun(binding, previous, {
      source: 'Your previous run',
      banner: (where) => `Your previous run is back${where ? ` — ${where}` : ''}.`,
    }),
  };
}
