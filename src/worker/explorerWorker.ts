/// <reference lib="webworker" />
// The explorer worker's entry: exposes the explorer over comlink (see explorerApi.ts).
import { expose } from 'comlink';
import { createExplorerApi } from './explorerApi';

expose(createExplorerApi({
  now: () => performance.now(),
  pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
}));
