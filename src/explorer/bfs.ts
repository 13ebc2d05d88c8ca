// Breadth-first exploration of every reachable state of a Model, with duplicate detection over
// packed states, optional symmetry reduction, bounds (depth, states, bytes) and shortest
// counterexamples from parent pointers.
//
// States get dense ids in BFS order, so a level is just a range of ids: the frontier needs no
// queue of its own. Per state the explorer keeps its packed words, a hash-table slot and a parent
// id. Successors are buffered in batches of a few hundred and then looked up in push order (see
// flush): the results are exactly those of looking each up at once, but the memory loads of a
// batch overlap. When the model is layered (every step that changes the state goes exactly one
// level deeper, see Model.layered), a successor of level d can only be a state of level d + 1, so
// the index holds just the level being generated and is cleared at each new level (a sweep-line;
// the states stay stored, for traces): a small index that mostly stays in the caches.
// When the model pushes every state at most once (Model.pushesOnce) and there is no symmetry, the
// search walks a tree and there is nothing to look up: nothing is hashed or indexed, and only the
// level being expanded and the one being generated are kept (TreeLevels), each state with the
// words the model derives from it (Model.auxWords); any other state is rebuilt from the initial
// state along its path when asked for (state, trace).
//
// The explorer is resumable (`step(n)` expands at most n states), so a Web Worker can run it in
// slices, post progress between them and honour a cancel; it never reads a clock.
import type { Model, SuccessorSink } from './model';
import { ChunkedU32, PackedStateSet, hashWords } from './stateSet';
import { TreeLevels } from './treeLevels';

export type StopReason = 'exhausted' | 'violation' | 'maxStates' | 'maxDepth' | 'maxBytes' | 'cancelled';

export interface ExploreOptions {
  /** Count a state and its permutations as one (the model must implement canonicalize). */
  symmetry?: boolean;
  /** Stop before storing more than this many distinct states. */
  maxStates?: number;
  /** Store no state deeper than this many steps from an initial state. */
  maxDepth?: number;
  /** Stop before the visited set and parent pointers would hold more than this many bytes. */
  maxBytes?: number;
  /** Stop at the first state that violates an invariant (default true). */
  stopAtFirstViolation?: boolean;
  /**
   * Index only the level being generated when the model is layered (default true). False keeps
   * every state in the index, as for a model that is not layered; the result is the same.
   */
  sweepLine?: boolean;
  /**
   * Walk a model that pushes every state at most once (Model.pushesOnce) as a tree, without
   * looking successors up or keeping expanded levels, when there is no symmetry (default true).
   * False stores and looks up every state, as for any other model; the result is the same.
   */
  trustPushesOnce?: boolean;
}

export interface ExploreProgress {
  distinctStates: number;
  statesGenerated: number;
  /** Depth of the deepest state stored so far (initial states are depth 0). */
  depth: number;
  /** States of the level being expanded that are still to expand. */
  frontier: number;
  violations: number;
  /** Bytes held by the visited set and the parent pointers (a tree exploration: the two levels it keeps and the successor counts). */
  bytes: number;
}

export interface ExploreResult extends ExploreProgress {
  stoppedBy: StopReason;
  /** The first violating state found (a shallowest one), if any. */
  firstViolation: { id: number; invariant: string; depth: number } | null;
}

export interface TraceStep {
  /** Model action code; -1 for the initial state. */
  action: number;
  /** The concrete state after the action (not the canonical representative). */
  state: Uint32Array;
}

const NO_PARENT = 0xffffffff;

