export type { Model, SuccessorSink } from './model';
export { PackedStateSet, ChunkedU32, hashWords } from './stateSet';
export { Explorer, explore, describeCounterexample, CollectingSink } from './bfs';
export type { ExploreOptions, ExploreProgress, ExploreResult, StopReason, TraceStep, Counterexample } from './bfs';
export { LamportModel, LAMPORT_VARIANTS, UNSAFE_LAMPORT_VARIANTS, LAMPORT_VARIANT_HELP, LAMPORT_LIMITS } from './lamport';
export type { LamportConfig, LamportVariant, LamportState, LamportMessage } from './lamport';
