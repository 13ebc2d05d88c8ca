// Multi-Paxos: the cluster graph, the replicated log, the client, node cards, safety, events (the presets are in the Scenarios menu, src/features/presets).
export { MultiGraph } from './MultiGraph';
export { MultiLogView } from './MultiLogView';
export { MultiClientPanel, MAX_COMMAND_LENGTH } from './MultiClientPanel';
export { MultiNodes } from './MultiNodes';
export { MultiSafety } from './MultiSafety';
export { MultiEventLog } from './MultiEventLog';
export { multiView, setShowHeartbeats } from './viewState';
export { rowsOf, converged, currentLeader } from './model';