function sameWords(a: Uint32Array, b: Uint32Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Collects successors (copies), for trace reconstruction and tests. */
export class CollectingSink implements SuccessorSink {
  readonly states: { action: number; state: Uint32Array }[] = [];
  /** SuccessorSink.concrete: whether the states collected are told apart exactly (no symmetry). */
  constructor(readonly concrete = false) {}
  push(next: Uint32Array, action: number): boolean {
    this.states.push({ action, state: next.slice() });
    return true;
  }
}

/** Successors buffered before they are looked up (see Explorer.flush). */
const BATCH = 512;

export class Explorer implements SuccessorSink {
  readonly model: Model;
  private readonly words: number;
  private readonly set: PackedStateSet;
  private readonly parents = new ChunkedU32();
  private readonly canonical: boolean;
  private readonly canonBuf: Uint32Array;
  private readonly cur: Uint32Array;
  private readonly stored: Uint32Array;
  private readonly maxStates: number;
  private readonly maxDepth: number;
  private readonly maxBytes: number;
  private readonly stopAtFirstViolation: boolean;
  /** Whether the index holds only the level being generated (see the file comment). */
  readonly sweepLine: boolean;
  /** SuccessorSink.concrete: no symmetry reduction. */
  readonly concrete: boolean;
  /**
   * Whether the search walks a tree (Model.pushesOnce, no symmetry): nothing is looked up, hashed
   * or indexed, and only two levels are kept (see the file comment).
   */
  readonly noLookups: boolean;
  /** The two levels and successor counts of a tree exploration (noLookups), else null. */
  private readonly levels: TreeLevels | null;
  /** Words a state occupies in the frontier (with the model's derived words in a tree exploration). */
  private readonly stride: number;
  /** States stored (a tree exploration stores them in `levels`, not in `set`). */
  private total = 0;
  /** Initial states (ids 0 … initialCount − 1). */
  private initialCount = 0;
  /** Successors pushed by the state being expanded (a tree exploration). */
  private children = 0;
  /**
   * Successors a tree exploration may store before it must check its bounds again (see
   * storeInTree); 0 at the start of each level and at each new chunk of successor counts.
   */
  private treeRoom = 0;
  /** Whether recording the next successor count takes a new chunk (a tree exploration). */
  private countsFull = true;
  /** Whether a tree exploration checks successors with Model.violatedAfter. */
  private readonly checkAfter: boolean;

  // The batch: successors pushed but not yet looked up, in push order. Per successor its key
  // (canonical with symmetry), hash, parent id and the generated count up to and including it.
  private batchKeys: Uint32Array;
  private batchHashes = new Int32Array(BATCH);
  private batchParents = new Int32Array(BATCH);
  private batchGenerated = new Float64Array(BATCH);
  private batchSize = 0;
  /** Keeps the cache-warming loads of flush observable. */
  private warm = 0;

  private curId = -1;
  private levelDepth = 0; // depth of the level being expanded
  private levelEnd = 0; // ids [cursor, levelEnd) of that level are still to expand
  private cursor = 0;
  private deepest = 0;
  private generated = 0;
  private violationCount = 0;
  private probing = false; // expanding the last allowed level only to learn whether it has new successors
  private stop: StopReason | null = null;
  private first: ExploreResult['firstViolation'] = null;

  constructor(model: Model, options: ExploreOptions = {}) {
    this.model = model;
    this.words = model.stateWords;
    if (options.symmetry && !model.canonicalize) throw new Error(`model ${model.name} has no symmetry reduction`);
    this.canonical = options.symmetry === true;
    this.maxStates = options.maxStates ?? Infinity;
    this.maxDepth = options.maxDepth ?? Infinity;
    this.maxBytes = options.maxBytes ?? Infinity;
    this.stopAtFirstViolation = options.stopAtFirstViolation ?? true;
    this.sweepLine = (options.sweepLine ?? true) && model.layered === true;
    this.concrete = !this.canonical;
    this.noLookups = this.concrete && model.pushesOnce === true && (options.trustPushesOnce ?? true);
    for (const [name, v] of [['maxStates', this.maxStates], ['maxDepth', this.maxDepth], ['maxBytes', this.maxBytes]] as const) {
      if (!(v >= 0)) throw new Error(`${name} must be a number ≥ 0, not ${v}`);
    }
    this.set = new PackedStateSet(this.words);
    const aux = this.noLookups && model.successorsWithAux && model.fillAux ? model.auxWords ?? 0 : 0;
    this.stride = this.words + aux;
    this.levels = this.noLookups ? new TreeLevels(this.stride) : null;
    this.canonBuf = new Uint32Array(this.words);
    this.cur = new Uint32Array(this.stride);
    this.checkAfter = this.levels !== null && this.stopAtFirstViolation && typeof model.violatedAfter === 'function';
    this.stored = new Uint32Array(this.stride);
    this.batchKeys = new Uint32Array(BATCH * this.words);
    this.probing = this.maxDepth <= 0;
    const probing = this.probing;
    this.probing = false; // initial states are depth 0: always stored (within the other bounds)
    model.initialStates(this);
    this.flush();
    this.probing = probing;
    this.initialCount = this.total;
    if (this.levels) {
      if (aux > 0) for (let k = 0; k < this.levels.nextCount; k++) model.fillAux!(this.levels.nextState(k));
      this.levels.advance();
    }
    this.levelEnd = this.total;
  }

  /**
   * SuccessorSink: called by the model for each enabled action of the state being expanded. The
   * successor is only buffered (see flush), so this always asks for more.
   */
  push(next: Uint32Array, action: number): boolean {
    if (this.stop !== null) return false;
    this.generated++;
    const w = this.words;
    // A tree: nothing to look up, store it now. (A model that pushes every state once pushes no
    // stutter: the state itself is already stored.)
    if (this.levels !== null) return this.storeInTree(next, action);
    if (this.curId >= 0 && sameWords(next, this.cur, w)) return true; // a stuttering step
    let key = next;
    if (this.canonical) {
      this.model.canonicalize!(next, this.canonBuf);
      key = this.canonBuf;
    }
    const n = this.batchSize;
    if (n === this.batchHashes.length) this.growBatch();
    const keys = this.batchKeys;
    for (let i = 0, o = n * w; i < w; i++, o++) keys[o] = key[i]!;
    this.batchHashes[n] = hashWords(key, 0, w);
    this.batchParents[n] = this.curId;
    this.batchGenerated[n] = this.generated;
    this.batchSize = n + 1;
    return true;
  }

  /** SuccessorSink: `count` enabled actions the model did not build (counted as generated). */
  skip(count: number): void {
    if (this.stop === null) this.generated += count;
  }

  private growBatch(): void {
    const n = this.batchHashes.length * 2;
    const keys = new Uint32Array(n * this.words);
    keys.set(this.batchKeys);
    this.batchKeys = keys;
    const hashes = new Int32Array(n);
    hashes.set(this.batchHashes);
    this.batchHashes = hashes;
    const parents = new Int32Array(n);
    parents.set(this.batchParents);
    this.batchParents = parents;
    const generated = new Float64Array(n);
    generated.set(this.batchGenerated);
    this.batchGenerated = generated;
  }

  /**
   * Looks up the buffered successors in push order, storing the new ones, exactly as if each had
   * been looked up when pushed. First, two passes only read the table slots and then the stored
   * states the lookups will start at: their loads are independent of one another, so the memory
   * system serves many at once, and the real lookups then mostly hit the caches. A stop (a bound,
   * a violation) at successor j leaves the counts as they were at j's push and drops the rest.
   */
  private flush(): void {
    const n = this.batchSize;
    this.batchSize = 0;
    const set = this.set;
    const hashes = this.batchHashes;
    let warm = this.warm;
    if (n > 16) {
      for (let j = 0; j < n; j++) warm ^= set.slotAt(hashes[j]! >>> 0);
      for (let j = 0; j < n; j++) {
        const e = set.slotAt(hashes[j]! >>> 0);
        if (e !== 0) warm ^= set.firstWord(e - 1);
      }
    }
    this.warm = warm;
    const w = this.words;
    const keys = this.batchKeys;
    const parents = this.batchParents;
    for (let j = 0; j < n; j++) {
      const hash = hashes[j]! >>> 0;
      const off = j * w;
      if (set.find(keys, off, hash) >= 0) continue;
      const parent = parents[j]!;
      if (!this.store(keys, off, hash, parent)) {
        this.generated = this.batchGenerated[j]!;
        if (parent >= 0) this.cursor = parent + 1;
        return;
      }
    }
  }

  /** Stores a successor that is not in the index yet; false when that stops the exploration. */
  private store(keys: Uint32Array, off: number, hash: number, parent: number): boolean {
    const set = this.set;
    if (this.probing) return this.halt('maxDepth');
    if (set.size >= this.maxStates) return this.halt('maxStates');
    if (this.maxBytes !== Infinity && set.bytesAfterOneMore() + this.parents.bytesAfterOneMore() > this.maxBytes) return this.halt('maxBytes');
    const id = set.insertMissing(keys, off, hash);
    this.total = set.size;
    this.parents.push(parent >= 0 ? parent : NO_PARENT);
    const depth = parent >= 0 ? this.levelDepth + 1 : 0;
    if (depth > this.deepest) this.deepest = depth;
    let state = keys;
    if (off !== 0 || keys.length !== this.words) {
      state = this.stored;
      for (let i = 0; i < this.words; i++) state[i] = keys[off + i]!;
    }
    const bad = this.model.violated(state);
    if (bad >= 0) {
      this.violationCount++;
      if (this.first === null) this.first = { id, invariant: this.model.invariantNames[bad] ?? `invariant ${bad}`, depth };
      if (this.stopAtFirstViolation) return this.halt('violation');
    }
    return true;
  }

  /**
   * Stores a successor pushed in a tree exploration (or an initial state) in the next level; false
   * when that stops the exploration. `next` holds the state and, for a successor, its derived words.
   * The common case is kept small (V8 then inlines it into the model's loop): while `treeRoom`
   * says that no bound can be hit and the level needs no more memory, nothing is checked but the
   * invariants.
   */
  private storeInTree(next: Uint32Array, action: number): boolean {
    if (this.treeRoom === 0) return this.storeInTreeChecked(next, action);
    this.treeRoom--;
    this.total++;
    this.levels!.add(next);
    this.children++;
    // Stopping at the first violation, the state being expanded violates nothing (violatedAfter).
    const bad = this.checkAfter ? this.model.violatedAfter!(next, action) : this.model.violated(next);
    return bad < 0 || this.noteViolation(bad, this.total - 1, this.levelDepth + 1);
  }

  /** storeInTree with every bound checked; then sets treeRoom. */
  private storeInTreeChecked(next: Uint32Array, action: number): boolean {
    const levels = this.levels!;
    if (this.probing) return this.halt('maxDepth');
    if (this.total >= this.maxStates) return this.halt('maxStates');
    if (this.maxBytes !== Infinity && levels.bytesAfterOneMore() > this.maxBytes) return this.halt('maxBytes');
    const id = this.total++;
    const parent = this.curId;
    if (parent >= 0) levels.add(next);
    else {
      // An initial state: its derived words are filled in once the model has pushed them all.
      this.stored.fill(0);
      this.stored.set(next.subarray(0, this.words));
      levels.add(this.stored);
    }
    this.children++;
    const depth = parent >= 0 ? this.levelDepth + 1 : 0;
    if (depth > this.deepest) this.deepest = depth;
    // Until the next level's buffer is full, bytes do not change (a new chunk of successor counts
    // is taken into account here and re-checked at each chunk: see stepTree).
    if (parent >= 0) this.treeRoom = Math.max(0, Math.min(levels.roomWithoutGrowth(), this.maxStates - this.total));
    const bad = this.checkAfter && parent >= 0 ? this.model.violatedAfter!(next, action) : this.model.violated(next);
    return bad < 0 || this.noteViolation(bad, id, depth);
  }

  /** Counts a violating state; false when that stops the exploration. */
  private noteViolation(bad: number, id: number, depth: number): boolean {
    this.violationCount++;
    if (this.first === null) this.first = { id, invariant: this.model.invariantNames[bad] ?? `invariant ${bad}`, depth };
    return this.stopAtFirstViolation ? this.halt('violation') : true;
  }

  private halt(reason: StopReason): false {
    if (this.stop === null) this.stop = reason;
    return false;
  }

  /** Expands at most `maxExpansions` states; returns true when the exploration has finished. */
  step(maxExpansions = Infinity): boolean {
    if (this.levels !== null) return this.stepTree(maxExpansions);
    const set = this.set;
    const model = this.model;
    const cur = this.cur;
    let budget = maxExpansions;
    while (this.stop === null && budget > 0) {
      if (this.cursor === this.levelEnd) {
        if (this.levelEnd === set.size) {
          this.stop = 'exhausted';
          break;
        }
        this.levelEnd = set.size;
        this.levelDepth++;
        if (this.levelDepth >= this.maxDepth) this.probing = true;
        // Successors of this level are all one level deeper: only they need to be indexed.
        if (this.sweepLine && !this.noLookups) set.clearIndex();
      }
      // Expand states of this level until the batch is full, then look their successors up.
      const end = Math.min(this.levelEnd, this.cursor + budget);
      let id = this.cursor;
      while (id < end && this.batchSize < BATCH) {
        set.get(id, cur);
        this.curId = id;
        model.successors(cur, this);
        id++;
      }
      budget -= id - this.cursor;
      this.cursor = id;
      this.flush(); // on a stop, sets the cursor just after the state whose successor stopped it
    }
    return this.stop !== null;
  }

  /** step() of a tree exploration: every successor is stored as it is pushed, level by level. */
  private stepTree(maxExpansions: number): boolean {
    const levels = this.levels!;
    const model = this.model;
    const cur = this.cur;
    const withAux = this.stride > this.words;
    let budget = maxExpansions;
    while (this.stop === null && budget > 0) {
      if (this.cursor === this.levelEnd) {
        if (this.levelEnd === this.total) {
          this.stop = 'exhausted';
          break;
        }
        levels.advance();
        this.treeRoom = 0;
        this.levelEnd = this.total;
        this.levelDepth++;
        if (this.levelDepth >= this.maxDepth) this.probing = true;
      }
      const end = Math.min(this.levelEnd, this.cursor + budget);
      const level = levels.levelBuffer;
      let id = this.cursor;
      while (id < end) {
        // Recording this state's successor count may take a new chunk.
        if (this.countsFull && this.maxBytes !== Infinity && levels.bytesToRecordOneMore() > this.maxBytes) {
          this.halt('maxBytes');
          break;
        }
        this.curId = id;
        this.children = 0;
        if (withAux) model.successorsWithAux!(level, levels.offsetOf(id), this);
        else {
          levels.read(id, cur);
          model.successors(cur, this);
        }
        this.countsFull = levels.recordChildren(this.children); // (also when a successor stopped the exploration)
        if (this.countsFull) this.treeRoom = 0;
        id++;
        if (this.stop !== null) break;
      }
      budget -= id - this.cursor;
      this.cursor = id;
    }
    return this.stop !== null;
  }

  /** Stops the exploration (e.g. a user pressed cancel between two slices). */
  cancel(): void {
    this.halt('cancelled');
  }

  get done(): boolean {
    return this.stop !== null;
  }

  progress(): ExploreProgress {
    return {
      distinctStates: this.total,
      statesGenerated: this.generated,
      depth: this.deepest,
      frontier: this.levelEnd - this.cursor,
      violations: this.violationCount,
      bytes: this.levels !== null ? this.levels.bytes : this.set.bytes + this.parents.bytes,
    };
  }

  result(): ExploreResult {
    if (this.stop === null) throw new Error('the exploration has not finished: call step() until it returns true');
    return { ...this.progress(), stoppedBy: this.stop, firstViolation: this.first };
  }

  /** The stored (canonical) state with this id (a tree exploration rebuilds it unless it is still held). */
  state(id: number): Uint32Array {
    if (!(Number.isInteger(id) && id >= 0 && id < this.total)) throw new RangeError(`no state with id ${id}`);
    const out = new Uint32Array(this.words);
    if (this.levels === null) this.set.get(id, out);
    else if (this.levels.holds(id)) this.levels.copyHeld(id, this.words, out);
    else out.set(this.trace(id).at(-1)!.state);
    return out;
  }

  /**
   * A shortest path from an initial state to state `id`, as concrete states: with symmetry the
   * stored states are canonical representatives, so the path is replayed through the model and at
   * each step the successor whose canonical form is the stored one is taken.
   */
  trace(id: number): TraceStep[] {
    if (this.levels !== null) return this.treeTrace(id);
    const ids: number[] = [];
    for (let x = id; x !== NO_PARENT; x = this.parents.get(x)) ids.push(x);
    ids.reverse();
    const w = this.words;
    const canon = new Uint32Array(w);
    const matches = (s: Uint32Array, target: Uint32Array) => {
      if (!this.canonical) return sameWords(s, target, w);
      this.model.canonicalize!(s, canon);
      return sameWords(canon, target, w);
    };
    const steps: TraceStep[] = [];
    let candidates = new CollectingSink(this.concrete);
    this.model.initialStates(candidates);
    for (const stored of ids.map((x) => this.state(x))) {
      const hit = candidates.states.find((c) => matches(c.state, stored));
      if (!hit) throw new Error('trace reconstruction failed: the model is not deterministic or its symmetry is unsound');
      steps.push({ action: steps.length === 0 ? -1 : hit.action, state: hit.state });
      candidates = new CollectingSink(this.concrete);
      this.model.successors(hit.state, candidates);
    }
    return steps;
  }

  /**
   * trace() of a tree exploration: the path of ids from the successor counts, then the model
   * replayed along it, taking at each step the successor pushed at the id's position among its
   * parent's (the model pushes them in the same order every time).
   */
  private treeTrace(id: number): TraceStep[] {
    if (!(Number.isInteger(id) && id >= 0 && id < this.total)) throw new RangeError(`no state with id ${id}`);
    const path: number[] = []; // positions among the parent's successors (or among the initial states), last step first
    for (let x = id; ;) {
      const up = this.levels!.parentOf(x, this.initialCount);
      if (up === null) { path.push(x); break; }
      path.push(up.index);
      x = up.parent;
    }
    path.reverse();
    const steps: TraceStep[] = [];
    let candidates = new CollectingSink(true);
    this.model.initialStates(candidates);
    for (const [i, index] of path.entries()) {
      const hit = candidates.states[index];
      if (!hit) throw new Error('trace reconstruction failed: the model does not push the same successors every time');
      steps.push({ action: i === 0 ? -1 : hit.action, state: hit.state });
      if (i === path.length - 1) break;
      candidates = new CollectingSink(true);
      this.model.successors(hit.state, candidates);
    }
    return steps;
  }
}

export interface Counterexample {
  invariant: string;
  /** Number of actions (steps after the initial state). */
  length: number;
  steps: { action: string; change: string; state: string }[];
}

/** The counterexample to the first violation found, described by the model. */
export function describeCounterexample(explorer: Explorer): Counterexample | null {
  const first = explorer.result().firstViolation;
  if (!first) return null;
  const steps = explorer.trace(first.id);
  const model = explorer.model;
  return {
    invariant: first.invariant,
    length: steps.length - 1,
    steps: steps.map((s, i) => {
      const before = i > 0 ? steps[i - 1]!.state : null;
      return {
        action: s.action < 0 ? 'Initial' : model.describeAction(s.action),
        change: before ? model.describeStep(before, s.state, s.action) : '',
        state: model.describeState(s.state),
      };
    }),
  };
}

/** Runs an exploration to the end. */
export function explore(model: Model, options: ExploreOptions = {}): { explorer: Explorer; result: ExploreResult } {
  const explorer = new Explorer(model, options);
  explorer.step();
  return { explorer, result: explorer.result() };
}
