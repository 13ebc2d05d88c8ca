// The small interface every explorable model implements. States are fixed-width packed words
// (a Uint32Array of `stateWords`), never object graphs: that is what lets the explorer keep
// millions of them in flat typed arrays. A model is pure and deterministic (no clock, no random).

/** Where a model delivers successor states. */
export interface SuccessorSink {
  /**
   * One enabled action `action` (a model-defined code) leads to `next`. The sink copies `next`
   * before returning, so the model may reuse the buffer. Returns false when the explorer wants no
   * more successors (a bound was hit); the model should stop generating then (extra pushes are
   * ignored anyway).
   */
  push(next: Uint32Array, action: number): boolean;
}

export interface Model {
  /** Short name, e.g. "lamport". */
  readonly name: string;
  /** Number of 32-bit words in a packed state. */
  readonly stateWords: number;
  /** Names of the invariants `violated` reports, by index. */
  readonly invariantNames: readonly string[];
  /** Pushes every initial state (action code -1). */
  initialStates(sink: SuccessorSink): void;
  /** Pushes a successor for every enabled action of `state` (including ones that leave it unchanged). */
  successors(state: Uint32Array, sink: SuccessorSink): void;
  /** Index into invariantNames of the first invariant `state` violates, or -1. */
  violated(state: Uint32Array): number;
  /**
   * Writes the canonical representative of `state`'s symmetry class into `out` (same width).
   * Absent when the model has no symmetry; the explorer then treats every state as canonical.
   */
  canonicalize?(state: Uint32Array, out: Uint32Array): void;
  /** One readable line for an action code. */
  describeAction(action: number): string;
  /** What a step did, e.g. the messages it sent and the variables it changed. */
  describeStep(before: Uint32Array, after: Uint32Array, action: number): string;
  /** A readable rendering of a whole state (may span several lines). */
  describeState(state: Uint32Array): string;
}
