import { DEFAULT_CONFIG, type SimConfig } from '../core';
import type { SimBinding } from '../store/react';
import { createSimActions, createSimStore, receiveFrame } from '../store/simStore';
import { startWorker, type WorkerHandle } from '../worker/client';
import { benchMessages, startRenderBench, RENDER_BENCH_CONFIG } from './renderBench';

// Wires the store to the simulation worker. Owns the worker's lifetime: start() returns the cleanup,
// restart() replaces a crashed worker with a fresh one (same configuration).

export interface AppBinding extends SimBinding {
  start(): () => void;
  restart(): void;
}

export function createApp(search: string): AppBinding {
  const params = new URLSearchParams(search);
  const bench = params.get('bench') === 'render';
  const config: SimConfig = bench ? { ...DEFAULT_CONFIG, ...RENDER_BENCH_CONFIG } : DEFAULT_CONFIG;
  const store = createSimStore(config);
  let handle: WorkerHandle | null = null;
  const actions = createSimActions(store, () => handle?.engine ?? null);
  let stopBench: (() => void) | null = null;

  const launch = () => {
    handle?.terminate();
    store.setState({ status: 'starting', fatal: null, frame: null, log: [] });
    handle = startWorker(
      (frame) => receiveFrame(store, frame),
      (message) => store.setState({ status: 'error', fatal: message }),
    );
    const engine = handle.engine;
    void engine.reset(store.getState().config).then(() => {
      if (bench) {
        stopBench?.();
        stopBench = startRenderBench(store, actions, benchMessages(params));
      }
      // Open on the first move of a run: a client has asked A to write "X" and the prepares are on
      // the wire, paused, so the first thing a student does is press Play or Step.
      else void actions.dispatch({ type: 'write', node: 'A', value: 'X' });
    });
  };

  return {
    store,
    actions,
    start() {
      launch();
      return () => {
        stopBench?.();
        handle?.terminate();
        handle = null;
      };
    },
    restart: launch,
  };
}
