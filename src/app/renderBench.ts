import type { SimConfig } from '../core';
import type { SimActions, SimStore } from '../store/simStore';

// `?bench=render`: 7 nodes with about 100 messages in flight at all times, for measuring frame
// times (node ../shared/tools/frames.mjs URL?bench=render). Long latencies keep messages on the
// wire; client reads (one message to every other node each) top the wire up as messages arrive.
// `&messages=N` asks for another number in flight (a stress test).

export const RENDER_BENCH_CONFIG: Partial<SimConfig> & { readonly nodes: number } = {
  nodes: 7, seed: 1, mode: 'auto', latencyTicksMin: 150, latencyTicksMax: 400, readTimeoutTicks: 100_000,
};
export const RENDER_BENCH_MESSAGES = 100;

/** The number of messages `?bench=render&messages=N` asks for (default RENDER_BENCH_MESSAGES). */
export function benchMessages(params: URLSearchParams): number {
  const n = Number(params.get('messages'));
  return Number.isInteger(n) && n > 0 && n <= 2_000 ? n : RENDER_BENCH_MESSAGES;
}

export function startRenderBench(store: SimStore, actions: SimActions, target = RENDER_BENCH_MESSAGES): () => void {
  let next = 0;
  let busy = false;
  let stopped = false;
  /** nextReadId of the bench's first world, and how many reads this bench has started since. */
  let firstReadId: number | null = null;
  let started = 0;
  const topUp = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      for (;;) {
        const world = store.getState().frame?.world;
        // Frames arrive on their own channel, so they can lag the replies to our commands: the
        // first ones may still show the world from before the reset (another node count), and a
        // frame that does not show every read started yet under-counts the wire. Both wait for
        // the next frame (which calls topUp again), instead of overfilling the wire.
        if (!world || world.config.nodes !== RENDER_BENCH_CONFIG.nodes) return;
        firstReadId ??= world.nextReadId;
        if (world.nextReadId - firstReadId < started) return;
        if (world.inflight.length + (world.nodes.length - 1) / 2 > target) return;
        const node = world.nodes[next++ % world.nodes.length]!;
        if (!(await actions.dispatch({ type: 'read', node: node.id }))) return;
        started++;
        if (stopped) return;
      }
    } finally {
      busy = false;
    }
  };
  const unsubscribe = store.subscribe(() => void topUp());
  void topUp().then(() => actions.play());
  return () => {
    stopped = true;
    unsubscribe();
  };
}
