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
  /**
   * Counts `count` enabled actions whose successors the model did not build (see
   * Model.successors). A model calls this before its next push, so that counts stay in action
   * order. Sinks that do not count (CollectingSink) leave it out.
   */
  skip?(count: number): void;
  /**
   * True when the sink tells every state apart (no symmetry reduction). A model that pushes a
   * successor from just one of its parents (see Model.successors) may then choose that parent by
   * an order that permutations do not keep (e.g. one that compares acceptor numbers); otherwise it
   * must choose it in a way every permutation keeps. Absent: false.
   */
  readonly concrete?: boolean;
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
  /**
   * Pushes a successor for every enabled action of `state`. Instead of pushing it, the model may
   * count an action with sink.skip when its successor equals `state` (a stutter), or when the
   * model pushes that same successor from another reachable state no deeper than `state` (so a
   * state reached from several states of one level is built from just one of them).
   */
  successors(state: Uint32Array, sink: SuccessorSink): void;
  /**
   * True when every successor that differs from its state lies exactly one breadth-first level
   * deeper than the state (e.g. every such step adds one element to a set that only grows), so
   * that a state can be reached again only from the level just above it. The explorer then indexes
   * only the level it is generating (a sweep-line). The model must make sure of it: a wrong claim
   * makes the explorer count states twice.
   */
  readonly layered?: boolean;
  /**
   * True when, for a concrete sink, every reachable state is pushed at most once in all (by one
   * parent, once, or as the initial state), and never by a state deeper than itself: the explorer
   * then stores pushed successors without looking them up, each as it is pushed (so `violated`
   * runs while `successors` is still running and must not disturb it). The model must make sure
   * of it: a wrong claim makes the explorer count states twice.
   */
  readonly pushesOnce?: boolean;
  /**
   * Words of data derived from a state that the model wants carried after the state's own words
   * while the state waits in the frontier of a tree exploration (pushesOnce, no symmetry; see
   * Explorer): the explorer calls fillAux on each initial state and successorsWithAux instead of
   * successors, and every successor pushed there is followed by its own derived words. Absent or 0:
   * none (successors is called).
   */
  readonly auxWords?: number;
  /** Writes the derived words of `state[0 … stateWords)` into `state[stateWords … stateWords + auxWords)`. */
  fillAux?(state: Uint32Array): void;
  /**
   * successors() of the state at `states[at …]` followed by its derived words, pushing each
   * successor followed by its own: the same pushes (first stateWords words) and skips, in the
   * same order, as successors(). (An offset into the explorer's level, so nothing is copied.)
   */
  successorsWithAux?(states: Uint32Array, at: number, sink: SuccessorSink): void;
  /**
   * Optional: violated(state) for a state reached by `action` from a state that violates no
   * invariant, which the model may answer more cheaply (e.g. -1 at once after an action that
   * changes nothing the invariants read). A tree exploration that stops at the first violation
   * (so every state it expands violates nothing) calls this instead of violated.
   */
  violatedAfter?(state: Uint32Array, action: number): number;
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
