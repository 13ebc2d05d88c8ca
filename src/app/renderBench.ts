import type { SimConfig } from '../core';
import type { SimActions, SimStore } from '../store/simStore';

// `?bench=render`: 7 nodes with about 100 messages in flight at all times, for measuring frame
// times (node ../shared/tools/frames.mjs URL?bench=render). Long latencies keep messages on the
// wire; client reads (one message to every other node each) top the wire up as messages arrive.

export const RENDER_BENCH_CONFIG: Partial<SimConfig> = {
  nodes: 7, seed: 1, mode: 'auto', latencyTicksMin: 150, latencyTicksMax: 400, readTimeoutTicks: 100_000,
};
export const RENDER_BENCH_MESSAGES = 100;

export function startRenderBench(store: SimStore, actions: SimActions): () => void {
  let next = 0;
  let busy = false;
  const topUp = async () => {
    const world = store.getState().frame?.world;
    if (!world || busy) return;
    busy = true;
    for (let missing = RENDER_BENCH_MESSAGES - world.inflight.length; missing > 0; missing -= world.nodes.length - 1) {
      await actions.dispatch({ type: 'read', node: world.nodes[next++ % world.nodes.length]!.id });
    }
    busy = false;
  };
  const unsubscribe = store.subscribe(() => void topUp());
  void topUp().then(() => actions.play());
  return unsubscribe;
}
