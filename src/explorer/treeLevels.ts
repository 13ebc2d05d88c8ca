// What a tree exploration keeps. When every reachable state is pushed by exactly one parent
// (Model.pushesOnce, no symmetry), the breadth-first search is a walk over a tree: nothing is ever
// looked up, so no state needs to stay stored once its level has been expanded. Kept are:
//   - the level being expanded and the level being generated, `stride` words a state (the state,
//     then the words the model derives from it, Model.auxWords), in two buffers that swap at each
//     new level: memory grows only with the widest level and is reused, never freshly touched
//     for each state;
//   - how many successors each expanded state had (2 bytes a state). Ids are given in BFS order
//     and a state's successors get consecutive ids, so these counts find any state's parent, and
//     a state is rebuilt by replaying the model along that path (Explorer.trace).

const CHUNK_SHIFT = 16;
const CHUNK = 1 << CHUNK_SHIFT;
const MAX_CHILDREN = 0xffff;

export class TreeLevels {
  readonly stride: number;
  /** The level being expanded: states with ids [levelStart, levelStart + levelCount). */
  private level: Uint32Array;
  /** The level being generated: `nextCount` states, ids from levelStart + levelCount. */
  private nextLevel: Uint32Array;
  levelStart = 0;
  levelCount = 0;
  nextCount = 0;
  private readonly counts: Uint16Array[] = [];
  /** The last chunk of `counts` (being filled). */
  private lastCounts = new Uint16Array(0);
  /** Expanded states (their successor counts recorded). */
  private expanded = 0;
  /** firstChild[p]: the id of p's first successor, built on demand for traces (see parentOf). */
  private firstChild: Uint32Array | null = null;
  /** Bytes held (kept up to date: reading byteLength on every push costs ~8 % of a run). */
  private held: number;

  constructor(stride: number) {
    this.stride = stride;
    this.level = new Uint32Array(1024 * stride);
    this.nextLevel = new Uint32Array(1024 * stride);
    this.held = 2 * 1024 * stride * 4;
  }

  get bytes(): number {
    return this.held;
  }

  /** Bytes after adding one more state to the next level and recording one more count. */
  bytesAfterOneMore(): number {
    let b = this.held;
    if ((this.nextCount + 1) * this.stride > this.nextLevel.length) b += this.nextLevel.length * 4; // doubles
    if ((this.expanded & (CHUNK - 1)) === 0) b += CHUNK * 2;
    return b;
  }

  /** Appends a state of the next level: the first `stride` words of `src`. */
  add(src: Uint32Array): void {
    const stride = this.stride;
    const at = this.nextCount * stride;
    if (at + stride > this.nextLevel.length) this.growNext();
    const buf = this.nextLevel;
    for (let i = 0; i < stride; i++) buf[at + i] = src[i]!; // (faster than set() for a few words)
    this.nextCount++;
  }

  private growNext(): void {
    const bigger = new Uint32Array(this.nextLevel.length * 2);
    bigger.set(this.nextLevel);
    this.held += this.nextLevel.length * 4;
    this.nextLevel = bigger;
  }

  /** The words of the k-th state of the next level (a view, for the model to fill in its derived words). */
  nextState(k: number): Uint32Array {
    return this.nextLevel.subarray(k * this.stride, (k + 1) * this.stride);
  }

  /** The buffer of the level being expanded (state `id` starts at offsetOf(id)); it does not change until advance(). */
  get levelBuffer(): Uint32Array {
    return this.level;
  }

  offsetOf(id: number): number {
    return (id - this.levelStart) * this.stride;
  }

  /** Copies state `id` of the level being expanded (stride words) into `out`. */
  read(id: number, out: Uint32Array): void {
    const stride = this.stride;
    const buf = this.level;
    for (let i = 0, at = (id - this.levelStart) * stride; i < stride; i++, at++) out[i] = buf[at]!;
  }

  /** Whether state `id` is still held (it is in the level being expanded or generated). */
  holds(id: number): boolean {
    return id >= this.levelStart && id < this.levelStart + this.levelCount + this.nextCount;
  }

  /** Copies the state words (`words` of them) of a held state into `out`. */
  copyHeld(id: number, words: number, out: Uint32Array): void {
    const k = id - this.levelStart;
    const [buf, at] = k < this.levelCount ? [this.level, k * this.stride] : [this.nextLevel, (k - this.levelCount) * this.stride];
    for (let i = 0; i < words; i++) out[i] = buf[at + i]!;
  }

  /** The next level becomes the level being expanded (the old buffer is reused for the one after). */
  advance(): void {
    this.levelStart += this.levelCount;
    this.levelCount = this.nextCount;
    this.nextCount = 0;
    const old = this.level;
    this.level = this.nextLevel;
    this.nextLevel = old;
  }

  /** Bytes after recording one more successor count (a new chunk of counts, or none). */
  bytesToRecordOneMore(): number {
    return this.held + ((this.expanded & (CHUNK - 1)) === 0 ? CHUNK * 2 : 0);
  }

  /** States the next level can take without growing. */
  roomWithoutGrowth(): number {
    return this.nextLevel.length / this.stride - this.nextCount;
  }

  /**
   * Records how many successors the next expanded state (in id order) had; true when the next
   * record will need a new chunk (bytesAfterOneMore then counts it).
   */
  recordChildren(n: number): boolean {
    if (n > MAX_CHILDREN) throw new Error(`a state had ${n} successors; a tree exploration records at most ${MAX_CHILDREN}`);
    const i = this.expanded++;
    if ((i & (CHUNK - 1)) === 0) {
      this.lastCounts = new Uint16Array(CHUNK);
      this.counts.push(this.lastCounts);
      this.held += CHUNK * 2;
    }
    this.lastCounts[i & (CHUNK - 1)] = n;
    this.firstChild = null;
    return (this.expanded & (CHUNK - 1)) === 0;
  }

  /**
   * The parent of state `id` and the position of `id` among its successors, or null for an
   * initial state (ids below `initial`).
   */
  parentOf(id: number, initial: number): { parent: number; index: number } | null {
    if (id < initial) return null;
    if (this.firstChild === null) {
      const first = new Uint32Array(this.expanded);
      for (let p = 0, next = initial; p < this.expanded; p++) {
        first[p] = next;
        next += this.counts[p >>> CHUNK_SHIFT]![p & (CHUNK - 1)]!;
      }
      this.firstChild = first;
    }
    // The last expanded state whose first successor is at or before id (states with no successors
    // share the next one's value and come before it).
    const first = this.firstChild;
    let lo = 0;
    let hi = first.length - 1;
    if (hi < 0 || first[0]! > id) throw new RangeError(`no state with id ${id}`);
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (first[mid]! <= id) lo = mid;
      else hi = mid - 1;
    }
    return { parent: lo, index: id - first[lo]! };
  }
}
