import type { NodeId } from './types';

/** The smallest majority of `n` acceptors: any two such sets intersect. */
export function majority(n: number): number {
  return Math.floor(n / 2) + 1;
}

export function isMajority(count: number, n: number): boolean {
  return count >= majority(n);
}

/**
 * How many of `n` nodes the *protocol* waits for (promises, accepted votes, read replies): a
 * majority, or ⌊n/2⌋ with the `small-quorum` variant — two such groups need not overlap. The
 * safety monitor never uses this: it always counts a real majority.
 */
export function protocolQuorum(n: number, smallQuorum = false): number {
  return smallQuorum ? Math.floor(n / 2) : majority(n);
}

const NAMES = 'ABCDEFGHI';
/** Node names by cluster size, made once (the simulation asks on every step). */
const IDS_BY_SIZE: readonly (readonly NodeId[])[] = Array.from({ length: NAMES.length + 1 }, (_, n) => [...NAMES.slice(0, n)]);

/** Node names for a cluster of `n` (up to 9): A, B, C, … */
export function nodeIds(n: number): readonly NodeId[] {
  return IDS_BY_SIZE[n] ?? Array.from({ length: n }, (_, i) => String.fromCharCode(65 + i));
}

export function nodeIndex(id: NodeId): number {
  return id.charCodeAt(0) - 65;
}
