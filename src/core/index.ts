// The pure Paxos core: the public surface used by the scenario layer, the worker and the CLI.
export * from './types';
export * from './ballot';
export * from './quorum';
export { apply, createWorld, nextDue, partitionGroups, DEFAULT_CONFIG, SimError } from './sim';
export { runUntilQuiet, runUntilTime, step, type EventSink } from './run';
export { describe, formatMessage, formatProposal, traceLine } from './describe';
export { findInflight, isCutOff, matches, type MessageMatcher } from './network';
export { hashLines } from './hash';
export * from './multiTypes';
export { applyMulti, createMultiWorld, nextDueMulti, DEFAULT_MULTI_CONFIG } from './multiSim';
export { describeMulti, formatMultiMessage, multiTraceLine } from './multiDescribe';
export { firstUnchosen } from './multiRoles';
export { VARIANTS, VARIANT_NAMES, isVariantName, variantInfo, type VariantInfo, type VariantName } from './variants';
