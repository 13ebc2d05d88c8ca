import { describe, expect, it } from 'vitest';
import { nextPresence, prunePresence, type PresenceState } from '../../../src/features/graph/shared';

// Presence: what the message layer draws while messages arrive and leave (leaving ones fade out).

type Item = { readonly id: number };
const start = (items: readonly Item[]): PresenceState<Item> => ({ source: items, items, leaving: new Set(), until: new Map() });
const ids = (s: PresenceState<Item>) => s.items.map((x) => x.id);

describe('presence', () => {
  it('keeps an item that left for exitMs, in its place, marked as leaving', () => {
    const [a, b, c] = [{ id: 1 }, { id: 2 }, { id: 3 }];
    const s1 = nextPresence(start([a, b, c]), [a, c], 200, 1000);
    expect(ids(s1)).toEqual([1, 2, 3]);
    expect([...s1.leaving]).toEqual([2]);
    // Still fading 150 ms later, even if the list changed again meanwhile.
    const d = { id: 4 };
    const s2 = nextPresence(s1, [a, c, d], 200, 1150);
    expect(ids(s2)).toEqual([1, 2, 3, 4]);
    expect(prunePresence(s2, 1150)).toBe(s2);
    // Gone once its fade has ended.
    const s3 = prunePresence(s2, 1200);
    expect(ids(s3)).toEqual([1, 3, 4]);
    expect(s3.leaving.size).toBe(0);
  });

  it('drops items at once without an exit time, and revives an item that comes back', () => {
    const [a, b] = [{ id: 1 }, { id: 2 }];
    const s1 = nextPresence(start([a, b]), [a], 0, 0);
    expect(ids(s1)).toEqual([1]);
    expect(s1.items).toBe(s1.source);
    const s2 = nextPresence(nextPresence(start([a, b]), [a], 200, 0), [a, b], 200, 50);
    expect(ids(s2)).toEqual([1, 2]);
    expect(s2.leaving.size).toBe(0);
  });

  it('does not accumulate: with items arriving and leaving all the time, only recent leavers stay', () => {
    let s = start([]);
    let next = 1;
    let live: Item[] = [];
    for (let t = 0; t < 10_000; t += 33) {
      live = [...live.slice(2), { id: next++ }, { id: next++ }];
      s = prunePresence(nextPresence(s, live, 220, t), t);
    }
    // Two leave every 33 ms and each stays 220 ms: at most 2 × ⌈220 / 33⌉ fading at once.
    expect(s.leaving.size).toBeLessThanOrEqual(14);
    expect(s.items.length).toBeLessThanOrEqual(live.length + 14);
  });
});
