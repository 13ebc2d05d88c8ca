import { proxy, wrap } from 'comlink';
import type { ExploreAnswer, ExploreRequest, ExploreStatus } from '../explorer/session';
import type { ExplorerApi } from './explorerApi';

/** What the explorer panel needs: run an exploration with progress, cancel it. */
export interface ExplorerService {
  run(request: ExploreRequest, onProgress: (status: ExploreStatus) => void): Promise<ExploreAnswer>;
  cancel(): void;
}

/**
 * The explorer in its own Web Worker, started on the first run (most visits never explore), and
 * kept for the next one.
 */
export function explorerWorkerService(): ExplorerService & { terminate(): void } {
  let worker: Worker | null = null;
  let api: ReturnType<typeof wrap<ExplorerApi>> | null = null;
  const remote = () => {
    if (!api) {
      worker = new Worker(new URL('./explorerWorker.ts', import.meta.url), { type: 'module', name: 'paxoscope-explorer' });
      api = wrap<ExplorerApi>(worker);
    }
    return api;
  };
  return {
    run: (request, onProgress) => remote().run(request, proxy(onProgress)),
    cancel: () => void api?.cancel(),
    terminate() {
      worker?.terminate();
      worker = null;
      api = null;
    },
  };
}
