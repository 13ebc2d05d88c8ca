import type { Scenario } from '../../scenario';
import type { Banner, SimStore } from '../../store/simStore';

// Small pieces of per-run state that the store does not hold (its shape belongs to the whole app):
//
// - the run's *meta* — the title and description of the scenario it was opened from — so that
//   sharing, exporting or autosaving a run opened from a link keeps the author's title (the engine
//   only knows commands);
// - the *action* a banner offers ("Back to your previous run"): a function, which has no place in
//   a store of plain data. It is tied to the banner object itself, so it disappears with it.

export interface RunMeta {
  readonly title?: string;
  readonly description?: string;
}

const metas = new WeakMap<SimStore, RunMeta>();

export function setRunMeta(store: SimStore, meta: RunMeta | null): void {
  if (meta && (meta.title !== undefined || meta.description !== undefined)) metas.set(store, meta);
  else metas.delete(store);
}

export function getRunMeta(store: SimStore): RunMeta | null {
  return metas.get(store) ?? null;
}

export function metaOf(s: Scenario): RunMeta {
  return {
    ...(s.title !== undefined ? { title: s.title } : {}),
    ...(s.description !== undefined ? { description: s.description } : {}),
  };
}

/** `s` with the run's title and description (when it has any) in place of the engine's default title. */
export function withRunMeta(s: Scenario, meta: RunMeta | null): Scenario {
  if (!meta) return s;
  const { version, protocol, nodes, seed, title, description: _description, ...rest } = s;
  const kept = meta.title ?? title;
  return {
    version, protocol, nodes, seed,
    ...(kept !== undefined ? { title: kept } : {}),
    ...(meta.description !== undefined ? { description: meta.description } : {}),
    ...rest,
  };
}

export interface BannerAction {
  readonly label: string;
  run(): void;
}

const bannerActions = new WeakMap<Banner, BannerAction>();

/** A banner that offers one action (a button next to its text). */
export function bannerWithAction(banner: Banner, action: BannerAction | null): Banner {
  if (action) bannerActions.set(banner, action);
  return banner;
}

export function bannerAction(banner: Banner): BannerAction | null {
  return bannerActions.get(banner) ?? null;
}
