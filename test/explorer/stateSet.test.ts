import { describe, expect, it } from 'vitest';
import { ChunkedU32, PackedStateSet, hashWords } from '../../src/explorer/stateSet';

/** mulberry32: a small seeded generator whose low bits are as good as its high bits. */
function lcg(seed: number) {
  let x = seed >>> 0;
  return () => {
    x = (x + 0x6d2b79f5) >>> 0;
    let t = Math.imul(x ^ (x >>> 15), 1 | x);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

describe('PackedStateSet', () => {
  it('inserts, finds and returns dense ids', () => {
    const set = new PackedStateSet(2);
    expect(set.add(new Uint32Array([1, 2]))).toBe(0);
    expect(set.add(new Uint32Array([2, 1]))).toBe(1);
    expect(set.add(new Uint32Array([1, 2]))).toBe(-1); // already there as id 0
    expect(set.add(new Uint32Array([2, 1]))).toBe(-2);
    expect(set.has(new Uint32Array([1, 2]))).toBe(true);
    expect(set.has(new Uint32Array([1, 3]))).toBe(false);
    expect(set.size).toBe(2);
    const out = new Uint32Array(2);
    set.get(1, out);
    expect(Array.from(out)).toEqual([2, 1]);
    expect(() => set.get(2, out)).toThrow(RangeError);
  });

  it('reads keys at an offset', () => {
    const set = new PackedStateSet(3);
    const buf = new Uint32Array([9, 9, 1, 2, 3, 9]);
    expect(set.add(buf, 2)).toBe(0);
    expect(set.has(new Uint32Array([1, 2, 3]))).toBe(true);
  });

  it('agrees with a JS Map over 300,000 random keys while growing (many tables, several chunks)', () => {
    const set = new PackedStateSet(3, 16);
    const ref = new Map<string, number>();
    const rand = lcg(42);
    const key = new Uint32Array(3);
    let wrong = 0;
    for (let i = 0; i < 300_000; i++) {
      // Small ranges so that duplicates are frequent and keys differ in single words.
      key[0] = rand() % 64;
      key[1] = rand() % 4096;
      key[2] = rand() & 0x80000001;
      const k = key.join(',');
      const r = set.add(key);
      const known = ref.get(k);
      if (known === undefined) {
        if (r !== ref.size) wrong++;
        ref.set(k, r);
      } else if (r !== -1 - known) {
        wrong++;
      }
    }
    expect(wrong).toBe(0);
    expect(set.size).toBe(ref.size);
    expect(ref.size).toBeGreaterThan(65_536 * 2); // more than two chunks
    const out = new Uint32Array(3);
    for (const [k, id] of ref) {
      set.get(id, out);
      if (out.join(',') !== k) wrong++;
    }
    expect(wrong).toBe(0);
    // The table stays at most 70% full, the chunks hold exactly what they must.
    expect(set.bytes).toBeLessThan(ref.size * (3 * 4 + 2 * 4 * 2 / 0.7) + 4 * 65_536 * 3 * 4);
  });

  it('tells the bytes the next insert may need', () => {
    const set = new PackedStateSet(1, 16);
    const key = new Uint32Array(1);
    for (let i = 0; i < 1000; i++) {
      const before = set.bytesAfterOneMore();
      key[0] = i;
      set.add(key);
      expect(set.bytes).toBeLessThanOrEqual(before);
    }
  });

  it('hashes all words and their order', () => {
    const a = hashWords(new Uint32Array([1, 2, 3]), 0, 3);
    expect(hashWords(new Uint32Array([1, 2, 3]), 0, 3)).toBe(a);
    expect(hashWords(new Uint32Array([3, 2, 1]), 0, 3)).not.toBe(a);
    expect(hashWords(new Uint32Array([1, 2, 3]), 0, 2)).not.toBe(a);
    expect(a).toBeGreaterThanOrEqual(0);
  });
});

describe('ChunkedU32', () => {
  it('pushes across chunks and reads back', () => {
    const v = new ChunkedU32();
    for (let i = 0; i < 200_000; i++) v.push(i * 3);
    expect(v.length).toBe(200_000);
    expect(v.get(0)).toBe(0);
    expect(v.get(199_999)).toBe(599_997);
    expect(v.get(65_536)).toBe(196_608);
    expect(() => v.get(200_000)).toThrow(RangeError);
  });
});
