// The validator (zod) and the link codec (lz-string) are a third of the UI's JavaScript, and the
// UI needs them only when a link, a file or saved work is opened, or a run is shared or exported.
// Load them on demand: Vite puts them in their own chunk. (The worker bundles its own copy.)

import type * as Codec from './index';

export type ScenarioCodec = typeof Codec;

let codec: Promise<ScenarioCodec> | null = null;

export function loadScenarioCodec(): Promise<ScenarioCodec> {
  codec ??= import('./index');
  return codec;
}
