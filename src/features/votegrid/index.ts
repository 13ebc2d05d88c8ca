// The vote grid: ballots × acceptors, promises and votes, and the moment a value is locked in.
export { VoteGrid } from './VoteGrid';
export { buildGrid, type GridModel, type GridRow, type GridCell, type GridLock } from './model';
