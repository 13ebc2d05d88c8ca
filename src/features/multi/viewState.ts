import { createStore } from 'zustand/vanilla';

// View options of the Multi-Paxos panels that more than one of them reads: whether heartbeats (the
// leader's steady "I am alive" chatter) are drawn. Not part of the run, so not in the sim store.

export interface MultiViewState {
  readonly showHeartbeats: boolean;
}

export const multiView = createStore<MultiViewState>()(() => ({ showHeartbeats: true }));

export function setShowHeartbeats(showHeartbeats: boolean): void {
  multiView.setState({ showHeartbeats });
}
