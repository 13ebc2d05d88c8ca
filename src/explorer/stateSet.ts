// A hash set of fixed-width packed states, built for millions of entries.
//
// Every state gets a dense id (0, 1, 2, … in insertion order) and its words live in chunked
// Uint32Arrays (growing never copies them). The index is an open-addressing table with linear
// probing whose slots are two words: [id + 1 (0 = empty), 32-bit hash]. Comparing the stored hash
// first means a probe touches the state words only on a real match (or a 1-in-2^32 collision), and
// growing the table rehashes from the stored hashes without reading any state.
//
// The index can be cleared while the states stay stored (clearIndex): a sweep-line explorer whose
// model only ever moves forward level by level indexes just the level it is generating.

const CHUNK_SHIFT = 16; // 65,536 states per chunk
const CHUNK_STATES = 1 << CHUNK_SHIFT;
const CHUNK_MASK = CHUNK_STATES - 1;
const MAX_LOAD = 0.7;

/** MurmurHash3-style 32-bit hash of `n` words of `w` starting at `off`. */
export function hashWords(w: Uint32Array, off: number, n: number): number {
  let h = 0x9747b28c ^ n;
  for (let i = 0; i < n; i++) {
    let k = w[off + i]!;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class PackedStateSet {
  readonly words: number;
  private readonly chunks: Uint32Array[] = [];
  private table: Uint32Array;
  private slotMask: number;
  private growAt: number;
  private count = 0;
  /** States in the index (all of them unless clearIndex was called). */
  private indexed = 0;
  /** Slot where the last missed lookup would insert. */
  private missSlot = -1;

  constructor(words: number, initialSlots = 1024) {
    if (!Number.isInteger(words) || words < 1) throw new Error(`state width must be a positive whole number of words, not ${words}`);
    this.words = words;
    let slots = 16;
    while (slots < initialSlots) slots *= 2;
    this.table = new Uint32Array(slots * 2);
    this.slotMask = slots - 1;
    this.growAt = Math.floor(slots * MAX_LOAD);
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held now: the table plus the state chunks. */
  get bytes(): number {
    return (this.slotMask + 1) * 8 + this.chunks.length * CHUNK_STATES * this.words * 4;
  }

  /** Bytes this set would hold after inserting one more new state (it may grow the table or add a chunk). */
  bytesAfterOneMore(): number {
    let b = this.bytes;
    if (this.indexed + 1 > this.growAt) b += (this.slotMask + 1) * 8; // the table doubles
    if ((this.count & CHUNK_MASK) === 0) b += CHUNK_STATES * this.words * 4; // a new chunk
    return b;
  }

  /** Id of the state `key[off … off+words)` (its hash is `hash`), or -1; a miss remembers where to insert. */
  find(key: Uint32Array, off: number, hash: number): number {
    const table = this.table;
    const mask = this.slotMask;
    const w = this.words;
    let slot = hash & mask;
    for (;;) {
      const entry = table[slot * 2]!;
      if (entry === 0) {
        this.missSlot = slot;
        return -1;
      }
      if (table[slot * 2 + 1] === hash) {
        const id = entry - 1;
        const chunk = this.chunks[id >>> CHUNK_SHIFT]!;
        const base = (id & CHUNK_MASK) * w;
        let same = true;
        for (let i = 0; i < w; i++) {
          if (chunk[base + i] !== key[off + i]) { same = false; break; }
        }
        if (same) return id;
      }
      slot = (slot + 1) & mask;
    }
  }

  /**
   * Inserts a state that `find` just reported missing (same key, same hash, nothing inserted in
   * between) and returns its new id.
   */
  insertMissing(key: Uint32Array, off: number, hash: number): number {
    if (this.missSlot < 0) throw new Error('insertMissing without a preceding missed find');
    const id = this.count;
    if (id >= 0xfffffffe) throw new Error('state set full (2^32 - 2 states)');
    if (this.indexed + 1 > this.growAt) {
      this.grow();
      this.find(key, off, hash); // recompute the slot in the bigger table
    }
    const w = this.words;
    if ((id & CHUNK_MASK) === 0) this.chunks.push(new Uint32Array(CHUNK_STATES * w));
    const chunk = this.chunks[id >>> CHUNK_SHIFT]!;
    const base = (id & CHUNK_MASK) * w;
    for (let i = 0; i < w; i++) chunk[base + i] = key[off + i]!;
    this.table[this.missSlot * 2] = id + 1;
    this.table[this.missSlot * 2 + 1] = hash;
    this.missSlot = -1;
    this.count = id + 1;
    this.indexed++;
    return id;
  }

  /** Inserts the state if absent. Returns its id when new, or -1 - id when it was already there. */
  add(key: Uint32Array, off = 0): number {
    const hash = hashWords(key, off, this.words);
    const id = this.find(key, off, hash);
    return id >= 0 ? -1 - id : this.insertMissing(key, off, hash);
  }

  /** Whether the state is in the set. */
  has(key: Uint32Array, off = 0): boolean {
    return this.find(key, off, hashWords(key, off, this.words)) >= 0;
  }

  /**
   * Empties the index but keeps every state stored (ids, get and bytes are unchanged): later finds
   * see only the states inserted after this call. The table keeps its size.
   */
  clearIndex(): void {
    this.table.fill(0);
    this.indexed = 0;
    this.missSlot = -1;
  }

  /**
   * The slot a lookup of `hash` starts at: id + 1 of the state there, or 0. Only for warming the
   * caches before a batch of lookups (see Explorer.flush).
   */
  slotAt(hash: number): number {
    return this.table[(hash & this.slotMask) * 2]!;
  }

  /** The first word of state `id`, unchecked: only for warming the caches (see slotAt). */
  firstWord(id: number): number {
    return this.chunks[id >>> CHUNK_SHIFT]![(id & CHUNK_MASK) * this.words]!;
  }

  /** Copies state `id` into `out` at `outOff`. */
  get(id: number, out: Uint32Array, outOff = 0): void {
    if (!(id >= 0 && id < this.count)) throw new RangeError(`no state with id ${id}`);
    const chunk = this.chunks[id >>> CHUNK_SHIFT]!;
    const base = (id & CHUNK_MASK) * this.words;
    for (let i = 0; i < this.words; i++) out[outOff + i] = chunk[base + i]!;
  }

  private grow(): void {
    const old = this.table;
    const slots = (this.slotMask + 1) * 2;
    const table = new Uint32Array(slots * 2);
    const mask = slots - 1;
    for (let s = 0; s < old.length; s += 2) {
      const entry = old[s]!;
      if (entry === 0) continue;
      const hash = old[s + 1]!;
      let slot = hash & mask;
      while (table[slot * 2] !== 0) slot = (slot + 1) & mask;
      table[slot * 2] = entry;
      table[slot * 2 + 1] = hash;
    }
    this.table = table;
    this.slotMask = mask;
    this.growAt = Math.floor(slots * MAX_LOAD);
  }
}

/** A growable array of uint32 in chunks (growing never copies). */
export class ChunkedU32 {
  private readonly chunks: Uint32Array[] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  get bytes(): number {
    return this.chunks.length * CHUNK_STATES * 4;
  }

  /** Bytes after one more push. */
  bytesAfterOneMore(): number {
    return this.bytes + ((this.count & CHUNK_MASK) === 0 ? CHUNK_STATES * 4 : 0);
  }

  push(x: number): void {
    if ((this.count & CHUNK_MASK) === 0) this.chunks.push(new Uint32Array(CHUNK_STATES));
    this.chunks[this.count >>> CHUNK_SHIFT]![this.count & CHUNK_MASK] = x;
    this.count++;
  }

  get(i: number): number {
    if (!(i >= 0 && i < this.count)) throw new RangeError(`index ${i} out of range`);
    return this.chunks[i >>> CHUNK_SHIFT]![i & CHUNK_MASK]!;
  }
}
