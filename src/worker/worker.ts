/// <reference lib="webworker" />
// The only file that touches the worker global: it exposes the engine over comlink.
import { expose } from 'comlink';
import { createEngineApi } from './api';

expose(createEngineApi({
  now: () => performance.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
}));
