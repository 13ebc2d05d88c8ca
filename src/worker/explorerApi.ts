import { ExploreSession, type ExploreAnswer, type ExploreRequest, type ExploreStatus, type SessionClock } from '../explorer/session';

// The explorer's RPC surface (through comlink, like the simulation engine's): one exploration at a
// time, in slices, with a progress callback about every 100 ms and a cancel that lands between
// two slices. The exploration runs in its own worker so the simulation and the page stay smooth.

export interface ExplorerApi {
  /** Explore; `onProgress` hears about every 100 ms. A new run cancels the one before. */
  run(request: ExploreRequest, onProgress: (status: ExploreStatus) => void): Promise<ExploreAnswer>;
  /** Stop the running exploration; its answer then says `cancelled`. */
  cancel(): void;
}

export function createExplorerApi(clock: SessionClock): ExplorerApi {
  let current: ExploreSession | null = null;
  return {
    async run(request, onProgress) {
      current?.cancel();
      const session = new ExploreSession(request);
      current = session;
      try {
        return await session.run(clock, (s) => onProgress(s));
      } finally {
        if (current === session) current = null;
      }
    },
    cancel() {
      current?.cancel();
    },
  };
}
