import { proxy, wrap, type Remote } from 'comlink';
import type { EngineApi } from './api';
import type { Frame } from './engine';

export type EngineClient = Remote<EngineApi>;

export interface WorkerHandle {
  readonly engine: EngineClient;
  terminate(): void;
}

/** Start the simulation worker. `onError` hears about crashes of the worker itself. */
export function startWorker(onFrame: (f: Frame) => void, onError: (message: string) => void): WorkerHandle {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'paxoscope-engine' });
  worker.addEventListener('error', (e) => onError(e.message || 'the simulation worker failed to start'));
  worker.addEventListener('messageerror', () => onError('the simulation worker sent a message that could not be read'));
  const engine = wrap<EngineApi>(worker);
  engine.subscribe(proxy(onFrame)).catch((e: unknown) => onError(String(e)));
  return { engine, terminate: () => worker.terminate() };
}
